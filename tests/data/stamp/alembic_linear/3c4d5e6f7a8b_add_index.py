"""add index on users.email

revision = 'inside_a_docstring'
Revision ID: 3c4d5e6f7a8b
Revises: 2b3c4d5e6f7a
"""
from alembic import op

revision = '3c4d5e6f7a8b'
down_revision = '2b3c4d5e6f7a'
branch_labels = None
depends_on = None


def upgrade():
    revision = 'a_local_variable'
    op.create_index('users_email_idx', 'users', ['email'])


def downgrade():
    op.drop_index('users_email_idx')
