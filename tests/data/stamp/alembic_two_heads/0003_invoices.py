revision = 'a3a3a3a3a3a3'
down_revision = 'e1e1e1e1e1e1'
