"""Log-in, break the glass, the DPO's pages and the organisation administrator's pages."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model, login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login

from samen.access import audit, forms, policy, rules, selectors, services
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
                return _after_password(request)
    return render(request, "access/login.html", {
        "form": form, "sso": settings.SAMEN_OIDC_ENABLED, "sso_name": settings.SAMEN_OIDC_NAME,
        "sso_failed": request.GET.get("sso") == "mislukt",
    })  # fmt: skip


def _next(request: HttpRequest) -> str:
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return reverse("dashboard")


def _after_password(request: HttpRequest) -> HttpResponse:
    if policy.needs_second_factor(request.user):
        return redirect(f"{reverse('second_factor')}?{urlencode({'next': _next(request)})}")
    return redirect(_next(request))


@require_GET
def oidc_start(request: HttpRequest) -> HttpResponse:
    """To the municipality's identity provider (only where one is configured)."""
    if not settings.SAMEN_OIDC_ENABLED:
        raise Http404
    from mozilla_django_oidc.views import OIDCAuthenticationRequestView

    return OIDCAuthenticationRequestView.as_view()(request)


@require_GET
def oidc_callback(request: HttpRequest) -> HttpResponse:
    """Back from the identity provider: signed in (then the second step), or back to the
    log-in page with a message."""
    if not settings.SAMEN_OIDC_ENABLED:
        raise Http404
    from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

    response = OIDCAuthenticationCallbackView.as_view()(request)
    if request.user.is_authenticated and policy.needs_second_factor(request.user):
        query = urlencode({"next": response["Location"]})
        return redirect(f"{reverse('second_factor')}?{query}")
    return response


@require_http_methods(["GET", "POST"])
@login_required
def second_factor(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the app or a recovery code."""
    if not selectors.has_authenticator(request.user):
        return redirect(f"{reverse('second_factor_setup')}?{urlencode({'next': _next(request)})}")
    form = forms.SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.second_factor_verify(user=request.user, token=form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("token", _("Deze code klopt niet of is al gebruikt."))
    return render(request, "access/second_factor.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def second_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: at the first sign-in, or — once signed in with the
    second factor — for a new phone. Never while an authenticator exists but has not been
    used in this session: that would let a stolen password replace it."""
    if selectors.has_authenticator(request.user) and not request.user.is_verified():
        raise PermissionDenied
    device = selectors.pending_authenticator(request.user) or services.totp_setup_start(
        request.user
    )
    form = forms.SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.totp_setup_confirm(
                user=request.user, device=device, token=form.cleaned_data["token"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            otp_login(request, device)
            context = {"codes": codes, "next": _next(request)}
            return render(request, "access/recovery_codes.html", context)
    return render(request, "access/second_factor_setup.html", {
        "form": form, "qr": selectors.authenticator_qr(device),
        "key": selectors.authenticator_key(device),
    })  # fmt: skip


@require_POST
@login_required
def recovery_codes_renew(request: HttpRequest) -> HttpResponse:
    if not request.user.is_verified():
        raise PermissionDenied
    codes = services.recovery_codes_renew(user=request.user)
    return render(
        request, "access/recovery_codes.html", {"codes": codes, "next": reverse("dashboard")}
    )


@require_GET
@role_required(rules.AUDIT)
def dpo_second_factor(request: HttpRequest) -> HttpResponse:
    rows = selectors.second_factor_overview()
    audit.record(request.user, "second_factor_overview", purpose="dpo")
    return render(request, "access/dpo_second_factor.html", {
        "rows": rows, "without": sum(1 for r in rows if r["device"] is None),
    })  # fmt: skip


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


@require_POST
@role_required(rules.MANAGE_OWN_ORGANISATION)
def second_factor_reset(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(get_user_model(), pk=pk)
    perform(
        request,
        lambda: services.second_factor_reset(actor=request.user, user=user),
        _("Tweede factor gewist: bij de volgende aanmelding stelt de gebruiker een nieuwe in."),
    )
    return redirect("organisation_users")
