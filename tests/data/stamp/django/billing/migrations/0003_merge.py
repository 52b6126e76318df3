from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0002_invoice_note"),
        ("billing", "0002_invoice_total"),
        ("auth", "0012_alter_user_first_name_max_length"),  # an app not listed: not followed
    ]
    operations = []
