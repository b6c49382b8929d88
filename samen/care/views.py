"""Care pages: the GBO intake with its rights exploration, the follow-up of each right by
the partner best placed, and the under-protection dashboard."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samen.access import audit, policy, rules
from samen.access.decorators import role_required
from samen.care import forms, selectors, services
from samen.care.models import Right
from samen.core.forms import add_service_errors, errors_in_words, form_step, perform
from samen.core.spreadsheets import safe_row
from samen.housing.selectors import person_in_scope

DEFAULT_DAYS = 60  # a right still open two months after the intake counts as under-protection


@require_http_methods(["GET", "POST"])
@role_required(rules.FILE_ROLES)
def gbo_intake_new(request: HttpRequest, person: int) -> HttpResponse:
    subject = person_in_scope(request.user, person)
    if subject is None:
        raise Http404
    form = forms.IntakeForm(request.POST or None, user=request.user,
                            initial={"on": timezone.localdate()})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            intake = services.intake_create(
                actor=request.user, membership=data["membership"], person=subject,
                question=data["question"], context=data["context"], rights=data["rights"],
                on=data["on"],
            )  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het onthaal is geregistreerd."))
            return redirect("gbo_intake", intake.pk)
    return render(request, "care/intake_new.html", {"subject": subject, "form": form})


@require_GET
@role_required(rules.FILE_ROLES)
def gbo_intake(request: HttpRequest, pk: int) -> HttpResponse:
    intake = selectors.intakes_for(request.user).filter(pk=pk).first()
    if intake is None:
        raise Http404
    audit.record(request.user, "view", intake, person_id=intake.person_id, purpose="gbo")
    checks = list(intake.checks.select_related("right", "partner").prefetch_related(
        "events__partner"))  # fmt: skip
    return render(request, "care/intake.html", {
        "intake": intake, "checks": [(c, forms.CheckForm(prefix=f"c{c.pk}", initial={
            "status": c.status, "partner": c.partner_id, "on": timezone.localdate()}))
            for c in checks],
        "in_file": person_in_scope(request.user, intake.person_id) is not None,
    })  # fmt: skip


@require_POST
@role_required(rules.FILE_ROLES)
def gbo_check(request: HttpRequest, pk: int) -> HttpResponse:
    check = selectors.check_for(request.user, pk)
    if check is None:
        raise Http404
    form = forms.CheckForm(request.POST, prefix=f"c{check.pk}")
    form_step(request, form, lambda data: services.check_update(
        actor=request.user, check=check, **data), _("De opvolging is bewaard."))  # fmt: skip
    return redirect("gbo_intake", check.intake_id)


@require_GET
@role_required(rules.FILE_ROLES | rules.AGGREGATES)
def gbo_dashboard(request: HttpRequest) -> HttpResponse:
    """Under-protection: rights found but not realised after so many days (counts only),
    and, for a front-line worker, the open rights their own organisation follows up."""
    try:
        days = max(0, min(int(request.GET.get("dagen", DEFAULT_DAYS)), 3650))
    except ValueError:
        days = DEFAULT_DAYS
    mine = list(selectors.open_checks_for(request.user)[:200])
    audit.record_list(request.user, purpose="gbo", page="gbo_dashboard",
                      person_ids=[c.intake.person_id for c in mine])  # fmt: skip
    return render(request, "care/dashboard.html", {
        "under": selectors.under_protection(days, timezone.localdate()), "mine": mine,
        "rights_admin": policy.has_role(request.user, rules.AGGREGATES),
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
@role_required(rules.AGGREGATES)
def gbo_rights(request: HttpRequest) -> HttpResponse:
    """The rights checklist: add a right, or take one out of the checklist."""
    form = forms.RightForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.right_save(actor=request.user, right=form.save(commit=False))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Bewaard."))
            return redirect("gbo_rights")
    return render(request, "care/rights.html", {"form": form, "rights": Right.objects.all()})


# --- the volunteer database ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(rules.VOLUNTEER_ADMIN)
def volunteers(request: HttpRequest) -> HttpResponse:
    """The database, the attention policy (birthdays this month, thanks events), the export
    for the insurer."""
    from samen.care.models import ThanksEvent, Volunteer

    thanks = forms.ThanksForm(request.POST or None)
    if request.method == "POST" and thanks.is_valid():
        services.thanks_event_save(actor=request.user, event=thanks.save(commit=False))
        messages.success(request, _("Bewaard."))
        return redirect("volunteers")
    query = request.GET.get("q", "").strip()
    found = Volunteer.objects.select_related("municipality")
    for word in query.split():
        found = found.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    today = timezone.localdate()
    return render(request, "care/volunteers.html", {
        "volunteers": found[:300], "query": query, "thanks": thanks,
        "birthdays": selectors.birthdays(today.month), "events": ThanksEvent.objects.all()[:10],
        "period": forms.PeriodForm(initial={"start": today.replace(month=1, day=1), "end": today}),
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
@role_required(rules.VOLUNTEER_ADMIN)
def volunteer_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    from samen.care.models import Volunteer

    found = Volunteer.objects.filter(pk=pk).first() if pk else Volunteer()
    if found is None:
        raise Http404
    form = forms.VolunteerForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.volunteer_save(actor=request.user, volunteer=form.save(commit=False))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Bewaard."))
            return redirect("volunteer_edit", saved.pk)
    return render(request, "care/volunteer.html", {
        "form": form, "volunteer": found,
        "assignments": found.assignments.select_related("request__organisation") if pk else [],
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
@role_required(rules.VOLUNTEER_ASK)
def volunteer_requests(request: HttpRequest) -> HttpResponse:
    """Organisations ask for volunteers; coordinators see every request."""
    from samen.care.models import VolunteerRequest

    form = forms.VolunteerRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            asked = services.volunteer_request_create(actor=request.user,
                                                      request=form.save(commit=False))  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De vraag is verstuurd."))
            return redirect("volunteer_request", asked.pk)
    asked = VolunteerRequest.objects.filter(on__gte=timezone.localdate()).select_related(
        "organisation", "municipality").prefetch_related("assignments")  # fmt: skip
    if not policy.has_role(request.user, rules.VOLUNTEER_ADMIN):
        asked = asked.filter(asked_by=request.user)
    return render(request, "care/volunteer_requests.html", {"form": form, "asked": asked[:200]})


@require_http_methods(["GET", "POST"])
@role_required(rules.VOLUNTEER_ASK)
def volunteer_request(request: HttpRequest, pk: int) -> HttpResponse:
    """A request with its assignments; coordinators see the suggestions and assign."""
    from samen.care.models import Assignment, Volunteer, VolunteerRequest

    admin = policy.has_role(request.user, rules.VOLUNTEER_ADMIN)
    asked = VolunteerRequest.objects.filter(pk=pk).select_related("organisation").first()
    if asked is None or not (admin or asked.asked_by_id == request.user.pk):
        raise Http404
    if request.method == "POST" and admin and "volunteer" in request.POST:
        volunteer = Volunteer.objects.filter(pk=request.POST.get("volunteer") or 0).first()
        if volunteer is None:
            raise Http404
        perform(request, lambda: services.assign(actor=request.user, request=asked,
                                                 volunteer=volunteer),
                _("%(v)s is ingezet.") % {"v": volunteer})  # fmt: skip
        return redirect("volunteer_request", asked.pk)
    if request.method == "POST" and "assignment" in request.POST:
        assignment = Assignment.objects.filter(pk=request.POST.get("assignment") or 0,
                                               request=asked).first()  # fmt: skip
        if assignment is None:
            raise Http404
        log = lambda data: services.hours_log(actor=request.user,  # noqa: E731
                                              assignment=assignment, **data)  # fmt: skip
        form_step(request, forms.HoursForm(request.POST), log, _("De uren zijn bewaard."))
        return redirect("volunteer_request", asked.pk)
    return render(request, "care/volunteer_request.html", {
        "asked": asked, "assignments": asked.assignments.select_related("volunteer"),
        "suggestions": selectors.suggestions(asked) if admin else [], "admin": admin,
        "hours": forms.HoursForm(),
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
@role_required(rules.VOLUNTEERS)
def volunteer_me(request: HttpRequest) -> HttpResponse:
    """A volunteer's own profile and assignments (nothing else)."""
    volunteer = selectors.own_volunteer(request.user)
    if volunteer is None:
        return render(request, "care/volunteer_me.html", {"volunteer": None})
    form = forms.OwnProfileForm(request.POST or None, instance=volunteer)
    if request.method == "POST" and form.is_valid():
        services.volunteer_save(actor=request.user, volunteer=form.save(commit=False))
        messages.success(request, _("Je gegevens zijn bewaard."))
        return redirect("volunteer_me")
    return render(request, "care/volunteer_me.html", {
        "volunteer": volunteer, "form": form,
        "assignments": volunteer.assignments.select_related("request__organisation",
                                                            "request__municipality"),
    })  # fmt: skip


