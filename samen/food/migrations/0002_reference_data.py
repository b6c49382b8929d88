from django.db import migrations


def load(apps, schema_editor):
    from samen.food import reference

    reference.load(apps.get_model("food", "Category"), apps.get_model("food", "Product"),
                   apps.get_model("food", "StorageLocation"))


class Migration(migrations.Migration):
    dependencies = [("food", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
