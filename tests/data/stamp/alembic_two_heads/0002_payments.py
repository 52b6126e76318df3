revision = 'f2f2f2f2f2f2'
down_revision = 'e1e1e1e1e1e1'
