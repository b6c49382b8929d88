"""`samen demo` runs the steps the modules register (in their AppConfig.ready), in order."""

from collections.abc import Callable

STEPS: list[tuple[int, str, Callable]] = []


def register(order: int, name: str, build: Callable) -> None:
    """build(seed: int, progress: bool) -> None; must be deterministic and idempotent."""
    STEPS.append((order, name, build))


def run(seed: int, progress: bool) -> None:
    for _order, _name, build in sorted(STEPS, key=lambda s: s[0]):
        build(seed=seed, progress=progress)
