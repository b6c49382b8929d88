"""Work pages: wijk-werken (the coach's desk, the user's and the wijk-werker's own page,
the sitting-day calendar, the statements), activation trajectories, the social economy."""

import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samen.access import audit, policy, rules
from samen.access.decorators import role_required
from samen.core.forms import add_service_errors, errors_in_words, form_step
from samen.core.pdf import render_pdf
from samen.housing.selectors import person_in_scope
from samen.work import forms, selectors, services
from samen.work import rules as rules_of_work
from samen.work.models import ActivationCapacity, Barrier, EconomyEvent, Enterprise, UserKind

COACH = rules.WIJKWERK_COACH
OWN = rules.WIJKWERK_USER | {"citizen"}  # their own cheques, requests, hours, statements
EVERYONE = rules.STAFF | {"citizen"}
ACTIVATION = rules.FILE_ROLES | rules.AGGREGATES


def _worker_or_404(request: HttpRequest, pk: int):
    return get_object_or_404(selectors.workers_for(request.user), pk=pk)


def _user_or_404(request: HttpRequest, pk: int):
    return get_object_or_404(selectors.users_for(request.user), pk=pk)


# --- the coach's desk ---------------------------------------------------------------------


@require_GET
@role_required(COACH)
def wijkwerk(request: HttpRequest) -> HttpResponse:
    """Open requests to match, referrals waiting for an intake, wijk-werkers at work with
    their hours this month, the coming sitting days."""
    today = timezone.localdate()
    workers = selectors.workers_for(request.user)
    waiting = list(workers.filter(intake_on__isnull=True, not_started_reason="")[:100])
    active = workers.filter(started_on__isnull=False, ended_on__isnull=True)
    query = request.GET.get("q", "").strip()
    for word in query.split():
        active = active.filter(Q(person__first_name__icontains=word)
                               | Q(person__last_name__icontains=word))  # fmt: skip
    active = list(active.order_by("person__last_name", "person__first_name")[:100])
    requests = list(selectors.open_requests(request.user)[:100])
    audit.record_list(request.user, purpose="wijkwerk", page="wijkwerk", person_ids=[
        *(w.person_id for w in waiting + active), *(r.user.person_id for r in requests),
    ])  # fmt: skip
    month = selectors.month_hours([w.pk for w in active], today)
    return render(request, "work/wijkwerk.html", {
        "waiting": waiting, "requests": requests,
        "active": [(w, month.get(w.pk, Decimal(0))) for w in active],
        "days": selectors.sitting_days(today, today + dt.timedelta(weeks=2)), "query": query,
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
@role_required(COACH)
def wijkwerk_refer(request: HttpRequest) -> HttpResponse:
    form = forms.ReferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.worker_person(actor=request.user, data=data, insz=data["insz"])
            worker = services.worker_refer(
                actor=request.user, person=person, referred_by=data["referred_by"],
                on=data["referred_on"], ex_pwa=data["ex_pwa"],
            )  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De doorverwijzing is geregistreerd."))
            return redirect("wijkwerk_worker", worker.pk)
    return render(request, "work/refer.html", {"form": form})


@require_http_methods(["GET", "POST"])
@role_required(COACH)
def wijkwerk_worker(request: HttpRequest, pk: int) -> HttpResponse:
    """A wijk-werker: the intake, the hours against the limits, registering a performance."""
    worker = _worker_or_404(request, pk)
    # Every user of the organiser is an option: load only what their names need.
    users = selectors.users_for(request.user).filter(organiser=worker.organiser_id).only(
        "kind", "organiser", "person__first_name", "person__last_name", "organisation__name",
        "organiser__name")  # fmt: skip
    form = forms.PerformanceForm(request.POST or None, users=users)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            performance = services.performance_register(
                actor=request.user, worker=worker, user=data["user"], activity=data["activity"],
                on=data["on"], hours=data["hours"],
                round_trip_km=data["round_trip_km"] or Decimal(0),
            )  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            hours = rules_of_work.hours_text(performance.hours)
            messages.success(request, ngettext(
                "%(h)s uur geregistreerd; %(c)s cheque ingewisseld.",
                "%(h)s uur geregistreerd; %(c)s cheques ingewisseld.", performance.cheques,
            ) % {"h": hours, "c": performance.cheques})  # fmt: skip
            return redirect("wijkwerk_worker", worker.pk)
    else:
        audit.record(request.user, "view", worker, person_id=worker.person_id, purpose="wijkwerk")
    return render(request, "work/worker.html", {
        "worker": worker, "form": form, "intake": forms.IntakeForm(), "end": forms.EndForm(),
        "limits": selectors.limits_of(worker, timezone.localdate()),
        "performances": worker.performances.select_related("user__person",
                                                           "user__organisation")[:50],
        "months": selectors.statement_months(worker)[:12],
    })  # fmt: skip


@require_POST
@role_required(COACH)
def wijkwerk_intake(request: HttpRequest, pk: int) -> HttpResponse:
    worker = _worker_or_404(request, pk)
    form_step(request, forms.IntakeForm(request.POST), lambda data: services.worker_intake(
        actor=request.user, worker=worker, on=data["intake_on"],
        start=data["started_on"] if data["starts"] else None,
        reason="" if data["starts"] else data["not_started_reason"],
    ), _("De intake is geregistreerd."))  # fmt: skip
    return redirect("wijkwerk_worker", worker.pk)


@require_POST
@role_required(COACH)
def wijkwerk_end(request: HttpRequest, pk: int) -> HttpResponse:
    worker = _worker_or_404(request, pk)
    form_step(request, forms.EndForm(request.POST), lambda data: services.worker_end(
        actor=request.user, worker=worker, on=data["ended_on"],
    ), _("De overeenkomst is beëindigd."))  # fmt: skip
    return redirect("wijkwerk_worker", worker.pk)


@require_http_methods(["GET", "POST"])
@role_required(COACH)
def wijkwerk_request(request: HttpRequest, pk: int) -> HttpResponse:
    """A user's request; the coach matches it to a wijk-werker who has started."""
    found = selectors.requests_for(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404
    workers = (
        selectors.workers_for(request.user)
        .filter(organiser=found.user.organiser_id, started_on__isnull=False, ended_on__isnull=True)
        .order_by("person__last_name", "person__first_name")
    )
    form = forms.MatchForm(request.POST or None, workers=workers)
    if request.method == "POST" and form.is_valid():
        try:
            services.service_match(actor=request.user, request=found,
                                   worker=form.cleaned_data["worker"])  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De vraag is gekoppeld aan %(w)s.")
                             % {"w": form.cleaned_data["worker"]})  # fmt: skip
            return redirect("wijkwerk")
    audit.record(request.user, "view", found, person_id=found.user.person_id, purpose="wijkwerk")
    return render(request, "work/request.html", {"found": found, "form": form})


@require_http_methods(["GET", "POST"])
@role_required(COACH)
def wijkwerk_users(request: HttpRequest) -> HttpResponse:
    """The organiser's users; registering a new one."""
    form = forms.UserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = None
            if data["kind"] == UserKind.PRIVATE:
                person = services.worker_person(actor=request.user, data=data)
            user = services.user_register(
                actor=request.user, kind=data["kind"], number=data["number"], person=person,
                name=data["name"], municipality=data["municipality"],
            )  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De gebruiker is ingeschreven."))
            return redirect("wijkwerk_user", user.pk)
    users = list(selectors.users_for(request.user).order_by("-registered_on", "-pk")[:200])
    audit.record_list(request.user, purpose="wijkwerk", page="wijkwerk_users",
                      person_ids=[u.person_id for u in users])  # fmt: skip
    return render(request, "work/users.html", {"users": users, "form": form})


@require_http_methods(["GET", "POST"])
@role_required(COACH)
def wijkwerk_user(request: HttpRequest, pk: int) -> HttpResponse:
    """A user's cheques: the coach sells electronic or paper cheques."""
    user = _user_or_404(request, pk)
    form = forms.BuyForm(request.POST or None, coach=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.cheques_buy(actor=request.user, user=user, on=timezone.localdate(),
                                 cheques=form.cleaned_data["cheques"],
                                 paper_first=form.cleaned_data["paper_first"])  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De cheques zijn geregistreerd."))
            return redirect("wijkwerk_user", user.pk)
    audit.record(request.user, "view", user, person_id=user.person_id, purpose="wijkwerk")
    return render(request, "work/user.html", {"wuser": user, "form": form, **_user_page(user)})


def _user_page(user) -> dict:
    this_year = timezone.localdate().year
    return {
        "balance": selectors.cheque_balance(user),
        "purchases": user.purchases.all()[:50],
        "fees": user.fees.all()[:5],
        "requests": user.requests.select_related("worker__person")[:50],
        "performances": user.performances.select_related("worker__person")[:50],
        "years": range(this_year, max(2018, this_year - 4) - 1, -1)
        if user.kind == UserKind.PRIVATE else (),
    }  # fmt: skip


# --- the user's and the wijk-werker's own page ---------------------------------------------


@require_GET
@role_required(OWN)
def wijkwerk_mine(request: HttpRequest) -> HttpResponse:
    """Mijn wijk-werken: as a user the cheques and requests; as a wijk-werker the hours
    against the limits and the monthly statements."""
    user = selectors.own_user(request.user)
    worker = selectors.own_worker(request.user)
    context = {"wuser": user, "worker": worker, "buy": forms.BuyForm(),
               "ask": forms.RequestForm()}  # fmt: skip
    if user:
        context |= _user_page(user)
    if worker:
        context |= {"limits": selectors.limits_of(worker, timezone.localdate()),
                    "months": selectors.statement_months(worker)[:12]}  # fmt: skip
        audit.record(request.user, "view", worker, person_id=worker.person_id,
                     purpose="wijkwerk")  # fmt: skip
    return render(request, "work/mine.html", context)


def _own_user_or_404(request: HttpRequest):
    user = selectors.own_user(request.user)
    if user is None:
        raise Http404
    return user


@require_POST
@role_required(OWN)
def wijkwerk_buy(request: HttpRequest) -> HttpResponse:
    user = _own_user_or_404(request)
    form = forms.BuyForm(request.POST)
    if form.is_valid():
        try:
            purchase = services.cheques_buy(actor=request.user, user=user,
                                            cheques=form.cleaned_data["cheques"],
                                            on=timezone.localdate())  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Je kocht %(n)s cheques aan %(p)s per cheque.") % {
                "n": purchase.cheques, "p": f"€ {purchase.price}".replace(".", ","),
            })  # fmt: skip
            return redirect("wijkwerk_mine")
    messages.error(request, errors_in_words(form))
    return redirect("wijkwerk_mine")


@require_POST
@role_required(OWN)
def wijkwerk_ask(request: HttpRequest) -> HttpResponse:
    user = _own_user_or_404(request)
    form = forms.RequestForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.service_request(actor=request.user, user=user, activity=data["activity"],
                                     place=data["place"], hours=data["hours_wanted"])  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Je vraag is verstuurd naar de wijk-werkcoach."))
            return redirect("wijkwerk_mine")
    messages.error(request, errors_in_words(form))
    return redirect("wijkwerk_mine")


# --- documents ------------------------------------------------------------------------------


def _pdf(request, template: str, context: dict, filename: str) -> HttpResponse:
    html = render_to_string(template, context, request=request)
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
@role_required(COACH | OWN)
def wijkwerk_statement(request: HttpRequest, pk: int, year: int, month: int) -> HttpResponse:
    """The monthly allowance statement of a wijk-werker (the coach's, or one's own)."""
    worker = selectors.workers_for(request.user).filter(pk=pk).first()
    own = selectors.own_worker(request.user)
    if worker is None and own is not None and own.pk == pk:
        worker = own
    if worker is None or not 1 <= month <= 12:
        raise Http404
    audit.record(request.user, "export", worker, person_id=worker.person_id, purpose="wijkwerk")
    statement = selectors.statement(worker, dt.date(year, month, 1))
    return _pdf(request, "work/statement.html", {"s": statement},
                f"vergoeding-{year}-{month:02d}.pdf")  # fmt: skip


@require_GET
@role_required(COACH | OWN)
def wijkwerk_certificate(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """The yearly fiscal certificate of a private user."""
    user = selectors.users_for(request.user).filter(pk=pk, kind=UserKind.PRIVATE).first()
    if user is None or year < 2018:
        raise Http404
    audit.record(request.user, "export", user, person_id=user.person_id, purpose="wijkwerk")
    return _pdf(request, "work/certificate.html",
                {"c": selectors.certificate(user, year), "today": timezone.localdate()},
                f"fiscaal-attest-{year}.pdf")  # fmt: skip


# --- sitting days -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(EVERYONE)
def sitting_days(request: HttpRequest) -> HttpResponse:
    """The coaches' sitting days, by week: where and when to find a wijk-werk coach."""
    coach = bool(selectors.coach_organisers(request.user))
    form = forms.SittingDayForm(request.POST or None) if coach else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                services.sitting_day_plan(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("De zitdag staat in de kalender."))
                return redirect("sitting_days")
    today = timezone.localdate()
    start = today - dt.timedelta(days=today.weekday())
    weeks: dict = {}
    for day in selectors.sitting_days(start, start + dt.timedelta(weeks=6)):
        monday = day.on - dt.timedelta(days=day.on.weekday())
        weeks.setdefault(monday, []).append(day)
    return render(request, "work/sitting_days.html", {"weeks": weeks, "form": form})


# --- activation trajectories ----------------------------------------------------------------


def _trajectory_or_404(request: HttpRequest, pk: int):
    return get_object_or_404(selectors.activation_for(request.user), pk=pk)


@require_GET
@role_required(ACTIVATION)
def activation(request: HttpRequest) -> HttpResponse:
    year = timezone.localdate().year
    trajectories = list(selectors.activation_for(request.user)[:200])
    audit.record_list(request.user, purpose="activation", page="activation",
                      person_ids=[t.person_id for t in trajectories])  # fmt: skip
    plan = ActivationCapacity.objects.filter(year=year).first()
    capacity = forms.CapacityForm(initial={
        "year": year, "planned_min": plan and plan.planned_min,
        "planned_max": plan and plan.planned_max,
    }) if policy.has_role(request.user, rules.AGGREGATES) else None  # fmt: skip
    return render(request, "work/activation.html", {
        "trajectories": trajectories, "capacity": selectors.activation_capacity(year),
        "capacity_form": capacity,
    })  # fmt: skip


@require_POST
@role_required(rules.AGGREGATES)
def activation_capacity(request: HttpRequest) -> HttpResponse:
    form = forms.CapacityForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        services.capacity_set(actor=request.user, **data)
        messages.success(request, _("De capaciteit is bewaard."))
    else:
        messages.error(request, errors_in_words(form))
    return redirect("activation")


@require_http_methods(["GET", "POST"])
@role_required(rules.FILE_ROLES)
def activation_start(request: HttpRequest, person: int) -> HttpResponse:
    subject = person_in_scope(request.user, person)
    if subject is None:
        raise Http404
    form = forms.ActivationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            trajectory = services.activation_start(
                actor=request.user, membership=data["membership"], person=subject,
                referred_by=data["referred_by"], referrer=data["referrer"],
                referred_on=data["referred_on"], barriers=data["barriers"],
                goals=data["goals"], partners=data["partners"],
            )  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het activeringstraject is geopend."))
            return redirect("activation_trajectory", trajectory.pk)
    return render(request, "work/activation_start.html", {"subject": subject, "form": form})


@require_GET
@role_required(rules.FILE_ROLES)
def activation_trajectory(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _trajectory_or_404(request, pk)
    audit.record(request.user, "view", trajectory, person_id=trajectory.person_id,
                 purpose="activation")  # fmt: skip
    return render(request, "work/activation_trajectory.html", {
        "t": trajectory, "move": forms.ActivationStatusForm(), "step": forms.ActivationStepForm(),
        "barriers": [Barrier(b).label for b in trajectory.barriers],
    })  # fmt: skip


@require_POST
@role_required(rules.FILE_ROLES)
def activation_move(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _trajectory_or_404(request, pk)
    form_step(request, forms.ActivationStatusForm(request.POST), lambda data: (
        services.activation_status(actor=request.user, trajectory=trajectory, **data)
    ), _("De status is bijgewerkt."))  # fmt: skip
    return redirect("activation_trajectory", trajectory.pk)


@require_POST
@role_required(rules.FILE_ROLES)
def activation_step(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _trajectory_or_404(request, pk)
    form_step(request, forms.ActivationStepForm(request.POST), lambda data: (
        services.activation_step_add(actor=request.user, trajectory=trajectory, **data)
    ), _("De stap is toegevoegd."))  # fmt: skip
    return redirect("activation_trajectory", trajectory.pk)


# --- the social economy ---------------------------------------------------------------------


@require_GET
@role_required(rules.STAFF)
def economy(request: HttpRequest) -> HttpResponse:
    """The directory of maatwerkbedrijven and partners, and the events (no person data)."""
    director = policy.has_role(request.user, rules.SOCIAL_ECONOMY)
    return render(request, "work/economy.html", {
        "enterprises": Enterprise.objects.select_related("municipality"),
        "events": EconomyEvent.objects.select_related("municipality")
        .prefetch_related("enterprises")[:100],
        "director": director,
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
@role_required(rules.SOCIAL_ECONOMY)
def economy_enterprise(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    found = Enterprise.objects.filter(pk=pk).first() if pk else Enterprise()
    if found is None:
        raise Http404
    form = forms.EnterpriseForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        services.enterprise_save(actor=request.user, enterprise=form.save(commit=False))
        messages.success(request, _("Bewaard."))
        return redirect("economy")
    return render(request, "work/economy_form.html", {"form": form,
                                                      "title": _("Organisatie")})  # fmt: skip


@require_http_methods(["GET", "POST"])
@role_required(rules.SOCIAL_ECONOMY)
def economy_event(request: HttpRequest) -> HttpResponse:
    form = forms.EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.event_create(actor=request.user, event=form.save(commit=False),
                              enterprises=form.cleaned_data["enterprises"])  # fmt: skip
        messages.success(request, _("Het evenement is bewaard."))
        return redirect("economy")
    return render(request, "work/economy_form.html", {"form": form,
                                                      "title": _("Evenement")})  # fmt: skip
