"""create notifications

Revision ID: 5a0c7e3f9d21
Revises:
Create Date: 2023-03-01 13:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '5a0c7e3f9d21'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    channel = postgresql.ENUM('email', 'sms', 'push', 'in_app', name='notification_channel')
    channel.create(op.get_bind())
    op.create_table(
        'notifications',
        sa.Column('id', sa.BigInteger(), primary_key=True),
        sa.Column('user_id', postgresql.UUID()),  # an auth user; plain reference
        sa.Column('channel', postgresql.ENUM(name='notification_channel', create_type=False), nullable=False),
        sa.Column('template', sa.Text(), nullable=False),
        sa.Column('subject', sa.Text()),
        sa.Column('body', sa.Text()),
        sa.Column('payload', postgresql.JSONB()),
        sa.Column('sent_at', sa.DateTime(timezone=True)),
        sa.Column('read_at', sa.DateTime(timezone=True)),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )


def downgrade():
    op.drop_table('notifications')
    postgresql.ENUM(name='notification_channel').drop(op.get_bind())
