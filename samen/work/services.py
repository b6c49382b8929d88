"""Writes of the work module: each checks the actor's role and the legal limits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samen.access import audit, policy
from samen.access import rules as access_rules
from samen.registry import insz as insz_codec
from samen.registry.models import Organisation, OrganisationKind, Person
from samen.work import rules, selectors
from samen.work.models import (
    ENDED,
    ActivationEvent,
    ActivationReferrer,
    ActivationStatus,
    ActivationStep,
    ActivationTrajectory,
    Barrier,
    ChequePurchase,
    EconomyEvent,
    Enterprise,
    Performance,
    RegistrationFee,
    RequestStatus,
    ServiceRequest,
    SittingDay,
    StepKind,
    UserKind,
    WijkwerkUser,
    Worker,
)


def _ensure_coach(actor, organiser_id: int | None = None) -> None:
    """A wijk-werk coach, of the organiser when one is given."""
    organisers = selectors.coach_organisers(actor)
    if not organisers or (organiser_id is not None and organiser_id not in organisers):
        raise PermissionDenied


def _ensure_own_or_coach(actor, user: WijkwerkUser) -> None:
    if user.account_id != actor.pk:
        _ensure_coach(actor, user.organiser_id)


MAX_PURCHASE = 500  # a typing error, not a purchase


@transaction.atomic
def cheques_buy(
    *, actor, user: WijkwerkUser, cheques: int, on: dt.date, paper_first: str = ""
) -> ChequePurchase:
    """A user buys electronic cheques (itself, or a coach for it), or a coach hands out paper
    ones from a first serial number; at the organiser's price that day. The first purchase
    of a year also pays the organiser's registration fee for it, when one is asked."""
    _ensure_own_or_coach(actor, user)
    if paper_first and user.account_id == actor.pk and not selectors.coach_organisers(actor):
        raise PermissionDenied  # paper cheques come from the coach
    if cheques < 1:
        raise ValidationError({"cheques": _("Koop minstens één cheque.")})
    if cheques > MAX_PURCHASE:
        raise ValidationError({"cheques": _("Hoogstens %(n)s cheques per aankoop.")
                               % {"n": MAX_PURCHASE}})  # fmt: skip
    try:
        price = rules.price_on(selectors.prices_of(user.organiser), on)
    except ValueError:
        raise ValidationError({"on": _("Er is nog geen chequeprijs op die dag.")}) from None
    fee = selectors.fee_for(user.organiser_id, on.year)
    if fee and not user.fees.filter(year=on.year).exists():
        RegistrationFee.objects.create(user=user, year=on.year, amount=fee, paid_on=on)
    purchase = ChequePurchase.objects.create(
        user=user, cheques=cheques, bought_on=on, price=price, paper_first=paper_first.strip()
    )
    audit.record(actor, "create", purchase, person_id=user.person_id, purpose="wijkwerk")
    return purchase


@transaction.atomic
def performance_register(
    *, actor, worker: Worker, user: WijkwerkUser, activity: str, on: dt.date, hours: Decimal,
    round_trip_km: Decimal = Decimal(0),
) -> Performance:  # fmt: skip
    """Register a performance and redeem its cheques. Refused, with the limit named, when
    it would break one: the 60 hours a month, the 630 a year, the 12 months; and when the
    user has too few cheques left. The wijk-werker's row is locked, so two coaches
    registering at once cannot pass a limit together."""
    _ensure_coach(actor, worker.organiser_id)
    worker = Worker.objects.select_for_update().get(pk=worker.pk)
    user = WijkwerkUser.objects.select_for_update().get(pk=user.pk)
    if user.organiser_id != worker.organiser_id:
        raise ValidationError({"user": _("Deze gebruiker hoort bij een andere organisator.")})
    if not activity.strip():
        raise ValidationError({"activity": _("Welke activiteit?")})
    if worker.started_on is None:
        raise ValidationError(_("Deze wijk-werker is nog niet gestart."))
    if worker.ended_on and on > worker.ended_on:
        raise ValidationError({"on": _("De overeenkomst liep toen niet meer.")})
    try:
        cheques = rules.cheques_for(hours)
        rules.check_period(started=worker.started_on, on=on, ex_pwa=worker.ex_pwa)
        month, year = selectors.hours_of(worker, on)
        rules.check_hours(month_hours=month, year_hours=year, adding=hours)
    except rules.LimitError as exc:
        raise ValidationError({"hours": str(exc)}) from None
    except ValueError as exc:
        raise ValidationError({"hours": str(exc)}) from None
    if selectors.cheque_balance(user) < cheques:
        raise ValidationError({"hours": _("De gebruiker heeft nog %(n)s cheques; nodig: %(c)s.")
                               % {"n": selectors.cheque_balance(user), "c": cheques}})  # fmt: skip
    performance = Performance.objects.create(
        worker=worker, user=user, activity=activity, on=on, hours=hours, cheques=cheques,
        round_trip_km=round_trip_km, registered_by=actor,
    )  # fmt: skip
    audit.record(actor, "create", performance, person_id=worker.person_id, purpose="wijkwerk")
    return performance


