"""The annual report as a document: the key figures by theme and programme, the previous
year beside them, and charts where people would rather look than read. The HTML page, the
PDF and `samen report --format html|pdf` all render this one structure."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from samen.core import charts
from samen.core.dates import month_end
from samen.reports import open_data, suppression
from samen.reports.contract import PROGRAMMES, THEMES
from samen.reports.selectors import key_figures


def months() -> list[str]:
    """Month abbreviations in the active language (Django's own catalogue)."""
    from django.utils.dates import MONTHS_3

    return [str(MONTHS_3[m]) for m in range(1, 13)]


def code_labels() -> dict[str, dict]:
    """Dutch (or the active language's) labels of the codes of object figures."""
    from samen.budget.models import ActivityKind
    from samen.budget.models import EventKind as BizEventKind
    from samen.housing.models import HousingSituation, MoveReason, Outflow

    return {
        "biz.education.pupils_by_activity": dict(ActivityKind.choices),
        "biz.events.count_by_type": dict(BizEventKind.choices),
        "biz.events.participants_by_type": dict(BizEventKind.choices),
        "kw.outflow": dict(Outflow.choices),
        "woonclub.by_situation": dict(HousingSituation.choices),
        "woonclub.reasons_pct": dict(MoveReason.choices),
    }


def show(value, figure_id: str = "") -> str:
    """A figure as people read it: 1.234 · 104,3 · 0,517 · — (no records) · <5."""
    if value is None:
        return "—"
    if value == suppression.HIDDEN:
        return suppression.HIDDEN
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return number_format(value, 0, force_grouping=True)
    decimals = (
        3
        if figure_id.endswith("target_progress")
        else (2 if figure_id.endswith("_pct") or figure_id.endswith("_kg") else 1)
    )
    if figure_id.endswith("_kg") and float(value).is_integer():
        decimals = 0
    return number_format(value, decimals, force_grouping=True)


@dataclass
class Row:
    label: str
    value: str
    previous: str | None = None
    sub: bool = False  # a code of an object figure, shown indented


@dataclass
class Programme:
    theme: str
    slug: str
    title: str
    rows: list[Row] = field(default_factory=list)
    charts: list = field(default_factory=list)
    empty: bool = False  # no records at all: the programme says so instead of a table


def _rows(fig, value, previous, labels) -> list[Row]:
    unit = f" {fig.unit}" if fig.unit else ""
    if isinstance(value, dict) or isinstance(previous, dict):
        codes = list(dict.fromkeys([*(value or {}), *(previous or {})]))
        if fig.id == "energy.loans.by_rate":
            codes.sort(key=float)
        rows = [Row(str(fig.label), "" if value is not None else "—",
                    None if previous is None or value is None else "")]  # fmt: skip
        for code in codes:
            if (
                fig.id.endswith("_by_municipality")
                and not (value or {}).get(code)
                and not (previous or {}).get(code)
            ):
                continue  # fourteen rows of zeros say less than the ones that count
            name = labels.get(fig.id, {}).get(code, f"{code} %" if "by_rate" in fig.id else code)
            now = (value or {}).get(code, 0) if value is not None else None
            before = (previous or {}).get(code, 0) if previous is not None else None
            rows.append(Row(str(name), show(now, fig.id),
                            None if before is None and previous is None else show(before, fig.id),
                            sub=True))  # fmt: skip
        return rows
    now, before = show(value, fig.id), show(previous, fig.id)
    return [Row(str(fig.label), now + (unit if value not in (None, suppression.HIDDEN) else ""),
                before)]  # fmt: skip


def _chart(title, labels, series, **options) -> tuple[str, str]:
    """(title, SVG): the title is printed above the chart as its caption."""
    return str(title), charts.grouped_bars(title, labels, series, **options)


def _charts(year: int, figures: dict, municipality, published: bool) -> dict[str, list]:
    """Per figure ID: SVG charts of the year by month (none for a free period)."""
    from samen.food.selectors import monthly_kg
    from samen.housing.selectors import crisis_figures
    from samen.work.selectors import work_figures

    found: dict[str, list] = {}
    if figures.get("food.collected_kg") is not None:
        kg = monthly_kg(year, municipality)
        from django.conf import settings

        target = float(settings.SAMEN_FOOD_YEARLY_TARGET_KG) / 12
        found["food.collected_kg"] = [_chart(
            _("Voedsel per maand tegenover de doelstelling (kg)"), months(),
            {_("ingezameld"): kg["collected"], _("verdeeld"): kg["distributed"],
             _("doel per maand"): [target] * 12})]  # fmt: skip
    periods = [(dt.date(year, m, 1), month_end(year, m)) for m in range(1, 13)]
    if figures.get("crisis.nights") is not None:
        nights = [crisis_figures(a, b, municipality).nights for a, b in periods]
        found["crisis.nights"] = [_chart(
            _("Overnachtingen in crisisbedden per maand"), months(),
            {_("overnachtingen"): nights}, unit=_("nachten"))]  # fmt: skip
    if figures.get("work.wijkwerk.cheques") is not None:
        cheques = [work_figures(a, b, municipality).cheques for a, b in periods]
        found["work.wijkwerk.cheques"] = [_chart(
            _("Wijk-werkcheques per maand"), months(), {_("cheques"): cheques},
            unit=_("cheques"))]  # fmt: skip
    situation = figures.get("woonclub.by_situation")
    if situation and not published:  # a chart cannot show a hidden cell honestly
        labels = code_labels()["woonclub.by_situation"]
        found["woonclub.by_situation"] = [_chart(
            _("Nieuwe gezinnen naar woonsituatie bij intake"),
            [str(labels[c]) for c in situation], {_("gezinnen"): list(situation.values())},
            unit=_("gezinnen"))]  # fmt: skip
    return found


def document(
    start: dt.date,
    end: dt.date,
    municipality=None,
    *,
    year: int | None = None,
    published: bool = False,
    previous_period: tuple | None = None,
    only: str | None = None,
    chart_year: int | None = None,
) -> dict:
    """Themes with their programmes (rows and charts), for a year or a free period. A
    published document (the public report of a municipality) shows suppressed cells.
    `previous_period` compares with another period than the year before; `only` keeps one
    programme (a dashboard)."""
    if previous_period is not None:
        previous = key_figures(*previous_period, municipality)
        figures = key_figures(start, end, municipality)
    elif published:
        figures = open_data.municipality_figures(start, end, municipality)
        previous = (open_data.municipality_figures(dt.date(year - 1, 1, 1),
                                                   dt.date(year - 1, 12, 31), municipality)
                    if year else None)  # fmt: skip
    else:
        figures = key_figures(start, end, municipality)
        previous = (key_figures(dt.date(year - 1, 1, 1), dt.date(year - 1, 12, 31), municipality)
                    if year else None)  # fmt: skip
    labels = code_labels()
    chart_year = chart_year or year
    chart_map = _charts(chart_year, figures, municipality, published) if chart_year else {}
    themes = {key: {"title": title, "programmes": []} for key, title in THEMES.items()}
    for theme, slug, title, figs in PROGRAMMES:
        if only and slug != only:
            continue
        charts_of = [c for f in figs for c in chart_map.get(f.id, [])]
        programme = Programme(theme, slug, str(title), charts=charts_of)
        shown = [f for f in figs if f.id in figures]
        programme.empty = all(figures[f.id] is None for f in shown) and (
            previous is None or all(previous.get(f.id) is None for f in shown)
        )
        for fig in shown:
            programme.rows += _rows(
                fig, figures[fig.id], previous.get(fig.id) if previous else None, labels
            )
        themes[theme]["programmes"].append(programme)
    return {
        "year": year, "start": start, "end": end, "municipality": municipality,
        "published": published,
        "themes": [t for t in themes.values() if t["programmes"]],
        "has_previous": previous is not None,
        "previous_label": (f"{previous_period[0]:%d/%m/%Y} – {previous_period[1]:%d/%m/%Y}"
                           if previous_period else (year - 1 if year else None)),
    }  # fmt: skip


def cached_document(start: dt.date, end: dt.date, municipality=None, **options) -> dict:
    """The document as `document` makes it, kept for SAMEN_FIGURES_CACHE_SECONDS (5
    minutes): aggregates only, and the pages that show them are asked far more often than
    the records change. Per period, municipality, options and language."""
    import hashlib

    from django.conf import settings
    from django.core.cache import cache
    from django.utils import translation

    what = repr((start, end, getattr(municipality, "pk", None), sorted(options.items()),
                 translation.get_language()))  # fmt: skip
    key = "samen-report-" + hashlib.sha256(what.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = document(start, end, municipality, **options)
        cache.set(key, found, settings.SAMEN_FIGURES_CACHE_SECONDS)
    return found
