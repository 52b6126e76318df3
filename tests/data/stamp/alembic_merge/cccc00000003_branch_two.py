revision = 'cccc00000003'
down_revision = 'aaaa00000001'
