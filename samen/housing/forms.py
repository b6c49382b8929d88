from django import forms
from django.utils.translation import gettext_lazy as _

from samen.access import rules
from samen.housing.models import (
    ContactKind,
    Dwelling,
    EvictionOutcome,
    EvictionReport,
    FollowUp,
    HousedKind,
    HousingSituation,
    LivingSituation,
    MoveReason,
    Need,
    Outflow,
    OutreachKind,
    RentalListing,
    Situation,
    SituationDecision,
    WalkInPoint,
)
from samen.registry.forms import DateField, MembershipChoiceMixin
from samen.registry.models import Consent, LegalBasis, Municipality, Organisation, Person

SCALE = [(n, str(n)) for n in range(1, 6)]


class AdmissionForm(MembershipChoiceMixin, forms.Form):
    """After hours, in one step: who, why, on what basis."""

    first_name = forms.CharField(label=_("Voornaam"), max_length=80)
    last_name = forms.CharField(label=_("Achternaam"), max_length=80)
    birth_date = DateField(
        label=_("Geboortedatum"), required=False,
        help_text=_("Bekend? Dan vinden we het dossier van jullie dienst."),
    )  # fmt: skip
    reason = forms.CharField(label=_("Reden van de opname"),
                             widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    legal_basis = forms.ChoiceField(
        label=_("Rechtsgrond"),
        choices=[(LegalBasis.VITAL_INTEREST, _("vitaal belang (toestemming kan nu niet)")),
                 (LegalBasis.LEGAL_TASK, _("wettelijke opdracht (OCMW)"))],
    )  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_membership_field(user, rules.CRISIS_ADMIT)


class DischargeForm(forms.Form):
    follow_up = forms.ChoiceField(label=_("Vervolg"), choices=[("", "—"), *FollowUp.choices])
    follow_up_note = forms.CharField(label=_("Toelichting"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class SituationForm(MembershipChoiceMixin, forms.Form):
    """A service reports a situation to the Kracht.Wonen meldpunt."""

    household = forms.ModelMultipleChoiceField(
        label=_("Ook betrokken (gezinsleden)"), queryset=Person.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    living_situation = forms.ChoiceField(label=_("Huidige woonsituatie"),
                                         choices=LivingSituation.choices)  # fmt: skip
    homeless_since = DateField(label=_("Dak- of thuisloos sinds"))
    vulnerability = forms.TypedChoiceField(label=_("Kwetsbaarheid"), coerce=int,
                                           choices=SCALE)  # fmt: skip
    urgency = forms.TypedChoiceField(label=_("Urgentie"), coerce=int, choices=SCALE)
    needs = forms.MultipleChoiceField(label=_("Noden"), choices=Need.choices,
                                      widget=forms.CheckboxSelectMultiple)  # fmt: skip
    description = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 4}))
    needs_accessible = forms.BooleanField(label=_("Rolstoeltoegankelijke woning nodig"),
                                          required=False)  # fmt: skip
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Gewenste gemeenten"), queryset=Municipality.objects.order_by("name"),
        required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Geen aangeduid: overal in de regio."),
    )  # fmt: skip
    legal_basis = forms.ChoiceField(
        label=_("Rechtsgrond van de melding"),
        choices=[(LegalBasis.LEGAL_TASK, _("wettelijke opdracht")),
                 (LegalBasis.CONSENT, _("toestemming"))],
    )  # fmt: skip
    consent = forms.ModelChoiceField(label=_("Toestemming"), queryset=Consent.objects.none(),
                                     required=False)  # fmt: skip
    justification = forms.CharField(
        label=_("Verantwoording"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bij wettelijke opdracht: welke, en waarom het meldpunt dit nodig heeft."),
    )  # fmt: skip

    def __init__(self, *args, user, person, household, consents, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_membership_field(user, rules.FILE_ROLES)
        self.fields["household"].queryset = household
        self.fields["consent"].queryset = consents

    def situation_data(self) -> dict:
        names = ("living_situation", "homeless_since", "vulnerability", "urgency", "needs",
                 "description", "needs_accessible", "municipalities")  # fmt: skip
        return {name: self.cleaned_data[name] for name in names}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Beslissing"),
                                 choices=[("", "—"), *SituationDecision.choices])  # fmt: skip
    reason = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 3}))


