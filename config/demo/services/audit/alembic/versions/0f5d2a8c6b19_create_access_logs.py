"""create access_logs

Revision ID: 0f5d2a8c6b19
Revises:
Create Date: 2023-03-01 13:30:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0f5d2a8c6b19'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'access_logs',
        sa.Column('id', sa.BigInteger(), primary_key=True),
        sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('user_id', postgresql.UUID()),
        sa.Column('service', sa.Text(), nullable=False),
        sa.Column('method', sa.Text(), nullable=False),
        sa.Column('path', sa.Text(), nullable=False),
        sa.Column('status_code', sa.SmallInteger(), nullable=False),
        sa.Column('duration_ms', sa.Float()),
        sa.Column('ip_address', postgresql.INET()),
        sa.Column('user_agent', sa.Text()),
    )


def downgrade():
    op.drop_table('access_logs')
