"""`samen demo` runs the steps the modules register (in their AppConfig.ready), in order;
`samen demo --year 2018` then runs the steps that add that year as event-level records."""

from collections.abc import Callable

STEPS: list[tuple[int, str, Callable]] = []
YEAR_STEPS: dict[int, list[tuple[int, str, Callable]]] = {}


def register(order: int, name: str, build: Callable) -> None:
    """build(seed: int, progress: bool) -> None; must be deterministic and idempotent."""
    STEPS.append((order, name, build))


def register_year(year: int, order: int, name: str, build: Callable) -> None:
    """A step that adds a past year (after the demo region exists); idempotent too."""
    YEAR_STEPS.setdefault(year, []).append((order, name, build))


def run(seed: int, progress: bool, years: tuple[int, ...] = ()) -> None:
    for _order, _name, build in sorted(STEPS, key=lambda s: s[0]):
        build(seed=seed, progress=progress)
    for year in years:
        for _order, _name, build in sorted(YEAR_STEPS.get(year, []), key=lambda s: s[0]):
            build(seed=seed, progress=progress)
    from samen.registry.demo import give_demo_authenticators

    give_demo_authenticators()
