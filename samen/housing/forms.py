from django import forms
from django.utils.translation import gettext_lazy as _

from samen.access import rules
from samen.housing.models import FollowUp
from samen.registry.forms import DateField, MembershipChoiceMixin
from samen.registry.models import LegalBasis


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
