"""details jsonb and indexes

Revision ID: a91b3e5c7d24
Revises: 4c8e1a7d3f02
Create Date: 2024-03-05 10:10:10.101010

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = 'a91b3e5c7d24'
down_revision = '4c8e1a7d3f02'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('access_logs', sa.Column('details', postgresql.JSONB()))
    op.create_index('access_logs_user_idx', 'access_logs', ['user_id', 'occurred_at'])
    op.create_index('access_logs_details_gin', 'access_logs', ['details'], postgresql_using='gin')
    op.create_index('access_logs_errors_idx', 'access_logs', ['occurred_at'],
                    postgresql_where=sa.text('status_code >= 500'))


def downgrade():
    for name in ('access_logs_errors_idx', 'access_logs_details_gin', 'access_logs_user_idx'):
        op.drop_index(name, table_name='access_logs')
    op.drop_column('access_logs', 'details')
