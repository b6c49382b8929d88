from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "samen.reports"
    verbose_name = "Jaarverslag en cijfers"
