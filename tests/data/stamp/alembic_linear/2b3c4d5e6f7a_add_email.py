"""add email

Revision ID: 2b3c4d5e6f7a
Revises: 1a2b3c4d5e6f
Create Date: 2023-03-08 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "2b3c4d5e6f7a"  # the id Alembic generated
down_revision = "1a2b3c4d5e6f"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('users', sa.Column('email', sa.String(255)))


def downgrade():
    op.drop_column('users', 'email')