@require_GET
@role_required(rules.VOLUNTEER_ADMIN)
def volunteer_export(request: HttpRequest) -> HttpResponse:
    """The insurer's list: volunteers with assignments in the period, as a spreadsheet."""
    from io import BytesIO

    from openpyxl import Workbook

    form = forms.PeriodForm(request.GET)
    if not form.is_valid():
        messages.error(request, errors_in_words(form))
        return redirect("volunteers")
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    book = Workbook()
    sheet = book.active
    sheet.title = "vrijwilligers"
    sheet.append([_("Achternaam"), _("Voornaam"), _("Geboortedatum"), _("Gemeente"),
                  _("Verzekerd vanaf"), _("Inzetten"), _("Uren")])  # fmt: skip
    for row in selectors.insurer_rows(start, end):
        sheet.append(safe_row(row))
    for cell in sheet["C"][1:] + sheet["E"][1:]:
        cell.number_format = "DD/MM/YYYY"
    buffer = BytesIO()
    book.save(buffer)
    audit.record(request.user, "export", purpose="volunteers",
                 detail={"from": f"{start}", "to": f"{end}"})  # fmt: skip
    response = HttpResponse(buffer.getvalue(), content_type=(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))  # fmt: skip
    response["Content-Disposition"] = f'attachment; filename="vrijwilligers-{start}-{end}.xlsx"'
    return response


