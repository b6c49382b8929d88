"""The spreadsheet import framework (conventions in docs/imports.md).

A kind declares its columns and two steps: `check` turns the parsed rows into a plan
(reporting every bad row, writing nothing), `apply` carries the plan out. The framework
reads .xlsx and CSV, refuses wrong headers up front, runs `apply` in one transaction only
when every row is good, and records the file so the import can be undone as a whole."""

from __future__ import annotations

import csv
import hashlib
import io
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from samen.access import policy
from samen.imports.models import ImportBatch, ImportedRecord


@dataclass
class Column:
    name: str
    help: str
    example: str
    parse: Callable[[str], object] | None = None  # None: plain text
    required: bool = False


@dataclass
class RowError:
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"rij {self.row}" + (f", kolom {self.column}" if self.column else "")
        return f"{where}: {self.reason}"


@dataclass
class Row:
    number: int  # as the spreadsheet shows it (the header is row 1)
    values: dict


class ImportKind(ABC):
    name: str = ""
    description: str = ""
    columns: list[Column] = []
    allowed_roles: frozenset[str] = frozenset()
    needs_source: bool = False

    def prepare(self, actor) -> None:  # noqa: B027 (optional hook)
        """Load lookups once per import (municipalities, programmes, ...)."""

    @abstractmethod
    def check(self, rows: list[Row], errors: list[RowError], *, actor, source: str):
        """Return a plan for `apply`; append every problem to `errors`."""

    @abstractmethod
    def apply(self, plan, batch: ImportBatch, *, actor, source: str) -> None:
        """Carry the plan out (inside the framework's transaction), tracking each record."""


REGISTRY: dict[str, ImportKind] = {}
# model label → service that puts a changed record back as it was (for undo)
RESTORERS: dict[str, Callable] = {}


def register(kind_class: type[ImportKind]) -> type[ImportKind]:
    REGISTRY[kind_class.name] = kind_class()
    return kind_class


def kind_for(name: str) -> ImportKind:
    if name not in REGISTRY:
        raise ValidationError(
            f"Onbekende soort import '{name}'. Mogelijk: {', '.join(sorted(REGISTRY))}."
        )
    return REGISTRY[name]


# --- reading files --------------------------------------------------------------------


