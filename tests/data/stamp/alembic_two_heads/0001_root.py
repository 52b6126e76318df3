revision = 'e1e1e1e1e1e1'
down_revision = None
