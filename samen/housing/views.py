"""Housing pages: the crisis-bed network."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samen.access import audit, policy, rules
from samen.access.decorators import role_required
from samen.core.forms import add_service_errors, errors_in_words
from samen.housing import forms, selectors, services
from samen.housing.models import CrisisBed, Dwelling, Need, Occupation, Offer
from samen.registry.models import Consent

SEES_ADMISSIONS = rules.CRISIS_ADMIT | rules.CRISIS_PARTNER


def _person_or_404(request: HttpRequest, pk: int):
    """A person of the user's own files (a record is started from the file)."""
    person = selectors.person_in_scope(request.user, pk)
    if person is None:
        raise Http404
    return person


@require_GET
@role_required(rules.CRISIS_ADMIT)
def crisis_beds(request: HttpRequest) -> HttpResponse:
    """Free beds tonight, by partner: one click to admit."""
    return render(request, "housing/crisis_beds.html", {"beds": selectors.free_beds()})


@require_http_methods(["GET", "POST"])
@role_required(rules.CRISIS_ADMIT)
def crisis_admit(request: HttpRequest, bed: int) -> HttpResponse:
    bed = CrisisBed.objects.select_related("partner").filter(pk=bed, active=True).first()
    if bed is None:
        raise Http404
    form = forms.AdmissionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            admission = services.admission_create(
                actor=request.user, membership=data["membership"], bed=bed,
                person={k: data[k] for k in ("first_name", "last_name", "birth_date")},
                reason=data["reason"], legal_basis=data["legal_basis"],
            )  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(p)s is opgenomen in %(b)s.")
                             % {"p": admission.person, "b": bed})  # fmt: skip
            return redirect("crisis_admission", admission.pk)
    return render(request, "housing/crisis_admit.html", {"bed": bed, "form": form})


@require_GET
@role_required(SEES_ADMISSIONS)
def crisis_admissions(request: HttpRequest) -> HttpResponse:
    """A partner's beds with who is in them; a service's own admissions."""
    admissions = list(selectors.admissions_for(request.user)[:200])
    audit.record_list(request.user, purpose="crisis", page="crisis_admissions",
                         person_ids=[a.person_id for a in admissions])  # fmt: skip
    return render(request, "housing/crisis_admissions.html", {
        "admissions": admissions, "beds": selectors.partner_beds(request.user),
        "is_partner": bool(selectors.partner_organisations(request.user)),
    })  # fmt: skip


@require_POST
@role_required(rules.CRISIS_PARTNER)
def crisis_bed_add(request: HttpRequest) -> HttpResponse:
    label = request.POST.get("label", "")
    _post(request, lambda: services.bed_add(actor=request.user, label=label),
          _("Het bed is toegevoegd."))  # fmt: skip
    return redirect("crisis_admissions")


@require_POST
@role_required(rules.CRISIS_PARTNER)
def crisis_bed_use(request: HttpRequest, pk: int) -> HttpResponse:
    bed = selectors.partner_beds(request.user).filter(pk=pk).first()
    if bed is None:
        raise Http404
    active = request.POST.get("active") == "1"
    _post(request, lambda: services.bed_in_use(actor=request.user, bed=bed, active=active),
          _("Bewaard."))  # fmt: skip
    return redirect("crisis_admissions")


def _admission_or_404(request: HttpRequest, pk: int):
    admission = selectors.admissions_for(request.user).filter(pk=pk).first()
    if admission is None:
        raise Http404
    return admission


@require_GET
@role_required(SEES_ADMISSIONS)
def crisis_admission(request: HttpRequest, pk: int) -> HttpResponse:
    admission = _admission_or_404(request, pk)
    audit.record(request.user, "view", admission, person_id=admission.person_id, purpose="crisis")
    nights = selectors.nights(admission.admitted_at, admission.discharged_at or timezone.now())
    return render(request, "housing/crisis_admission.html", {
        "admission": admission, "nights": len(nights), "form": forms.DischargeForm(),
    })  # fmt: skip