# --- Solentra -----------------------------------------------------------------------------------


@require_GET
@role_required(rules.FILE_ROLES)
def solentra(request: HttpRequest) -> HttpResponse:
    """Solentra's clients, referred by the OCMWs."""
    if not selectors.solentra_units(request.user):
        raise PermissionDenied
    referrals = list(selectors.solentra_referrals(request.user)[:300])
    audit.record_list(request.user, purpose="solentra", page="solentra",
                      person_ids=[r.person_id for r in referrals])  # fmt: skip
    return render(request, "care/solentra.html", {"referrals": referrals})


@require_http_methods(["GET", "POST"])
@role_required(rules.FILE_ROLES)
def solentra_person(request: HttpRequest, person: int) -> HttpResponse:
    """For Solentra: the consultations and a new one. For the referring worker: the dates
    and the summaries Solentra shared."""
    from samen.care.models import Consultation

    referral = selectors.referral_of(request.user, person)
    if referral is not None:
        form = forms.ConsultationForm(
            request.POST or None, initial={"kind": "individual", "on": timezone.localdate()}
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.consultation_add(actor=request.user, referral=referral,
                                          **form.cleaned_data)  # fmt: skip
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("De consultatie is bewaard."))
                return redirect("solentra_person", person)
        audit.record(request.user, "view", referral, person_id=person, purpose="solentra")
        return render(request, "care/solentra_person.html", {
            "subject": referral.person, "form": form, "solentra": True,
            "consultations": Consultation.objects.filter(person_id=person),
        })  # fmt: skip
    subject = person_in_scope(request.user, person)
    if subject is None or request.method == "POST":
        raise Http404
    audit.record(request.user, "view", subject, person_id=person, purpose="solentra")
    from samen.care.models import ConsultationKind

    return render(request, "care/solentra_person.html", {
        "subject": subject, "solentra": False, "kinds": ConsultationKind.choices,
        "consultations": selectors.consultations_seen_by_referrer(request.user, person),
    })  # fmt: skip


