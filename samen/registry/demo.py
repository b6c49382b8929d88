"""The demo region: the 14 municipalities with their OCMWs, the CAW, the partners of the
annual report, 45 food organisations, the regional teams, a demo user per role and about
200 persons in households. Deterministic for a seed; running it again changes nothing."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction

from samen.core.progress import Progress
from samen.registry import services
from samen.registry.models import (
    Consent,
    ExternalId,
    LegalBasis,
    Membership,
    Municipality,
    Organisation,
    OrganisationKind,
    Person,
    Programme,
    Relation,
    Role,
    Team,
)

DEMO_PASSWORD = "samen-demo"  # printed by `samen demo`; demo databases only
# Every demo user with a role has an authenticator with this one published key (hex, as
# django-otp stores it): `samen demo --code` prints its current code. Demo databases only.
DEMO_TOTP_KEY = b"samen-demo-w13-totp!".hex()


def demo_totp_code(at: float | None = None) -> str:
    import time

    from django_otp.oath import hotp

    return f"{hotp(bytes.fromhex(DEMO_TOTP_KEY), int(at or time.time()) // 30):06d}"


def demo_totp_key() -> str:
    import base64

    return base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode()


SOURCE = "demo"

TEAMS = [
    ("meldpunt", "Kracht.Wonen regionaal meldpunt"),
    ("dedicated", "Het dedicated team"),
    ("crisis", "Regionaal crisisnetwerk"),
    ("woonclub", "Woonclub"),
    ("konekti", "Konekti verbindingsteam"),
    ("konekti_psy", "Konekti eerstelijnspsychologen"),
    ("foodhub", "Food Act 13 hub"),
    ("wijkwerk", "Wijk-werkcoaches"),
    ("biz", "Budget In Zicht"),
]

PARTNERS = [
    ("W13 welzijnsvereniging", OrganisationKind.ASSOCIATION, "Kortrijk"),
    ("CAW Zuid-West-Vlaanderen", OrganisationKind.CAW, "Kortrijk"),
    ("Voedselbank Zuid-West-Vlaanderen", OrganisationKind.PARTNER, "Kortrijk"),
    ("VIVES", OrganisationKind.PARTNER, "Kortrijk"),
    ("Imog", OrganisationKind.PARTNER, "Harelbeke"),
    ("VDAB", OrganisationKind.PARTNER, "Kortrijk"),
    ("GTB", OrganisationKind.PARTNER, "Kortrijk"),
    ("vzw Schuldhulpbemiddeling", OrganisationKind.PARTNER, "Kortrijk"),
    ("A'kzie", OrganisationKind.PARTNER, "Kortrijk"),
    ("Groep Ubuntu x8k", OrganisationKind.PARTNER, "Kortrijk"),
    ("Vesta", OrganisationKind.PARTNER, "Kortrijk"),
    ("vzw Kompas", OrganisationKind.PARTNER, "Kortrijk"),
    ("Solentra", OrganisationKind.PARTNER, "Kortrijk"),
    ("De Brug", OrganisationKind.PARTNER, "Kortrijk"),
    ("Leiedal", OrganisationKind.PARTNER, "Kortrijk"),
    ("Steunpunt Vrijwilligerswerk", OrganisationKind.PARTNER, "Kortrijk"),
    ("Dienst Maatschappelijk Werk CM", OrganisationKind.HEALTH_INSURER, "Kortrijk"),
    ("Dienst Maatschappelijk Werk Solidaris", OrganisationKind.HEALTH_INSURER, "Kortrijk"),
    ("Sociale huisvestingsmaatschappij Zuid-West", OrganisationKind.SOCIAL_HOUSING, "Kortrijk"),
    ("Sociaal verhuurkantoor Zuid-West-Vlaanderen", OrganisationKind.SOCIAL_RENTAL_AGENCY,
     "Kortrijk"),
    ("Colruyt Kortrijk", OrganisationKind.DONOR, "Kortrijk"),
    ("Aldi Harelbeke", OrganisationKind.DONOR, "Harelbeke"),
    ("Delhaize Waregem", OrganisationKind.DONOR, "Waregem"),
    ("Lidl Menen", OrganisationKind.DONOR, "Menen"),
    ("Basisschool De Vlinder", OrganisationKind.SCHOOL, "Wevelgem"),
    ("Renovatiecoach Zuid-West", OrganisationKind.PARTNER, "Kortrijk"),
]  # fmt: skip

FOOD_ORGANISATION_NAMES = [
    "Welzijnsschakel",
    "Sint-Vincentiusvereniging",
    "Open Huis",
    "Sociale kruidenier",
]

# username, first name, role, unit ("organisation:NAME" or "team:CODE")
DEMO_USERS = [
    ("sofie.kortrijk", "Sofie", Role.SOCIAL_WORKER, "organisation:OCMW Kortrijk"),
    ("marc.menen", "Marc", Role.SOCIAL_WORKER, "organisation:OCMW Menen"),
    ("an.caw", "An", Role.SOCIAL_WORKER, "organisation:CAW Zuid-West-Vlaanderen"),
    ("lies.meldpunt", "Lies", Role.TEAM_MEMBER, "team:meldpunt"),
    ("jan.ubuntu", "Jan", Role.TEAM_MEMBER, "team:dedicated"),
    ("pieter.woonclub", "Pieter", Role.PROGRAMME_LEAD, "team:woonclub"),
    ("vera.vrijwilliger", "Vera", Role.VOLUNTEER, "organisation:W13 welzijnsvereniging"),
    ("zonnebloem", "Greet", Role.FOOD_ORGANISATION, "organisation:Welzijnsschakel Anzegem"),
    ("hub.medewerker", "Tom", Role.HUB_STAFF, "team:foodhub"),
    ("hub.coordinator", "Arnout", Role.HUB_COORDINATOR, "team:foodhub"),
    ("coach.werkvloer", "Ilse", Role.TRAINEE_COACH, "team:foodhub"),
    ("coach.werkvloer2", "Wim", Role.TRAINEE_COACH, "team:foodhub"),
    ("leerwerker.demo", "Yusuf", Role.TRAINEE, "team:foodhub"),
    ("kim.coordinator", "Kim", Role.COORDINATOR, "organisation:W13 welzijnsvereniging"),
    ("beheer.kortrijk", "Bart", Role.ORG_ADMIN, "organisation:OCMW Kortrijk"),
    ("dpo", "Petra", Role.DPO, "organisation:W13 welzijnsvereniging"),
    ("beheerder", "Hannes", Role.ADMIN, "organisation:W13 welzijnsvereniging"),
    ("crisis.caw", "Karel", Role.CRISIS_PARTNER, "organisation:CAW Zuid-West-Vlaanderen"),
    ("wijkwerk.coach", "Hilde", Role.WIJKWERK_COACH, "organisation:W13 welzijnsvereniging"),
    ("school.vlinder", "Katrien", Role.WIJKWERK_USER, "organisation:Basisschool De Vlinder"),
    ("adviseur.energie", "Bart", Role.TECHNICAL_ADVISER, "organisation:Renovatiecoach Zuid-West"),
    ("biz.begeleider", "Nadia", Role.TEAM_MEMBER, "team:biz"),
    ("solentra.therapeut", "Yasmine", Role.SOCIAL_WORKER, "organisation:Solentra"),
    ("konekti.verbinder", "Tom", Role.TEAM_MEMBER, "team:konekti"),
    ("konekti.psycholoog", "Leen", Role.TEAM_MEMBER, "team:konekti"),
]

FIRST_F = [
    "Els",
    "Sofie",
    "Lotte",
    "Marie",
    "Fatima",
    "Nadia",
    "Ann",
    "Katrien",
    "Lieve",
    "Amina",
    "Julie",
    "Emma",
    "Hanne",
    "Sarah",
    "Nathalie",
    "Chantal",
    "Inge",
    "Leen",
]
FIRST_M = [
    "Jan",
    "Pieter",
    "Karim",
    "Tom",
    "Koen",
    "Mohamed",
    "Dirk",
    "Bart",
    "Wim",
    "Yusuf",
    "Stijn",
    "Luc",
    "Filip",
    "Kevin",
    "Jonas",
    "Ahmed",
    "Geert",
    "Rik",
]
LAST = [
    "Declercq",
    "Vandenbroucke",
    "Desmet",
    "Vermeulen",
    "Maes",
    "Verhaeghe",
    "Deprez",
    "Vanhoutte",
    "Lambrecht",
    "Dewaele",
    "Van den Bossche",
    "Claeys",
    "Demeyere",
    "Ghekiere",
    "El Amrani",
    "Yilmaz",
    "Debaere",
    "Vandamme",
    "Callens",
    "Deleu",
    "Verschuere",
    "D'Hondt",
    "Vanneste",
    "Bossuyt",
    "Ollivier",
    "Degryse",
    "Lefevere",
    "Coussens",
]
STREETS = [
    "Kerkstraat",
    "Stationsstraat",
    "Marktplein",
    "Meensesteenweg",
    "Kortrijkstraat",
    "Leiestraat",
    "Molenstraat",
    "Dorpsstraat",
    "Nieuwstraat",
    "Gentsesteenweg",
]


def demo_insz(birth: dt.date, serial: int) -> str:
    """A valid national-register number (checksum per the 2000 rule) for a demo person."""
    base = f"{birth:%y%m%d}{serial:03d}"
    number = int(("2" if birth.year >= 2000 else "") + base)
    return f"{base}{97 - number % 97:02d}"


def _unit(code: str):
    kind, _sep, key = code.partition(":")
    if kind == "team":
        return Team.objects.get(code=key)
    return Organisation.objects.get(name=key)


@transaction.atomic
def build_reference(rng: random.Random) -> dict:
    municipalities = {m.name: m for m in Municipality.objects.all()}
    for code, name in TEAMS:
        Team.objects.get_or_create(code=code, defaults={"name": name})
    for name, municipality in municipalities.items():
        Organisation.objects.get_or_create(
            name=f"OCMW {name}", municipality=municipality,
            defaults={"kind": OrganisationKind.OCMW, "street": "Marktplein", "house_number": "1",
                      "postcode": municipality.sections.order_by("postcode").first().postcode},
        )  # fmt: skip
    for name, kind, place in PARTNERS:
        Organisation.objects.get_or_create(
            name=name, municipality=municipalities[place], defaults={"kind": kind}
        )
    food_count = 0
    for name in sorted(municipalities):
        for prefix in FOOD_ORGANISATION_NAMES:
            if food_count == 45:
                break
            Organisation.objects.get_or_create(
                name=f"{prefix} {name}",
                municipality=municipalities[name],
                defaults={"kind": OrganisationKind.FOOD_ORGANISATION},
            )
            food_count += 1
    return municipalities


def _user(username: str, first_name: str, last_name: str = "Demo"):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": first_name, "last_name": last_name}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _membership(user, role: str, unit) -> Membership:
    kwargs = (
        {"organisation": unit, "team": None}
        if isinstance(unit, Organisation)
        else {"organisation": None, "team": unit}
    )
    membership, _created = Membership.objects.get_or_create(
        user=user, role=role, **kwargs, defaults={"valid_from": dt.date(2018, 1, 1)}
    )
    return membership


def give_demo_authenticators() -> None:
    """Every demo user with a role gets the demo authenticator (none is replaced)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    users = Membership.objects.exclude(user__totpdevice__isnull=False).values_list(
        "user_id", flat=True
    )
    TOTPDevice.objects.bulk_create(
        TOTPDevice(user_id=pk, name="demo", key=DEMO_TOTP_KEY, confirmed=True)
        for pk in sorted(set(users))
    )


