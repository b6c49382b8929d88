from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "samen.access"
    verbose_name = "Toegang"
