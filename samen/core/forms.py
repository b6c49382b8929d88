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
