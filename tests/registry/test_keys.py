"""Key rotation for the field encryption: every INSZ encrypted again under the newest key,
after which the old key can be removed."""

import pytest
from django.core.management import call_command

from samen.access.models import AuditEntry
from samen.registry.models import Person

pytestmark = pytest.mark.django_db


def test_field_keys_rotate_to_the_newest_key(world, settings):
    from cryptography.fernet import Fernet, InvalidToken

    from samen.registry import insz

    old = settings.FIELD_ENCRYPTION_KEYS
    person = world.person_kortrijk
    number = person.insz
    new = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new, *old]
    assert Person.objects.get(pk=person.pk).insz == number  # still readable during rotation
    call_command("keys", "rotate")
    settings.FIELD_ENCRYPTION_KEYS = [new]  # the old key removed
    assert Person.objects.get(pk=person.pk).insz == number
    settings.FIELD_ENCRYPTION_KEYS = old
    with pytest.raises(InvalidToken):
        insz.decrypt(Person.objects.get(pk=person.pk).insz_encrypted)
    assert AuditEntry.objects.filter(action="field_keys_rotated").exists()
