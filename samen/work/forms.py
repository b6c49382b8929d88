from django import forms
from django.utils.translation import gettext_lazy as _

from samen.core.forms import LongSelect
from samen.registry.forms import DateField, MembershipChoiceMixin
from samen.registry.models import Municipality, Organisation
from samen.work.models import (
    ActivationReferrer,
    ActivationStatus,
    Barrier,
    EconomyEvent,
    Enterprise,
    StepKind,
    UserKind,
)


def hours_field(label, **kwargs):
    return forms.DecimalField(
        label=label,
        min_value=0,
        max_digits=5,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        **kwargs,
    )


TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class BuyForm(forms.Form):
    cheques = forms.IntegerField(
        label=_("Aantal cheques"),
        min_value=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    paper_first = forms.CharField(
        label=_("Eerste serienummer (papieren cheques)"),
        max_length=20,
        required=False,
        help_text=_("Leeg: elektronische cheques."),
    )

    def __init__(self, *args, coach: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not coach:
            del self.fields["paper_first"]


class RequestForm(forms.Form):
    activity = forms.CharField(
        label=_("Activiteit"),
        max_length=120,
        help_text=_("Bv. toezicht speelplaats, hulp in de tuin."),
    )
    place = forms.CharField(label=_("Plaats"), max_length=160)
    hours_wanted = hours_field(_("Gewenste uren per maand"))


class ReferForm(forms.Form):
    first_name = forms.CharField(label=_("Voornaam"), max_length=80)
    last_name = forms.CharField(label=_("Achternaam"), max_length=80)
    birth_date = DateField(label=_("Geboortedatum"))
    insz = forms.CharField(
        label=_("Rijksregisternummer"),
        max_length=20,
        required=False,
        help_text=_("Bekend in de regio? Dan gebruiken we die persoon."),
    )
    referred_by = forms.ChoiceField(
        label=_("Doorverwezen door"), choices=[("vdab", "VDAB"), ("ocmw", "OCMW")]
    )
    referred_on = DateField(label=_("Doorverwezen op"))
    ex_pwa = forms.BooleanField(label=_("Had op 30/09/2017 een PWA-contract"), required=False)


class IntakeForm(forms.Form):
    intake_on = DateField(label=_("Intake op"))
    starts = forms.TypedChoiceField(
        label=_("Uitkomst"),
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        choices=[("1", _("start als wijk-werker")), ("0", _("start niet"))],
    )
    started_on = DateField(label=_("Start op"), required=False)

    not_started_reason = forms.CharField(
        label=_("Reden waarom niet"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if data.get("starts") and not data.get("started_on") and "started_on" not in self.errors:
            self.add_error("started_on", _("Geef de dag waarop de wijk-werker start."))
        if data.get("starts") is False and not (data.get("not_started_reason") or "").strip():
            self.add_error("not_started_reason", _("Geef de reden waarom de persoon niet start."))
        return data


class EndForm(forms.Form):
    ended_on = DateField(label=_("Laatste dag van de overeenkomst"))


class PerformanceForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Gebruiker"), queryset=None, widget=LongSelect)
    activity = forms.CharField(label=_("Activiteit"), max_length=120)
    on = DateField(label=_("Datum"))
    hours = hours_field(_("Uren"))
    round_trip_km = forms.DecimalField(
        label=_("Km heen en terug"),
        min_value=0,
        max_digits=6,
        decimal_places=1,
        localize=True,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users


class MatchForm(forms.Form):
    worker = forms.ModelChoiceField(label=_("Wijk-werker"), queryset=None)

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers


class SittingDayForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=Municipality.objects.order_by("name")
    )
    on = DateField(label=_("Datum"))
    start = forms.TimeField(label=_("Van"), widget=TIME)
    end = forms.TimeField(label=_("Tot"), widget=TIME)
    place = forms.CharField(label=_("Plaats"), max_length=120)


class UserForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort gebruiker"), choices=UserKind.choices)
    number = forms.CharField(label=_("Gebruikersnummer"), max_length=30, required=False)
    name = forms.CharField(
        label=_("Naam van de organisatie"),
        max_length=120,
        required=False,
        help_text=_("Voor een school, gemeente, vzw of landbouwer."),
    )
    first_name = forms.CharField(label=_("Voornaam"), max_length=80, required=False)
    last_name = forms.CharField(label=_("Achternaam"), max_length=80, required=False)
    birth_date = DateField(label=_("Geboortedatum"), required=False)
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"), required=False, queryset=Municipality.objects.order_by("name")
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == UserKind.PRIVATE:
            for name in ("first_name", "last_name", "birth_date"):
                if not data.get(name):
                    self.add_error(name, _("Verplicht voor een particulier."))
        elif data.get("kind") and not data.get("name"):
            self.add_error("name", _("Verplicht voor een organisatie."))
        return data


def partner_queryset():
    return Organisation.objects.exclude(kind="food_organisation").order_by("name")


class ActivationForm(MembershipChoiceMixin, forms.Form):
    referred_by = forms.ChoiceField(
        label=_("Doorverwezen door"), choices=ActivationReferrer.choices
    )
    referrer = forms.CharField(
        label=_("Verwijzer (dienst of persoon)"), max_length=120, required=False
    )
    referred_on = DateField(label=_("Doorverwezen op"))
    barriers = forms.MultipleChoiceField(
        label=_("Drempels tot betaald werk"),
        choices=Barrier.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    goals = forms.CharField(label=_("Doelen"), widget=forms.Textarea(attrs={"rows": 3}))
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners"), required=False, queryset=partner_queryset()
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_membership_field(user)
        self.fields["partners"].queryset = partner_queryset()


class ActivationStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Nieuwe status"), choices=ActivationStatus.choices)
    on = DateField(label=_("Datum"))
    note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ActivationStepForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort stap"), choices=StepKind.choices)
    title = forms.CharField(
        label=_("Stap"),
        max_length=160,
        help_text=_("Bv. arbeidszorg bij ZOWE, traject bij het CGG."),
    )
    partner = forms.ModelChoiceField(label=_("Partner"), required=False, queryset=None)
    start = DateField(label=_("Begin"))
    end = DateField(label=_("Einde"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partner_queryset()


class CapacityForm(forms.Form):
    year = forms.IntegerField(label=_("Jaar"), min_value=2018, max_value=2100)
    planned_min = forms.IntegerField(label=_("Gepland minimum"), min_value=0)
    planned_max = forms.IntegerField(label=_("Gepland maximum"), min_value=0)

    def clean(self):
        data = super().clean()
        low, high = data.get("planned_min"), data.get("planned_max")
        if low is not None and high is not None and high < low:
            self.add_error("planned_max", _("Het maximum ligt onder het minimum."))
        return data


class EnterpriseForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Enterprise
        fields = ["name", "kind", "municipality", "activities", "website", "phone"]


class EventForm(forms.ModelForm):
    on = DateField(label=_("Datum"))

    class Meta:
        model = EconomyEvent
        fields = ["kind", "title", "on", "municipality", "participants", "enterprises"]
        widgets = {"enterprises": forms.CheckboxSelectMultiple}
