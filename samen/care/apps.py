from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "samen.care"
    verbose_name = "Zorg"

    def ready(self) -> None:
        from samen.care import demo, imports  # noqa: F401 (imports registers kinds)
        from samen.core import demo_steps

        demo_steps.register(60, "care", demo.build)
        demo_steps.register(61, "volunteers", demo.build_volunteers)
        demo_steps.register(62, "solentra", demo.build_solentra)
        demo_steps.register(63, "konekti", demo.build_konekti)
