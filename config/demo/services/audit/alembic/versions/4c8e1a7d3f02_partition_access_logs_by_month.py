"""partition access_logs by month

Revision ID: 4c8e1a7d3f02
Revises: 0f5d2a8c6b19
Create Date: 2023-12-18 07:55:42.903311

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '4c8e1a7d3f02'
down_revision = '0f5d2a8c6b19'
branch_labels = None
depends_on = None


def upgrade():
    op.execute("ALTER TABLE access_logs RENAME TO access_logs_unpartitioned")
    op.execute(
        "CREATE TABLE access_logs (LIKE access_logs_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS) "
        "PARTITION BY RANGE (occurred_at)"
    )
    op.execute("ALTER TABLE access_logs ADD PRIMARY KEY (id, occurred_at)")
    for month in range(1, 13):
        start = f"2024-{month:02d}-01"
        end = "2025-01-01" if month == 12 else f"2024-{month + 1:02d}-01"
        op.execute(
            f"CREATE TABLE access_logs_2024_{month:02d} PARTITION OF access_logs "
            f"FOR VALUES FROM ('{start} 00:00:00+00') TO ('{end} 00:00:00+00')"
        )
    op.execute("CREATE TABLE access_logs_default PARTITION OF access_logs DEFAULT")
    op.execute("INSERT INTO access_logs SELECT * FROM access_logs_unpartitioned")
    op.execute("DROP TABLE access_logs_unpartitioned")


def downgrade():
    raise NotImplementedError("access_logs cannot be un-partitioned automatically")
