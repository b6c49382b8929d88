from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "samen.registry"
    verbose_name = "Register"
