from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()


@register.filter
def euro(value) -> str:
    """€ 1.234,56 — Belgian notation whatever the page language."""
    if value in (None, ""):
        return ""
    amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}€ {grouped},{cents}"


@register.filter
def label_of(value, choices) -> str:
    return dict(choices).get(value, value)


@register.filter
def category_labels(codes) -> str:
    from samen.registry.models import DataCategory

    labels = dict(DataCategory.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes or [])


@register.filter
def get_item(mapping, key):
    """figures|get_item:"food.collected_kg" — keys with dots cannot be read otherwise."""
    return mapping.get(key) if mapping else None


@register.filter
def iban(value: str) -> str:
    """BE71096123456769 → BE71 0961 2345 6769."""
    return " ".join(value[i : i + 4] for i in range(0, len(value or ""), 4))
