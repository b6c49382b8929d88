from django.db import migrations


def load(apps, schema_editor):
    from samen.registry import reference

    reference.load_municipalities(apps.get_model("registry", "Municipality"),
                                  apps.get_model("registry", "Section"))
    reference.load_programmes(apps.get_model("registry", "Programme"))


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
