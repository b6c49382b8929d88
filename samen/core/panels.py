"""Dashboard panels: each programme module registers its own (in its AppConfig.ready),
so the dashboard knows no module and modules depend on core, not the other way round."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    roles: frozenset[str]
    template: str
    context: Callable  # (user) -> dict


PANELS: list[Panel] = []


def register(*, roles, template: str, context: Callable) -> None:
    PANELS.append(Panel(frozenset(roles), template, context))


def for_user(user, roles: set[str]) -> list[dict]:
    return [{"template": p.template, **p.context(user)} for p in PANELS if p.roles & roles]
