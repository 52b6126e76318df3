"""recipient, priority, attempts

Revision ID: 2d9f4b6a1e58
Revises: 5a0c7e3f9d21
Create Date: 2023-10-12 09:41:18.662390

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '2d9f4b6a1e58'
down_revision = '5a0c7e3f9d21'
branch_labels = None
depends_on = None


def upgrade():
    op.execute(
        "CREATE DOMAIN email_address AS text "
        "CONSTRAINT email_address_format CHECK (VALUE ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$')"
    )
    op.execute("ALTER TABLE notifications ADD COLUMN recipient email_address")
    op.add_column('notifications', sa.Column('priority', sa.SmallInteger(), nullable=False, server_default='3'))
    op.add_column('notifications', sa.Column('attempts', sa.SmallInteger(), nullable=False, server_default='0'))
    op.create_check_constraint('notifications_read_after_sent', 'notifications',
                               'read_at IS NULL OR sent_at IS NOT NULL')


def downgrade():
    op.drop_constraint('notifications_read_after_sent', 'notifications', type_='check')
    for column in ('attempts', 'priority', 'recipient'):
        op.drop_column('notifications', column)
    op.execute("DROP DOMAIN email_address")
