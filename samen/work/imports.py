"""Wijk-werken's import kinds (see docs/imports.md): `wijkwerk-workers`, `wijkwerk-users`
and `wijkwerk-performances`, for the organiser of the coach who imports. Wijk-werkers are
found by their key in the source register (`extern_id`, with --source), users by their
user number; import them first, then the performances. A performance row is checked as
the coach's page checks it: the wijk-werker has started and may still work (12 months
unless ex-PWA), the 60 hours a month and 630 a year, the user's cheques left."""

from __future__ import annotations

import math
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.db.models.functions import ExtractMonth, ExtractYear

from samen.access import rules as access_rules
from samen.imports import parsers
from samen.imports.framework import (
    BULK_MODELS,
    BulkModel,
    Column,
    ImportKind,
    RowError,
    register,
    track,
)
from samen.registry.models import ExternalId, Person
from samen.work import rules, selectors, services
from samen.work.models import ChequePurchase, Performance, UserKind, WijkwerkUser, Worker

REFERRER = parsers.choice({"vdab": "vdab", "ocmw": "ocmw"})
USER_KIND = parsers.choice({
    "particulier": UserKind.PRIVATE, "school": UserKind.SCHOOL,
    "gemeente": UserKind.MUNICIPALITY, "vzw": UserKind.NON_PROFIT,
    "landbouwer": UserKind.FARMER,
})  # fmt: skip


def hours(value: str) -> Decimal:
    amount = parsers.decimal(value)
    if amount <= 0 or amount > 24 or amount != amount.quantize(Decimal("0.01")):
        raise ValueError(f"'{value}' is geen aantal uren (meer dan 0, hoogstens 24, op 0,01)")
    return amount


def _organiser(actor) -> int:
    organisers = selectors.coach_organisers(actor)
    if not organisers:
        raise ValidationError("Alleen een wijk-werkcoach importeert een wijk-werkregister.")
    return min(organisers)


def _apply_each(plans, batch, save):
    for number, values in plans:
        try:
            obj = save(values)
        except ValidationError as exc:
            raise ValidationError(f"rij {number}: {' '.join(exc.messages)}") from exc
        track(batch, number, obj, created=True)


def _repeated(rows, errors, column: str):
    """The rows that parsed well and whose key was not on an earlier row."""
    seen, bad = {}, {e.row for e in errors}
    for row in rows:
        key = row.values.get(column)
        if key and key in seen:
            errors.append(RowError(row.number, column, f"staat al op rij {seen[key]}"))
            continue
        seen.setdefault(key, row.number)
        if row.number not in bad:
            yield row


