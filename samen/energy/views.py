"""Energiehuis pages: the partners' dossiers, one dossier with its shared timeline and the
step its status allows, and the dated rates and income limits."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samen.access import audit, policy, rules
from samen.access.decorators import role_required
from samen.core.forms import add_service_errors, form_step, perform
from samen.energy import forms, selectors, services
from samen.energy.models import Document, IncomeThreshold, LoanRate, Status
from samen.housing.selectors import person_in_scope


def _dossier_or_404(request: HttpRequest, pk: int):
    return get_object_or_404(selectors.dossiers_for(request.user), pk=pk)


@require_GET
@role_required(rules.ENERGY | rules.ENERGY_ADMIN)
def energy(request: HttpRequest) -> HttpResponse:
    dossiers = list(selectors.dossiers_for(request.user)[:200])
    audit.record_list(request.user, purpose="energy", page="energy",
                      person_ids=[d.person_id for d in dossiers])  # fmt: skip
    return render(request, "energy/dossiers.html", {
        "dossiers": dossiers, "admin": policy.has_role(request.user, rules.ENERGY_ADMIN),
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
@role_required(rules.FILE_ROLES)
def dossier_new(request: HttpRequest, person: int) -> HttpResponse:
    """The local housing desk files an application from the person's file."""
    subject = person_in_scope(request.user, person)
    if subject is None:
        raise Http404
    form = forms.DossierForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        membership, partners = data.pop("membership"), data.pop("partners")
        try:
            dossier = services.dossier_create(actor=request.user, membership=membership,
                                              person=subject, data=data,
                                              partners=partners)  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het dossier is aangemaakt."))
            return redirect("energy_dossier", dossier.pk)
    return render(request, "energy/dossier_new.html", {"subject": subject, "form": form})


@require_GET
@role_required(rules.ENERGY)
def dossier(request: HttpRequest, pk: int) -> HttpResponse:
    found = _dossier_or_404(request, pk)
    audit.record(request.user, "view", found, person_id=found.person_id, purpose="energy")
    return render(request, "energy/dossier.html", {
        "d": found, "timeline": found.timeline.select_related("by", "organisation"),
        "documents": found.documents.all(), "disbursed": selectors.disbursed(found),
        "schedule": selectors.schedule_of(found), "repaid": sum(
            r.amount for r in found.repayments.all()),
        "adviser": policy.has_role(request.user, rules.TECHNICAL_ADVISER),
        "note": forms.NoteForm(), "receive": forms.ReceiveForm(), "advice": forms.AdviceForm(),
        "offer": forms.OfferForm(initial={"amount": found.amount, "months": found.months}),
        "contract": forms.ContractForm(), "disburse": forms.DisbursementForm(),
        "repay": forms.RepaymentForm(), "Status": Status,
    })  # fmt: skip


def _step(request, pk: int, form_class, action, success: str) -> HttpResponse:
    """A post-and-redirect step on a dossier: the form (if any), then the service."""
    found = _dossier_or_404(request, pk)
    if form_class is not None:
        form_step(request, form_class(request.POST), lambda data: action(found, data), success)
    else:
        perform(request, lambda: action(found, {}), success)
    return redirect("energy_dossier", found.pk)


@require_POST
@role_required(rules.ENERGY)
def dossier_assess(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, None, lambda d, _data: services.dossier_assess(
        actor=request.user, dossier=d), _("De ontvankelijkheid is beoordeeld."))  # fmt: skip


@require_POST
@role_required(rules.TECHNICAL_ADVISER)
def dossier_visit(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, forms.AdviceForm, lambda d, data: services.dossier_visit(
        actor=request.user, dossier=d, **data), _("Het advies is bewaard."))  # fmt: skip


@require_POST
@role_required(rules.ENERGY)
def dossier_offer(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, forms.OfferForm, lambda d, data: services.dossier_offer(
        actor=request.user, dossier=d, **data), _("Het aanbod is bewaard."))  # fmt: skip


@require_POST
@role_required(rules.ENERGY)
def dossier_contract(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, forms.ContractForm, lambda d, data: services.dossier_contract(
        actor=request.user, dossier=d, **data), _("Het contract is geregistreerd."))  # fmt: skip


@require_POST
@role_required(rules.ENERGY)
def dossier_disburse(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, forms.DisbursementForm, lambda d, data: services.disbursement_add(
        actor=request.user, dossier=d, **data), _("De uitbetaling is geregistreerd."))  # fmt: skip


@require_POST
@role_required(rules.ENERGY)
def dossier_repay(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, forms.RepaymentForm, lambda d, data: services.repayment_add(
        actor=request.user, dossier=d, **data), _("De aflossing is geregistreerd."))  # fmt: skip


@require_POST
@role_required(rules.ENERGY)
def dossier_note(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, forms.NoteForm, lambda d, data: services.note_add(
        actor=request.user, dossier=d, **data), _("Het bericht staat op de tijdlijn."))  # fmt: skip


