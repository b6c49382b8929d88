from django import forms
from django.utils.translation import gettext_lazy as _

from samen.care.models import (
    Application,
    Consultation,
    Right,
    RightStatus,
    Skill,
    ThanksEvent,
    Volunteer,
    VolunteerRequest,
    Weekday,
    WhoKind,
)
from samen.registry.forms import DateField, MembershipChoiceMixin
from samen.registry.models import Organisation


class IntakeForm(MembershipChoiceMixin, forms.Form):
    on = DateField(label=_("Datum"))
    question = forms.CharField(label=_("Vraag"), widget=forms.Textarea(attrs={"rows": 3}))
    context = forms.CharField(
        label=_("Context"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    rights = forms.ModelMultipleChoiceField(
        label=_("Rechtenverkenning: waarschijnlijk recht op"),
        required=False,
        queryset=Right.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_membership_field(user)
        self.fields["rights"].queryset = Right.objects.filter(active=True)


def partner_queryset():
    """The GBO partners: the OCMWs, the CAW and the health insurers' social services."""
    return Organisation.objects.filter(kind__in=["ocmw", "caw", "health_insurer"]).order_by("name")


class CheckForm(forms.Form):
    status = forms.ChoiceField(label=_("Stand"), choices=RightStatus.choices)
    partner = forms.ModelChoiceField(label=_("Opgevolgd door"), queryset=None)
    on = DateField(label=_("Datum"))
    note = forms.CharField(label=_("Toelichting"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partner_queryset()


class RightForm(forms.ModelForm):
    class Meta:
        model = Right
        fields = ["code", "name", "order", "active"]


class VolunteerForm(forms.ModelForm):
    birth_date = DateField(label=_("Geboortedatum"))
    good_conduct_on = DateField(label=_("Uittreksel strafregister van"), required=False)
    insured_from = DateField(label=_("Verzekerd vanaf"), required=False)
    skills = forms.MultipleChoiceField(
        label=_("Vaardigheden"),
        required=False,
        choices=Skill.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Beschikbaar op"),
        required=False,
        coerce=int,
        choices=Weekday.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Volunteer
        fields = [
            "first_name",
            "last_name",
            "birth_date",
            "email",
            "phone",
            "municipality",
            "skills",
            "languages",
            "weekdays",
            "good_conduct_on",
            "insured_from",
            "active",
        ]


class OwnProfileForm(forms.ModelForm):
    """What a volunteer keeps up to date themself."""

    skills = VolunteerForm.base_fields["skills"]
    weekdays = VolunteerForm.base_fields["weekdays"]

    class Meta:
        model = Volunteer
        fields = ["email", "phone", "languages", "skills", "weekdays"]


class VolunteerRequestForm(forms.ModelForm):
    on = DateField(label=_("Datum"))
    skills = forms.MultipleChoiceField(
        label=_("Gevraagde vaardigheden"),
        required=False,
        choices=Skill.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = VolunteerRequest
        fields = ["kind", "title", "municipality", "on", "hours", "needed", "skills"]


class HoursForm(forms.Form):
    hours = forms.DecimalField(
        label=_("Gepresteerde uren"), min_value=0, max_digits=4, decimal_places=1, localize=True
    )


class ThanksForm(forms.ModelForm):
    on = DateField(label=_("Datum"))

    class Meta:
        model = ThanksEvent
        fields = ["title", "on", "invited"]


class PeriodForm(forms.Form):
    start = DateField(label=_("Van"))
    end = DateField(label=_("Tot en met"))


class ConsultationForm(forms.ModelForm):
    on = DateField(label=_("Datum"))

    class Meta:
        model = Consultation
        fields = ["on", "kind", "note", "shared_summary"]
        widgets = {
            "note": forms.Textarea(attrs={"rows": 4}),
            "shared_summary": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"shared_summary": _("Alleen dit ziet de doorverwijzer, met de datum.")}


# --- Konekti ------------------------------------------------------------------------------------


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = [
            "parent_name",
            "phone",
            "email",
            "municipality",
            "children",
            "question",
            "consent",
        ]
        widgets = {
            "children": forms.Textarea(attrs={"rows": 3}),
            "question": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "consent": _(
                "Ik geef Konekti de toestemming om ons gezin te helpen en deze "
                "gegevens daarvoor te gebruiken, ook voor mijn kinderen."
            )
        }
        help_texts = {
            "children": _("Eén kind per lijn: voornaam; geboortedatum (bv. Noor; 02/04/2012).")
        }


class ReferFamilyForm(MembershipChoiceMixin, forms.Form):
    children = forms.CharField(
        label=_("Kinderen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=ApplicationForm._meta.help_texts["children"],
    )
    question = forms.CharField(
        label=_("Vraag van het gezin"), widget=forms.Textarea(attrs={"rows": 3})
    )
    guardian_name = forms.CharField(
        label=_("Toestemming gegeven door (ouder of voogd)"), max_length=160
    )
    consent = forms.BooleanField(
        label=_(
            "De ouder of voogd gaf toestemming om het gezin naar "
            "Konekti door te verwijzen, ook voor de kinderen"
        ),
        required=False,
    )
    on = DateField(label=_("Aangemeld op"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_membership_field(user)


class FollowForm(forms.Form):
    connector = forms.ModelChoiceField(label=_("Verbinder"), queryset=None, required=False)
    first_contact_on = DateField(label=_("Eerste contact op"), required=False)

    def __init__(self, *args, connectors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["connector"].queryset = connectors
        self.fields["connector"].label_from_instance = lambda u: u.get_full_name() or u.username


class GoalForm(forms.Form):
    text = forms.CharField(
        label=_("Doel, in de woorden van het gezin"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ActionForm(forms.Form):
    goal = forms.ModelChoiceField(label=_("Voor het doel"), queryset=None)
    who_kind = forms.ChoiceField(label=_("Wie"), choices=WhoKind.choices)
    who = forms.CharField(label=_("Naam"), max_length=120)
    text = forms.CharField(label=_("Wat"), max_length=200)
    due = DateField(label=_("Tegen"), required=False)

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals
        self.fields["goal"].label_from_instance = lambda g: g.text[:60]


class ReviewForm(forms.Form):
    planned_on = DateField(label=_("Evaluatie gepland op"))


class HoldForm(forms.Form):
    held_on = DateField(label=_("Gehouden op"))
    note = forms.CharField(
        label=_("Wat het gezin besliste"), widget=forms.Textarea(attrs={"rows": 2})
    )


class VisitForm(forms.Form):
    on = DateField(label=_("Huisbezoek op"))
    note = forms.CharField(label=_("Verslag"), widget=forms.Textarea(attrs={"rows": 2}))


class PsyForm(forms.Form):
    on = DateField(label=_("Consultatie op"))
    note = forms.CharField(
        label=_("Verslag (alleen psychologen)"), widget=forms.Textarea(attrs={"rows": 2})
    )


class CloseForm(forms.Form):
    on = DateField(label=_("Afgesloten op"))
    outcome = forms.CharField(label=_("Uitkomst"), widget=forms.Textarea(attrs={"rows": 2}))
