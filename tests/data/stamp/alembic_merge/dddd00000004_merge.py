"""merge branch one and two

Revision ID: dddd00000004
Revises: bbbb00000002, cccc00000003
"""
revision = 'dddd00000004'
down_revision = (
    'bbbb00000002',  # branch one
    'cccc00000003',
)
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
