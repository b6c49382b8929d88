"""Care pages: the GBO intake with its rights exploration, the follow-up of each right by
the partner best placed, and the under-protection dashboard."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samen.access import audit, policy, rules
from samen.access.decorators import role_required
from samen.care import forms, selectors, services
from samen.care.models import Right
from samen.core.forms import add_service_errors, form_step
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
