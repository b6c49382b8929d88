from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "samen.imports"
    verbose_name = "Imports"

    def ready(self) -> None:
        # Each module registers its import kinds when it loads.
        from samen.imports import kinds  # noqa: F401
