from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "samen.work"
    verbose_name = "Werk"

    def ready(self) -> None:
        from samen.core import demo_steps
        from samen.work import demo, imports  # noqa: F401 (imports registers kinds)

        demo_steps.register(40, "work", demo.build)