class ConsultationForm(forms.Form):
    held_on = DateField(label=_("Datum van het overleg"))
    participants = forms.CharField(label=_("Deelnemers"), widget=forms.Textarea(attrs={"rows": 2}))
    situations = forms.ModelMultipleChoiceField(
        label=_("Besproken situaties"), queryset=Situation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies de besproken situaties.")},
    )  # fmt: skip
    decisions = forms.CharField(label=_("Afspraken en beslissingen"),
                                widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip

    def __init__(self, *args, situations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["situations"].queryset = situations
        self.fields["situations"].label_from_instance = lambda s: (
            ", ".join(str(p) for p in s.persons.all()) + f" ({s.reported_on:%d/%m/%Y})"
        )


class DwellingForm(forms.ModelForm):
    since = DateField(label=_("In de pool sinds"))

    class Meta:
        model = Dwelling
        fields = ["manager", "street", "postcode", "municipality", "kind", "bedrooms",
                  "accessible", "rent", "in_maintenance", "since"]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = Organisation.objects.filter(kind="ocmw").order_by("name")


class OfferAnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Antwoord"), widget=forms.RadioSelect, choices=[
        ("accept", _("aanvaard")), ("refuse", _("geweigerd"))])  # fmt: skip
    start = DateField(label=_("Begin van de bewoning"), required=False)
    agreement = forms.CharField(label=_("Overeenkomst"), required=False, max_length=120,
                                initial=_("tijdelijke bezettingsovereenkomst"))  # fmt: skip
    reason = forms.CharField(label=_("Reden (bij weigering)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class OccupationEndForm(forms.Form):
    end = DateField(label=_("Einde van de bewoning"))
    outflow = forms.ChoiceField(label=_("Uitstroom naar"), choices=[("", "—"), *Outflow.choices])


class EvictionReportForm(MembershipChoiceMixin, forms.ModelForm):
    received_on = DateField(label=_("Ontvangen op"))
    hearing_on = DateField(label=_("Zitting vrederechter"), required=False)

    class Meta:
        model = EvictionReport
        fields = ["received_on", "source", "tenant_name", "address", "municipality",
                  "hearing_on", "note"]  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_membership_field(user, rules.FILE_ROLES)
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")

    def report_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class OutreachForm(forms.Form):
    on = DateField(label=_("Datum"))
    kind = forms.ChoiceField(label=_("Actie"), choices=[("", "—"), *OutreachKind.choices])
    note = forms.CharField(label=_("Toelichting"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class EvictionOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Afloop"), choices=[("", "—"), *EvictionOutcome.choices])
    outcome_on = DateField(label=_("Op"))


class AcceleratedRequestForm(MembershipChoiceMixin, forms.Form):
    company = forms.ModelChoiceField(
        label=_("Sociale huisvestingsmaatschappij"),
        queryset=Organisation.objects.filter(kind="social_housing").order_by("name"),
    )  # fmt: skip
    motivation = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_membership_field(user, rules.FILE_ROLES)


class AcceleratedDecisionForm(forms.Form):
    granted = forms.ChoiceField(
        label=_("Beslissing"), widget=forms.RadioSelect,
        choices=[("yes", _("toegekend")), ("no", _("geweigerd"))],
    )  # fmt: skip
    decided_on = DateField(label=_("Beslist op"))
    decision_note = forms.CharField(label=_("Toelichting"), required=False)


class TrajectoryForm(forms.Form):
    kracht_wonen = forms.BooleanField(label=_("Voor een Kracht.Wonen-bewoner"), required=False)
    start = DateField(label=_("Begin"))


class ContactForm(forms.Form):
    on = DateField(label=_("Datum"))
    kind = forms.ChoiceField(label=_("Soort contact"), choices=[("", "—"), *ContactKind.choices])
    note = forms.CharField(label=_("Verslag"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip


class TrajectoryEndForm(forms.Form):
    end = DateField(label=_("Einde van het traject"))


class IntakeForm(forms.Form):
    point = forms.ModelChoiceField(label=_("Zitdag"), queryset=WalkInPoint.objects.none())
    intake_on = DateField(label=_("Intake op"))
    adults = forms.IntegerField(label=_("Volwassenen"), min_value=1, max_value=10, initial=1)
    children = forms.IntegerField(label=_("Kinderen"), min_value=0, max_value=15, initial=0)
    income = forms.DecimalField(label=_("Netto-inkomen per maand (€)"), min_value=0,
                                max_digits=8, decimal_places=2)  # fmt: skip
    situation = forms.ChoiceField(label=_("Woonsituatie"), choices=HousingSituation.choices)
    reasons = forms.MultipleChoiceField(label=_("Redenen om te verhuizen"),
                                        choices=MoveReason.choices,
                                        widget=forms.CheckboxSelectMultiple)  # fmt: skip
    search_plan = forms.CharField(label=_("Zoekplan"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    social_housing_registered = forms.BooleanField(
        label=_("Ingeschreven voor sociale huur (met hulp van de Woonclub)"), required=False
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Gewenste gemeenten"), queryset=Municipality.objects.order_by("name"),
        required=False, widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["point"].queryset = WalkInPoint.objects.filter(active_to__isnull=True)


class HousedForm(forms.Form):
    housed_on = DateField(label=_("Gehuisvest op"))
    housed_kind = forms.ChoiceField(label=_("In"), choices=[("", "—"), *HousedKind.choices])


class ListingForm(forms.ModelForm):
    seen_on = DateField(label=_("Gezien op"))

    class Meta:
        model = RentalListing
        fields = ["municipality", "street_or_area", "rent", "bedrooms", "energy_label", "source",
                  "seen_on"]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")


class DutyForm(forms.Form):
    point = forms.ModelChoiceField(label=_("Zitdag"), queryset=WalkInPoint.objects.none())
    on = DateField(label=_("Datum"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["point"].queryset = WalkInPoint.objects.filter(active_to__isnull=True)
