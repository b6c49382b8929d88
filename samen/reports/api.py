"""Open data over HTTP: the same suppressed table as the CSV file, as JSON (no login)."""

import datetime as dt

from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from samen.core.api import Problem
from samen.reports import open_data

router = Router(tags=["open data"])


class OpenDataRow(Schema):
    municipality: str
    nis_code: str
    figures: dict[str, int | float | str | None]


class OpenData(Schema):
    year: int
    suppressed: str
    rows: list[OpenDataRow]


@router.get(
    "/{year}",
    response={200: OpenData, 404: Problem, 422: Problem},
    auth=None,
    summary="Kerncijfers per gemeente",
)
def open_data_year(request, year: int):
    """Key figures per municipality for a year; counts of people from 1 to 4 are "<5"."""
    if not 2000 <= year <= timezone.localdate().year:
        raise HttpError(404, "Geen cijfers voor dat jaar.")
    rows = open_data.table(dt.date(year, 1, 1), dt.date(year, 12, 31))
    return {
        "year": year,
        "suppressed": "<5",
        "rows": [{"municipality": r["municipality"], "nis_code": r["nis_code"],
                  "figures": {k: v for k, v in r.items() if k not in ("municipality", "nis_code")}}
                 for r in rows],
    }  # fmt: skip
