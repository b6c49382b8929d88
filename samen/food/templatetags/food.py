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