@require_POST
@role_required(SEES_ADMISSIONS)
def crisis_discharge(request: HttpRequest, pk: int) -> HttpResponse:
    admission = _admission_or_404(request, pk)
    form = forms.DischargeForm(request.POST)
    if form.is_valid():
        try:
            services.admission_discharge(
                actor=request.user, admission=admission,
                follow_up=form.cleaned_data["follow_up"],
                note=form.cleaned_data["follow_up_note"],
            )  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het ontslag is geregistreerd."))
            return redirect("crisis_admission", admission.pk)
    messages.error(request, errors_in_words(form))
    return redirect("crisis_admission", admission.pk)


# --- Kracht.Wonen: the meldpunt ----------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(rules.FILE_ROLES)
def meldpunt_report(request: HttpRequest, person: int) -> HttpResponse:
    """Report a situation for a person of the worker's own files (and its household)."""
    subject = _person_or_404(request, person)
    household = policy.scope_persons(request.user, selectors.household_of(subject))
    consents = Consent.objects.filter(person=subject, withdrawn_at__isnull=True,
                                      recipient_team__code=selectors.MELDPUNT_TEAM)  # fmt: skip
    form = forms.SituationForm(request.POST or None, user=request.user, person=subject,
                               household=household, consents=consents)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.situation_report(
                actor=request.user, membership=data["membership"],
                persons=[subject, *data["household"]], data=form.situation_data(),
                legal_basis=data["legal_basis"], consent=data["consent"],
                justification=data["justification"],
            )  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De situatie is gemeld bij het Kracht.Wonen-meldpunt."))
            return redirect("person_detail", subject.pk)
    return render(request, "housing/meldpunt_report.html", {"person": subject, "form": form})


@require_GET
@role_required(rules.FILE_ROLES)
def meldpunt(request: HttpRequest) -> HttpResponse:
    """The priority list of open situations, each with why it stands where it does."""
    situations = selectors.priority_list(request.user)
    decided = list(selectors.situations_for(request.user).exclude(decision="")[:30])
    audit.record_list(request.user, purpose="kracht_wonen", page="meldpunt", person_ids=[
        p.pk for s in situations + decided for p in s.persons.all()])  # fmt: skip
    return render(request, "housing/meldpunt.html", {
        "situations": situations, "decided": decided,
        "is_meldpunt": selectors.is_meldpunt(request.user),
    })  # fmt: skip


def _situation_or_404(request: HttpRequest, pk: int):
    situation = selectors.situations_for(request.user).filter(pk=pk).first()
    if situation is None:
        raise Http404
    return situation


@require_GET
@role_required(rules.FILE_ROLES)
def meldpunt_situation(request: HttpRequest, pk: int) -> HttpResponse:
    situation = _situation_or_404(request, pk)
    for person in situation.persons.all():
        audit.record(request.user, "view", situation, person_id=person.pk, purpose="kracht_wonen")
    needs = dict(Need.choices)
    return render(request, "housing/meldpunt_situation.html", {
        "situation": situation, "score": selectors.priority_score(situation),
        "needs": [needs[n] for n in selectors.visible_needs(request.user, situation)],
        "form": forms.DecisionForm() if selectors.is_meldpunt(request.user) else None,
    })  # fmt: skip


@require_POST
@role_required(rules.FILE_ROLES)
def meldpunt_decide(request: HttpRequest, pk: int) -> HttpResponse:
    situation = _situation_or_404(request, pk)
    if not selectors.is_meldpunt(request.user):  # the reporting service reads, not decides
        raise PermissionDenied
    form = forms.DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.situation_decide(actor=request.user, situation=situation,
                                      decision=form.cleaned_data["decision"],
                                      reason=form.cleaned_data["reason"])  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De beslissing is geregistreerd."))
            return redirect("meldpunt_situation", situation.pk)
    messages.error(request, errors_in_words(form))
    return redirect("meldpunt_situation", situation.pk)


