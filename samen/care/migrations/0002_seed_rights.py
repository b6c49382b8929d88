"""The rights checklist as the GBO partners start with it; an administrator adds others."""

from django.db import migrations

RIGHTS = [
    ("verhoogde-tegemoetkoming", "Verhoogde tegemoetkoming (ziekenfonds)"),
    ("sociaal-tarief-energie", "Sociaal tarief energie"),
    ("leefloon", "Leefloon"),
    ("huurpremie", "Huurpremie of huursubsidie"),
    ("schooltoeslag", "Schooltoeslag (groeipakket)"),
    ("maximumfactuur", "Maximumfactuur"),
    ("zorgbudget", "Zorgbudget (Vlaamse sociale bescherming)"),
    ("studietoelage", "Studietoelage"),
]


def seed(apps, schema_editor):
    Right = apps.get_model("care", "Right")
    for order, (code, name) in enumerate(RIGHTS, start=1):
        Right.objects.get_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("care", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
