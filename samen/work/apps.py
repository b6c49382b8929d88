from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "samen.work"
    verbose_name = "Werk"
