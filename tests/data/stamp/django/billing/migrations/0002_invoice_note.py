from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("billing", "0001_initial"), ("shop", "0002_item_price")]
    operations = []
