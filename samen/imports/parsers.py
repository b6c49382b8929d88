"""Cell parsers: each returns a value or raises ValueError with a Dutch reason."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from samen.registry import insz as insz_codec
from samen.registry.models import Municipality, Section


def text(value: str) -> str:
    return value.strip()


def date(value: str) -> dt.date:
    value = value.strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"'{value}' is geen datum (dd/mm/jjjj)")


def whole(value: str) -> int:
    digits = value.strip()
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 12:
        raise ValueError(f"'{value}' is geen geheel getal")
    return int(digits)


def boolean(value: str) -> bool:
    folded = value.strip().lower()
    if folded in ("ja", "j", "yes", "1", "waar"):
        return True
    if folded in ("nee", "n", "no", "0", "onwaar"):
        return False
    raise ValueError(f"'{value}' is geen ja of nee")


def decimal(value: str, *, comma: bool = True) -> Decimal:
    cleaned = value.strip().replace(" ", "")
    if comma:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(f"'{value}' is geen getal") from exc
    # Not NaN or infinity, and no exponent that makes a 40-digit number of "1e40".
    if not number.is_finite() or not cleaned.isascii() or abs(number.adjusted()) > 15:
        raise ValueError(f"'{value}' is geen getal")
    return number


def choice(mapping: dict[str, str]):
    """Documented values (Dutch words) to stored codes."""

    def parse(value: str) -> str:
        key = value.strip().lower()
        if key not in mapping:
            raise ValueError(f"'{value}' is geen van: {', '.join(mapping)}")
        return mapping[key]

    parse.values = list(mapping)
    return parse


def insz(value: str) -> str:
    try:
        return insz_codec.validate(value)
    except ValidationError as exc:
        raise ValueError(f"'{value}' is geen geldig rijksregister- of BIS-nummer") from exc


def email(value: str) -> str:
    try:
        validate_email(value.strip())
    except ValidationError as exc:
        raise ValueError(f"'{value}' is geen geldig e-mailadres") from exc
    return value.strip()


class MunicipalityParser:
    """By name (municipality or section) or by postcode; loaded once per import."""

    def __init__(self):
        self.by_key = {}
        for m in Municipality.objects.all():
            self.by_key[m.name.lower()] = m
        for s in Section.objects.select_related("municipality"):
            self.by_key.setdefault(s.name.lower(), s.municipality)
            self.by_key.setdefault(s.postcode, s.municipality)

    def __call__(self, value: str) -> Municipality:
        found = self.by_key.get(value.strip().lower())
        if not found:
            raise ValueError(f"'{value}' is geen gemeente of postcode van de regio")
        return found
