from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "samen.work"
    verbose_name = "Werk"

    def ready(self) -> None:
        from samen.access import rules
        from samen.core import demo_steps, panels
        from samen.work import demo, imports  # noqa: F401 (imports registers kinds)

        demo_steps.register(40, "work", demo.build)
        demo_steps.register_year(2018, 40, "work-2018", demo.build_2018)
        panels.register(roles=rules.WIJKWERK_COACH, template="work/_coach_panel.html",
                        context=_coach_panel)  # fmt: skip
        panels.register(roles=rules.WIJKWERK_USER | {"citizen"}, template="work/_own_panel.html",
                        context=_own_panel)  # fmt: skip


def _coach_panel(user) -> dict:
    """Counts only: the names are on the wijk-werk page, audited there."""
    from samen.work import selectors

    workers = selectors.workers_for(user)
    return {
        "open_requests": selectors.open_requests(user).count(),
        "waiting": workers.filter(intake_on__isnull=True, not_started_reason="").count(),
        "active": workers.filter(started_on__isnull=False, ended_on__isnull=True).count(),
    }


def _own_panel(user) -> dict:
    from samen.work import selectors

    own = selectors.own_user(user)
    return {"own": own, "balance": selectors.cheque_balance(own) if own else None,
            "worker": selectors.own_worker(user)}  # fmt: skip