@require_http_methods(["GET", "POST"])
@role_required(rules.FILE_ROLES)
def meldpunt_consultations(request: HttpRequest) -> HttpResponse:
    """The multidisciplinary crisis consultations: held, who took part, what was decided."""
    if not selectors.is_meldpunt(request.user):
        raise PermissionDenied
    form = forms.ConsultationForm(request.POST or None,
                                  situations=selectors.situations_for(request.user))  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_record(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het overleg is verslagen."))
            return redirect("meldpunt_consultations")
    return render(request, "housing/meldpunt_consultations.html", {
        "form": form, "consultations": selectors.consultations()[:50],
    })  # fmt: skip


# --- Kracht.Wonen: the dwelling pool ------------------------------------------------------


def _ensure_meldpunt(request: HttpRequest) -> None:
    if not selectors.is_meldpunt(request.user):
        raise PermissionDenied


@require_GET
@role_required(rules.FILE_ROLES)
def pool(request: HttpRequest) -> HttpResponse:
    """The 26 dwellings: free, offered, occupied or in maintenance; vacancy days this year."""
    _ensure_meldpunt(request)
    today = timezone.localdate()
    dwellings = list(selectors.dwellings().prefetch_related("occupations"))
    for dwelling in dwellings:
        dwelling.vacant = selectors.vacancy_days(dwelling, today.replace(month=1, day=1), today)
    return render(request, "housing/pool.html", {"dwellings": dwellings})


@require_http_methods(["GET", "POST"])
@role_required(rules.FILE_ROLES)
def dwelling_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _ensure_meldpunt(request)
    dwelling = Dwelling.objects.filter(pk=pk).first() if pk else None
    if pk and dwelling is None:
        raise Http404
    form = forms.DwellingForm(request.POST or None, instance=dwelling)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.dwelling_save(actor=request.user, dwelling=dwelling,
                                           data=form.cleaned_data)  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De woning is bewaard."))
            return redirect("dwelling", saved.pk)
    return render(request, "housing/dwelling_form.html", {"form": form, "dwelling": dwelling})


@require_GET
@role_required(rules.FILE_ROLES)
def dwelling(request: HttpRequest, pk: int) -> HttpResponse:
    """One dwelling: who lives there, the open offer, and the situations that fit it."""
    _ensure_meldpunt(request)
    home = selectors.dwellings().filter(pk=pk).first()
    if home is None:
        raise Http404
    state = selectors.dwelling_state(home)
    free = not (home.in_maintenance or state["occupation"] or state["offer"])
    fitting = selectors.candidates(home) if free else []
    shown = [s for s in (state["occupation"], state["offer"]) if s] + list(state["history"])
    audit.record_list(request.user, purpose="kracht_wonen", page="dwelling", person_ids=[
        p.pk for s in [*fitting, *(x.situation for x in shown)] for p in s.persons.all()
    ])  # fmt: skip
    return render(request, "housing/dwelling.html", {
        "dwelling": home, **state, "candidates": fitting,
        "answer_form": forms.OfferAnswerForm(), "end_form": forms.OccupationEndForm(),
    })  # fmt: skip


def _post(request: HttpRequest, action, success: str, form=None) -> None:
    try:
        action()
    except ValidationError as exc:
        if form is not None:
            add_service_errors(form, exc)
            messages.error(request, errors_in_words(form))
        else:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)


@require_POST
@role_required(rules.FILE_ROLES)
def offer_make(request: HttpRequest, pk: int, situation: int) -> HttpResponse:
    _ensure_meldpunt(request)
    home = Dwelling.objects.filter(pk=pk).first()
    chosen = selectors.situations_for(request.user).filter(pk=situation).first()
    if home is None or chosen is None:
        raise Http404
    _post(request, lambda: services.offer_make(actor=request.user, dwelling=home,
                                               situation=chosen),
          _("De woning is aangeboden."))  # fmt: skip
    return redirect("dwelling", home.pk)


@require_POST
@role_required(rules.FILE_ROLES)
def offer_answer(request: HttpRequest, pk: int) -> HttpResponse:
    _ensure_meldpunt(request)
    offer = Offer.objects.filter(pk=pk).first()
    if offer is None:
        raise Http404
    form = forms.OfferAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, errors_in_words(form))
        return redirect("dwelling", offer.dwelling_id)
    data = form.cleaned_data
    _post(request, lambda: services.offer_answer(
        actor=request.user, offer=offer, accept=data["answer"] == "accept",
        reason=data["reason"], start=data["start"], agreement=data["agreement"],
    ), _("Het antwoord is geregistreerd."), form)  # fmt: skip
    return redirect("dwelling", offer.dwelling_id)


