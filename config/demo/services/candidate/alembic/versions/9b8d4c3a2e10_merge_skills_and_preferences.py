"""merge skills and job preferences branches

Revision ID: 9b8d4c3a2e10
Revises: 6d0f3b8e2a47, 7f2e5a1c9b63
Create Date: 2023-05-15 17:05:44.391027

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9b8d4c3a2e10'
down_revision = ('6d0f3b8e2a47', '7f2e5a1c9b63')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