@transaction.atomic
def worker_person(*, actor, data: dict, insz: str = "") -> Person:
    """The person a referral is about: the one with that INSZ when the region knows it
    (nothing of its files is shown), else a new registry person."""
    _ensure_coach(actor)
    if insz:
        try:
            compact = insz_codec.validate(insz)
        except ValidationError as exc:
            raise ValidationError({"insz": exc.messages}) from None
        known = Person.objects.filter(insz_hash=insz_codec.keyed_hash(compact)).first()
        if known:
            return Person.objects.get(pk=known.merged_into_id or known.pk)
    person = Person(**{k: data.get(k) for k in ("first_name", "last_name", "birth_date")})
    if insz:
        person.set_insz(compact)
    person.full_clean()
    person.save()
    audit.record(actor, "create", person, purpose="wijkwerk")
    return person


@transaction.atomic
def worker_refer(*, actor, person, referred_by: str, on: dt.date, ex_pwa: bool = False) -> Worker:
    """A referral by VDAB or the OCMW, registered by the coach for its organiser."""
    _ensure_coach(actor)
    organiser = min(selectors.coach_organisers(actor))
    if referred_by not in ("vdab", "ocmw"):
        raise ValidationError({"referred_by": _("Kies VDAB of OCMW.")})
    if Worker.objects.filter(person=person, ended_on__isnull=True,
                             not_started_reason="").exists():  # fmt: skip
        raise ValidationError(_("Deze persoon is al wijk-werker of wacht op een intake."))
    worker = Worker.objects.create(organiser_id=organiser, person=person, referred_by=referred_by,
                                   referred_on=on, ex_pwa=ex_pwa)  # fmt: skip
    audit.record(actor, "create", worker, person_id=person.pk, purpose="wijkwerk")
    return worker


@transaction.atomic
def worker_import(*, actor, person: Person, data: dict) -> Worker:
    """A wijk-werker from the organiser's register (checked row by row by the import)."""
    _ensure_coach(actor)
    worker = Worker(organiser_id=min(selectors.coach_organisers(actor)), person=person, **data)
    worker.full_clean()
    worker.save()
    audit.record(actor, "create", worker, person_id=person.pk, purpose="wijkwerk")
    return worker


PERFORMANCE_COLUMNS = ("worker", "user", "activity", "on", "hours", "cheques", "round_trip_km",
                       "registered_by", "batch")  # fmt: skip


def performances_insert(rows: list[tuple], *, registered_by_id: int, batch_id=None) -> None:
    """Write performance rows (worker id, user id, activity, day, hours, cheques, km) that
    were checked already, without the ORM: COPY on PostgreSQL, one prepared statement on
    SQLite. For the import service and the demo year."""
    from django.db import connection

    meta, quote = Performance._meta, connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in PERFORMANCE_COLUMNS)
    sql = (f"INSERT INTO {quote(meta.db_table)} ({columns}) "
           f"VALUES ({', '.join(['%s'] * len(PERFORMANCE_COLUMNS))})")  # fmt: skip
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # COPY: PostgreSQL's own bulk load
            with cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row((*row, registered_by_id, batch_id))
        else:
            for start in range(0, len(rows), 10000):
                chunk = rows[start : start + 10000]
                cursor.executemany(sql, [(*row, registered_by_id, batch_id) for row in chunk])


