"""unread and payload indexes

Revision ID: e3b71f0c8a46
Revises: 2d9f4b6a1e58
Create Date: 2024-02-27 18:20:05.150774

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'e3b71f0c8a46'
down_revision = '2d9f4b6a1e58'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('notifications_unread_idx', 'notifications', ['user_id', 'created_at'],
                    postgresql_where=sa.text('read_at IS NULL'))
    op.create_index('notifications_payload_gin', 'notifications', ['payload'], postgresql_using='gin',
                    postgresql_ops={'payload': 'jsonb_path_ops'})


def downgrade():
    op.drop_index('notifications_payload_gin', table_name='notifications')
    op.drop_index('notifications_unread_idx', table_name='notifications')
