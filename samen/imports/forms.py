from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort import"))
    source = forms.CharField(
        label=_("Bron (register)"), required=False, max_length=60,
        help_text=_("Van welk register komt het bestand, bv. 'woonclub-2018'. Verplicht "
                    "voor personen: zo blijven de extern_id's per register uniek."),
    )  # fmt: skip
    file = forms.FileField(label=_("Bestand (.xlsx of .csv)"))

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = {k.name: k for k in kinds}
        self.fields["kind"].choices = [(k.name, f"{k.name} — {k.description}") for k in kinds]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Kies een .xlsx- of .csv-bestand."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 10 MB."))
        return upload

    def clean(self):
        data = super().clean()
        kind = self.kinds.get(data.get("kind"))
        if kind and kind.needs_source and not data.get("source"):
            self.add_error("source", _("Geef de bron van het bestand op."))
        return data


class ConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
