"""INSZ (national-register or BIS number): validated, encrypted at rest, found through a
keyed hash, shown masked."""

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.be import ssn
from stdnum.exceptions import ValidationError as StdnumError


def validate(value: str) -> str:
    """The compact 11 digits, or a ValidationError in the user's language."""
    try:
        return ssn.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            _("Dit is geen geldig rijksregister- of BIS-nummer."), code="insz"
        ) from exc


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(k.encode()) for k in keys])


def encrypt(compact: str) -> str:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS)).encrypt(compact.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS)).decrypt(token.encode()).decode()


def rotate(token: str) -> str:
    """The same value, encrypted again under the newest key (the first one)."""
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS)).rotate(token.encode()).decode()


def keyed_hash(compact: str) -> str:
    return hmac.new(settings.INSZ_HASH_KEY.encode(), compact.encode(), hashlib.sha256).hexdigest()


def hash_of(value: str) -> str | None:
    """The search key of a typed INSZ, or None when it is not a valid number."""
    try:
        return keyed_hash(validate(value))
    except ValidationError:
        return None


def mask(compact: str) -> str:
    """Only the check digits stay readable: enough to tell two numbers apart."""
    return f"••.••.••-•••.{compact[-2:]}" if compact else ""
