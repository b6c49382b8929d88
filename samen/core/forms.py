from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names when the form
    has that field, else at the top of the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def perform(request, action, success: str = "") -> bool:
    """Run a service for a post-and-redirect view: a ValidationError becomes an error
    message in the user's language, success a confirmation."""
    from django.contrib import messages

    try:
        action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    if success:
        messages.success(request, success)
    return True


def form_step(request, form, action, success: str) -> bool:
    """A post-and-redirect step: a valid form runs the service `action(cleaned_data)`; a
    bad form or the service's refusal becomes one message naming each field, success a
    confirmation. True when it worked."""
    from django.contrib import messages

    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
    if form.errors:
        messages.error(request, errors_in_words(form))
        return False
    messages.success(request, success)
    return True


def errors_in_words(form) -> str:
    """A form's errors as one message naming each field ("kg: ...; Reden: ..."), for
    post-and-redirect views that show them as a message."""
    return "; ".join(
        f"{form.fields[f].label}: {' '.join(e)}" if f in form.fields else " ".join(e)
        for f, e in form.errors.items()
    )


class AmountField:
    """Mixin for a DecimalField that reads amounts as Belgians type them: 4.250,50, 4250,50,
    € 4.250 or 4250.50 (a dot is a thousands separator only in groups of three)."""

    def to_python(self, value):
        import re

        if isinstance(value, str):
            text = value.replace("€", "").replace(" ", "").replace("\u00a0", "").strip()
            if "," in text:
                text = text.replace(".", "").replace(",", ".")
            elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
                text = text.replace(".", "")
            value = text
        return super().to_python(value)


class EuroField(AmountField, forms.DecimalField):
    """A euro amount with two decimals, typed the Belgian way."""


def euro_field(label, **kwargs):
    """A non-negative euro amount, with a numeric keypad on phones and tablets."""
    return EuroField(
        label=label, min_value=0, max_digits=9, decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}), **kwargs,
    )  # fmt: skip


class IbanField(forms.CharField):
    """A bank account number as IBAN, typed with or without spaces; its check digits are
    verified and it is kept compact (BE71096123456769)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 42)
        super().__init__(**kwargs)

    def to_python(self, value):
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _
        from stdnum import iban
        from stdnum.exceptions import ValidationError as StdnumError

        value = super().to_python(value)
        if not value:
            return value
        try:
            return iban.validate(value)
        except StdnumError:
            raise ValidationError(
                _("Dit is geen geldig IBAN-rekeningnummer (bv. BE71 0961 2345 6769)."),
                code="iban",
            ) from None


class LongSelect(forms.Select):
    """A select with hundreds or thousands of options (every wijk-werk user of an
    organiser), written in one pass instead of one template per option: the same HTML,
    twenty times faster."""

    def render(self, name, value, attrs=None, renderer=None):
        from django.utils.html import format_html, format_html_join
        from django.utils.safestring import mark_safe

        attributes = self.build_attrs(self.attrs, attrs)
        chosen = {str(v) for v in (value if isinstance(value, list | tuple) else [value])}
        options = format_html_join(
            "", '<option value="{}"{}>{}</option>',
            ((str(v), mark_safe(" selected") if str(v) in chosen else "", label)
             for v, label in self.choices),
        )  # fmt: skip
        extra = mark_safe("".join(
            format_html(" {}", k) if v is True else format_html(' {}="{}"', k, v)
            for k, v in attributes.items() if v not in (None, False)
        ))  # fmt: skip
        return format_html('<select name="{}"{}>{}</select>', name, extra, options)
