from django.db import migrations

OPERATIONS = []
