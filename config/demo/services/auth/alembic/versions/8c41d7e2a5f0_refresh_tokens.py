"""refresh tokens (unlogged)

Revision ID: 8c41d7e2a5f0
Revises: 3f2a9c1d0b7e
Create Date: 2023-03-20 16:40:11.008221

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '8c41d7e2a5f0'
down_revision = '3f2a9c1d0b7e'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'refresh_tokens',
        sa.Column('id', sa.BigInteger(), sa.Identity(always=False), primary_key=True),
        sa.Column('user_id', postgresql.UUID(), sa.ForeignKey('users.id', ondelete='CASCADE'), nullable=False),
        sa.Column('token_hash', sa.LargeBinary(), nullable=False, unique=True),
        sa.Column('user_agent', sa.Text()),
        sa.Column('ip_address', postgresql.INET()),
        sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('revoked_at', sa.DateTime(timezone=True)),
        sa.CheckConstraint('expires_at > issued_at', name='refresh_tokens_expiry'),
        prefixes=['UNLOGGED'],
    )
    op.create_index('refresh_tokens_live_idx', 'refresh_tokens', ['user_id', 'expires_at'],
                    postgresql_where=sa.text('revoked_at IS NULL'))


def downgrade():
    op.drop_table('refresh_tokens')
