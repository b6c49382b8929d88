from django import forms
from django.utils.translation import gettext_lazy as _

from samen.budget.models import (
    INCOME,
    BizEvent,
    Category,
    EducationActivity,
    FairLoan,
)
from samen.core.forms import euro_field as euro
from samen.registry.forms import DateField
from samen.registry.models import Municipality, Person


class RegisterForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres"))
    password = forms.CharField(
        label=_("Wachtwoord"),
        widget=forms.PasswordInput,
        help_text=_("Minstens 12 tekens; geen woord dat je makkelijk raadt."),
    )
    password_again = forms.CharField(label=_("Wachtwoord nog eens"), widget=forms.PasswordInput)

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("De twee wachtwoorden verschillen."))
        return data


INCOME_CHOICES = [(c, label) for c, label in Category.choices if c in INCOME]
EXPENSE_CHOICES = [(c, label) for c, label in Category.choices if c not in INCOME]


class EntryForm(forms.Form):
    amount = euro(_("Bedrag (€)"))
    category = forms.ChoiceField(
        label=_("Waarvoor"),
        choices=[(_("Uitgaven"), EXPENSE_CHOICES), (_("Inkomsten"), INCOME_CHOICES)],
    )
    on = DateField(label=_("Datum"))
    description = forms.CharField(label=_("Omschrijving"), max_length=200, required=False)


class PlanForm(forms.Form):
    category = forms.ChoiceField(label=_("Categorie"), choices=Category.choices)
    amount = euro(_("Bedrag per maand (€)"))


class RecurringForm(forms.Form):
    description = forms.CharField(
        label=_("Omschrijving"), max_length=120, help_text=_("Bv. huur, loon, gsm-abonnement.")
    )
    category = forms.ChoiceField(label=_("Categorie"), choices=Category.choices)
    amount = euro(_("Bedrag (€)"))
    day = forms.IntegerField(label=_("Dag van de maand"), min_value=1, max_value=31, initial=1)
    start = DateField(label=_("Vanaf"))
    end = DateField(label=_("Tot en met"), required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Export van je bank (CSV)"),
        help_text=_(
            "Met de kolommen datum, bedrag, tegenpartij en omschrijving; bedragen met een komma."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Kies het CSV-bestand dat je bank je gaf."))
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("Het bestand is groter dan 2 MB."))
        return upload


class ShareForm(forms.Form):
    counsellor = forms.ModelChoiceField(label=_("Budgetbegeleider"), queryset=None)

    def __init__(self, *args, counsellors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counsellor"].queryset = counsellors
        self.fields["counsellor"].label_from_instance = lambda u: u.get_full_name() or u.username


class SeriesForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=160)
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=Municipality.objects.order_by("name")
    )


class SessionForm(forms.Form):
    on = DateField(label=_("Datum"))
    topic = forms.CharField(label=_("Thema"), max_length=160)
    present = forms.ModelMultipleChoiceField(
        label=_("Aanwezig"),
        required=False,
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = participants


class ActivityForm(forms.ModelForm):
    on = DateField(label=_("Datum"))

    class Meta:
        model = EducationActivity
        fields = ["kind", "on", "school", "municipality", "grade", "pupils"]


class LoanForm(forms.ModelForm):
    start = DateField(label=_("Van"))
    end = DateField(label=_("Tot en met"))

    class Meta:
        model = FairLoan
        fields = ["borrower", "municipality", "start", "end"]


class EventForm(forms.ModelForm):
    on = DateField(label=_("Datum"))

    class Meta:
        model = BizEvent
        fields = ["kind", "title", "on", "participants"]
