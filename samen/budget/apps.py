from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "samen.budget"
    verbose_name = "Budget In Zicht"

    def ready(self) -> None:
        from samen.budget import demo, imports  # noqa: F401 (imports registers kinds)
        from samen.core import demo_steps

        demo_steps.register(50, "budget", demo.build)
