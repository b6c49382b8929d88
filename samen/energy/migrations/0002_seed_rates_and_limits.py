"""The initial rates and income limits of `energy/rules.py`, as data an administrator
maintains from here on."""

from django.db import migrations


def seed(apps, schema_editor):
    from samen.energy import rules

    LoanRate = apps.get_model("energy", "LoanRate")
    IncomeThreshold = apps.get_model("energy", "IncomeThreshold")
    for product, target, valid_from, rate, source in rules.INITIAL_RATES:
        LoanRate.objects.get_or_create(product=product, target=target, valid_from=valid_from,
                                       defaults={"rate": rate, "source": source})  # fmt: skip
    for product, household, valid_from, amount, per_dependant, source in (
        rules.INITIAL_THRESHOLDS
    ):
        IncomeThreshold.objects.get_or_create(
            product=product, household=household, valid_from=valid_from,
            defaults={"amount": amount, "per_dependant": per_dependant, "source": source},
        )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("energy", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
