"""Budget In Zicht's import kinds (see docs/imports.md): `education-activities` (no person
data) and `groupwork-attendance` (one row per person and session; persons by their key in
the source, imported first with kind `persons`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from samen.access import rules as access_rules
from samen.budget import services
from samen.budget.models import ActivityKind, EducationActivity
from samen.imports import parsers
from samen.imports.framework import RESTORERS, Column, ImportKind, RowError, register, track
from samen.registry import selectors as registry_selectors

KIND = parsers.choice({"budgetbeurs": ActivityKind.BUDGET_FAIR, "toolbox": ActivityKind.TOOLBOX,
                       "ander": ActivityKind.OTHER})  # fmt: skip


@register
class EducationImport(ImportKind):
    name = "education-activities"
    description = "Budgetbeurzen, toolbox en andere educatie met hun aantal leerlingen."
    allowed_roles = access_rules.IMPORT_REFERENCE_DATA

    def __init__(self):
        self.columns = [
            Column("soort", "budgetbeurs, toolbox of ander.", "budgetbeurs", KIND, required=True),
            Column("datum", "dd/mm/jjjj.", "16/10/2018", parsers.date, required=True),
            Column("school", "School of organisatie.", "VTI Kortrijk", required=True),
            Column("gemeente", "Gemeente van de regio.", "Kortrijk", required=True),
            Column("graad", "Graad of klas.", "3e graad"),
            Column("leerlingen", "Aantal leerlingen.", "120", parsers.whole, required=True),
        ]  # fmt: skip

    def prepare(self, actor) -> None:
        self.columns[3].parse = parsers.MunicipalityParser()

    def check(self, rows, errors, *, actor, source):
        bad = {e.row for e in errors}
        plans = []
        for row in rows:
            if row.number in bad:
                continue
            if row.values["leerlingen"] == 0:
                errors.append(RowError(row.number, "leerlingen", "minstens 1 leerling"))
                continue
            plans.append((row.number, row.values))
        return plans

    def apply(self, plans, batch, *, actor, source):
        for number, v in plans:
            activity = EducationActivity(kind=v["soort"], on=v["datum"], school=v["school"],
                                         municipality=v["gemeente"], grade=v.get("graad") or "",
                                         pupils=v["leerlingen"])  # fmt: skip
            try:
                services.education_import(actor=actor, activity=activity)
            except ValidationError as exc:
                raise ValidationError(f"rij {number}: {' '.join(exc.messages)}") from exc
            track(batch, number, activity, created=True)


@register
class AttendanceImport(ImportKind):
    name = "groupwork-attendance"
    description = "Groepswerk: één rij per persoon en sessie, met aanwezig ja of nee."
    allowed_roles = access_rules.IMPORT_PERSONS
    needs_source = True

    def __init__(self):
        self.columns = [
            Column("reeks", "Titel van de reeks (samen met de gemeente de sleutel).",
                   "Rond komen met je budget", required=True),
            Column("gemeente", "Gemeente van de reeks.", "Wevelgem", required=True),
            Column("datum", "Dag van de sessie (dd/mm/jjjj).", "05/02/2018", parsers.date,
                   required=True),
            Column("thema", "Thema van de sessie.", "Je budget op een rij", required=True),
            Column("extern_id", "De sleutel van de persoon in het bronregister (--source); "
                   "importeer de personen eerst.", "BIZ-0042", required=True),
            Column("aanwezig", "ja of nee.", "ja", parsers.boolean, required=True),
        ]  # fmt: skip

    def prepare(self, actor) -> None:
        self.columns[1].parse = parsers.MunicipalityParser()

    def check(self, rows, errors, *, actor, source):
        bad, seen, plans = {e.row for e in errors}, {}, []
        for row in rows:
            if row.number in bad:
                continue
            v = row.values
            person_id = registry_selectors.match_by_external_id(source, v["extern_id"])
            if person_id is None:
                reason = "onbekend in deze bron: importeer eerst de personen"
                errors.append(RowError(row.number, "extern_id", reason))
                continue
            key = (v["reeks"].casefold(), v["gemeente"].pk, v["datum"], person_id)
            if key in seen:
                errors.append(RowError(row.number, "extern_id", f"staat al op rij {seen[key]}"))
                continue
            seen[key] = row.number
            plans.append((row.number, v | {"_person": person_id}))
        return plans

    def apply(self, plans, batch, *, actor, source):
        for number, v in plans:
            try:
                session, made = services.attendance_import(
                    actor=actor, title=v["reeks"], municipality=v["gemeente"], on=v["datum"],
                    topic=v["thema"], person_id=v["_person"], present=v["aanwezig"],
                )  # fmt: skip
            except ValidationError as exc:
                raise ValidationError(f"rij {number}: {' '.join(exc.messages)}") from exc
            # Undo takes the person out again, and the session and series when this import
            # made them and nobody else is in them.
            track(batch, number, session, created=False,
                  before={"person": v["_person"], "made": made})  # fmt: skip


def _undo_attendance(*, actor, obj, before):
    services.attendance_undo(actor=actor, session=obj, person_id=before["person"],
                             made=before["made"])  # fmt: skip


RESTORERS["budget.groupsession"] = _undo_attendance
