from django.db import migrations


class Migration(migrations.Migration):
    replaces = [("app", "0001_initial"), ("app", "0002_second")]
    dependencies = []
