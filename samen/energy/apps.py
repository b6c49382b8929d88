from django.apps import AppConfig


class EnergyConfig(AppConfig):
    name = "samen.energy"
    verbose_name = "Energiehuis"
