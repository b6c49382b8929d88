"""Published aggregates: the key figures per municipality and period with small-cell
suppression (samen/reports/suppression.py) applied across the whole table, so that the
open-data file, its API and the public report of one municipality show the same cells."""

import datetime as dt

from samen.reports import suppression
from samen.reports.contract import FIGURES, IDS
from samen.reports.selectors import key_figures

# Not in the table: the per-municipality split is the table itself.
LEFT_OUT = {"biz.education.pupils_by_municipality"}
# Averages over a group of people are hidden with the group that they average over.
AVERAGE_BASE = {
    "woonclub.search_days_avg": "woonclub.housed",
    "care.konekti.days_to_first_contact_avg": "care.konekti.families",
}
PERCENT_BASE = {"woonclub.reasons_pct": "woonclub.new_households"}


def columns(samples: list[dict]) -> list[str]:
    """The flat column names: an object figure gives one column per code (`id.code`) that
    any municipality has (a rate only some were given is a column for all)."""
    names = []
    for key in IDS:
        if key in LEFT_OUT:
            continue
        codes = [c for s in samples if isinstance(s.get(key), dict) for c in s[key]]
        names += [f"{key}.{c}" for c in dict.fromkeys(codes)] if codes else [key]
    return names


def _flat(figures: dict) -> dict:
    flat = {}
    for key, value in figures.items():
        if key in LEFT_OUT:
            continue
        if isinstance(value, dict):
            flat.update({f"{key}.{code}": v for code, v in value.items()})
        else:
            flat[key] = value
    return flat


def _figure_of(column: str) -> str:
    """The ID a column belongs to (codes may hold a dot: `energy.loans.by_rate.2.25`)."""
    while column not in FIGURES:
        column = column.rsplit(".", 1)[0]
    return column


def _counts_behind_percentages(flat: dict, figures: dict) -> dict:
    """A percentage of households stands for a count; suppression judges that count."""
    for key, base_key in PERCENT_BASE.items():
        base = figures.get(base_key)
        for code, pct in (figures.get(key) or {}).items():
            if isinstance(base, int) and pct is not None:
                flat[f"{key}.{code}"] = round(pct * base / 100)
    return flat


def table(start: dt.date, end: dt.date) -> list[dict]:
    """One row per municipality: {"municipality", "nis_code", columns...}, suppressed."""
    from samen.registry.models import Municipality

    towns = list(Municipality.objects.order_by("name"))
    raw = {town.pk: key_figures(start, end, town) for town in towns}
    flat = {town.pk: _flat(raw[town.pk]) for town in towns}
    cols = columns(list(raw.values()))
    people = [c for c in cols if FIGURES[_figure_of(c)].people or _figure_of(c) in PERCENT_BASE]
    judged = {  # the cells suppression judges: people counts (and the counts behind a %)
        (town.pk, col): value
        for town in towns
        for col, value in _counts_behind_percentages(dict(flat[town.pk]), raw[town.pk]).items()
        if col in people
    }
    groups = [[(town.pk, col) for town in towns] for col in people]  # each column: a total
    for town in towns:  # each object figure of one municipality adds up to its total
        for key in IDS:
            if FIGURES[key].people and isinstance(raw[town.pk].get(key), dict):
                groups.append([(town.pk, c) for c in people if _figure_of(c) == key])
    shown = suppression.suppress_cells(judged, groups)
    rows = []
    for town in towns:
        row = {"municipality": town.name, "nis_code": town.nis_code}
        for col in cols:
            value = flat[town.pk].get(col, 0 if col != _figure_of(col) else None)
            if shown.get((town.pk, col)) == suppression.HIDDEN:
                value = suppression.HIDDEN
            row[col] = value
        for avg, base in AVERAGE_BASE.items():
            if row.get(base) == suppression.HIDDEN:
                row[avg] = suppression.HIDDEN
        rows.append(row)
    return rows


def municipality_figures(start: dt.date, end: dt.date, municipality) -> dict:
    """The public figures of one municipality, shaped as key figures again (objects for
    the breakdowns), from the suppressed table."""
    row = next(r for r in table(start, end) if r["municipality"] == municipality.name)
    figures = {}
    for key in IDS:
        if key in LEFT_OUT:
            continue
        codes = {c[len(key) + 1:]: v for c, v in row.items()
                 if c.startswith(key + ".") and _figure_of(c) == key}  # fmt: skip
        figures[key] = codes if codes else row.get(key)
    return figures
