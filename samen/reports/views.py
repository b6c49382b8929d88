"""The annual report for coordinators and the board (exact figures), the dashboards per
programme, and the published output (a municipality's public report, open data) with
small-cell suppression. No page here shows a person."""

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from samen.access import rules
from samen.access.decorators import role_required
from samen.core.forms import errors_in_words
from samen.registry.models import Municipality
from samen.reports import annual, services
from samen.reports.contract import PROGRAMMES
from samen.reports.forms import PeriodForm


def _period(request) -> tuple:
    """(form, start, end, year, municipality) from the query; this year by default."""
    form = PeriodForm(request.GET or None)
    year = timezone.localdate().year
    if not request.GET or not form.is_valid():
        return form, dt.date(year, 1, 1), dt.date(year, 12, 31), year, None
    data = form.cleaned_data
    if data["van"] and data["tot"]:
        return form, data["van"], data["tot"], None, data["gemeente"]
    year = data["jaar"] or year
    return form, dt.date(year, 1, 1), dt.date(year, 12, 31), year, data["gemeente"]


@require_GET
@role_required(rules.AGGREGATES)
def report_annual(request: HttpRequest) -> HttpResponse:
    form, start, end, year, town = _period(request)
    doc = annual.cached_document(start, end, town, year=year)
    return render(request, "reports/annual.html", {
        "doc": doc, "form": form, "towns": Municipality.objects.all(),
        "error": errors_in_words(form) if form.is_bound and not form.is_valid() else "",
        "query": request.GET.urlencode(),
    })  # fmt: skip


@require_GET
@role_required(rules.AGGREGATES)
def report_annual_pdf(request: HttpRequest) -> HttpResponse:
    form, start, end, year, town = _period(request)
    if form.is_bound and not form.is_valid():
        raise Http404
    pdf = services.report_pdf(start, end, town, year=year)
    name = f"jaarverslag-{year or f'{start:%Y%m%d}-{end:%Y%m%d}'}"
    if town:
        name += f"-{town.nis_code}"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


@require_GET
@role_required(rules.AGGREGATES)
def dashboards(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/dashboards.html", {
        "programmes": [(slug, title) for _t, slug, title, _f in PROGRAMMES]})  # fmt: skip


@require_GET
@role_required(rules.AGGREGATES)
def programme_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    """The running year so far next to the same days of last year, with the year's charts;
    the page refreshes its figures itself (htmx) from the same selectors."""
    titles = {s: title for _t, s, title, _f in PROGRAMMES}
    if slug not in titles:
        raise Http404
    today = timezone.localdate()
    start = today.replace(month=1, day=1)
    last_year = (start.replace(year=start.year - 1), _same_day_last_year(today))
    doc = annual.cached_document(start, today, previous_period=last_year, only=slug,
                                 chart_year=today.year)  # fmt: skip
    partial = request.headers.get("HX-Request")
    template = "reports/_dashboard_body.html" if partial else "reports/dashboard.html"
    return render(request, template, {"doc": doc, "title": titles[slug], "slug": slug,
                                      "today": today, "refreshed": timezone.now()})  # fmt: skip


def _same_day_last_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


# --- published: no login, suppressed -------------------------------------------------------


def _public_year(year: int) -> tuple[dt.date, dt.date]:
    """Published figures are for a year that has ended (or the running one, so far)."""
    if not 2000 <= year <= timezone.localdate().year:
        raise Http404
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


@require_GET
def public_reports(request: HttpRequest, year: int) -> HttpResponse:
    _public_year(year)
    return render(request, "reports/public_index.html",
                  {"year": year, "towns": Municipality.objects.all()})  # fmt: skip


@require_GET
def public_municipality_report(request: HttpRequest, year: int, nis_code: str) -> HttpResponse:
    start, end = _public_year(year)
    town = get_object_or_404(Municipality, nis_code=nis_code)
    doc = annual.document(start, end, town, year=year, published=True)
    return render(request, "reports/public_report.html", {"doc": doc})


@require_GET
def open_data_csv(request: HttpRequest, year: int) -> HttpResponse:
    start, end = _public_year(year)
    response = HttpResponse(services.open_data_csv(start, end), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="w13-kerncijfers-{year}.csv"'
    return response
