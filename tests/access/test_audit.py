"""The audit trail: every access appends an entry; tampering, deleting and truncating
are each caught by `samen audit verify`."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from samen.access import audit
from samen.access.models import AuditEntry, AuditHead
from samen.registry import selectors
from tests.conftest import user_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(world, django_capture_on_commit_callbacks, settings, tmp_path):
    """A fresh trail of a few real accesses, with its checkpoint outside the database."""
    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "checkpoint"
    AuditEntry.objects.all().delete()
    AuditHead.objects.filter(pk=1).update(seq=0, hash=audit.GENESIS)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            selectors.person_file(user_of("worker_kortrijk"), world.person_kortrijk.pk)
        selectors.persons_search(user_of("worker_kortrijk"), name="Declercq", purpose="onthaal")
    return list(AuditEntry.objects.order_by("seq"))


def verify_exit(capsys) -> tuple[int, str]:
    try:
        call_command("audit", "verify")
    except SystemExit as exc:
        return exc.code, capsys.readouterr().err
    return 0, capsys.readouterr().out


def test_an_intact_trail_verifies(trail, capsys):
    assert [e.seq for e in trail] == [1, 2, 3, 4]
    assert audit.read_checkpoint() == {"seq": 4, "hash": trail[-1].hash}
    code, out = verify_exit(capsys)
    assert code == 0 and "intact" in out


def test_a_changed_entry_is_caught_and_named(trail, capsys):
    AuditEntry.objects.filter(seq=2).update(user_id=user_of("worker_menen").pk)
    code, err = verify_exit(capsys)
    assert code == 1
    assert "entry 2" in err and "changed" in err


def test_a_deleted_entry_is_caught(trail, capsys):
    AuditEntry.objects.filter(seq=2).delete()
    code, err = verify_exit(capsys)
    assert code == 1 and "entry 2" in err and "missing" in err


def test_a_truncated_tail_is_caught_by_the_checkpoint(trail, capsys):
    AuditEntry.objects.filter(seq__gte=3).delete()
    AuditHead.objects.filter(pk=1).update(seq=2, hash=trail[1].hash)
    assert not list(audit._chain_problems())  # the chain alone looks fine
    code, err = verify_exit(capsys)
    assert code == 1 and "entry 3" in err and "missing" in err


def test_a_rewritten_chain_without_the_key_is_caught(trail, capsys):
    """Rehashing with a plain SHA-256 (no key) does not produce valid entries."""
    import hashlib

    entry = trail[1]
    entry.purpose = "verzonnen"
    forged = hashlib.sha256(audit._canonical(entry)).hexdigest()
    AuditEntry.objects.filter(seq=2).update(purpose="verzonnen", hash=forged)
    code, err = verify_exit(capsys)
    assert code == 1 and "entry 2" in err


def test_entries_hold_ids_and_actions_not_contents(trail):
    for entry in trail:
        text = json.dumps([entry.role, entry.unit, entry.action, entry.purpose, entry.detail])
        assert "Declercq" not in text and "Els" not in text
    view = trail[0]
    assert view.action == "view" and view.person_id == trail[0].person_id
    assert view.role == "social_worker" and view.unit.startswith("organisation:")
    search = trail[-1]
    assert search.action == "search" and search.detail["criteria"] == ["name"]
    assert search.purpose == "onthaal"


def test_every_page_that_shows_person_data_appends_an_entry(world, persona_client):
    client = persona_client("worker_kortrijk")
    before = AuditEntry.objects.count()
    client.get(reverse("person_detail", args=[world.person_kortrijk.pk]))
    client.get(reverse("person_search"), {"name": "Els", "purpose": "onthaal"})
    client.get(reverse("person_export", args=[world.person_kortrijk.pk]))
    actions = list(AuditEntry.objects.order_by("seq").values_list("action", flat=True))[before:]
    assert actions == ["view", "search", "export"]


def test_a_change_that_is_rolled_back_leaves_no_entry(world):
    from django.core.exceptions import ValidationError

    from samen.registry import services

    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        services.person_update(
            actor=user_of("worker_kortrijk"),
            person=world.person_kortrijk,
            data={"email": "geen-adres"},
        )
    assert AuditEntry.objects.count() == before


def test_an_attempt_outside_ones_scope_is_recorded_as_denied(world, persona_client):
    last = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    response = persona_client("worker_menen").get(
        reverse("person_detail", args=[world.person_kortrijk.pk])
    )
    assert response.status_code == 404
    entry = AuditEntry.objects.get(seq__gt=last)
    assert entry.action == "denied" and entry.person_id == world.person_kortrijk.pk
    assert entry.user_id == user_of("worker_menen").pk
