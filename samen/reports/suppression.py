"""Small-cell suppression for published output (open data, its API, the public reports of
a municipality). People counts from 1 to 4 show as "<5"; where a group of cells adds up to
a published total, a group never has exactly one hidden cell (it could be recovered by
subtraction), so a second cell — the smallest other — is hidden with it. Counts that are
not about people (kg, dwellings, events) are published as they are."""

SMALL = 5
HIDDEN = "<5"


def is_small(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < SMALL


def suppress_cells(values: dict, groups: list[list]) -> dict:
    """Hide small cells, then, group by group, a second cell wherever a group would have
    exactly one hidden cell; repeat until no group has one (groups may overlap: rows and
    columns of a table). `values` maps a key to an int or None; returns a new dict."""
    hidden = {key for key, value in values.items() if is_small(value)}
    changed = True
    while changed:
        changed = False
        for group in groups:
            in_group = [key for key in group if key in values]
            if sum(1 for key in in_group if key in hidden) != 1:
                continue
            others = [key for key in in_group
                      if key not in hidden and isinstance(values[key], int)]  # fmt: skip
            if not others:
                continue
            # the smallest other cell, preferring one that holds people over a zero
            second = min(others, key=lambda key: (values[key] == 0, values[key], str(key)))
            hidden.add(second)
            changed = True
    return {key: (HIDDEN if key in hidden else value) for key, value in values.items()}


def suppress_breakdown(breakdown: dict | None) -> dict | None:
    """One breakdown of people whose total is published (by situation, by municipality)."""
    if breakdown is None:
        return None
    return suppress_cells(breakdown, [list(breakdown)])
