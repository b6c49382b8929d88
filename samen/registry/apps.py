from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "samen.registry"
    verbose_name = "Register"

    def ready(self) -> None:
        from samen.core import demo_steps
        from samen.registry import demo

        demo_steps.register(10, "registry", demo.build)
