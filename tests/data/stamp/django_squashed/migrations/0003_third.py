from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0002_second")]