@require_POST
@role_required(rules.FILE_ROLES)
def occupation_end(request: HttpRequest, pk: int) -> HttpResponse:
    _ensure_meldpunt(request)
    occupation = Occupation.objects.filter(pk=pk).first()
    if occupation is None:
        raise Http404
    form = forms.OccupationEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, errors_in_words(form))
    else:
        data = form.cleaned_data
        _post(request, lambda: services.occupation_end(
            actor=request.user, occupation=occupation, end=data["end"], outflow=data["outflow"],
        ), _("De bewoning is beëindigd."), form)  # fmt: skip
    return redirect("dwelling", occupation.dwelling_id)


@require_POST
@role_required(rules.FILE_ROLES)
def occupation_awaiting(request: HttpRequest, pk: int) -> HttpResponse:
    _ensure_meldpunt(request)
    occupation = Occupation.objects.filter(pk=pk).first()
    if occupation is None:
        raise Http404
    waiting = request.POST.get("waiting") == "1"
    _post(request, lambda: services.occupation_awaiting(actor=request.user, occupation=occupation,
                                                       waiting=waiting),
          _("Bewaard."))  # fmt: skip
    return redirect("dwelling", occupation.dwelling_id)


# --- Eviction prevention and accelerated allocation ---------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(rules.FILE_ROLES)
def evictions(request: HttpRequest) -> HttpResponse:
    """The one reporting point: report a threatened eviction; see the ones routed to you."""
    form = forms.EvictionReportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.eviction_report(actor=request.user,
                                              membership=form.cleaned_data["membership"],
                                              data=form.report_data())  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Gemeld; doorgestuurd naar %(o)s.") % {"o": report.ocmw})
            return redirect("evictions")
    return render(request, "housing/evictions.html", {
        "form": form, "reports": selectors.eviction_reports_for(request.user)[:100],
    })  # fmt: skip


def _report_or_404(request: HttpRequest, pk: int):
    report = selectors.eviction_reports_for(request.user).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


