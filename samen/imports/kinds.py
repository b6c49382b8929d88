"""The registry's import kinds: `persons` and `organisations`. Programme modules register
their own kinds the same way (see docs/imports.md)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone

from samen.access import policy, rules
from samen.imports import parsers
from samen.imports.framework import (
    RESTORERS,
    Column,
    ImportKind,
    Row,
    RowError,
    register,
    rows_by_name,
    track,
)
from samen.registry import insz as insz_codec
from samen.registry import selectors, services
from samen.registry.models import (
    LegalBasis,
    OrganisationKind,
    Person,
    Programme,
)
from samen.registry.normalise import name_key

SEX = parsers.choice({"v": "f", "vrouw": "f", "m": "m", "man": "m", "x": "x"})
LANGUAGE = parsers.choice({"nl": "nl", "nederlands": "nl", "fr": "fr", "frans": "fr",
                           "en": "en", "engels": "en"})  # fmt: skip
BASIS = parsers.choice({"wettelijke_opdracht": LegalBasis.LEGAL_TASK,
                        "toestemming": LegalBasis.CONSENT,
                        "vitaal_belang": LegalBasis.VITAL_INTEREST})  # fmt: skip


def _importing_membership(actor, allowed):
    for member in policy.memberships(actor):
        if member.role in allowed:
            return member
    return None


@dataclass
class PersonPlan:
    row: int
    ident: str  # "db:<pk>" or "new:<first row>"
    data: dict
    insz: str
    extern_id: str
    programme: Programme
    basis: str
    basis_note: str
    consent_date: object
    start_date: object


@register
class PersonsImport(ImportKind):
    name = "persons"
    description = "Personen van een programmaregister, met hun inschrijving in dat programma."
    allowed_roles = rules.IMPORT_PERSONS
    needs_source = True

    def __init__(self):
        self.columns = [
            Column("voornaam", "Voornaam.", "Sofie", required=True),
            Column("achternaam", "Achternaam.", "Van den Bossche", required=True),
            Column("geboortedatum", "dd/mm/jjjj.", "14/03/1987", parsers.date, required=True),
            Column("geslacht", "v, m of x.", "v", SEX),
            Column("taal", "nl, fr of en.", "nl", LANGUAGE),
            Column("insz", "Rijksregister- of BIS-nummer (11 cijfers).", "87031412362",
                   parsers.insz),
            Column("extern_id", "De sleutel van de persoon in het bronregister (--source).",
                   "KW-0042"),
            Column("straat", "Straat.", "Weidenstraat"),
            Column("huisnummer", "Huisnummer.", "20"),
            Column("postcode", "Postcode.", "8520"),
            Column("woonplaats", "Woonplaats.", "Kuurne"),
            Column("gemeente", "Gemeente van de regio: naam, deelgemeente of postcode.",
                   "Kuurne", None),
            Column("telefoon", "Telefoon.", "056 00 00 00"),
            Column("email", "E-mailadres.", "sofie@example.org", parsers.email),
            Column("programma", "Code van het programma (zie het verwerkingsregister).",
                   "woonclub", None, required=True),
            Column("rechtsgrond", "wettelijke_opdracht, toestemming of vitaal_belang.",
                   "toestemming", BASIS),
            Column("toelichting_rechtsgrond", "Welke opdracht of welk belang (zonder "
                   "toestemming).", ""),
            Column("toestemming_datum", "Datum van de toestemming (bij rechtsgrond "
                   "toestemming).", "02/01/2018", parsers.date),
            Column("startdatum", "Start van de inschrijving.", "02/01/2018", parsers.date),
        ]  # fmt: skip

    def prepare(self, actor) -> None:
        municipality = parsers.MunicipalityParser()
        programmes = {p.code: p for p in selectors.programmes()}

        def programme(value: str) -> Programme:
            if value.strip() not in programmes:
                raise ValueError(f"'{value}' is geen programma; mogelijk: {', '.join(programmes)}")
            return programmes[value.strip()]

        by_name = {c.name: c for c in self.columns}
        by_name["gemeente"].parse = municipality
        by_name["programma"].parse = programme

    def check(self, rows: list[Row], errors: list[RowError], *, actor, source: str):
        self.membership = _importing_membership(actor, self.allowed_roles)
        if self.membership is None:
            errors.append(RowError(0, "", "je hebt geen lidmaatschap om namens te importeren"))
            return []
        idents: dict[tuple, str] = {}  # every key seen in this file → identity
        ident_insz: dict[str, str | None] = {}
        plans = []
        bad_rows = {e.row for e in errors}
        for row in rows:
            if row.number in bad_rows:
                continue
            v = row.values
            ident, problem = self._resolve(v, source, idents, ident_insz, row.number)
            if problem:
                errors.append(RowError(row.number, problem[0], problem[1]))
                continue
            basis = v.get("rechtsgrond") or LegalBasis.LEGAL_TASK
            if basis == LegalBasis.CONSENT and not v.get("toestemming_datum"):
                errors.append(
                    RowError(
                        row.number, "toestemming_datum", "verplicht bij rechtsgrond toestemming"
                    )
                )
                continue
            plans.append(PersonPlan(
                row=row.number, ident=ident, data=self._person_data(v), insz=v.get("insz") or "",
                extern_id=v.get("extern_id") or "", programme=v["programma"], basis=basis,
                basis_note=v.get("toelichting_rechtsgrond")
                or f"Register {source}: {v['programma'].legal_basis}",
                consent_date=v.get("toestemming_datum"), start_date=v.get("startdatum"),
            ))  # fmt: skip
        return plans

    def _resolve(self, v, source, idents, ident_insz, number):
        """Which registry person a row names. Keys pointing to different people, or a
        name + birth date matching two people, are errors (revealing nothing else)."""
        digest = insz_codec.keyed_hash(v["insz"]) if v.get("insz") else None
        by_insz = by_ext = None
        if digest:
            by_insz = idents.get(("insz", digest))
            if by_insz is None:
                found = selectors.match_by_insz(digest)
                by_insz = f"db:{found}" if found else None
        if v.get("extern_id"):
            by_ext = idents.get(("ext", v["extern_id"]))
            if by_ext is None:
                found = selectors.match_by_external_id(source, v["extern_id"])
                by_ext = f"db:{found}" if found else None
        if by_insz and by_ext and by_insz != by_ext:
            return None, ("extern_id", "insz en extern_id wijzen naar verschillende personen")
        ident = by_insz or by_ext
        if ident and digest and ident_insz.get(ident, digest) not in (digest, None):
            return None, ("insz", "dit extern_id hoort bij een persoon met een ander insz")
        name = (name_key(v["voornaam"], v["achternaam"]), v["geboortedatum"])
        if ident is None:
            ident = idents.get(("name", *name))
            if ident and digest and ident_insz.get(ident) not in (None, digest):
                ident = None  # same name and birth date, other INSZ: another person
            if ident is None:
                matches = selectors.match_by_name(
                    name[0], name[1], insz_digest=digest, source=source,
                    without_external_id=bool(v.get("extern_id")),
                )  # fmt: skip
                if len(matches) > 1:
                    return None, (
                        "achternaam",
                        "naam en geboortedatum passen bij meer dan één "
                        "persoon: vul insz of extern_id in",
                    )
                ident = f"db:{matches[0][0]}" if matches else f"new:{number}"
                if matches:
                    ident_insz.setdefault(ident, matches[0][1])
        ident_insz[ident] = ident_insz.get(ident) or digest
        if digest:
            idents[("insz", digest)] = ident
        if v.get("extern_id"):
            idents[("ext", v["extern_id"])] = ident
        idents.setdefault(("name", *name), ident)
        return ident, None

    @staticmethod
    def _person_data(v) -> dict:
        return {
            "first_name": v["voornaam"], "last_name": v["achternaam"],
            "birth_date": v["geboortedatum"], "sex": v.get("geslacht") or "",
            "language": v.get("taal") or "", "street": v.get("straat") or "",
            "house_number": v.get("huisnummer") or "", "postcode": v.get("postcode") or "",
            "city": v.get("woonplaats") or "", "municipality": v.get("gemeente"),
            "phone": v.get("telefoon") or "", "email": v.get("email") or "",
        }  # fmt: skip

    def apply(self, plans: list[PersonPlan], batch, *, actor, source: str) -> None:
        persons: dict[str, Person] = {}
        for plan in plans:
            person = persons.get(plan.ident)
            if person is None and plan.ident.startswith("db:"):
                person = selectors.person_for_import(int(plan.ident[3:]))
            data = {k: v for k, v in plan.data.items() if v not in ("", None)}
            data.setdefault("language", "nl")
            try:
                person, created, before = services.person_import_save(
                    actor=actor, person=person, data=data, insz=plan.insz,
                    purpose=plan.programme.code,
                )  # fmt: skip
            except ValidationError as exc:
                raise ValidationError(f"rij {plan.row}: {' '.join(exc.messages)}") from exc
            if created or before is not None:
                track(batch, plan.row, person, created=created, before=before)
            persons[plan.ident] = person
            if plan.extern_id and not selectors.match_by_external_id(source, plan.extern_id):
                link = services.external_id_link(
                    source=source, extern_id=plan.extern_id, person=person
                )
                track(batch, plan.row, link, created=True)
            self._enrol(plan, person, batch, actor)

    def _enrol(self, plan: PersonPlan, person: Person, batch, actor) -> None:
        if selectors.has_active_enrolment(person, plan.programme, self.membership.unit):
            return
        consent = None
        if plan.basis == LegalBasis.CONSENT:
            given = timezone.make_aware(
                timezone.datetime.combine(plan.consent_date, timezone.datetime.min.time())
            )
            consent = services.consent_import(
                actor=actor,
                membership=self.membership,
                person=person,
                purpose=plan.programme,
                given_at=given,
            )
            track(batch, plan.row, consent, created=True)
        enrolment = services.enrolment_create(
            actor=actor, membership=self.membership, person=person, programme=plan.programme,
            legal_basis=plan.basis, consent=consent, basis_note=plan.basis_note,
            start_date=plan.start_date, purpose=plan.programme.code,
        )  # fmt: skip
        track(batch, plan.row, enrolment, created=True)


ORGANISATION_KINDS = parsers.choice({
    "ocmw": OrganisationKind.OCMW, "caw": OrganisationKind.CAW,
    "partner": OrganisationKind.PARTNER,
    "voedselverdeelorganisatie": OrganisationKind.FOOD_ORGANISATION,
    "donor": OrganisationKind.DONOR, "school": OrganisationKind.SCHOOL,
    "shm": OrganisationKind.SOCIAL_HOUSING, "svk": OrganisationKind.SOCIAL_RENTAL_AGENCY,
    "ziekenfonds": OrganisationKind.HEALTH_INSURER, "w13": OrganisationKind.ASSOCIATION,
})  # fmt: skip

ORGANISATION_FIELDS = (
    "kind",
    "municipality",
    "street",
    "house_number",
    "postcode",
    "phone",
    "email",
)


@register
class OrganisationsImport(ImportKind):
    name = "organisations"
    description = "Organisaties: OCMW's, partners, voedselverdeelorganisaties, donoren, ..."
    allowed_roles = rules.IMPORT_REFERENCE_DATA

    def __init__(self):
        self.columns = [
            Column("naam", "Naam van de organisatie.", "Vzw De Zonnebloem", required=True),
            Column("soort", f"Een van: {', '.join(ORGANISATION_KINDS.values)}.",
                   "voedselverdeelorganisatie", ORGANISATION_KINDS, required=True),
            Column("gemeente", "Gemeente van de regio: naam, deelgemeente of postcode "
                   "(leeg: buiten de regio).", "Menen"),
            Column("straat", "Straat.", "Kerkstraat"),
            Column("huisnummer", "Huisnummer.", "1"),
            Column("postcode", "Postcode.", "8930"),
            Column("telefoon", "Telefoon.", "056 00 00 00"),
            Column("email", "E-mailadres.", "info@example.org", parsers.email),
        ]  # fmt: skip

    def prepare(self, actor) -> None:
        self.columns[2].parse = parsers.MunicipalityParser()

    def check(self, rows, errors, *, actor, source):
        plans = []
        for row in rows_by_name(rows, errors):
            v = row.values
            existing = selectors.organisation_named(v["naam"], v.get("gemeente"))
            data = {"name": v["naam"], "kind": v["soort"], "municipality": v.get("gemeente"),
                    "street": v.get("straat") or "", "house_number": v.get("huisnummer") or "",
                    "postcode": v.get("postcode") or "", "phone": v.get("telefoon") or "",
                    "email": v.get("email") or ""}  # fmt: skip
            plans.append((row.number, existing, data))
        return plans

    def apply(self, plans, batch, *, actor, source):
        for number, existing, data in plans:
            before = None
            if existing:
                before = {
                    f: getattr(existing, f"{f}_id" if f == "municipality" else f)
                    for f in ORGANISATION_FIELDS
                }
            try:
                organisation = services.organisation_save(
                    actor=actor, organisation=existing, data=data
                )
            except ValidationError as exc:
                raise ValidationError(f"rij {number}: {' '.join(exc.messages)}") from exc
            track(batch, number, organisation, created=existing is None, before=before)


def _restore_person(*, actor, obj, before):
    services.person_import_restore(actor=actor, person_id=obj.pk, before=before)


def _restore_organisation(*, actor, obj, before):
    data = {("municipality_id" if k == "municipality" else k): v for k, v in before.items()}
    services.organisation_save(actor=actor, organisation=obj, data=data)


RESTORERS["registry.person"] = _restore_person
RESTORERS["registry.organisation"] = _restore_organisation