@register
class WorkersImport(ImportKind):
    name = "wijkwerk-workers"
    description = "Wijk-werkers: doorverwijzing, intake, start of de reden om niet te starten."
    allowed_roles = access_rules.WIJKWERK_COACH
    needs_source = True

    def __init__(self):
        self.columns = [
            Column("extern_id", "De sleutel van de wijk-werker in het bronregister (--source).",
                   "WW-0042", required=True),
            Column("voornaam", "Voornaam.", "Ria", required=True),
            Column("achternaam", "Achternaam.", "Peeters", required=True),
            Column("geboortedatum", "dd/mm/jjjj.", "12/03/1988", parsers.date, required=True),
            Column("rijksregisternummer", "Optioneel; een bekende persoon wordt hergebruikt.",
                   "", parsers.insz),
            Column("doorverwezen_door", "vdab of ocmw.", "vdab", REFERRER, required=True),
            Column("doorverwezen_op", "dd/mm/jjjj.", "02/01/2018", parsers.date, required=True),
            Column("intake_op", "dd/mm/jjjj.", "08/01/2018", parsers.date),
            Column("gestart_op", "dd/mm/jjjj.", "15/01/2018", parsers.date),
            Column("reden_niet_gestart", "Waarom de persoon niet startte.", ""),
            Column("einde", "Einde van de overeenkomst (dd/mm/jjjj).", "", parsers.date),
            Column("pwa", "Had op 30/09/2017 een PWA-contract: ja of nee.", "nee",
                   parsers.boolean),
        ]  # fmt: skip

    def check(self, rows, errors, *, actor, source):
        organiser = _organiser(actor)
        known = dict(ExternalId.objects.filter(source=source).values_list("extern_id", "person_id"))
        working = set(
            Worker.objects.filter(organiser=organiser).values_list("person_id", flat=True)
        )
        plans = []
        for row in _repeated(rows, errors, "extern_id"):
            v = row.values
            problem = _worker_problem(v)
            if problem:
                errors.append(RowError(row.number, *problem))
                continue
            person_id = known.get(v["extern_id"])
            if person_id in working:
                errors.append(RowError(row.number, "extern_id", "is al wijk-werker in Samen"))
                continue
            plans.append((row.number, v | {"_person": person_id}))
        return plans

    def apply(self, plans, batch, *, actor, source):
        def save(v):
            person = Person.objects.filter(pk=v["_person"]).first() if v["_person"] else None
            if person is None:
                person = services.worker_person(
                    actor=actor, insz=v.get("rijksregisternummer") or "",
                    data={"first_name": v["voornaam"], "last_name": v["achternaam"],
                          "birth_date": v["geboortedatum"]},
                )  # fmt: skip
                ExternalId.objects.get_or_create(source=source, extern_id=v["extern_id"],
                                                 defaults={"person": person})  # fmt: skip
            return services.worker_import(actor=actor, person=person, data={
                "referred_by": v["doorverwezen_door"], "referred_on": v["doorverwezen_op"],
                "intake_on": v.get("intake_op"), "started_on": v.get("gestart_op"),
                "not_started_reason": v.get("reden_niet_gestart") or "",
                "ended_on": v.get("einde"), "ex_pwa": bool(v.get("pwa")),
            })  # fmt: skip

        _apply_each(plans, batch, save)


def _worker_problem(v) -> tuple[str, str] | None:
    referred, intake, start = v["doorverwezen_op"], v.get("intake_op"), v.get("gestart_op")
    if intake and intake < referred:
        return "intake_op", "ligt voor de doorverwijzing"
    if start and v.get("reden_niet_gestart"):
        return "reden_niet_gestart", "een gestarte wijk-werker heeft geen reden om niet te starten"
    if start and start < (intake or referred):
        return "gestart_op", "ligt voor de intake of de doorverwijzing"
    if v.get("einde") and not start:
        return "einde", "een overeenkomst eindigt pas na een start"
    if v.get("einde") and v["einde"] < start:
        return "einde", "ligt voor de start"
    return None


