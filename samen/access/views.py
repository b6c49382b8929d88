"""Log-in, break the glass, the DPO's pages and the organisation administrator's pages."""

from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model, login, logout
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samen.access import forms, policy, rules, selectors, services
from samen.access.decorators import role_required
from samen.access.models import BreakGlass
from samen.core.forms import add_service_errors, perform
from samen.registry import selectors as registry_selectors
from samen.registry import services as registry_services
from samen.registry.models import Membership


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = forms.LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        if services.login_locked(username):
            form.add_error(
                None, _("Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.")
            )
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None:
                services.login_failed(username)
                form.add_error(None, _("Gebruikersnaam of wachtwoord klopt niet."))
            else:
                services.login_succeeded(username)
                login(request, user)
                target = request.GET.get("next", "")
                if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
                    target = "dashboard"
                return redirect(target)
    return render(request, "access/login.html", {"form": form})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("login")


@require_http_methods(["GET", "POST"])
@role_required(rules.BREAK_GLASS)
def break_glass(request: HttpRequest) -> HttpResponse:
    form = forms.BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = selectors.break_glass_find(
                insz=data["insz"], first_name=data["first_name"], last_name=data["last_name"],
                birth_date=data["birth_date"],
            )  # fmt: skip
            services.break_glass_open(actor=request.user, person=person, reason=data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.warning(request, _("Noodtoegang geopend. Dit wordt door de DPO beoordeeld."))
            return redirect("person_detail", person.pk)
    return render(request, "access/break_glass.html", {"form": form})


@require_GET
@role_required(rules.AUDIT)
def dpo_audit(request: HttpRequest) -> HttpResponse:
    form = forms.AuditSearchForm(request.GET or None)
    entries = None
    if request.GET and form.is_valid():
        data = form.cleaned_data
        user_id = None
        if data["username"]:
            user = get_user_model().objects.filter(username__iexact=data["username"]).first()
            user_id = user.pk if user else -1
        entries = selectors.audit_search(
            person_id=data["person_id"],
            user_id=user_id,
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
    return render(request, "access/dpo_audit.html", {"form": form, "entries": entries})


@require_GET
@role_required(rules.AUDIT)
def dpo_break_glass(request: HttpRequest) -> HttpResponse:
    return render(request, "access/dpo_break_glass.html", {
        "to_review": selectors.break_glass_to_review(),
        "reviewed": selectors.break_glass_reviewed(),
        "form": forms.BreakGlassReviewForm(),
    })  # fmt: skip


@require_POST
@role_required(rules.AUDIT)
def dpo_break_glass_review(request: HttpRequest, pk: int) -> HttpResponse:
    glass = get_object_or_404(BreakGlass, pk=pk)
    form = forms.BreakGlassReviewForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        perform(
            request,
            lambda: services.break_glass_review(
                actor=request.user,
                glass=glass,
                justified=data["justified"],
                note=data["review_note"],
            ),
            _("Beoordeling opgeslagen."),
        )
    else:
        messages.error(request, _("Oordeel: kies gerechtvaardigd of niet."))
    return redirect("dpo_break_glass")


def _own_organisation(request: HttpRequest):
    for member in policy.memberships(request.user):
        if member.role in rules.MANAGE_OWN_ORGANISATION and member.organisation_id:
            return member.organisation
    raise PermissionDenied


@require_GET
@role_required(rules.MANAGE_OWN_ORGANISATION)
def organisation_users(request: HttpRequest) -> HttpResponse:
    organisation = _own_organisation(request)
    return render(request, "access/organisation_users.html", {
        "organisation": organisation,
        "members": registry_selectors.organisation_members(organisation),
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
@role_required(rules.MANAGE_OWN_ORGANISATION)
def organisation_user_create(request: HttpRequest) -> HttpResponse:
    organisation = _own_organisation(request)
    form = forms.OrganisationUserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            registry_services.organisation_user_create(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Gebruiker aangemaakt."))
            return redirect("organisation_users")
    return render(
        request, "access/organisation_user_form.html", {"form": form, "organisation": organisation}
    )


@require_POST
@role_required(rules.MANAGE_OWN_ORGANISATION)
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _own_organisation(request)
    membership = get_object_or_404(Membership, pk=pk, organisation=organisation)
    perform(
        request,
        lambda: registry_services.membership_end(actor=request.user, membership=membership),
        _("Lidmaatschap beëindigd."),
    )
    return redirect("organisation_users")
