from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samen.access import policy, rules
from samen.registry import insz as insz_codec
from samen.registry.models import (
    Consent,
    DataCategory,
    LegalBasis,
    Organisation,
    Person,
    Programme,
    Relation,
    Team,
)

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/jjjj"})


class DateField(forms.DateField):
    widget = DATE_WIDGET
    default_error_messages = {"invalid": _("Geef een datum als dd/mm/jjjj.")}


def unit_choices() -> list[tuple[str, str]]:
    organisations = [
        (f"organisation:{o.pk}", o.name) for o in Organisation.objects.order_by("name")
    ]
    teams = [(f"team:{t.pk}", t.name) for t in Team.objects.order_by("name")]
    return [("", "—"), (_("Regionale teams"), teams), (_("Organisaties"), organisations)]


def parse_unit(value: str):
    kind, _sep, pk = (value or "").partition(":")
    model = {"organisation": Organisation, "team": Team}.get(kind)
    unit = model.objects.filter(pk=pk).first() if model and pk.isdigit() else None
    if unit is None:
        raise ValidationError(_("Kies een organisatie of team uit de lijst."))
    return unit


class MembershipChoiceMixin:
    """'On behalf of': the unit a worker acts for, when they belong to several."""

    def add_membership_field(self, user, allowed=rules.FILE_ROLES):
        self.memberships = [m for m in policy.memberships(user) if m.role in allowed]
        self.fields["membership"] = forms.ChoiceField(
            label=_("Namens"),
            choices=[(str(m.pk), f"{m.unit} ({m.get_role_display()})") for m in self.memberships],
        )
        if len(self.memberships) == 1:
            self.fields["membership"].widget = forms.HiddenInput()
            self.fields["membership"].initial = str(self.memberships[0].pk)

    def clean_membership(self):
        chosen = self.cleaned_data["membership"]
        for m in self.memberships:
            if str(m.pk) == chosen:
                return m
        raise ValidationError(_("Kies namens welke organisatie je werkt."))


def purpose_choices():
    return [("onthaal", _("Onthaal en algemene hulpverlening"))] + [
        (p.code, p.name) for p in Programme.objects.order_by("name")
    ]