@register
class UsersImport(ImportKind):
    name = "wijkwerk-users"
    description = "Wijk-werkgebruikers met hun gekochte cheques."
    allowed_roles = access_rules.WIJKWERK_COACH
    needs_source = True

    def __init__(self):
        self.columns = [
            Column("gebruikersnummer", "Het nummer van de gebruiker bij de organisator.",
                   "G-00123", required=True),
            Column("soort", "particulier, school, gemeente, vzw of landbouwer.", "school",
                   USER_KIND, required=True),
            Column("naam", "Naam van de organisatie (niet voor een particulier).",
                   "Basisschool De Vlinder"),
            Column("voornaam", "Voornaam (particulier).", ""),
            Column("achternaam", "Achternaam (particulier).", ""),
            Column("geboortedatum", "dd/mm/jjjj (particulier).", "", parsers.date),
            Column("rijksregisternummer", "Optioneel (particulier).", "", parsers.insz),
            Column("gemeente", "Gemeente van de regio.", "Wevelgem"),
            Column("ingeschreven_op", "dd/mm/jjjj.", "05/01/2018", parsers.date, required=True),
            Column("cheques", "Aantal gekochte cheques (optioneel).", "200", parsers.whole),
            Column("gekocht_op", "Dag van die aankoop (dd/mm/jjjj), aan de prijs van die dag.",
                   "05/01/2018", parsers.date),
        ]  # fmt: skip

    def prepare(self, actor) -> None:
        next(c for c in self.columns if c.name == "gemeente").parse = parsers.MunicipalityParser()

    def check(self, rows, errors, *, actor, source):
        organiser = _organiser(actor)
        numbers = WijkwerkUser.objects.filter(organiser=organiser).values_list("number", flat=True)
        taken = set(numbers)
        prices = selectors.prices_of(organiser)
        plans = []
        for row in _repeated(rows, errors, "gebruikersnummer"):
            v = row.values
            problem = _user_problem(v, taken, prices)
            if problem:
                errors.append(RowError(row.number, *problem))
                continue
            plans.append((row.number, v))
        return plans

    def apply(self, plans, batch, *, actor, source):
        def save(v):
            person = None
            if v["soort"] == UserKind.PRIVATE:
                person = services.worker_person(
                    actor=actor, insz=v.get("rijksregisternummer") or "",
                    data={"first_name": v["voornaam"], "last_name": v["achternaam"],
                          "birth_date": v["geboortedatum"]},
                )  # fmt: skip
            user = services.user_register(
                actor=actor, kind=v["soort"], number=v["gebruikersnummer"], person=person,
                name=v.get("naam") or "", municipality=v.get("gemeente"),
                on=v["ingeschreven_op"],
            )  # fmt: skip
            if v.get("cheques"):
                services.cheques_buy(actor=actor, user=user, cheques=v["cheques"],
                                     on=v["gekocht_op"])  # fmt: skip
            return user

        _apply_each(plans, batch, save)


def _user_problem(v, taken, prices) -> tuple[str, str] | None:
    if v["gebruikersnummer"] in taken:
        return "gebruikersnummer", "bestaat al in Samen"
    if v["soort"] == UserKind.PRIVATE:
        for name in ("voornaam", "achternaam", "geboortedatum"):
            if not v.get(name):
                return name, "verplicht voor een particulier"
    elif not v.get("naam"):
        return "naam", "verplicht voor een organisatie"
    if v.get("cheques") and not v.get("gekocht_op"):
        return "gekocht_op", "verplicht bij gekochte cheques"
    if v.get("cheques"):
        try:
            rules.price_on(prices, v["gekocht_op"])
        except ValueError:
            return "gekocht_op", "er is nog geen chequeprijs op die dag"
    return None


@register
class PerformancesImport(ImportKind):
    name = "wijkwerk-performances"
    description = "Prestaties: één rij per prestatie; ingewisselde cheques = begonnen uren."
    allowed_roles = access_rules.WIJKWERK_COACH
    needs_source = True

    def __init__(self):
        self.columns = [
            Column("datum", "dd/mm/jjjj.", "14/03/2018", parsers.date, required=True),
            Column("wijkwerker", "De sleutel van de wijk-werker (extern_id van "
                   "wijkwerk-workers).", "WW-0042", required=True),
            Column("gebruiker", "Het gebruikersnummer.", "G-00123", required=True),
            Column("activiteit", "Wat er gedaan werd.", "Toezicht speelplaats", required=True),
            Column("uren", "Aantal uren (decimale komma).", "2,5", hours, required=True),
            Column("km", "Kilometers heen en terug (decimale komma).", "12", parsers.decimal),
        ]  # fmt: skip

    def check(self, rows, errors, *, actor, source):
        organiser = _organiser(actor)
        workers = _workers_by_key(organiser, source)
        users = dict(WijkwerkUser.objects.filter(organiser=organiser).values_list("number", "pk"))
        month, year, cheques_left = _standing(organiser, workers, users)
        plans, bad = [], {e.row for e in errors}
        # In date order, so the row that breaks a limit is the later performance.
        good = sorted((r for r in rows if r.number not in bad),
                      key=lambda r: (r.values["datum"], r.number))  # fmt: skip
        for row in good:
            v = row.values
            worker = workers.get(v["wijkwerker"])
            if worker is None:
                errors.append(RowError(row.number, "wijkwerker",
                                       "onbekend: importeer eerst de wijk-werkers"))  # fmt: skip
                continue
            user_id = users.get(v["gebruiker"])
            if user_id is None:
                errors.append(RowError(row.number, "gebruiker",
                                       "onbekend: importeer eerst de gebruikers"))  # fmt: skip
                continue
            on, spent = v["datum"], v["uren"]
            m, y = (worker.pk, on.year, on.month), (worker.pk, on.year)
            try:
                column = "datum"
                _check_period(worker, on)
                column = "uren"
                rules.check_hours(month_hours=month[m], year_hours=year[y], adding=spent)
            except rules.LimitError as exc:
                errors.append(RowError(row.number, column, str(exc)))
                continue
            needed = math.ceil(spent)
            if cheques_left[user_id] < needed:
                errors.append(RowError(row.number, "gebruiker", (
                    f"nog {cheques_left[user_id]} cheques; nodig: {needed}")))  # fmt: skip
                continue
            month[m] += spent
            year[y] += spent
            cheques_left[user_id] -= needed
            plans.append((row.number, worker.pk, user_id, v, needed))
        return plans

    def apply(self, plans, batch, *, actor, source):
        services.performances_import(actor=actor, batch=batch, rows=[
            (worker, user, v["activiteit"], v["datum"], v["uren"], needed, v.get("km") or 0)
            for _number, worker, user, v, needed in plans
        ])  # fmt: skip


def _check_period(worker: Worker, on) -> None:
    if worker.started_on is None:
        raise rules.LimitError("deze wijk-werker is niet gestart")
    if worker.ended_on and on > worker.ended_on:
        raise rules.LimitError("de overeenkomst liep toen niet meer")
    rules.check_period(started=worker.started_on, on=on, ex_pwa=worker.ex_pwa)


def _workers_by_key(organiser: int, source: str) -> dict[str, Worker]:
    """extern_id → the person's latest wijk-werker record at the organiser."""
    keys = dict(ExternalId.objects.filter(source=source).values_list("person_id", "extern_id"))
    found = {}
    for worker in Worker.objects.filter(organiser=organiser, person_id__in=list(keys)).order_by(
        "referred_on", "pk"
    ):
        found[keys[worker.person_id]] = worker
    return found


def _standing(organiser, workers, users):
    """The hours already registered per wijk-werker and month / year, and the cheques
    each user has left, from the database (one query each)."""
    month, year = defaultdict(Decimal), defaultdict(Decimal)
    done = (
        Performance.objects.filter(worker__organiser=organiser)
        .annotate(y=ExtractYear("on"), m=ExtractMonth("on"))
        .values("worker_id", "y", "m").annotate(h=Sum("hours"))
    )  # fmt: skip
    for r in done:
        month[(r["worker_id"], r["y"], r["m"])] += r["h"]
        year[(r["worker_id"], r["y"])] += r["h"]
    left = defaultdict(int)
    ids = list(users.values())
    for r in (
        ChequePurchase.objects.filter(user_id__in=ids).values("user_id").annotate(n=Sum("cheques"))
    ):
        left[r["user_id"]] += r["n"]
    for r in (
        Performance.objects.filter(user_id__in=ids).values("user_id").annotate(n=Sum("cheques"))
    ):
        left[r["user_id"]] -= r["n"]
    return month, year, left


BULK_MODELS["work.performance"] = BulkModel(
    count=lambda batch: Performance.objects.filter(batch=batch).count(),
    remove=services.performances_remove,
)
