revision = 'abc123'
down_revision = None
