from django import template

from samen.food.models import Allergen

register = template.Library()


@register.filter
def allergen_labels(codes) -> str:
    """The 14 EU allergens by their Dutch (or French, English) names."""
    labels = dict(Allergen.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes or [])


@register.filter
def weekday_name(number: int) -> str:
    from samen.food.forms import WEEKDAYS

    return str(dict(WEEKDAYS).get(number, number))


@register.filter
def field_display(obj, name: str):
    """A record's field as a person reads it: choice labels, yes/no, the related name."""
    display = getattr(obj, f"get_{name}_display", None)
    if display:
        return display()
    value = getattr(obj, name)
    if isinstance(value, bool):
        from django.utils.translation import gettext as _

        return _("ja") if value else _("nee")
    return "" if value is None else value


@register.filter
def clock(seconds) -> str:
    """Seconds since midnight as hh:mm (route plans)."""
    from samen.food.routing import clock as as_clock

    return as_clock(int(seconds)) if seconds is not None else ""


@register.filter
def euro_cents(cents) -> str:
    """Cents as € 1.234,56."""
    euros = f"{int(cents) / 100:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"€ {euros}"