@transaction.atomic
def performances_import(*, actor, batch, rows: list[tuple]) -> int:
    """A year's performances at once (worker id, user id, activity, day, hours, cheques,
    km), checked against the limits by the import. Written without the ORM: a model
    instance per row would take most of the time. One audit entry per wijk-werker they
    concern."""
    organisers = selectors.coach_organisers(actor)
    worker_ids = {row[0] for row in rows}
    persons = dict(Worker.objects.filter(pk__in=worker_ids, organiser__in=organisers)
                   .values_list("pk", "person_id"))  # fmt: skip
    if not organisers or len(persons) != len(worker_ids):
        raise PermissionDenied
    performances_insert(rows, registered_by_id=actor.pk, batch_id=batch.pk)
    counts: dict[int, int] = {}
    for row in rows:
        counts[row[0]] = counts.get(row[0], 0) + 1
    for worker_id, n in sorted(counts.items()):
        audit.record(actor, "import", person_id=persons[worker_id], purpose="wijkwerk",
                     detail={"performances": n, "batch": batch.pk})  # fmt: skip
    return len(rows)


@transaction.atomic
def performances_remove(*, actor, batch) -> None:
    """Undo of a performances import: the rows it loaded."""
    found = Performance.objects.filter(batch=batch)
    if found.exclude(worker__organiser__in=selectors.coach_organisers(actor)).exists():
        raise PermissionDenied
    persons = sorted(set(found.values_list("worker__person_id", flat=True)))
    found.delete()
    for person_id in persons:
        audit.record(actor, "import_undo", person_id=person_id, purpose="wijkwerk",
                     detail={"deleted": "work.performance", "batch": batch.pk})  # fmt: skip


@transaction.atomic
def worker_intake(
    *, actor, worker: Worker, on: dt.date, start: dt.date | None, reason: str = ""
) -> Worker:
    """The coach's intake: the wijk-werker starts on a day, or does not, with the reason."""
    _ensure_coach(actor, worker.organiser_id)
    worker = Worker.objects.select_for_update().get(pk=worker.pk)
    errors = {}
    if worker.started_on or worker.not_started_reason:
        errors["__all__"] = _("De intake is al gebeurd.")
    elif on < worker.referred_on:
        errors["intake_on"] = _("De intake ligt voor de doorverwijzing.")
    elif start is None and not reason.strip():
        errors["not_started_reason"] = _("Geef de reden waarom de persoon niet start.")
    elif start is not None and start < on:
        errors["started_on"] = _("De start ligt voor de intake.")
    if errors:
        raise ValidationError(errors)
    worker.intake_on, worker.started_on, worker.not_started_reason = on, start, reason.strip()
    worker.save(update_fields=["intake_on", "started_on", "not_started_reason"])
    audit.record(actor, "update", worker, person_id=worker.person_id, purpose="wijkwerk")
    return worker


@transaction.atomic
def worker_end(*, actor, worker: Worker, on: dt.date) -> Worker:
    """The agreement ends on a day (no performances after it)."""
    _ensure_coach(actor, worker.organiser_id)
    worker = Worker.objects.select_for_update().get(pk=worker.pk)
    if worker.started_on is None or worker.ended_on:
        raise ValidationError(_("Alleen een lopende overeenkomst kan eindigen."))
    if on < worker.started_on:
        raise ValidationError({"ended_on": _("Het einde ligt voor de start.")})
    if worker.performances.filter(on__gt=on).exists():
        raise ValidationError({"ended_on": _("Er zijn al prestaties na die dag.")})
    worker.ended_on = on
    worker.save(update_fields=["ended_on"])
    audit.record(actor, "update", worker, person_id=worker.person_id, purpose="wijkwerk")
    return worker


@transaction.atomic
def sitting_day_plan(*, actor, municipality, on: dt.date, start, end, place: str) -> SittingDay:
    _ensure_coach(actor)
    if end <= start:
        raise ValidationError({"end": _("De zitdag eindigt voor hij begint.")})
    if not place.strip():
        raise ValidationError({"place": _("Waar is de zitdag?")})
    return SittingDay.objects.create(municipality=municipality, on=on, start=start, end=end,
                                     place=place.strip(), coach=actor)  # fmt: skip


@transaction.atomic
def service_request(
    *, actor, user: WijkwerkUser, activity: str, place: str, hours: Decimal
) -> ServiceRequest:
    """A user (for itself) or a coach asks for a service."""
    _ensure_own_or_coach(actor, user)
    errors = {}
    if not activity.strip():
        errors["activity"] = _("Welke activiteit?")
    if not place.strip():
        errors["place"] = _("Waar?")
    if hours <= 0 or hours > rules.MAX_HOURS_MONTH.value:
        errors["hours_wanted"] = _("Tussen 0 en %(max)s uur.") % {
            "max": rules.MAX_HOURS_MONTH.value
        }
    if errors:
        raise ValidationError(errors)
    request = ServiceRequest.objects.create(user=user, activity=activity.strip(),
                                            place=place.strip(), hours_wanted=hours)  # fmt: skip
    audit.record(actor, "create", request, person_id=user.person_id, purpose="wijkwerk")
    return request