@require_GET
@role_required(rules.FILE_ROLES)
def eviction(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    audit.record(request.user, "view", report, purpose="eviction")
    routed = report.ocmw_id in {m.organisation_id for m in policy.memberships(request.user)}
    return render(request, "housing/eviction.html", {
        "report": report, "routed": routed, "action_form": forms.OutreachForm(),
        "outcome_form": forms.EvictionOutcomeForm(),
    })  # fmt: skip


@require_POST
@role_required(rules.FILE_ROLES)
def eviction_action(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    form = forms.OutreachForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _post(request, lambda: services.outreach_add(actor=request.user, report=report,
                                                     kind=data["kind"], note=data["note"],
                                                     on=data["on"]),
              _("De actie is toegevoegd."), form)  # fmt: skip
    else:
        messages.error(request, errors_in_words(form))
    return redirect("eviction", report.pk)


@require_POST
@role_required(rules.FILE_ROLES)
def eviction_close(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    form = forms.EvictionOutcomeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _post(request, lambda: services.eviction_outcome(actor=request.user, report=report,
                                                         outcome=data["outcome"],
                                                         on=data["outcome_on"]),
              _("De afloop is geregistreerd."), form)  # fmt: skip
    else:
        messages.error(request, errors_in_words(form))
    return redirect("eviction", report.pk)


@require_GET
@role_required(rules.FILE_ROLES)
def accelerated_requests(request: HttpRequest) -> HttpResponse:
    requests = list(selectors.accelerated_requests_for(request.user)[:100])
    audit.record_list(request.user, purpose="eviction", page="accelerated_requests",
                         person_ids=[r.person_id for r in requests])  # fmt: skip
    return render(request, "housing/accelerated_requests.html", {
        "requests": requests,
        "form": forms.AcceleratedDecisionForm(),
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
@role_required(rules.FILE_ROLES)
def accelerated_request(request: HttpRequest, person: int) -> HttpResponse:
    """File an accelerated-allocation request for a person of the worker's own files."""
    subject = _person_or_404(request, person)
    form = forms.AcceleratedRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.accelerated_request_file(
                actor=request.user, membership=data["membership"], person=subject,
                company=data["company"], motivation=data["motivation"],
            )  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De aanvraag voor versnelde toewijzing is ingediend."))
            return redirect("accelerated_requests")
    return render(request, "housing/accelerated_request.html", {"person": subject, "form": form})


@require_POST
@role_required(rules.FILE_ROLES)
def accelerated_decide(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.accelerated_requests_for(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404
    form = forms.AcceleratedDecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _post(request, lambda: services.accelerated_request_decide(
            actor=request.user, request=found, granted=data["granted"] == "yes",
            on=data["decided_on"], note=data["decision_note"],
        ), _("De beslissing is geregistreerd."), form)  # fmt: skip
    else:
        messages.error(request, errors_in_words(form))
    return redirect("accelerated_requests")


# --- The dedicated team -------------------------------------------------------------------


@require_GET
@role_required(rules.FILE_ROLES)
def dedicated_team(request: HttpRequest) -> HttpResponse:
    """The team's trajectories and each member's caseload."""
    if not selectors.is_dedicated(request.user):
        raise PermissionDenied
    trajectories = list(selectors.trajectories_for(request.user).filter(end__isnull=True))
    audit.record_list(request.user, purpose="kracht_wonen", page="dedicated_team",
                         person_ids=[t.person_id for t in trajectories])  # fmt: skip
    return render(request, "housing/dedicated_team.html", {
        "trajectories": trajectories,
        "caseload": selectors.caseload(),
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
@role_required(rules.FILE_ROLES)
def trajectory_start(request: HttpRequest, person: int) -> HttpResponse:
    if not selectors.is_dedicated(request.user):
        raise PermissionDenied
    subject = _person_or_404(request, person)
    form = forms.TrajectoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            trajectory = services.trajectory_start(actor=request.user, person=subject,
                                                   **form.cleaned_data)  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het begeleidingstraject is gestart."))
            return redirect("trajectory", trajectory.pk)
    return render(request, "housing/trajectory_start.html", {"person": subject, "form": form})


def _trajectory_or_404(request: HttpRequest, pk: int):
    trajectory = selectors.trajectories_for(request.user).filter(pk=pk).first()
    if trajectory is None:
        raise Http404
    return trajectory


@require_http_methods(["GET", "POST"])
@role_required(rules.FILE_ROLES)
def trajectory(request: HttpRequest, pk: int) -> HttpResponse:
    """One trajectory and its contact log; a contact is added here."""
    found = _trajectory_or_404(request, pk)
    form = forms.ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_log(actor=request.user, trajectory=found, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het contact is toegevoegd."))
            return redirect("trajectory", found.pk)
    audit.record(request.user, "view", found, person_id=found.person_id, purpose="kracht_wonen")
    return render(request, "housing/trajectory.html", {
        "trajectory": found, "form": form, "end_form": forms.TrajectoryEndForm(),
    })  # fmt: skip


@require_POST
@role_required(rules.FILE_ROLES)
def trajectory_close(request: HttpRequest, pk: int) -> HttpResponse:
    found = _trajectory_or_404(request, pk)
    form = forms.TrajectoryEndForm(request.POST)
    if form.is_valid():
        _post(request, lambda: services.trajectory_end(actor=request.user, trajectory=found,
                                                       end=form.cleaned_data["end"]),
              _("Het traject is afgesloten."), form)  # fmt: skip
    else:
        messages.error(request, errors_in_words(form))
    return redirect("trajectory", found.pk)


# --- Woonclub -----------------------------------------------------------------------------


@require_GET
@role_required(rules.FILE_ROLES)
def woonclub(request: HttpRequest) -> HttpResponse:
    """The Woonclub's households (still searching first) and its walk-in points."""
    if not selectors.is_woonclub(request.user):
        raise PermissionDenied
    households = list(
        selectors.households_for(request.user).order_by("housed_on", "-intake_on")[:200]
    )
    audit.record_list(request.user, purpose="woonclub", page="woonclub",
                         person_ids=[h.person_id for h in households])  # fmt: skip
    return render(request, "housing/woonclub.html", {
        "households": households, "points": selectors.walk_in_points(),
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
@role_required(rules.FILE_ROLES)
def woonclub_intake(request: HttpRequest, person: int) -> HttpResponse:
    if not selectors.is_woonclub(request.user):
        raise PermissionDenied
    subject = _person_or_404(request, person)
    form = forms.IntakeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            household = services.woonclub_intake(actor=request.user, person=subject,
                                                 data=form.cleaned_data)  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De intake is bewaard."))
            return redirect("woonclub_household", household.pk)
    return render(request, "housing/woonclub_intake.html", {"person": subject, "form": form})


def _household_or_404(request: HttpRequest, pk: int):
    household = selectors.households_for(request.user).filter(pk=pk).first()
    if household is None:
        raise Http404
    return household


@require_GET
@role_required(rules.FILE_ROLES)
def woonclub_household(request: HttpRequest, pk: int) -> HttpResponse:
    """A household and the listings that fit it, as suggestions."""
    household = _household_or_404(request, pk)
    audit.record(request.user, "view", household, person_id=household.person_id,
                 purpose="woonclub")  # fmt: skip
    return render(request, "housing/woonclub_household.html", {
        "household": household, "suggestions": selectors.suggestions(household),
        "form": forms.HousedForm(),
    })  # fmt: skip


@require_POST
@role_required(rules.FILE_ROLES)
def woonclub_housed(request: HttpRequest, pk: int) -> HttpResponse:
    household = _household_or_404(request, pk)
    form = forms.HousedForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _post(request, lambda: services.woonclub_housed(
            actor=request.user, household=household, on=data["housed_on"],
            kind=data["housed_kind"]), _("Gehuisvest: proficiat!"), form)  # fmt: skip
    else:
        messages.error(request, errors_in_words(form))
    return redirect("woonclub_household", household.pk)


LISTING_ROLES = rules.VOLUNTEERS | rules.FILE_ROLES


@require_http_methods(["GET", "POST"])
@role_required(LISTING_ROLES)
def listings(request: HttpRequest) -> HttpResponse:
    """The rental listings the volunteers keep up, by municipality; no client data here."""
    if not selectors.may_record_listings(request.user):
        raise PermissionDenied
    form = forms.ListingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.listing_record(actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het huuraanbod is toegevoegd."))
            return redirect("listings")
    return render(request, "housing/listings.html", {
        "form": form, "listings": selectors.listings().filter(available=True)[:300],
    })  # fmt: skip


@require_POST
@role_required(LISTING_ROLES)
def listing_gone(request: HttpRequest, pk: int) -> HttpResponse:
    listing = selectors.listings().filter(pk=pk).first()
    if listing is None:
        raise Http404
    _post(request, lambda: services.listing_gone(actor=request.user, listing=listing),
          _("Niet meer te huur."))  # fmt: skip
    return redirect("listings")


@require_http_methods(["GET", "POST"])
@role_required(LISTING_ROLES)
def woonclub_planning(request: HttpRequest) -> HttpResponse:
    """Who staffs which walk-in point, the coming eight weeks; staff and volunteers take a
    session themselves (no client data here)."""
    if not selectors.may_record_listings(request.user):
        raise PermissionDenied
    form = forms.DutyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.duty_take(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Je staat op de planning."))
            return redirect("woonclub_planning")
    return render(request, "housing/woonclub_planning.html", {
        "form": form, "duties": selectors.planning(), "me": request.user.pk,
    })  # fmt: skip


@require_POST
@role_required(LISTING_ROLES)
def duty_drop(request: HttpRequest, pk: int) -> HttpResponse:
    duty = selectors.planning().filter(pk=pk).first()
    if duty is None:
        raise Http404
    services.duty_drop(actor=request.user, duty=duty)
    messages.success(request, _("Van de planning gehaald."))
    return redirect("woonclub_planning")
