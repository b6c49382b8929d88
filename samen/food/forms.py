from django import forms
from django.utils.translation import gettext_lazy as _

from samen.food.models import (
    Competence,
    DateKind,
    Destination,
    PickupPoint,
    Product,
    ShiftKind,
    StorageLocation,
    Van,
    WriteOffReason,
)
from samen.registry.forms import DateField


class IntakeForm(forms.Form):
    """One lot of a pickup: the fewest keystrokes a trainee can manage on a tablet."""

    pickup_point = forms.ModelChoiceField(
        label=_("Opgehaald bij"), queryset=PickupPoint.objects.none()
    )
    van = forms.ModelChoiceField(
        label=_("Bestelwagen"), queryset=Van.objects.none(), required=False
    )
    product = forms.ModelChoiceField(label=_("Product"), queryset=Product.objects.none())
    crates = forms.IntegerField(
        label=_("Bakken"),
        min_value=0,
        max_value=200,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    units = forms.IntegerField(
        label=_("Stuks"),
        min_value=0,
        max_value=100000,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    kg = forms.DecimalField(
        label=_("Gewogen kg"),
        min_value=0,
        max_digits=8,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    date_kind = forms.ChoiceField(
        label=_("Datum op de verpakking"),
        choices=DateKind.choices,
        widget=forms.RadioSelect,
        initial=DateKind.USE_BY,
    )
    expiry = DateField(label=_("Datum"), required=False)
    arrival_celsius = forms.DecimalField(
        label=_("Temperatuur bij aankomst (°C)"), required=False, max_digits=4, decimal_places=1,
        localize=True, widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )  # fmt: skip
    location = forms.ModelChoiceField(
        label=_("Stockeren in"), queryset=StorageLocation.objects.none()
    )

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pickup_point"].queryset = choices["pickup_points"]
        self.fields["van"].queryset = choices["vans"]
        self.fields["product"].queryset = choices["products"]
        self.fields["product"].label_from_instance = lambda p: f"{p.category} — {p.name}"
        self.fields["location"].queryset = choices["locations"]


class EmptyPickupForm(forms.Form):
    pickup_point = forms.ModelChoiceField(
        label=_("Opgehaald bij"), queryset=PickupPoint.objects.none()
    )
    nothing_reason = forms.CharField(label=_("Reden"), max_length=200)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pickup_point"].queryset = choices["pickup_points"]


class LotFindForm(forms.Form):
    code = forms.CharField(
        label=_("Code van het lot"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )


class WriteOffForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reden"), choices=WriteOffReason.choices)
    destination = forms.ChoiceField(label=_("Bestemming"), choices=Destination.choices)
    kg = forms.DecimalField(
        label=_("kg (leeg: alles)"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        localize=True,
    )
    note = forms.CharField(label=_("Toelichting"), required=False)


class ReleaseForm(forms.Form):
    note = forms.CharField(label=_("Reden van vrijgave"), max_length=300)


class CountForm(forms.Form):
    counted_kg = forms.DecimalField(
        label=_("Geteld (kg)"), min_value=0, max_digits=8, decimal_places=2, localize=True
    )
    reason = forms.CharField(label=_("Reden van een verschil"), required=False, max_length=200)


class MoveForm(forms.Form):
    location = forms.ModelChoiceField(label=_("Naar"), queryset=StorageLocation.objects.all())


class PublishForm(forms.Form):
    cut_off = forms.TimeField(
        label=_("Bestellen kan tot (uur)"), initial="10:00", widget=forms.TimeInput(format="%H:%M")
    )
    kg_per_person = forms.DecimalField(
        label=_("Quotum per persoon (kg)"),
        min_value=0,
        max_digits=5,
        decimal_places=2,
        localize=True,
        initial="1,00",
    )


class OrderForm(forms.Form):
    """One field per product on offer; empty means nothing."""

    def __init__(self, *args, offers, order=None, **kwargs):
        super().__init__(*args, **kwargs)
        asked = {line.product_id: line.kg for line in order.lines.all()} if order else {}
        self.offers = offers
        for offer in offers:
            self.fields[f"kg_{offer.product_id}"] = forms.DecimalField(
                label=f"{offer.product} (kg)",
                required=False,
                min_value=0,
                max_digits=8,
                decimal_places=2,
                localize=True,
                initial=asked.get(offer.product_id),
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )
            offer.field = self[f"kg_{offer.product_id}"]

    def lines(self) -> dict:
        return {
            offer.product_id: self.cleaned_data[f"kg_{offer.product_id}"] or 0
            for offer in self.offers
        }


class DeliveryForm(forms.Form):
    receiver_name = forms.CharField(label=_("Ontvangen door (naam)"), max_length=120)
    shortfall = forms.ChoiceField(
        label=_("Wat niet geleverd werd"),
        required=False,
        widget=forms.RadioSelect,
        choices=[("return", _("gaat terug in voorraad")), ("write_off", _("wordt afgeboekt"))],
    )
    note = forms.CharField(label=_("Opmerking"), required=False, max_length=300)

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_lines = lines
        for line in lines:
            self.fields[f"received_{line.pk}"] = forms.DecimalField(
                label=_("%(p)s ontvangen (kg)") % {"p": line.product},
                min_value=0,
                max_digits=8,
                decimal_places=2,
                localize=True,
                initial=line.granted_kg,
            )

    def received(self) -> dict:
        return {line.pk: self.cleaned_data[f"received_{line.pk}"] for line in self.order_lines}


class RecallForm(forms.Form):
    donor = forms.ModelChoiceField(label=_("Donor"), queryset=None)
    product = forms.ModelChoiceField(label=_("Product"), queryset=Product.objects.all())
    date_from = DateField(label=_("Ontvangen van"))
    date_to = DateField(label=_("Ontvangen tot en met"))

    def __init__(self, *args, donors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["donor"].queryset = donors

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("'Tot en met' ligt voor 'van'."))
        return data


class RecallNotifyForm(forms.Form):
    reason = forms.CharField(label=_("Reden van de terugroeping"), max_length=300)


class ShiftForm(forms.Form):
    trainee = forms.ModelChoiceField(label=_("Leerwerknemer"), queryset=None)
    date = DateField(label=_("Datum"))
    kind = forms.ChoiceField(label=_("Taak"), choices=ShiftKind.choices)
    start = forms.TimeField(label=_("Van"), widget=forms.TimeInput(format="%H:%M"))
    end = forms.TimeField(label=_("Tot"), widget=forms.TimeInput(format="%H:%M"))

    def __init__(self, *args, trainees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainee"].queryset = trainees


class ProgressNoteForm(forms.Form):
    competence = forms.ChoiceField(label=_("Competentie"), choices=Competence.choices)
    level = forms.TypedChoiceField(
        label=_("Niveau (1–4)"), coerce=int, choices=[(i, str(i)) for i in range(1, 5)]
    )
    note = forms.CharField(label=_("Notitie"), widget=forms.Textarea(attrs={"rows": 2}))


class ReadingForm(forms.Form):
    space = forms.ChoiceField(label=_("Ruimte"))
    celsius = forms.DecimalField(
        label=_("Temperatuur (°C)"),
        max_digits=4,
        decimal_places=1,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    def __init__(self, *args, spaces, **kwargs):
        super().__init__(*args, **kwargs)
        self.spaces = {f"location:{loc.pk}": loc for loc in spaces["locations"]}
        self.spaces |= {f"van:{van.pk}": van for van in spaces["vans"]}
        self.fields["space"].choices = [(k, str(v)) for k, v in self.spaces.items()]

    def clean_space(self):
        return self.spaces[self.cleaned_data["space"]]


class AlertResolveForm(forms.Form):
    note = forms.CharField(label=_("Wat gebeurde er en wat werd gedaan?"), max_length=500)


WEEKDAYS = [
    (0, _("maandag")),
    (1, _("dinsdag")),
    (2, _("woensdag")),
    (3, _("donderdag")),
    (4, _("vrijdag")),
    (5, _("zaterdag")),
]


class StandingOrderForm(forms.Form):
    product = forms.ModelChoiceField(label=_("Product"), queryset=Product.objects.all())
    kg = forms.DecimalField(
        label=_("kg"), min_value=0, max_digits=8, decimal_places=2, localize=True
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Op"), choices=WEEKDAYS, coerce=int, widget=forms.CheckboxSelectMultiple
    )


class SensorForm(ReadingForm):
    name = forms.CharField(label=_("Naam van de sensor"), max_length=60)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["celsius"]


class ReplanForm(forms.Form):
    """A van drops out: which one and from when (the rest of the day is planned again)."""

    van = forms.ModelChoiceField(
        label=_("Bestelwagen die uitvalt"), queryset=Van.objects.all(),
        error_messages={"required": _("Kies de bestelwagen die uitvalt."),
                        "invalid_choice": _("Kies een bestelwagen uit de lijst.")},
    )  # fmt: skip
    from_time = forms.TimeField(
        label=_("Vanaf (uu:mm)"), input_formats=["%H:%M"],
        error_messages={"required": _("Geef het uur waarop de bestelwagen uitvalt."),
                        "invalid": _("Geef het uur als uu:mm, bv. 11:30.")},
    )  # fmt: skip

    def __init__(self, *args, vans: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["van"].queryset = Van.objects.filter(pk__in=vans)
