

revision = 'def456'
down_revision = 'abc124'