# --- Konekti ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def konekti_apply(request: HttpRequest) -> HttpResponse:
    """A family registers itself: no account, no waiting list."""
    form = forms.ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_send(data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return render(request, "care/konekti_applied.html")
    return render(request, "care/konekti_apply.html", {"form": form})


def konekti_required(view):
    from functools import wraps

    from django.contrib.auth.decorators import login_required

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not selectors.is_konekti(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
@konekti_required
def konekti(request: HttpRequest) -> HttpResponse:
    families = list(selectors.families_for(request.user).prefetch_related("members")[:300])
    audit.record_list(request.user, purpose="konekti", page="konekti", person_ids=[
        p.pk for f in families for p in f.members.all()])  # fmt: skip
    return render(request, "care/konekti.html", {
        "families": families, "applications": selectors.open_applications(request.user),
    })  # fmt: skip


@require_POST
@konekti_required
def konekti_take(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.open_applications(request.user).filter(pk=pk).first()
    if application is None:
        raise Http404
    membership = next(m for m in policy.memberships(request.user)
                      if m.team_id and m.team.code == selectors.KONEKTI)  # fmt: skip
    family = services.family_from_application(actor=request.user, membership=membership,
                                              application=application)  # fmt: skip
    messages.success(request, _("Het gezin is opgenomen: wijs meteen een verbinder toe."))
    return redirect("konekti_family", family.pk)


@require_http_methods(["GET", "POST"])
@role_required(rules.FILE_ROLES)
def konekti_refer(request: HttpRequest, person: int) -> HttpResponse:
    parent = person_in_scope(request.user, person)
    if parent is None:
        raise Http404
    form = forms.ReferFamilyForm(request.POST or None, user=request.user,
                                 initial={"on": timezone.localdate()})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.family_refer(
                actor=request.user, membership=data["membership"], parent=parent,
                children_text=data["children"], question=data["question"],
                guardian_name=data["guardian_name"], consent=data["consent"], on=data["on"],
            )  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het gezin is aangemeld bij Konekti."))
            return redirect("person_detail", parent.pk)
    return render(request, "care/konekti_refer.html", {"parent": parent, "form": form})


def _family_or_404(request, pk: int):
    return get_object_or_404(selectors.families_for(request.user), pk=pk)


@require_GET
@konekti_required
def konekti_family(request: HttpRequest, pk: int) -> HttpResponse:
    family = _family_or_404(request, pk)
    members = list(family.members.all())
    audit.record_list(request.user, purpose="konekti", page="konekti_family",
                      person_ids=[m.pk for m in members])  # fmt: skip
    psychologist = selectors.is_psychologist(request.user)
    goals = family.goals.prefetch_related("actions")
    return render(request, "care/konekti_family.html", {
        "family": family, "members": members, "goals": goals,
        "reviews": [(r, forms.HoldForm(prefix=f"h{r.pk}")) for r in family.reviews.all()],
        "visits": family.visits.all(),
        "consultations": family.consultations.all() if psychologist else None,
        "follow": forms.FollowForm(prefix="f", connectors=selectors.connectors(), initial={
            "connector": family.connector_id, "first_contact_on": family.first_contact_on}),
        "goal": forms.GoalForm(prefix="g"), "action": forms.ActionForm(prefix="a", goals=goals),
        "review": forms.ReviewForm(prefix="r"), "visit": forms.VisitForm(prefix="v"),
        "psy": forms.PsyForm(prefix="p") if psychologist else None,
        "close": forms.CloseForm(prefix="c"),
    })  # fmt: skip


@require_POST
@konekti_required
def konekti_step(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    """One step on the family's plan, posted from the family page."""
    from samen.care.models import Review

    family = _family_or_404(request, pk)
    actor = request.user
    steps = {
        "follow": (forms.FollowForm(request.POST, prefix="f", connectors=selectors.connectors()),
                   lambda d: services.family_follow(actor=actor, family=family, **d)),
        "goal": (forms.GoalForm(request.POST, prefix="g"),
                 lambda d: services.plan_add(actor=actor, family=family, what="goal", data=d)),
        "action": (forms.ActionForm(request.POST, prefix="a", goals=family.goals.all()),
                   lambda d: services.plan_add(actor=actor, family=family, what="action",
                                               data=d)),
        "review": (forms.ReviewForm(request.POST, prefix="r"),
                   lambda d: services.plan_add(actor=actor, family=family, what="review",
                                               data=d)),
        "visit": (forms.VisitForm(request.POST, prefix="v"),
                  lambda d: services.plan_add(actor=actor, family=family, what="visit", data=d)),
        "consultation": (forms.PsyForm(request.POST, prefix="p"),
                         lambda d: services.plan_add(actor=actor, family=family,
                                                     what="consultation", data=d)),
        "close": (forms.CloseForm(request.POST, prefix="c"),
                  lambda d: services.family_close(actor=actor, family=family, **d)),
    }  # fmt: skip
    if what == "hold":
        review = Review.objects.filter(family=family, pk=request.POST.get("review") or 0).first()
        if review is None:
            raise Http404
        hold = lambda d: services.review_hold(actor=actor, review=review, **d)  # noqa: E731
        steps["hold"] = (forms.HoldForm(request.POST, prefix=f"h{review.pk}"), hold)
    if what not in steps:
        raise Http404
    form, action = steps[what]
    form_step(request, form, action, _("Bewaard."))
    return redirect("konekti_family", family.pk)
