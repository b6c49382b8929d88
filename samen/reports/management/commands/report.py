"""samen report YEAR | --from DD/MM/YYYY --to DD/MM/YYYY [--municipality NAME]
[--format table|json|html|pdf] [--output FILE]: the key figures of ../shared/key-figures.md."""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from samen.core.dates import parse_day
from samen.reports import annual, services
from samen.reports.contract import PROGRAMMES
from samen.reports.selectors import report, year_period


def day_of(text: str, name: str) -> dt.date:
    try:
        return parse_day(text)
    except ValueError:
        raise CommandError(
            f"{name}: '{text}' is geen datum; gebruik DD/MM/JJJJ (bv. 01/09/2018)."
        ) from None


def find_municipality(name: str):
    from samen.registry.models import Municipality

    found = Municipality.objects.filter(name__iexact=name.strip()).first()
    if found is None:
        known = ", ".join(Municipality.objects.values_list("name", flat=True))
        raise CommandError(f"--municipality: '{name}' is geen gemeente van W13 ({known}).")
    return found


def period_of(year, date_from, date_to) -> tuple[dt.date, dt.date, int | None]:
    if year is not None and (date_from or date_to):
        raise CommandError("Geef een jaar óf --from en --to, niet allebei.")
    if year is not None:
        if not 1900 <= year <= 2999:
            raise CommandError(f"jaar: {year} is geen geldig jaar.")
        return (*year_period(year), year)
    if not (date_from and date_to):
        raise CommandError("Geef een jaar (samen report 2018) of --from en --to.")
    start, end = day_of(date_from, "--from"), day_of(date_to, "--to")
    if end < start:
        raise CommandError("--to ligt vóór --from.")
    return start, end, None


class Command(BaseCommand):
    help = "The key figures for a year or a period: table, JSON, HTML or PDF."

    def add_arguments(self, parser):
        parser.add_argument("year", nargs="?", type=int)
        parser.add_argument("--from", dest="date_from")
        parser.add_argument("--to", dest="date_to")
        parser.add_argument("--municipality")
        parser.add_argument("--format", choices=["table", "json", "html", "pdf"], default="table")
        parser.add_argument("--output", help="a file (needed for pdf); else standard output")
        parser.add_argument("--language", choices=["nl", "fr", "en"], default="nl")

    def handle(
        self, *args, year, date_from, date_to, municipality, format, output, language, **options
    ):
        start, end, year = period_of(year, date_from, date_to)
        town = find_municipality(municipality) if municipality else None
        if format == "pdf" and not output:
            raise CommandError("--format pdf schrijft naar een bestand: geef --output.")
        with translation.override(language):
            if format == "json":
                text = json.dumps(report(start, end, town, year=year), ensure_ascii=False,
                                  indent=1)  # fmt: skip
            elif format == "table":
                text = self.table(report(start, end, town, year=year))
            elif format == "html":
                text = services.report_html(start, end, town, year=year)
            else:
                data = services.report_pdf(start, end, town, year=year)
                with open(output, "wb") as handle:
                    handle.write(data)
                self.stdout.write(f"{output}: {len(data):,} bytes")
                return
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            self.stdout.write(f"{output}")
        else:
            self.stdout.write(text)

    def table(self, data: dict) -> str:
        figures = data["figures"]
        lines = [f"{data['from']} – {data['to']}" + (f" · {data['municipality']}"
                                                    if data["municipality"] else "")]  # fmt: skip
        for _theme, _slug, title, figs in PROGRAMMES:
            lines.append(f"\n{title}")
            for fig in figs:
                value = figures[fig.id]
                if isinstance(value, dict):
                    shown = ", ".join(f"{k}: {annual.show(v, fig.id)}" for k, v in value.items())
                else:
                    shown = annual.show(value, fig.id)
                lines.append(f"  {fig.id:<42} {shown}")
        return "\n".join(lines)
