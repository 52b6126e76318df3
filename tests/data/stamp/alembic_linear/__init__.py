revision = 'not_a_migration'
down_revision = None
