from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samen.registry.models import Municipality

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class PeriodForm(forms.Form):
    """A year, or a period from one day to another (both included); a municipality or the
    whole region."""

    jaar = forms.IntegerField(label=_("Jaar"), required=False, min_value=2000, max_value=2100)
    van = forms.DateField(label=_("Van"), required=False, input_formats=DATE_FORMATS)
    tot = forms.DateField(label=_("Tot en met"), required=False, input_formats=DATE_FORMATS)
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"), required=False, queryset=Municipality.objects.all(),
        to_field_name="nis_code", empty_label=_("heel de regio"),
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        year, start, end = data.get("jaar"), data.get("van"), data.get("tot")
        if self.errors:
            return data
        if year and (start or end):
            raise ValidationError(_("Kies een jaar óf een periode (van … tot en met …)."))
        if not year and (start or end):
            if not (start and end):
                self.add_error("tot" if start else "van",
                               _("Vul beide dagen van de periode in."))  # fmt: skip
            elif end < start:
                self.add_error("tot", _("Deze dag ligt vóór het begin van de periode."))
        return data