@require_POST
@role_required(rules.ENERGY)
def document_receive(request: HttpRequest, pk: int) -> HttpResponse:
    document = Document.objects.filter(pk=pk).select_related("dossier").first()
    if document is None:
        raise Http404

    def receive(found, data):
        if found.pk != document.dossier_id:
            raise Http404
        services.document_receive(actor=request.user, document=document, **data)

    return _step(request, document.dossier_id, forms.ReceiveForm, receive,
                 _("Het document is ontvangen."))  # fmt: skip


@require_http_methods(["GET", "POST"])
@role_required(rules.ENERGY_ADMIN)
def rates(request: HttpRequest) -> HttpResponse:
    """Rates and income limits by date: data, added as they are published."""
    rate_form = forms.RateForm(request.POST if "rate" in request.POST else None, prefix="r")
    limit_form = forms.ThresholdForm(request.POST if "limit" in request.POST else None,
                                     prefix="t")  # fmt: skip
    for form, save in ((rate_form, services.rate_add), (limit_form, services.threshold_add)):
        if form.is_bound and form.is_valid():
            try:
                name = "rate" if form is rate_form else "threshold"
                save(actor=request.user, **{name: form.save(commit=False)})
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Bewaard."))
                return redirect("energy_rates")
    return render(request, "energy/rates.html", {
        "rates": LoanRate.objects.all(), "limits": IncomeThreshold.objects.all(),
        "rate_form": rate_form, "limit_form": limit_form,
    })  # fmt: skip


# --- the rolling fund -------------------------------------------------------------------------


@require_GET
@role_required(rules.ENERGY | rules.ENERGY_ADMIN)
def rolling_fund(request: HttpRequest) -> HttpResponse:
    """The fund's balance over time and its ledger (homes by number and municipality), and
    the homes of the user's own OCMW with the owner's name."""
    from samen.core.charts import grouped_bars
    from samen.energy.models import FundMovement

    homes = list(selectors.fund_homes_for(request.user))
    audit.record_list(request.user, purpose="energy", page="rolling_fund",
                      person_ids=[h.owner_id for h in homes])  # fmt: skip
    months = selectors.fund_balance_by_month()
    admin = policy.has_role(request.user, rules.ENERGY_ADMIN)
    return render(request, "energy/rolling_fund.html", {
        "balance": selectors.fund_balance(), "homes": homes,
        "movements": FundMovement.objects.select_related("home__municipality").order_by(
            "-on", "-pk")[:100],
        "chart": grouped_bars(_("Saldo van het rollend fonds op het einde van de maand"),
                              [f"{end:%m/%y}" for end, _b in months],
                              {_("Saldo"): [b for _e, b in months]}, unit="€"),
        "capital": forms.CapitalForm() if admin else None,
    })  # fmt: skip


@require_POST
@role_required(rules.ENERGY_ADMIN)
def fund_capital(request: HttpRequest) -> HttpResponse:
    form_step(request, forms.CapitalForm(request.POST), lambda data: services.fund_capital(
        actor=request.user, **data), _("De inbreng staat in het fonds."))  # fmt: skip
    return redirect("rolling_fund")


@require_http_methods(["GET", "POST"])
@role_required(rules.FILE_ROLES)
def fund_home_new(request: HttpRequest, person: int) -> HttpResponse:
    owner = person_in_scope(request.user, person)
    if owner is None:
        raise Http404
    form = forms.FundHomeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        membership = data.pop("membership")
        try:
            home = services.fund_home_select(actor=request.user, membership=membership,
                                             owner=owner, data=data)  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De woning is geselecteerd voor het rollend fonds."))
            return redirect("fund_home", home.pk)
    return render(request, "energy/fund_home_new.html", {"owner": owner, "form": form})


def _home_or_404(request: HttpRequest, pk: int):
    return get_object_or_404(selectors.fund_homes_for(request.user), pk=pk)


@require_GET
@role_required(rules.FILE_ROLES)
def fund_home(request: HttpRequest, pk: int) -> HttpResponse:
    home = _home_or_404(request, pk)
    audit.record(request.user, "view", home, person_id=home.owner_id, purpose="energy")
    return render(request, "energy/fund_home.html", {
        "home": home, "movements": home.movements.all(), "pay": forms.MoneyForm(),
        "repay": forms.MoneyForm(), "balance": selectors.fund_balance(),
    })  # fmt: skip


def _fund_step(request, pk: int, action, success: str) -> HttpResponse:
    home = _home_or_404(request, pk)
    form_step(request, forms.MoneyForm(request.POST), lambda data: action(
        actor=request.user, home=home, **data), success)  # fmt: skip
    return redirect("fund_home", home.pk)


@require_POST
@role_required(rules.FILE_ROLES)
def fund_prefinance(request: HttpRequest, pk: int) -> HttpResponse:
    return _fund_step(request, pk, services.fund_prefinance, _("De betaling is geregistreerd."))


@require_POST
@role_required(rules.FILE_ROLES)
def fund_repay(request: HttpRequest, pk: int) -> HttpResponse:
    return _fund_step(request, pk, services.fund_repay,
                      _("De terugbetaling is geregistreerd: het fonds rolt verder."))  # fmt: skip