@transaction.atomic
def service_match(*, actor, request: ServiceRequest, worker: Worker) -> ServiceRequest:
    """The coach matches an open request to a wijk-werker who has started."""
    _ensure_coach(actor, request.user.organiser_id)
    request = ServiceRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.OPEN:
        raise ValidationError(_("Deze vraag is al gekoppeld of afgesloten."))
    other = worker.organiser_id != request.user.organiser_id
    if worker.started_on is None or worker.ended_on or other:
        raise ValidationError({"worker": _("Kies een wijk-werker die gestart is.")})
    request.worker, request.status = worker, RequestStatus.MATCHED
    request.save(update_fields=["worker", "status"])
    audit.record(actor, "update", request, person_id=worker.person_id, purpose="wijkwerk")
    return request


@transaction.atomic
def request_close(*, actor, request: ServiceRequest) -> ServiceRequest:
    """The user or the coach closes a request (done, or no longer needed)."""
    _ensure_own_or_coach(actor, request.user)
    request.status = RequestStatus.CLOSED
    request.save(update_fields=["status"])
    return request


@transaction.atomic
def user_register(
    *, actor, kind: str, number: str = "", person: Person | None = None, name: str = "",
    municipality=None, on: dt.date | None = None,
) -> WijkwerkUser:  # fmt: skip
    """The coach registers a user: a private person, or an organisation by name (found, or
    added to the registry of organisations)."""
    _ensure_coach(actor)
    organiser = Organisation.objects.get(pk=min(selectors.coach_organisers(actor)))
    organisation = None
    if kind != UserKind.PRIVATE:
        if not name.strip():
            raise ValidationError({"name": _("Geef de naam van de organisatie.")})
        organisation = Organisation.objects.filter(name__iexact=name.strip()).first()
        if organisation is None:
            organisation = Organisation.objects.create(
                name=name.strip(), municipality=municipality,
                kind=OrganisationKind.SCHOOL if kind == UserKind.SCHOOL
                else OrganisationKind.PARTNER,
            )  # fmt: skip
    user = WijkwerkUser(organiser=organiser, kind=kind, person=person, organisation=organisation,
                        number=number.strip(), registered_on=on or dt.date.today())  # fmt: skip
    taken = WijkwerkUser.objects.filter(organiser=organiser, number=user.number)
    if user.number and taken.exists():
        raise ValidationError({"number": _("Dit gebruikersnummer bestaat al.")})
    user.full_clean()
    user.save()
    audit.record(actor, "create", user, person_id=user.person_id, purpose="wijkwerk")
    return user


# --- Activation trajectories --------------------------------------------------------------


def _ensure_sees(actor, person: Person) -> None:
    if not policy.scope_persons(actor, Person.objects.filter(pk=person.pk)).exists():
        raise PermissionDenied


@transaction.atomic
def activation_start(
    *, actor, membership, person: Person, referred_by: str, referrer: str, referred_on: dt.date,
    barriers: list[str], goals: str, partners=(),
) -> ActivationTrajectory:  # fmt: skip
    """A referral (VDAB, GTB or a care organisation) opens a trajectory, held by the
    organisation of the worker who registers it."""
    if membership not in policy.file_memberships(actor) or not membership.organisation_id:
        raise PermissionDenied
    _ensure_sees(actor, person)
    errors = {}
    if referred_by not in ActivationReferrer.values:
        errors["referred_by"] = _("Kies VDAB, GTB of een zorgorganisatie.")
    if not barriers or set(barriers) - set(Barrier.values):
        errors["barriers"] = _("Duid minstens één drempel aan.")
    if not goals.strip():
        errors["goals"] = _("Wat zijn de doelen?")
    if ActivationTrajectory.objects.filter(person=person).exclude(status__in=ENDED).exists():
        errors["__all__"] = _("Deze persoon heeft al een lopend activeringstraject.")
    if errors:
        raise ValidationError(errors)
    trajectory = ActivationTrajectory.objects.create(
        person=person, organisation=membership.organisation, referred_by=referred_by,
        referrer=referrer.strip(), referred_on=referred_on, barriers=sorted(barriers),
        goals=goals.strip(),
    )  # fmt: skip
    trajectory.partners.set(partners)
    ActivationEvent.objects.create(trajectory=trajectory, status=ActivationStatus.REFERRED,
                                   on=referred_on, by=actor)  # fmt: skip
    audit.record(actor, "create", trajectory, person_id=person.pk, purpose="activation")
    return trajectory