def read_table(path: Path) -> tuple[list[str], list[list[str]], bool]:
    """Headers, rows as text, and whether decimals use a comma."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return (*_read_xlsx(path), True)
    return _read_csv(path)


def _read_xlsx(path: Path) -> tuple[list[str], list[list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise ValidationError("Het bestand is geen leesbaar Excel-bestand (.xlsx).") from exc
    sheet = workbook.worksheets[0]
    table = [[_cell_text(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    table = [row for row in table if any(cell for cell in row)] if table else []
    if not table:
        return [], []
    return [h.strip() for h in table[0]], table[1:]


def _cell_text(value) -> str:
    import datetime as dt
    from decimal import Decimal

    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float | Decimal):
        return str(value).replace(".", ",")
    return str(value).strip()


def _read_csv(path: Path) -> tuple[list[str], list[list[str]], bool]:
    raw = path.read_bytes()
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError("Het bestand is niet in UTF-8 opgeslagen.") from exc
    first_line = content.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(content), delimiter=delimiter)
    try:
        table = [row for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as exc:  # e.g. a cell longer than any real cell (131,072 characters)
        raise ValidationError(
            f"Het bestand is geen leesbaar CSV-bestand (regel {reader.line_num})."
        ) from exc
    if not table:
        return [], [], delimiter == ";"
    return [h.strip() for h in table[0]], table[1:], delimiter == ";"


# --- running --------------------------------------------------------------------------


@dataclass
class Result:
    kind: str
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    batch: ImportBatch | None = None
    dry_run: bool = False
    summary: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def run(
    kind_name: str,
    path: Path,
    *,
    actor,
    source: str = "",
    dry_run: bool = False,
    filename: str = "",
) -> Result:
    kind = kind_for(kind_name)
    if not policy.has_role(actor, kind.allowed_roles):
        raise PermissionDenied(f"Je rol mag geen '{kind.name}' importeren.")
    if kind.needs_source and not source:
        raise ValidationError("Geef de bron van het bestand op (--source NAAM).")
    result = Result(kind=kind.name, dry_run=dry_run)
    headers, table, comma = read_table(path)
    header_errors = _check_headers(kind, headers)
    if header_errors:
        result.errors = header_errors
        return result
    kind.prepare(actor)
    kind.decimal_comma = comma
    rows = []
    for offset, cells in enumerate(table, start=2):
        values, row_errors = _parse_row(kind, headers, cells, offset)
        result.errors.extend(row_errors)
        rows.append(Row(number=offset, values=values))
    result.rows = len(rows)
    if not rows:
        result.errors.append(RowError(0, "", "het bestand bevat geen rijen"))
        return result
    plan = kind.check([r for r in rows], result.errors, actor=actor, source=source)
    result.errors.sort(key=lambda e: (e.row, e.column))
    if result.errors:
        return result
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.create(
                kind=kind.name, source=source, filename=filename or path.name, rows=len(rows),
                checksum=hashlib.sha256(path.read_bytes()).hexdigest(), imported_by=actor,
            )  # fmt: skip
            kind.apply(plan, batch, actor=actor, source=source)
            result.summary = _summary(batch)
            if dry_run:
                transaction.set_rollback(True)
            else:
                result.batch = batch
    except ValidationError as exc:  # a rule only the database could check: nothing written
        result.errors.append(RowError(0, "", " ".join(exc.messages)))
    return result


def _check_headers(kind: ImportKind, headers: list[str]) -> list[RowError]:
    known = {c.name for c in kind.columns}
    errors = [RowError(1, h, "onbekende kolom") for h in headers if h and h not in known]
    seen = set()
    for h in headers:
        if h in seen:
            errors.append(RowError(1, h, "kolom staat er twee keer"))
        seen.add(h)
    errors += [
        RowError(1, c.name, "verplichte kolom ontbreekt")
        for c in kind.columns
        if c.required and c.name not in headers
    ]
    return errors


def _parse_row(kind: ImportKind, headers, cells, number) -> tuple[dict, list[RowError]]:
    values, errors = {}, []
    padded = list(cells) + [""] * (len(headers) - len(cells))
    by_name = {c.name: c for c in kind.columns}
    for header, raw in zip(headers, padded, strict=False):
        column = by_name.get(header)
        raw = (raw or "").strip()
        if column is None:
            continue
        if not raw:
            if column.required:
                errors.append(RowError(number, header, "verplicht veld is leeg"))
            values[header] = None
            continue
        try:
            values[header] = column.parse(raw) if column.parse else raw
        except ValueError as exc:
            errors.append(RowError(number, header, str(exc)))
            values[header] = None
    return values, errors


def _summary(batch: ImportBatch) -> dict:
    summary: dict[str, dict[str, int]] = {}
    for label, bulk in BULK_MODELS.items():
        if created := bulk.count(batch):
            summary[label] = {"aangemaakt": created, "bijgewerkt": 0}
    for model, created in batch.records.values_list("model", "created"):
        counts = summary.setdefault(model, {"aangemaakt": 0, "bijgewerkt": 0})
        counts["aangemaakt" if created else "bijgewerkt"] += 1
    return summary


def rows_by_name(rows: list[Row], errors: list[RowError]):
    """The rows whose (naam, gemeente) were not on an earlier row and that parsed well;
    a repeated name becomes an error ("staat al op rij N")."""
    seen: dict = {}
    bad = {e.row for e in errors}
    for row in rows:
        key = ((row.values.get("naam") or "").casefold(), row.values.get("gemeente"))
        if key[0] and key in seen:
            errors.append(RowError(row.number, "naam", f"staat al op rij {seen[key]}"))
            continue
        seen.setdefault(key, row.number)
        if row.number not in bad:
            yield row


def track(batch: ImportBatch, row: int, obj, *, created: bool, before: dict | None = None):
    ImportedRecord.objects.create(
        batch=batch,
        row=row,
        model=obj._meta.label_lower,
        object_id=obj.pk,
        created=created,
        before=before,
    )


@dataclass
class BulkModel:
    """A model an import loads in bulk (tens of thousands of rows): its rows carry the batch
    instead of one ImportedRecord each. `count(batch)` and `remove(actor, batch)`."""

    count: Callable
    remove: Callable


BULK_MODELS: dict[str, BulkModel] = {}


@transaction.atomic
def undo(batch_id: int, *, actor) -> ImportBatch:
    """Remove what an import created and put back what it changed, newest first."""
    from django.apps import apps

    from samen.registry import services as registry_services

    batch = ImportBatch.objects.select_for_update().filter(pk=batch_id).first()
    if batch is None:
        raise ValidationError(f"Import {batch_id} bestaat niet.")
    if batch.undone_at:
        raise ValidationError(f"Import {batch_id} werd al ongedaan gemaakt.")
    kind = kind_for(batch.kind)
    if not policy.has_role(actor, kind.allowed_roles):
        raise PermissionDenied
    for bulk in BULK_MODELS.values():
        bulk.remove(actor=actor, batch=batch)
    for record in batch.records.order_by("-id"):
        model = apps.get_model(record.model)
        obj = model.objects.filter(pk=record.object_id).first()
        if obj is None:
            continue
        if record.created:
            registry_services.record_delete(actor=actor, obj=obj)
        elif record.before is not None:
            RESTORERS[record.model](actor=actor, obj=obj, before=record.before)
    batch.undone_at = timezone.now()
    batch.save(update_fields=["undone_at"])
    return batch


def write_template(kind_name: str, path: Path) -> None:
    """An .xlsx with the headers, one example row and a sheet explaining each column."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    kind = kind_for(kind_name)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = kind.name
    sheet.append([c.name for c in kind.columns])
    sheet.append([c.example for c in kind.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    help_sheet = workbook.create_sheet("uitleg")
    help_sheet.append(["kolom", "verplicht", "uitleg"])
    for c in kind.columns:
        help_sheet.append([c.name, "ja" if c.required else "nee", c.help])
    workbook.save(path)
