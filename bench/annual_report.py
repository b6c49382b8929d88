"""The annual report from records (issue 9, §6): the key figures and the whole report for
one year of demo data — 131,842 wijk-werk cheques to date, a year of daily food operations,
every programme — and then on ten years of such data.

    .venv/bin/python bench/annual_report.py [--database-url URL] [--years 10]

One year: `samen demo --year 2018` (the running year and 2018 as records). Ten years: the
running year's event records (performances, the hub's days with their lots, orders,
deliveries and stock events, shifts, crisis admissions, Woonclub intakes, loan dossiers,
eviction reports, meldpunt situations, trajectories) copied into each of the nine years
before it, dates shifted by whole years. Each measure is the best of three runs:
- figures: every ID of the contract (what `samen report YEAR --format json` computes);
- document: the figures, the year before beside them and the monthly charts (the HTML
  page and the PDF show exactly this);
- PDF: the document rendered by WeasyPrint.
"""

import argparse
import copy
import datetime as dt
import time

from demo_database import demo_database


def best(function, runs: int = 3) -> float:
    times = []
    for _n in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def shift(value, years: int):
    if value is None:
        return None
    try:
        return value.replace(year=value.year - years)
    except ValueError:  # 29 February
        return value.replace(year=value.year - years, day=28)


def copy_rows(model, rows, years: int, dates: list[str], remap: dict, fixed: dict | None = None):
    """Copies of `rows` with their dates `years` earlier and their foreign keys remapped;
    returns {old pk: new pk}."""
    made = []
    for row in rows:
        new = copy.copy(row)
        new.pk = None
        for name in dates:
            setattr(new, name, shift(getattr(row, name), years))
        for name, mapping in remap.items():
            setattr(new, f"{name}_id", mapping[getattr(row, f"{name}_id")])
        for name, value in (fixed or {}).items():
            setattr(new, name, value() if callable(value) else value)
        made.append(new)
    model.objects.bulk_create(made, batch_size=2000)
    return {old.pk: new.pk for old, new in zip(rows, made, strict=True)}