NEXT_STATUS = {
    ActivationStatus.REFERRED: {ActivationStatus.RUNNING, ActivationStatus.STOPPED},
    ActivationStatus.RUNNING: {ActivationStatus.PAUSED, *ENDED},
    ActivationStatus.PAUSED: {ActivationStatus.RUNNING, *ENDED},
}


@transaction.atomic
def activation_status(
    *, actor, trajectory: ActivationTrajectory, status: str, on: dt.date, note: str = ""
) -> ActivationTrajectory:
    """Move a trajectory on its timeline; the first move to 'running' is its start."""
    trajectory = ActivationTrajectory.objects.select_for_update().get(pk=trajectory.pk)
    _ensure_sees(actor, trajectory.person)
    if status not in NEXT_STATUS.get(trajectory.status, set()):
        raise ValidationError({"status": _("Van '%(a)s' kan het traject niet naar '%(b)s'.") % {
            "a": ActivationStatus(trajectory.status).label,
            "b": ActivationStatus(status).label if status in ActivationStatus.values else status,
        }})  # fmt: skip
    last = trajectory.timeline.order_by("-on", "-pk").first()
    if last and on < last.on:
        raise ValidationError({"on": _("De datum ligt voor de vorige stap (%(d)s).")
                               % {"d": f"{last.on:%d/%m/%Y}"}})  # fmt: skip
    if status == ActivationStatus.RUNNING and trajectory.started_on is None:
        trajectory.started_on = on
    trajectory.status = status
    trajectory.save(update_fields=["status", "started_on"])
    ActivationEvent.objects.create(trajectory=trajectory, status=status, on=on,
                                   note=note.strip(), by=actor)  # fmt: skip
    audit.record(actor, "update", trajectory, person_id=trajectory.person_id,
                 purpose="activation")  # fmt: skip
    return trajectory


@transaction.atomic
def activation_step_add(
    *, actor, trajectory: ActivationTrajectory, kind: str, title: str, start: dt.date,
    end: dt.date | None = None, partner: Organisation | None = None,
) -> ActivationStep:  # fmt: skip
    _ensure_sees(actor, trajectory.person)
    errors = {}
    if kind not in StepKind.values:
        errors["kind"] = _("Kies een werkstap of een zorgstap.")
    if not title.strip():
        errors["title"] = _("Wat is de stap?")
    if end and end < start:
        errors["end"] = _("Het einde ligt voor het begin.")
    if errors:
        raise ValidationError(errors)
    step = ActivationStep.objects.create(trajectory=trajectory, kind=kind, title=title.strip(),
                                         start=start, end=end, partner=partner)  # fmt: skip
    audit.record(actor, "create", step, person_id=trajectory.person_id, purpose="activation")
    return step


# --- Social economy -----------------------------------------------------------------------


def _ensure_director(actor) -> None:
    if not policy.has_role(actor, access_rules.SOCIAL_ECONOMY):
        raise PermissionDenied


@transaction.atomic
def enterprise_save(*, actor, enterprise: Enterprise) -> Enterprise:
    _ensure_director(actor)
    enterprise.full_clean()
    enterprise.save()
    return enterprise


@transaction.atomic
def event_create(*, actor, event: EconomyEvent, enterprises=()) -> EconomyEvent:
    _ensure_director(actor)
    event.full_clean()
    event.save()
    event.enterprises.set(enterprises)
    return event


@transaction.atomic
def capacity_set(*, actor, year: int, planned_min: int, planned_max: int):
    """The trajectories planned for a year (coordinators and programme leads)."""
    from samen.work.models import ActivationCapacity

    if not policy.has_role(actor, access_rules.AGGREGATES):
        raise PermissionDenied
    if planned_max < planned_min:
        raise ValidationError({"planned_max": _("Het maximum ligt onder het minimum.")})
    plan, _created = ActivationCapacity.objects.update_or_create(
        year=year, defaults={"planned_min": planned_min, "planned_max": planned_max}
    )
    return plan
