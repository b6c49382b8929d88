from django import forms
from django.utils.translation import gettext_lazy as _

from samen.access import rules as rules_of_access
from samen.core.forms import IbanField, euro_field
from samen.energy import rules
from samen.energy.models import Household, IncomeThreshold, LoanRate
from samen.registry.forms import DateField, MembershipChoiceMixin
from samen.registry.models import Municipality, Organisation

GROUNDS = [
    (k, v)
    for k, v in rules.PRIORITY_GROUNDS.items()
    if k not in ("low_income", "social_rental_agency")
]


class DossierForm(MembershipChoiceMixin, forms.Form):
    applied_on = DateField(label=_("Aanvraag op"))
    amount = euro_field(_("Gevraagd bedrag (€)"))
    months = forms.IntegerField(label=_("Looptijd (maanden)"), min_value=1, max_value=300)
    works = forms.CharField(
        label=_("Werken"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bv. dakisolatie, hoogrendementsglas."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Gemeente van de woning"), queryset=Municipality.objects.order_by("name")
    )
    home_built = forms.IntegerField(
        label=_("Bouwjaar van de woning"), required=False, min_value=1500, max_value=2100
    )
    owner_occupier = forms.BooleanField(label=_("Eigenaar-bewoner"), required=False, initial=True)
    household = forms.ChoiceField(label=_("Gezin"), choices=Household.choices[1:])
    dependants = forms.IntegerField(label=_("Personen ten laste"), min_value=0, initial=0)
    taxable_income = euro_field(_("Gezamenlijk belastbaar inkomen (€)"), required=False)
    grounds = forms.MultipleChoiceField(
        label=_("Andere voorrangsgronden"),
        choices=GROUNDS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    landlord_via_sra = forms.BooleanField(
        label=_("Verhuurt via een sociaal verhuurkantoor"), required=False
    )
    non_profit = forms.BooleanField(label=_("Aanvrager is een vzw"), required=False)
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners op het dossier"),
        required=False,
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Zij zien het dossier en schrijven mee op de tijdlijn."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_membership_field(user)
        # Organisations whose people take part in dossiers: desks, the Energiehuis, advisers.
        self.fields["partners"].queryset = (
            Organisation.objects.filter(memberships__role__in=list(rules_of_access.ENERGY))
            .distinct()
            .order_by("name")
        )


class AdviceForm(forms.Form):
    advice = forms.CharField(
        label=_("Advies na het bezoek"), widget=forms.Textarea(attrs={"rows": 3})
    )


class OfferForm(forms.Form):
    amount = euro_field(_("Bedrag van het aanbod (€)"))
    months = forms.IntegerField(label=_("Looptijd (maanden)"), min_value=1, max_value=300)


class ContractForm(forms.Form):
    signed_on = DateField(label=_("Contract getekend op"))
    first_due = DateField(label=_("Eerste aflossing op"))
    repayment_iban = IbanField(
        label=_("Rekening voor de aflossingen (IBAN)"),
        help_text=_("Voor de domiciliëring, bv. BE71 0961 2345 6769."),
    )


class DisbursementForm(forms.Form):
    invoice = forms.CharField(label=_("Factuur"), max_length=80)
    amount = euro_field(_("Bedrag (€)"))
    paid_on = DateField(label=_("Uitbetaald op"))


class RepaymentForm(forms.Form):
    amount = euro_field(_("Bedrag (€)"))
    on = DateField(label=_("Ontvangen op"))


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Bericht aan alle partners"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ReceiveForm(forms.Form):
    on = DateField(label=_("Ontvangen op"))


class RateForm(forms.ModelForm):
    valid_from = DateField(label=_("Geldig vanaf"))
    rate = forms.DecimalField(
        label=_("Rentevoet (%)"), min_value=0, max_digits=5, decimal_places=2, localize=True
    )

    class Meta:
        model = LoanRate
        fields = ["product", "target", "valid_from", "rate", "source"]


class ThresholdForm(forms.ModelForm):
    valid_from = DateField(label=_("Geldig vanaf"))
    amount = euro_field(_("Inkomensgrens (€)"))
    per_dependant = euro_field(_("Per persoon ten laste (€)"))

    class Meta:
        model = IncomeThreshold
        fields = ["product", "household", "valid_from", "amount", "per_dependant", "source"]


class CapitalForm(forms.Form):
    amount = euro_field(_("Bedrag (€)"))
    on = DateField(label=_("Datum"))
    note = forms.CharField(label=_("Omschrijving"), max_length=200, required=False)


class MoneyForm(forms.Form):
    amount = euro_field(_("Bedrag (€)"))
    on = DateField(label=_("Datum"))
    note = forms.CharField(
        label=_("Omschrijving"),
        max_length=200,
        required=False,
        help_text=_("Bv. factuur dakwerken, notariële akte."),
    )


class FundHomeForm(MembershipChoiceMixin, forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=Municipality.objects.order_by("name")
    )
    address = forms.CharField(label=_("Adres van de woning"), max_length=160)
    assessment = forms.CharField(
        label=_("Beoordeling van de woning"), widget=forms.Textarea(attrs={"rows": 3})
    )
    works = forms.CharField(label=_("Werken"), widget=forms.Textarea(attrs={"rows": 2}))
    budget = euro_field(_("Renovatiebudget (€)"))
    selected_on = DateField(label=_("Geselecteerd op"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_membership_field(user)
