from django import forms
from django.utils.translation import gettext_lazy as _

from samen.care.models import Right, RightStatus
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
