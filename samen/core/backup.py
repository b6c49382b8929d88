"""A consistent snapshot of every table Samen owns, as JSON, and its restore.
Portable between SQLite and PostgreSQL. Encrypted fields stay encrypted: the keys are
kept apart from the backups (docs/operations.md)."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

FORMAT = "samen-backup-1"
# Besides our own apps: the users and their second factors (a restore must not leave an
# account open to whoever knows the password and sets up a new authenticator).
EXTRA_MODELS = ["auth.user", "otp_totp.totpdevice", "otp_static.staticdevice",
                "otp_static.statictoken"]  # fmt: skip
SKIPPED = {"auth.permission", "auth.group", "contenttypes.contenttype", "sessions.session"}


def backed_up_models() -> list:
    models = [apps.get_model(label) for label in EXTRA_MODELS]
    for config in apps.get_app_configs():
        if config.name.startswith("samen."):
            models += [m for m in config.get_models() if m._meta.label_lower not in SKIPPED]
    return serializers.sort_dependencies([(None, models)], allow_cycles=True)


def dump() -> dict:
    """Inside one transaction: on PostgreSQL a read-only repeatable-read snapshot; SQLite's
    transaction holds the database lock, so nothing changes under us either."""
    objects = []
    outer = connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and not outer:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        for model in backed_up_models():
            queryset = model._default_manager.order_by("pk")
            objects += serializers.serialize("python", queryset)
    return {"format": FORMAT, "created": timezone.now().isoformat(), "objects": objects}


class _Encoder(DjangoJSONEncoder):
    """Datetimes to the microsecond: the audit chain hashes them, and Django's encoder
    would cut them to milliseconds."""

    def default(self, o):
        if isinstance(o, dt.datetime):
            return o.isoformat()
        return super().default(o)


def to_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), cls=_Encoder)


def backup(path: Path) -> int:
    data = dump()
    payload = to_json(data).encode()
    path.write_bytes(gzip.compress(payload) if path.suffix == ".gz" else payload)
    return len(data["objects"])


def restore(path: Path) -> int:
    raw = path.read_bytes()
    data = json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)
    if data.get("format") != FORMAT:
        raise ValueError(f"{path} is geen Samen-back-up ({FORMAT}).")
    models = backed_up_models()
    with transaction.atomic():
        for model in reversed(models):
            model._default_manager.all().delete()
        for obj in serializers.deserialize("python", data["objects"]):
            obj.save()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(statement)
    return len(data["objects"])
