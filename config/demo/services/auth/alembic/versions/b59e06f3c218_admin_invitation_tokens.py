"""admin invitation tokens, user flags

Revision ID: b59e06f3c218
Revises: 8c41d7e2a5f0
Create Date: 2023-09-04 11:02:47.730915

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = "b59e06f3c218"
down_revision = "8c41d7e2a5f0"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('users', sa.Column('locale', sa.Text(), nullable=False, server_default='fr-FR'))
    op.add_column('users', sa.Column('is_superuser', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('users', sa.Column('failed_logins', sa.SmallInteger(), nullable=False, server_default='0'))
    op.add_column('users', sa.Column('last_login_at', sa.DateTime(timezone=True)))
    op.create_table(
        'admin_invitation_tokens',
        sa.Column('id', postgresql.UUID(), primary_key=True, server_default=sa.text('gen_random_uuid()')),
        sa.Column('email', sa.Text(), nullable=False),
        sa.Column('token', sa.Text(), nullable=False, unique=True),
        sa.Column('role_id', sa.Integer(), sa.ForeignKey('roles.id'), nullable=False),
        sa.Column('invited_by', postgresql.UUID(), sa.ForeignKey('users.id', ondelete='SET NULL')),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('used_at', sa.DateTime(timezone=True)),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )


def downgrade():
    op.drop_table('admin_invitation_tokens')
    for column in ('last_login_at', 'failed_logins', 'is_superuser', 'locale'):
        op.drop_column('users', column)
