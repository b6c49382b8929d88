from django.apps import AppConfig


class FoodConfig(AppConfig):
    name = "samen.food"
    verbose_name = "Food Act 13"

    def ready(self) -> None:
        from samen.access import rules
        from samen.core import demo_steps, panels
        from samen.food import demo, imports, selectors  # noqa: F401 (imports registers kinds)

        demo_steps.register(20, "food", demo.build)
        demo_steps.register(21, "food-year", demo.build_year)
        demo_steps.register(22, "food-routes", demo.build_routes)
        demo_steps.register_year(2018, 20, "food-2018", demo.build_2018)

        panels.register(
            roles=rules.FOOD_ORDER,
            template="food/_organisation_panel.html",
            context=_organisation_panel,
        )
        panels.register(
            roles=rules.FOOD_STOCK,
            template="food/_panel.html",
            context=lambda user: {
                "totals": selectors.stock_totals(),
                "expiring": selectors.expiring_lots()[:8],
                "alerts": list(selectors.open_alerts()),
            },
        )


def _organisation_panel(user) -> dict:
    from django.utils import timezone

    from samen.food import selectors, services

    organisation = services.recipient_organisation(user)
    return {
        "organisation": organisation,
        **selectors.organisation_summary(organisation, timezone.localdate().year),
    }
