from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "samen.budget"
    verbose_name = "Budget In Zicht"
