from django.apps import AppConfig


class HousingConfig(AppConfig):
    name = "samen.housing"
    verbose_name = "Wonen"

    def ready(self) -> None:
        from samen.core import demo_steps
        from samen.housing import demo, imports  # noqa: F401 (imports registers kinds)

        demo_steps.register(30, "crisis-beds", demo.build_crisis)
        demo_steps.register(31, "meldpunt", demo.build_meldpunt)
        demo_steps.register(32, "dwelling-pool", demo.build_pool)
        demo_steps.register(33, "evictions", demo.build_evictions)
        demo_steps.register(34, "dedicated-team", demo.build_dedicated)
        demo_steps.register(35, "woonclub", demo.build_woonclub)
        demo_steps.register_year(2018, 30, "housing-2018", demo.build_2018)
