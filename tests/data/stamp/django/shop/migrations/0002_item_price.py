from django.conf import settings
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("shop", "0001_initial"),  # a comment, with a ('fake', 'tuple')
    ]

    def helper(self):
        dependencies = [("nowhere", "0001")]  # a method's local: not the class setting
        return dependencies

    operations = []
