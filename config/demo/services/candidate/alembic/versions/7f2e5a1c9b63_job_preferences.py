"""job preferences (salary_range type)

Revision ID: 7f2e5a1c9b63
Revises: 1e6b2f8a9c30
Create Date: 2023-05-09 08:47:30.019566

Written on a feature branch in parallel with 6d0f3b8e2a47; merged by 9b8d4c3a2e10.
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '7f2e5a1c9b63'
down_revision = '1e6b2f8a9c30'
branch_labels = None
depends_on = None


def upgrade():
    op.execute("CREATE TYPE salary_range AS RANGE (subtype = numeric)")
    op.create_table(
        'job_preferences',
        sa.Column('profile_id', postgresql.UUID(), sa.ForeignKey('profiles.id', ondelete='CASCADE'),
                  primary_key=True),
        sa.Column('desired_titles', postgresql.ARRAY(sa.Text()), nullable=False, server_default='{}'),
        sa.Column('contract_types', postgresql.ARRAY(sa.Text()), nullable=False, server_default='{}'),
        sa.Column('preferred_region_ids', postgresql.ARRAY(sa.Integer())),
        sa.Column('remote_ratio', sa.REAL()),
        sa.Column('availability_date', sa.Date()),
        sa.Column('relocation', sa.Boolean()),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    op.execute("ALTER TABLE job_preferences ADD COLUMN salary_expectation salary_range")


def downgrade():
    op.drop_table('job_preferences')
    op.execute("DROP TYPE salary_range")