def ten_years(year: int, count: int) -> None:
    """The running year's records copied into the `count - 1` years before it."""
    from django.db import transaction

    from samen.energy.models import LoanDossier
    from samen.food.models import (
        Delivery,
        Lot,
        Order,
        OrderLine,
        Shift,
        ShopDay,
        StockEvent,
        new_lot_code,
    )
    from samen.housing.models import (
        CrisisAdmission,
        EvictionReport,
        GuidanceTrajectory,
        Situation,
        WoonclubHousehold,
    )
    from samen.work import services
    from samen.work.models import Performance

    since = dt.date(year, 1, 1)
    days = list(ShopDay.objects.filter(date__gte=since))
    orders = list(Order.objects.filter(day__date__gte=since))
    lines = list(OrderLine.objects.filter(order__day__date__gte=since))
    deliveries = list(Delivery.objects.filter(order__day__date__gte=since))
    lots = list(Lot.objects.filter(received_at__date__gte=since))
    events = list(StockEvent.objects.filter(lot__received_at__date__gte=since))
    shifts = list(Shift.objects.filter(date__gte=since))
    admissions = list(CrisisAdmission.objects.filter(admitted_at__date__gte=since,
                                                     discharged_at__isnull=False))  # fmt: skip
    others = [
        (WoonclubHousehold, WoonclubHousehold.objects.filter(intake_on__gte=since),
         ["intake_on", "housed_on"]),
        (LoanDossier, LoanDossier.objects.filter(applied_on__gte=since),
         ["applied_on", "contract_on", "first_due"]),
        (EvictionReport, EvictionReport.objects.filter(received_on__gte=since),
         ["received_on", "hearing_on", "outcome_on"]),
        (Situation, Situation.objects.filter(reported_on__gte=since),
         ["reported_on", "homeless_since", "decided_on"]),
        (GuidanceTrajectory, GuidanceTrajectory.objects.filter(start__gte=since),
         ["start", "end"]),
    ]  # fmt: skip
    others = [(model, list(rows), dates) for model, rows, dates in others]
    performances = list(Performance.objects.filter(on__gte=since).values_list(
        "worker_id", "user_id", "activity", "on", "hours", "cheques", "round_trip_km"))  # fmt: skip
    coach = Performance.objects.values_list("registered_by_id", flat=True).first()
    for back in range(1, count):
        taken = set(ShopDay.objects.values_list("date", flat=True))  # 2018 has its own days
        free = [d for d in days if shift(d.date, back) not in taken]
        ids = {d.pk for d in free}
        with transaction.atomic():
            day_map = copy_rows(ShopDay, free, back, ["date", "cut_off", "published_at",
                                                      "closed_at"], {})  # fmt: skip
            kept = [o for o in orders if o.day_id in ids]
            order_map = copy_rows(Order, kept, back, ["picked_at"], {"day": day_map})
            copy_rows(OrderLine, [r for r in lines if r.order_id in order_map], back, [],
                      {"order": order_map})  # fmt: skip
            copy_rows(Delivery, [r for r in deliveries if r.order_id in order_map], back,
                      ["delivered_at"], {"order": order_map})  # fmt: skip
            lot_map = copy_rows(Lot, lots, back, ["received_at", "expiry"], {},
                                {"code": new_lot_code, "pickup_id": None})  # fmt: skip
            copy_rows(StockEvent, events, back, ["at"], {"lot": lot_map})
            copy_rows(Shift, shifts, back, ["date"], {})
            copy_rows(CrisisAdmission, admissions, back, ["admitted_at", "discharged_at"], {})
            for model, rows, dates in others:
                copy_rows(model, rows, back, dates, {})
            services.performances_insert(
                [(w, u, a, shift(on, back), h, c, km) for w, u, a, on, h, c, km in performances],
                registered_by_id=coach)  # fmt: skip
        print(f"  copied the year into {year - back}", flush=True)


def measure(year: int, label: str) -> None:
    from samen.reports import annual, services
    from samen.reports.selectors import key_figures

    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    figures = best(lambda: key_figures(start, end))
    document = best(lambda: annual.document(start, end, year=year))
    pdf = best(lambda: services.report_pdf(start, end, year=year), runs=1)
    print(f"{label} {year}: figures {figures:.2f} s · document (+ year before, charts) "
          f"{document:.2f} s · PDF {pdf:.2f} s")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default="")
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    started = time.perf_counter()
    demo_database(args.database_url, years=(2018,))
    from django.db import connection
    from django.utils import timezone

    from samen.work.models import Performance

    this_year = timezone.localdate().year
    print(
        f"database: {connection.vendor}; demo with 2018 built in "
        f"{time.perf_counter() - started:.0f} s; {Performance.objects.count():,} performances"
    )
    measure(this_year, "one year of demo data,")
    measure(2018, "one year of demo data,")
    if args.years > 1:
        started = time.perf_counter()
        ten_years(this_year, args.years)
        print(
            f"{args.years} years of data made in {time.perf_counter() - started:.0f} s; "
            f"{Performance.objects.count():,} performances"
        )
        from samen.reports.selectors import key_figures

        start = time.perf_counter()
        for year in range(this_year - args.years + 1, this_year + 1):
            key_figures(dt.date(year, 1, 1), dt.date(year, 12, 31))
        print(
            f"{args.years} years of data: the figures of every year in "
            f"{time.perf_counter() - start:.2f} s (target ≤ 20 s)"
        )
        start = time.perf_counter()
        key_figures(dt.date(this_year - args.years + 1, 1, 1), dt.date(this_year, 12, 31))
        print(
            f"{args.years} years of data: the figures over the whole decade in "
            f"{time.perf_counter() - start:.2f} s"
        )
        measure(this_year, f"{args.years} years of data,")


if __name__ == "__main__":
    main()
