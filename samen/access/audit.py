"""The audit trail: every view, search, export and change of person data appends an
entry. Entries are chained with a keyed hash (HMAC-SHA256) and the latest (seq, hash)
is also checkpointed in a file outside the database, so a tampered, deleted or
truncated entry — or an old copy of the database put back — is detected by `verify`."""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import hmac
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from samen.access.models import AuditEntry, AuditHead

log = logging.getLogger("samen.audit")
GENESIS = "0" * 64


def _canonical(entry: AuditEntry) -> bytes:
    at = entry.at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    fields = [
        entry.seq, at, entry.user_id, entry.role, entry.unit, entry.action, entry.object_type,
        entry.object_id, entry.person_id, entry.purpose, entry.detail, entry.prev_hash,
    ]  # fmt: skip
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str).encode()


def entry_hash(entry: AuditEntry) -> str:
    return hmac.new(settings.AUDIT_KEY.encode(), _canonical(entry), hashlib.sha256).hexdigest()


def _unit_label(membership) -> str:
    if membership is None:
        return ""
    if membership.organisation_id:
        return f"organisation:{membership.organisation_id}"
    return f"team:{membership.team_id}"


def record(
    actor,
    action: str,
    obj=None,
    *,
    person_id: int | None = None,
    purpose: str = "",
    detail: dict | None = None,
    membership=None,
) -> AuditEntry:
    """Append one entry. Runs inside the caller's transaction: a rolled-back change
    leaves no entry, and the checkpoint is written only after the commit."""
    from samen.access import policy  # the policy reads registry models; keep imports light

    user_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    if membership is None and user_id:
        membership = policy.primary_membership(actor)
    role = membership.role if membership else ("citizen" if user_id else "")
    if obj is not None and person_id is None:
        person_id = _person_id_of(obj)
    with transaction.atomic():
        head = AuditHead.objects.select_for_update().get(pk=1)
        entry = AuditEntry(
            seq=head.seq + 1,
            at=timezone.now(),
            user_id=user_id,
            role=role,
            unit=_unit_label(membership),
            action=action,
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=obj.pk if obj is not None else None,
            person_id=person_id,
            purpose=purpose[:60],
            detail=detail or {},
            prev_hash=head.hash,
        )
        entry.hash = entry_hash(entry)
        entry.save(force_insert=True)
        AuditHead.objects.filter(pk=1).update(seq=entry.seq, hash=entry.hash)
        seq, digest = entry.seq, entry.hash
        transaction.on_commit(lambda: write_checkpoint(seq, digest))
    return entry


def record_list(user, *, purpose: str, page: str, person_ids) -> None:
    """A page that lists persons: one entry with the ids shown, as a search has."""
    ids = sorted({pk for pk in person_ids if pk})
    if ids:
        record(user, "list", purpose=purpose, detail={"page": page, "found": ids})


def _person_id_of(obj) -> int | None:
    if obj._meta.label_lower == "registry.person":
        return obj.pk
    return getattr(obj, "person_id", None)


# --- the checkpoint outside the database -------------------------------------------


def checkpoint_path() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_FILE)


def write_checkpoint(seq: int, digest: str) -> None:
    """Keep the highest (seq, hash) seen; concurrent writers never move it back."""
    path = checkpoint_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    with os.fdopen(fd, "r+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        text = handle.read().strip()
        current = json.loads(text)["seq"] if text else 0
        if seq > current:
            handle.seek(0)
            handle.truncate()
            # No fsync: a checkpoint lost in a crash is merely older, and an older
            # checkpoint still agrees with the chain; an fsync per page costs ~1 ms.
            handle.write(json.dumps({"seq": seq, "hash": digest}))


def read_checkpoint() -> dict | None:
    path = checkpoint_path()
    if not path.exists() or not path.read_text().strip():
        return None
    return json.loads(path.read_text())


# --- verification --------------------------------------------------------------------


@dataclass
class Problem:
    seq: int
    reason: str

    def __str__(self) -> str:
        return f"entry {self.seq}: {self.reason}"


def verify() -> list[Problem]:
    """Every problem found; the first is the first broken entry."""
    problems = list(_chain_problems())
    last_seq = _last()[0]
    checkpoint = read_checkpoint()
    if checkpoint:
        cp_seq, cp_hash = checkpoint["seq"], checkpoint["hash"]
        if cp_seq > last_seq:
            problems.append(
                Problem(
                    last_seq + 1,
                    f"entries {last_seq + 1}–{cp_seq} are missing "
                    f"(the checkpoint outside the database is at {cp_seq})",
                )
            )
        else:
            stored = AuditEntry.objects.filter(seq=cp_seq).values_list("hash", flat=True).first()
            if stored != cp_hash:
                problems.append(Problem(cp_seq, "does not match the checkpoint"))
    elif last_seq:
        problems.append(Problem(last_seq, "no checkpoint outside the database"))
    return problems


def _last() -> tuple[int, str]:
    last = AuditEntry.objects.order_by("-seq").values_list("seq", "hash").first()
    return last or (0, GENESIS)


def _chain_problems() -> Iterator[Problem]:
    expected_seq, prev = 1, GENESIS
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        if entry.seq != expected_seq:
            yield Problem(expected_seq, f"missing (the next entry is {entry.seq})")
        elif entry.prev_hash != prev:
            yield Problem(entry.seq, "its link to the previous entry is broken")
        if entry_hash(entry) != entry.hash:
            yield Problem(entry.seq, "its contents were changed")
        expected_seq, prev = entry.seq + 1, entry.hash


def record_restore(*, file: str, checkpoint_before: dict | None) -> AuditEntry:
    """An operator restored a back-up: say so in the trail (with the checkpoint that the
    restore replaces, so a lost tail stays on record) and move the checkpoint to it."""
    with transaction.atomic():
        entry = record(
            None, "restore", detail={"file": file, "checkpoint_before": checkpoint_before or {}}
        )
    path = checkpoint_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"seq": entry.seq, "hash": entry.hash}))
    return entry
