from django.apps import AppConfig


class EnergyConfig(AppConfig):
    name = "samen.energy"
    verbose_name = "Energiehuis"

    def ready(self) -> None:
        from samen.core import demo_steps
        from samen.energy import demo, imports  # noqa: F401 (imports registers kinds)

        demo_steps.register(45, "energy", demo.build)
