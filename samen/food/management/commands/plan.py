import json
import json as json_module
import math
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samen.core.dates import parse_day
from samen.food import vrp_bench


class Command(BaseCommand):
    help = (
        "plan routes --date DATE: plan a day's van routes from the database (dd/mm/yyyy or "
        "yyyy-mm-dd). plan bench FILE... [--time-limit S] [--solver pyvrp|ortools] [--seed N] "
        "[--json]: solve published routing instances and compare with their best-known solutions."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["bench", "routes"])
        parser.add_argument("files", nargs="*")
        parser.add_argument("--date", help="dd/mm/yyyy or yyyy-mm-dd (routes)")
        parser.add_argument(
            "--time-limit", type=float, help="seconds per instance (bench: 30; routes: setting)"
        )
        parser.add_argument("--solver", choices=["pyvrp", "ortools"], default="pyvrp")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, action, files, date, time_limit, solver, seed, json: bool, **options):
        if action == "routes":
            return self.routes(date, time_limit, seed, json)
        if not files:
            raise CommandError("Geef een of meer bestanden: samen plan bench FILE...")
        results = []
        for name in files:
            path = Path(name)
            if not path.exists():
                raise CommandError(f"Bestand niet gevonden: {path}")
            try:
                results.append(
                    vrp_bench.run(path, solver=solver, seconds=time_limit or 30.0, seed=seed)
                )
            except ValueError as exc:
                self.stderr.write(f"{path.name}: {exc}")
        rows = [r.as_dict() for r in results]
        if json:
            self.stdout.write(_json_dumps(rows))
            return
        self.stdout.write(f"{'instance':<14} {'cost':>12} {'BKS':>12} {'gap %':>7} {'s':>6}")
        for r in results:
            gap = "—" if r.gap_pct is None else f"{r.gap_pct:.2f}"
            self.stdout.write(
                f"{r.instance:<14} {r.cost:>12.2f} {r.bks or 0:>12.2f} {gap:>7} "
                f"{r.seconds:>6.1f}{'' if r.feasible else '  (niet toegelaten)'}"
            )
        gaps = [r.gap_pct for r in results if r.gap_pct is not None and not math.isnan(r.cost)]
        if gaps:
            self.stdout.write(f"{'average':<14} {'':>12} {'':>12} {sum(gaps) / len(gaps):>7.2f}")

    def routes(self, date, seconds, seed, as_json) -> None:
        from django.conf import settings

        from samen.food import routing, selectors

        try:
            day_date = parse_day(date or "")
        except ValueError:
            raise CommandError("--date: geef een datum als dd/mm/jjjj of jjjj-mm-dd.") from None
        day = selectors.shop_day_for(day_date)
        if day is None:
            raise CommandError(f"Er is geen shopdag op {day_date:%d/%m/%Y}.")
        if not day.closed_at:
            raise CommandError(f"De shopdag van {day_date:%d/%m/%Y} is nog niet afgesloten.")
        problem, notes = selectors.route_day(day)
        plan = routing.plan_day(
            problem, seconds=seconds or settings.SAMEN_ROUTE_SECONDS, seed=seed,
            matrix=routing.default_matrix(),
        )  # fmt: skip
        plan.notes.extend(notes)
        if as_json:
            self.stdout.write(json_module.dumps(routing.as_dict(plan), indent=2))
            return
        clock = routing.clock
        for route in plan.routes:
            self.stdout.write(f"{route.van.name}: {route.km:.1f} km")
            for number, trip in enumerate(route.trips, start=1):
                self.stdout.write(f"  rit {number}: {clock(trip.start)}–{clock(trip.end)}")
                for v in trip.visits:
                    task = "ophalen" if v.stop.kind == routing.PICKUP else "leveren"
                    self.stdout.write(
                        f"    {clock(v.arrival)}  {task:<8} {v.stop.name:<40} {v.stop.kg:>5} kg"
                        f"  lading {v.load_kg} kg"
                    )
        skipped = ", ".join(s.name for s in plan.skipped) or "geen"
        self.stdout.write(f"Niet opgehaald: {skipped}")
        for note in plan.notes:
            self.stdout.write(note)
        self.stdout.write(
            f"Totaal {plan.km:.1f} km, {len(plan.routes)} wagens, {plan.seconds:.1f} s"
            f"{'' if plan.feasible else ' (niet alles past)'}"
        )


def _json_dumps(rows: list[dict]) -> str:
    keys = ("instance", "cost", "bks", "gap_pct", "seconds", "solver")
    return json.dumps([{k: row[k] for k in keys} for row in rows], indent=2)