@transaction.atomic
def build_users() -> list[tuple[str, str]]:
    logins = []
    for username, first_name, role, unit in DEMO_USERS:
        user = _user(username, first_name)
        _membership(user, role, _unit(unit))
        logins.append((username, Role(role).label))
    # One social worker per OCMW (the demo persons are registered by them).
    for ocmw in Organisation.objects.filter(kind=OrganisationKind.OCMW):
        slug = ocmw.municipality.name.lower().replace("-", "")
        _membership(
            _user(f"mw.{slug}", "Maatschappelijk werker", ocmw.municipality.name),
            Role.SOCIAL_WORKER,
            ocmw,
        )
    # Lies of the meldpunt also works for the CAW: a user in an organisation and a team.
    _membership(
        get_user_model().objects.get(username="lies.meldpunt"),
        Role.SOCIAL_WORKER,
        _unit("organisation:CAW Zuid-West-Vlaanderen"),
    )
    return logins


def build_persons(rng: random.Random, seed: int, count: int = 200, progress=True) -> int:
    """Households of 1–5 persons until `count` persons exist for this seed."""
    programmes = {p.code: p for p in Programme.objects.all()}
    caw = Organisation.objects.get(name="CAW Zuid-West-Vlaanderen")
    meldpunt = Team.objects.get(code="meldpunt")
    woonclub = Team.objects.get(code="woonclub")
    bar = Progress(count, "personen") if progress else None
    made, household_no, serial = 0, 0, 0
    while made < count:
        household_no += 1
        size = min(rng.choice([1, 1, 1, 2, 2, 3, 4, 5]), count - made)
        municipality = rng.choice(list(Municipality.objects.order_by("name")))
        ocmw = Organisation.objects.get(kind=OrganisationKind.OCMW, municipality=municipality)
        worker = (
            Membership.objects.filter(organisation=ocmw, role=Role.SOCIAL_WORKER)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        last = rng.choice(LAST)
        street, number = rng.choice(STREETS), str(rng.randint(1, 180))
        section = rng.choice(list(municipality.sections.all()))
        members = []
        for position in range(size):
            serial += 1
            adult = position < (2 if size > 2 else size)
            birth = (
                dt.date(rng.randint(1950, 2000), rng.randint(1, 12), rng.randint(1, 28))
                if adult
                else dt.date(rng.randint(2005, 2018), rng.randint(1, 12), rng.randint(1, 28))
            )
            female = rng.random() < 0.55
            first = rng.choice(FIRST_F if female else FIRST_M)
            key = f"{seed}-{household_no}-{position}"
            person = _demo_person(key, worker, {
                "first_name": first, "last_name": last, "birth_date": birth,
                "sex": "f" if female else "m", "language": "fr" if rng.random() < 0.06 else "nl",
                "street": street, "house_number": number, "postcode": section.postcode,
                "city": section.name, "municipality": municipality,
                "phone": f"0470 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            }, demo_insz(birth, serial % 997 + 1) if adult else "", programmes)  # fmt: skip
            members.append((person, adult))
            made += 1
            if bar:
                bar.step()
        head = members[0][0]
        for person, adult in members[1:]:
            if not person.household_links.exists():
                services.household_add_member(
                    actor=worker.user,
                    person=head,
                    member=person,
                    relation=Relation.PARTNER if adult else Relation.CHILD,
                )
        _demo_relations(rng, head, worker, caw, meldpunt, woonclub, programmes)
    return made


def _demo_person(key, worker, data, insz, programmes) -> Person:
    link = ExternalId.objects.filter(source=SOURCE, extern_id=key).select_related("person").first()
    if link:
        return link.person
    try:
        person = services.person_create(
            actor=worker.user, membership=worker, data=data, insz=insz,
            programme=programmes["social_assistance"], legal_basis=LegalBasis.LEGAL_TASK,
            basis_note="OCMW-wet art. 1 en 57", purpose="social_assistance",
        )  # fmt: skip
    except services.KnownInRegion:
        person = services.person_create(
            actor=worker.user, membership=worker, data=data, insz="",
            programme=programmes["social_assistance"], legal_basis=LegalBasis.LEGAL_TASK,
            basis_note="OCMW-wet art. 1 en 57", purpose="social_assistance",
        )  # fmt: skip
    services.external_id_link(source=SOURCE, extern_id=key, person=person)
    return person


def _demo_relations(rng, head, worker, caw, meldpunt, woonclub, programmes) -> None:
    """Some households get a consent-based referral to the CAW or the Woonclub, some a
    meldpunt referral on the OCMW's legal task, and a note or two."""
    roll, to_caw, with_note = rng.random(), rng.random() < 0.5, rng.random() < 0.6
    if head.referrals.exists() or head.notes.exists():
        return  # built on an earlier run (the draws above keep the sequence the same)
    if roll < 0.25:
        receiver, programme = (
            (caw, programmes["caw"]) if to_caw else (woonclub, programmes["woonclub"])
        )
        consent = services.consent_record(
            actor=worker.user,
            membership=worker,
            person=head,
            purpose=programme,
            recipient=receiver,
            categories=["basic", "contact", "social", "housing"],
        )
        services.referral_create(
            actor=worker.user, membership=worker, person=head, receiver=receiver,
            programme=programme, reason="Zoekt een betaalbare huurwoning.",
            legal_basis=LegalBasis.CONSENT, consent=consent, categories=["basic", "contact"],
        )  # fmt: skip
    elif roll < 0.35:
        services.referral_create(
            actor=worker.user, membership=worker, person=head, receiver=meldpunt,
            programme=programmes["kracht_wonen"], reason="Langdurig thuisloos, geen lokale "
            "oplossing meer.", legal_basis=LegalBasis.LEGAL_TASK,
            justification="Maatschappelijke dienstverlening, OCMW-wet art. 57",
            categories=["basic", "contact", "housing", "social"],
        )  # fmt: skip
    if with_note:
        services.note_create(
            actor=worker.user,
            membership=worker,
            person=head,
            category="social",
            text="Eerste gesprek op het sociaal huis.",
        )


STORY = {
    # A Kortrijk-only person for the browser test: visible to OCMW Kortrijk, nobody else.
    "els": ("Els", "Declercq", dt.date(1984, 5, 12), "Kortrijk", "demo-story-els"),
    # The citizen's own record.
    "karim": ("Karim", "El Amrani", dt.date(1979, 9, 3), "Kortrijk", "demo-story-karim"),
}


@transaction.atomic
def build_story() -> None:
    kortrijk_worker = Membership.objects.get(user__username="sofie.kortrijk")
    programmes = {p.code: p for p in Programme.objects.all()}
    municipality = Municipality.objects.get(name="Kortrijk")
    for key, (first, last, birth, _place, extern) in STORY.items():
        person = _demo_person(extern, kortrijk_worker, {
            "first_name": first, "last_name": last, "birth_date": birth, "language": "nl",
            "street": "Budastraat", "house_number": "12", "postcode": "8500", "city": "Kortrijk",
            "municipality": municipality,
        }, demo_insz(birth, 900 + len(key)), programmes)  # fmt: skip
        if key == "karim" and person.user_id is None:
            citizen = _user("burger", "Karim", "El Amrani")
            services.person_link_citizen(actor=kortrijk_worker.user, person=person, user=citizen)
            if not Consent.objects.filter(person=person).exists():
                services.consent_record(
                    actor=kortrijk_worker.user, membership=kortrijk_worker, person=person,
                    purpose=programmes["woonclub"], recipient=Team.objects.get(code="woonclub"),
                    categories=["basic", "contact", "housing"],
                )  # fmt: skip


@transaction.atomic
def build_activity() -> None:
    """What a few weeks of work leave behind: half of the referrals answered (the receiver
    then enrols the person on its own basis), a possible duplicate for the programme lead,
    a consent given by a parent, and an emergency access waiting for the DPO's review."""
    from samen.access import services as access_services
    from samen.access.models import BreakGlass
    from samen.registry.models import Enrolment, Referral, ReferralStatus

    programmes = {p.code: p for p in Programme.objects.all()}
    answerers = {
        ("team", "meldpunt"): (
            Membership.objects.get(user__username="lies.meldpunt", team__code="meldpunt"),
            "kracht_wonen",
        ),
        ("organisation", "CAW Zuid-West-Vlaanderen"): (
            Membership.objects.get(user__username="an.caw"),
            "caw",
        ),
        ("team", "woonclub"): (
            Membership.objects.get(user__username="pieter.woonclub"),
            "woonclub",
        ),
    }
    # Every other person (by id): the same referrals on every run, so a re-run adds nothing.
    for referral in Referral.objects.filter(status=ReferralStatus.SENT).order_by("pk"):
        if referral.person_id % 2:
            continue
        key = (
            ("team", referral.to_team.code)
            if referral.to_team_id
            else ("organisation", referral.to_organisation.name)
        )
        if key not in answerers:
            continue
        member, code = answerers[key]
        services.referral_answer(actor=member.user, referral=referral, accept=True)
        if not Enrolment.objects.filter(person=referral.person, programme__code=code).exists():
            services.enrolment_create(
                actor=member.user, membership=member, person=referral.person,
                programme=programmes[code], legal_basis=referral.legal_basis,
                consent=referral.consent, basis_note="Na doorverwijzing" if not
                referral.consent_id else "",
            )  # fmt: skip
    menen = Membership.objects.get(user__username="marc.menen")
    kortrijk = Membership.objects.get(user__username="sofie.kortrijk")
    twin = {"first_name": "Jan", "last_name": "Peeters", "birth_date": dt.date(1975, 2, 3)}
    _demo_person(
        "demo-story-jan-kortrijk",
        kortrijk,
        {**twin, "municipality": Municipality.objects.get(name="Kortrijk")},
        "",
        programmes,
    )
    _demo_person(
        "demo-story-jan-menen",
        menen,
        {**twin, "last_name": "Peeters ", "municipality": Municipality.objects.get(name="Menen")},
        "",
        programmes,
    )
    child = _demo_person(
        "demo-story-noor",
        kortrijk,
        {
            "first_name": "Noor",
            "last_name": "Declercq",
            "birth_date": dt.date(2012, 4, 2),
            "municipality": Municipality.objects.get(name="Kortrijk"),
        },
        "",
        programmes,
    )
    if not child.consents.exists():
        services.consent_record(
            actor=kortrijk.user, membership=kortrijk, person=child,
            purpose=programmes["konekti"], recipient=Team.objects.get(code="konekti"),
            categories=["basic", "contact", "social"], given_by_guardian=True,
            guardian_name="Els Declercq (moeder)",
        )  # fmt: skip
    karim = Person.objects.get(external_ids__extern_id="demo-story-karim")
    if not BreakGlass.objects.filter(person=karim).exists():
        access_services.break_glass_open(
            actor=menen.user,
            person=karim,
            reason="Aangemeld na de kantooruren in crisis; zocht het behandelend OCMW.",
        )


def logins() -> list[tuple[str, str]]:
    """One demo login per role (those that exist in this database)."""
    existing = set(get_user_model().objects.values_list("username", flat=True))
    found = [(u, Role(r).label) for u, _n, r, _unit in DEMO_USERS if u in existing]
    if "burger" in existing:
        found.append(("burger", "burger (eigen gegevens)"))
    if "wakosta@voorbeeld.be" in existing:  # made by the budget module's demo step
        found.append(("wakosta@voorbeeld.be", "burger in de budgetapp Wakosta?!"))
    return found


def build(seed: int = 1, progress: bool = True) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    build_reference(rng)
    build_users()
    build_story()
    with transaction.atomic():
        build_persons(rng, seed, progress=progress)
    build_activity()
    return logins()


FIRST_NAMES = [
    "Jan",
    "Sara",
    "Ahmed",
    "Lotte",
    "Koen",
    "Ines",
    "Dries",
    "Fatima",
    "Pieter",
    "Marie",
    "Youssef",
    "Els",
    "Tom",
    "Nadia",
    "Wim",
    "Lien",
    "Bram",
    "Olena",
]
LAST_NAMES = [
    "Vandenberghe",
    "Desmet",
    "Vermeulen",
    "Maes",
    "Declercq",
    "Claeys",
    "Verhaeghe",
    "Dewulf",
    "Lambrecht",
    "Vanhoutte",
    "Benali",
    "Kowalski",
    "Deprez",
    "Coucke",
]
# Where the people of the region live, roughly by population (Kortrijk the largest).
TOWN_WEIGHTS = {"Kortrijk": 20, "Waregem": 10, "Menen": 9, "Harelbeke": 7, "Wevelgem": 8,
                "Zwevegem": 6, "Wervik": 5, "Kuurne": 4, "Anzegem": 4, "Deerlijk": 3,
                "Wielsbeke": 3, "Avelgem": 3, "Lendelede": 2, "Spiere-Helkijn": 1}  # fmt: skip


def bulk_people(rng, count: int, tag: str, born=(1950, 2000)) -> list:
    """`count` registry persons written in one statement, for the years of history the
    demo adds (a name, a birth date, a municipality weighted by population). `tag` ends
    the last name, so a demo person can be traced to the step that made it."""
    from samen.registry.models import Person
    from samen.registry.normalise import name_key

    towns = {m.name: m for m in Municipality.objects.all()}
    names, weights = list(TOWN_WEIGHTS), list(TOWN_WEIGHTS.values())
    people = []
    for n in range(count):
        first, last = rng.choice(FIRST_NAMES), f"{rng.choice(LAST_NAMES)}-{tag}{n:03d}"
        people.append(Person(
            first_name=first, last_name=last, name_key=name_key(first, last),
            birth_date=dt.date(rng.randint(*born), rng.randint(1, 12), rng.randint(1, 28)),
            municipality=towns[rng.choices(names, weights)[0]],
        ))  # fmt: skip
    return Person.objects.bulk_create(people)
