from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samen.registry.forms import DateField
from samen.registry.models import Role

# The roles an organisation administrator may hand out in their own organisation.
ASSIGNABLE_ROLES = [
    Role.SOCIAL_WORKER, Role.PROGRAMME_LEAD, Role.VOLUNTEER, Role.FOOD_ORGANISATION,
    Role.HUB_STAFF, Role.HUB_COORDINATOR, Role.TRAINEE_COACH, Role.ORG_ADMIN,
]  # fmt: skip


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class BreakGlassForm(forms.Form):
    insz = forms.CharField(label=_("Rijksregisternummer"), required=False, max_length=20)
    first_name = forms.CharField(label=_("Voornaam"), required=False)
    last_name = forms.CharField(label=_("Achternaam"), required=False)
    birth_date = DateField(label=_("Geboortedatum"), required=False)
    reason = forms.CharField(
        label=_("Reden (noodsituatie)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Deze reden wordt gelogd en door de DPO beoordeeld."),
    )


class BreakGlassReviewForm(forms.Form):
    justified = forms.TypedChoiceField(
        label=_("Oordeel"),
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
        choices=[("ja", _("Gerechtvaardigd")), ("nee", _("Niet gerechtvaardigd"))],
    )
    review_note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AuditSearchForm(forms.Form):
    person_id = forms.IntegerField(label=_("Persoon (id)"), required=False, min_value=1)
    username = forms.CharField(label=_("Gebruiker"), required=False)
    date_from = DateField(label=_("Van"), required=False)
    date_to = DateField(label=_("Tot en met"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("'Tot en met' ligt voor 'van'."))
        return data


class OrganisationUserForm(forms.Form):
    username = forms.CharField(label=_("Gebruikersnaam"), max_length=150)
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    role = forms.ChoiceField(label=_("Rol"), choices=[(r.value, r.label) for r in ASSIGNABLE_ROLES])
    password = forms.CharField(
        label=_("Eerste wachtwoord"), widget=forms.PasswordInput, help_text=_("Minstens 10 tekens.")
    )

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise ValidationError(_("Deze gebruikersnaam bestaat al."))
        return username

    def clean(self):
        data = super().clean()
        if data.get("password"):
            user = get_user_model()(
                username=data.get("username", ""),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(data["password"], user)
            except ValidationError as exc:
                self.add_error("password", exc)
        return data


class SecondFactorForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("De 6 cijfers uit je authenticator-app, of een van je herstelcodes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )
