"""Back-up and restore, the demo region, production settings."""

import json
import os
import random
import subprocess
import sys

import pytest
from django.db import transaction

from samen.access import audit
from samen.access.models import AuditEntry
from samen.core import backup
from samen.registry import demo
from samen.registry.models import Person
from tests.conftest import user_of

pytestmark = pytest.mark.django_db


def snapshot() -> list:
    return sorted(backup.to_json(o) for o in backup.dump()["objects"])


def test_backup_and_restore_round_trip(world, tmp_path):
    path = tmp_path / "samen.json.gz"
    before = snapshot()
    count = backup.backup(path)
    assert count == len(before) and path.read_bytes()[:2] == b"\x1f\x8b"
    # Change things after the back-up: a new person, a changed one, a deleted login.
    Person.objects.create(first_name="Na", last_name="Backup")
    Person.objects.filter(pk=world.person_kortrijk.pk).update(first_name="Gewijzigd")
    user_of("volunteer").memberships.all().delete()
    backup.restore(path)
    assert snapshot() == before
    assert Person.objects.get(pk=world.person_kortrijk.pk).first_name == "Els"
    assert list(audit._chain_problems()) == []  # timestamps kept to the microsecond


def test_restore_refuses_a_file_that_is_no_backup(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"format": "iets anders"}')
    with pytest.raises(ValueError):
        backup.restore(path)


def test_the_demo_is_deterministic_for_a_seed_and_idempotent(world):
    demo.build_users()  # the demo persons are registered by a social worker of each OCMW

    def names(seed):
        with transaction.atomic():
            demo.build_persons(random.Random(seed), seed, count=12, progress=False)
            found = sorted(
                Person.objects.filter(
                    external_ids__source="demo", external_ids__extern_id__startswith=f"{seed}-"
                ).values_list("first_name", "last_name", "birth_date")
            )
            transaction.set_rollback(True)
        return found

    assert names(5) == names(5) and len(names(5)) == 12
    assert names(5) != names(6)
    demo.build_persons(random.Random(5), 5, count=12, progress=False)
    persons, entries = Person.objects.count(), AuditEntry.objects.count()
    demo.build_persons(random.Random(5), 5, count=12, progress=False)
    assert (Person.objects.count(), AuditEntry.objects.count()) == (persons, entries)


def test_passwords_are_hashed_with_argon2_in_the_real_settings():
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
            "'samen.settings'; django.setup(); from django.contrib.auth.hashers import "
            "make_password; print(make_password('x'))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.startswith("argon2$")


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    from cryptography.fernet import Fernet

    env = {
        **os.environ,
        "SAMEN_DEBUG": "false",
        "SAMEN_SECRET_KEY": "x" * 60 + "yZ-3!",
        "SAMEN_FIELD_KEYS": Fernet.generate_key().decode(),
        "SAMEN_HASH_KEY": "a" * 64,
        "SAMEN_AUDIT_KEY": "b" * 64,
        "SAMEN_ALLOWED_HOSTS": "samen.example.org",
        "SAMEN_VAR_DIR": str(tmp_path),
    }
    check = [sys.executable, "-m", "samen.cli", "check", "--deploy", "--fail-level", "WARNING"]
    out = subprocess.run(check, capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stdout + out.stderr
    # The check is real: without HSTS the same command fails, naming it.
    out = subprocess.run(
        check, capture_output=True, text=True, env=env | {"SAMEN_HSTS_SECONDS": "0"}
    )
    assert out.returncode != 0 and "security.W004" in out.stderr
    values = subprocess.run(
        [sys.executable, "-c", "import django, json; django.setup(); from django.conf import "
         "settings as s; print(json.dumps([s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
         "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_AGE, "
         "s.SAMEN_IDLE_SECONDS, s.STORAGES['staticfiles']['BACKEND'], "
         "s.CONTENT_SECURITY_POLICY['DIRECTIVES']]))"],
        capture_output=True, text=True, env=env | {"DJANGO_SETTINGS_MODULE": "samen.settings"},
        check=True,
    )  # fmt: skip
    secure, csrf, redirect, hsts, age, idle, storage, csp = json.loads(values.stdout)
    assert secure and csrf and redirect and hsts >= 31536000
    assert age <= 8 * 3600 and idle <= 30 * 60
    assert storage == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert all("'unsafe-inline'" not in v and "'unsafe-eval'" not in v for v in csp.values())


def test_production_refuses_to_start_without_its_keys(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAMEN_")}
    env |= {"SAMEN_DEBUG": "false", "SAMEN_VAR_DIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-m", "samen.cli", "check"], capture_output=True, text=True, env=env
    )
    assert out.returncode != 0 and "SAMEN_SECRET_KEY must be set" in out.stderr


def test_the_whole_demo_region_loads_once_and_a_second_run_changes_nothing(db):
    from samen.registry.models import Enrolment, Organisation, Referral

    logins = demo.build(seed=3, progress=False)
    from samen.registry.models import Role

    roles = {role for _username, role in logins}
    assert roles == {str(r.label) for r in Role} | {"burger (eigen gegevens)"}
    assert Organisation.objects.filter(kind="food_organisation").count() == 45
    counts = (
        Person.objects.count(),
        Enrolment.objects.count(),
        Referral.objects.count(),
        AuditEntry.objects.count(),
    )
    assert counts[0] >= 200 + 4  # the hand-made test world is there too
    demo.build(seed=3, progress=False)
    assert (
        Person.objects.count(),
        Enrolment.objects.count(),
        Referral.objects.count(),
        AuditEntry.objects.count(),
    ) == counts


def test_samen_restore_records_itself_and_the_trail_verifies_afterwards(
    world, tmp_path, settings, django_capture_on_commit_callbacks, capsys
):
    from django.core.management import call_command

    from samen.registry import selectors

    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "checkpoint"
    path = tmp_path / "samen.json"
    call_command("backup", str(path))
    with django_capture_on_commit_callbacks(execute=True):  # work after the back-up
        selectors.person_file(user_of("worker_kortrijk"), world.person_kortrijk.pk)
    lost = audit.read_checkpoint()
    call_command("restore", str(path))
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry.action == "restore" and entry.detail["checkpoint_before"] == lost
    assert audit.verify() == []
    call_command("audit", "verify")
    assert "intact" in capsys.readouterr().out
