import json
import math
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samen.food import vrp_bench


class Command(BaseCommand):
    help = (
        "plan bench FILE... [--time-limit S] [--solver pyvrp|ortools] [--seed N] [--json]: "
        "solve published routing instances and compare with their best-known solutions."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["bench"])
        parser.add_argument("files", nargs="+")
        parser.add_argument("--time-limit", type=float, default=30.0)
        parser.add_argument("--solver", choices=["pyvrp", "ortools"], default="pyvrp")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, files, time_limit, solver, seed, json: bool, **options):
        results = []
        for name in files:
            path = Path(name)
            if not path.exists():
                raise CommandError(f"Bestand niet gevonden: {path}")
            try:
                results.append(vrp_bench.run(path, solver=solver, seconds=time_limit, seed=seed))
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


def _json_dumps(rows: list[dict]) -> str:
    keys = ("instance", "cost", "bks", "gap_pct", "seconds", "solver")
    return json.dumps([{k: row[k] for k in keys} for row in rows], indent=2)