class PersonSearchForm(forms.Form):
    name = forms.CharField(label=_("Naam"), required=False, max_length=120)
    birth_date = DateField(label=_("Geboortedatum"), required=False)
    insz = forms.CharField(label=_("Rijksregisternummer"), required=False, max_length=20)
    purpose = forms.ChoiceField(label=_("Doel van de opzoeking"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = purpose_choices()

    def clean(self):
        data = super().clean()
        if not (data.get("name") or data.get("birth_date") or data.get("insz")):
            raise ValidationError(_("Vul een naam, geboortedatum of rijksregisternummer in."))
        if data.get("insz") and not insz_codec.hash_of(data["insz"]):
            self.add_error("insz", _("Dit is geen geldig rijksregister- of BIS-nummer."))
        return data


class PersonForm(forms.ModelForm):
    birth_date = DateField(label=_("Geboortedatum"), required=False)
    insz = forms.CharField(
        label=_("Rijksregisternummer"),
        required=False,
        max_length=20,
        help_text=_("Rijksregister- of BIS-nummer. Bij wijzigen: leeg laten om te behouden."),
    )

    class Meta:
        model = Person
        fields = [
            "first_name", "last_name", "birth_date", "sex", "language", "phone", "email",
            "address_kind", "street", "house_number", "postcode", "city", "municipality",
            "reference_organisation",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference_organisation"].queryset = Organisation.objects.filter(kind="ocmw")
        self.fields["first_name"].widget.attrs["autocomplete"] = "off"
        self.fields["last_name"].widget.attrs["autocomplete"] = "off"

    def clean_insz(self):
        value = self.cleaned_data["insz"].strip()
        return insz_codec.validate(value) if value else ""

    def person_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class PersonCreateForm(MembershipChoiceMixin, PersonForm):
    programme = forms.ModelChoiceField(label=_("Programma"), queryset=Programme.objects.all())
    legal_basis = forms.ChoiceField(
        label=_("Rechtsgrond"),
        choices=[(LegalBasis.LEGAL_TASK, LegalBasis.LEGAL_TASK.label),
                 (LegalBasis.VITAL_INTEREST, LegalBasis.VITAL_INTEREST.label)],
    )  # fmt: skip
    basis_note = forms.CharField(
        label=_("Toelichting rechtsgrond"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bijvoorbeeld: maatschappelijke dienstverlening (OCMW-wet art. 1)."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_membership_field(user, rules.CREATE_PERSON)


class ReferralForm(MembershipChoiceMixin, forms.Form):
    receiver = forms.ChoiceField(label=_("Naar"))
    programme = forms.ModelChoiceField(label=_("Programma"), queryset=Programme.objects.all())
    reason = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 3}))
    legal_basis = forms.ChoiceField(label=_("Rechtsgrond"), choices=LegalBasis.choices)
    consent = forms.ModelChoiceField(
        label=_("Toestemming"),
        queryset=Consent.objects.none(),
        required=False,
        help_text=_("Verplicht bij rechtsgrond 'toestemming'."),
    )
    justification = forms.CharField(
        label=_("Verantwoording"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht zonder toestemming: welke opdracht of welk vitaal belang."),
    )
    categories = forms.MultipleChoiceField(
        label=_("Gedeelde gegevens"),
        choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, consents, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_membership_field(user)
        self.fields["receiver"].choices = unit_choices()
        self.fields["consent"].queryset = consents
        self.fields["consent"].label_from_instance = lambda c: (
            f"{c.purpose.name} → {c.recipient} ({c.given_at:%d/%m/%Y})"
        )

    def clean_receiver(self):
        return parse_unit(self.cleaned_data["receiver"])


class ConsentForm(MembershipChoiceMixin, forms.Form):
    purpose = forms.ModelChoiceField(label=_("Doel"), queryset=Programme.objects.all())
    recipient = forms.ChoiceField(label=_("Ontvanger"))
    categories = forms.MultipleChoiceField(
        label=_("Gegevenscategorieën"),
        choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    given_by_guardian = forms.BooleanField(
        label=_("Gegeven door ouder of voogd (minderjarige)"), required=False
    )
    guardian_name = forms.CharField(label=_("Naam ouder of voogd"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_membership_field(user)
        self.fields["recipient"].choices = unit_choices()

    def clean_recipient(self):
        return parse_unit(self.cleaned_data["recipient"])


class NoteForm(MembershipChoiceMixin, forms.Form):
    category = forms.ChoiceField(label=_("Categorie"), initial=DataCategory.SOCIAL)
    text = forms.CharField(label=_("Notitie"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_membership_field(user)
        allowed = set().union(*(rules.ROLE_CATEGORIES[m.role] for m in self.memberships))
        self.fields["category"].choices = [c for c in DataCategory.choices if c[0] in allowed]


class HouseholdMemberForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Gezinslid"), queryset=Person.objects.none())
    relation = forms.ChoiceField(label=_("Relatie"), choices=Relation.choices)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = candidates
        self.fields["member"].label_from_instance = lambda p: (
            f"{p.full_name} ({p.birth_date:%d/%m/%Y})" if p.birth_date else p.full_name
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 2}))


class ReferralAnswerForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Antwoord"),
        coerce=lambda v: v == "ja",
        choices=[("ja", _("Aanvaarden")), ("nee", _("Weigeren"))],
        widget=forms.RadioSelect,
    )
    answer_note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class KnownInRegionForm(MembershipChoiceMixin, forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_membership_field(user)


class KnownEnrolForm(KnownInRegionForm):
    programme = forms.ModelChoiceField(label=_("Programma"), queryset=Programme.objects.all())
    basis_note = forms.CharField(
        label=_("Toelichting rechtsgrond (wettelijke opdracht)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MergeForm(forms.Form):
    kept = forms.IntegerField(widget=forms.HiddenInput)
    merged = forms.IntegerField(widget=forms.HiddenInput)
