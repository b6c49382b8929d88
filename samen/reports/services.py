"""Rendering the annual report (HTML for a file, PDF for the board) and the open-data CSV:
what the pages and the commands share."""

import csv
import datetime as dt
import io

from django.template.loader import render_to_string
from django.utils import timezone

from samen.core.spreadsheets import safe_cell
from samen.reports import annual, open_data


def report_html(start, end, municipality=None, *, year=None, published=False) -> str:
    doc = annual.document(start, end, municipality, year=year, published=published)
    return render_to_string("reports/annual_print.html", {"doc": doc, "made": timezone.now()})


def report_pdf(start, end, municipality=None, *, year=None, published=False) -> bytes:
    from samen.core.pdf import render_pdf

    return render_pdf(report_html(start, end, municipality, year=year, published=published))


def open_data_csv(start: dt.date, end: dt.date) -> str:
    """The open-data file: `;`-separated, UTF-8 with BOM (opens in Excel as Belgian offices
    expect), one row per municipality, `jaar`/`van`/`tot` first, suppression applied."""
    rows = open_data.table(start, end)
    out = io.StringIO()
    out.write("\ufeff")
    head = ["van", "tot", "gemeente", "nis_code"]
    keys = [k for k in (rows[0] if rows else {}) if k not in ("municipality", "nis_code")]
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(head + keys)
    for row in rows:
        values = [_cell(row[k]) for k in keys]
        writer.writerow([start.strftime("%d/%m/%Y"), end.strftime("%d/%m/%Y"),
                         row["municipality"], row["nis_code"], *values])  # fmt: skip
    return out.getvalue()


def _cell(value) -> str:
    """Empty for null, decimal comma for numbers, "<5" as it is."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value}".replace(".", ",")
    return safe_cell(str(value)) if isinstance(value, str) else str(value)
