"""The regional crisis-bed network: free beds tonight, an admission in one step, no double
booking, nights counted, discharge with its follow-up, and the crisis.* figures."""

import datetime as dt
import textwrap
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samen.access.models import AuditEntry
from samen.housing import selectors, services
from samen.housing.models import CrisisAdmission, CrisisBed
from samen.registry.models import Enrolment, Organisation, Person
from tests.conftest import membership_of, postgres_only, run_on_fresh_postgres, user_of

pytestmark = pytest.mark.django_db
BXL = zoneinfo.ZoneInfo("Europe/Brussels")


def at(day: str, hour: int, minute: int = 0) -> dt.datetime:
    d = dt.date.fromisoformat(day)
    return dt.datetime(d.year, d.month, d.day, hour, minute, tzinfo=BXL)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (at("2018-06-01", 22), at("2018-06-02", 9), ["2018-06-01"]),
        (at("2018-06-02", 2), at("2018-06-02", 9), ["2018-06-01"]),  # after midnight: last night
        (at("2018-06-02", 4), at("2018-06-02", 9), []),  # after the night's middle
        (at("2018-12-31", 22), at("2019-01-02", 15), ["2018-12-31", "2019-01-01"]),
        (at("2019-03-30", 22), at("2019-04-01", 9), ["2019-03-30", "2019-03-31"]),  # DST
    ],
)
def test_nights_are_the_night_middles_a_stay_covers(start, end, expected):
    assert [d.isoformat() for d in selectors.nights(start, end)] == expected


@pytest.fixture
def beds(world):
    caw = Organisation.objects.get(name="CAW Zuid-West-Vlaanderen")
    return [CrisisBed.objects.create(partner=caw, label=f"Bed {n}") for n in (1, 2)]


def admit(persona="worker_kortrijk", bed=None, **person):
    return services.admission_create(
        actor=user_of(persona), membership=membership_of(persona), bed=bed,
        person={"first_name": "Nacht", "last_name": "Gast", "birth_date": None} | person,
        reason="Psychosociale crisis, niemand bereikbaar.", legal_basis="vital_interest",
    )  # fmt: skip


def test_admit_in_one_step_and_the_bed_is_taken(beds):
    assert list(selectors.free_beds()) == beds
    admission = admit(bed=beds[0])
    person = admission.person
    enrolment = Enrolment.objects.get(person=person, programme__code="crisis")
    assert (
        enrolment.legal_basis == "vital_interest" and enrolment.organisation.name == "OCMW Kortrijk"
    )
    assert AuditEntry.objects.filter(action="create", person_id=person.pk).exists()
    assert list(selectors.free_beds()) == [beds[1]]
    with pytest.raises(ValidationError, match="Dit bed is intussen ingenomen"):
        admit("worker_menen", bed=beds[0], first_name="Ander")
    assert Person.objects.filter(first_name="Ander").count() == 0  # nothing half-saved
    services.admission_discharge(actor=user_of("crisis_partner"), admission=admission,
                                 follow_up="kracht_wonen")  # fmt: skip
    assert beds[0] in selectors.free_beds()  # free again


def test_a_known_person_of_the_own_service_is_not_registered_twice(beds, world):
    els = world.person_kortrijk  # Els Declercq, 12/05/1984, in Kortrijk's files
    admission = admit(bed=beds[0], first_name="els", last_name="DECLERCQ",
                      birth_date=dt.date(1984, 5, 12))  # fmt: skip
    assert admission.person == els
    # Another service does not find Kortrijk's file: a new registration of its own.
    other = admit("worker_menen", bed=beds[1], first_name="Els", last_name="Declercq",
                  birth_date=dt.date(1984, 5, 12))  # fmt: skip
    assert other.person != els


def test_bad_input_names_the_field_and_saves_nothing(beds):
    with pytest.raises(ValidationError) as error:
        services.admission_create(
            actor=user_of("worker_kortrijk"), membership=membership_of("worker_kortrijk"),
            bed=beds[0], person={"first_name": "A", "last_name": "B"}, reason=" ",
            legal_basis="consent",
        )  # fmt: skip
    assert set(error.value.error_dict) == {"reason", "legal_basis"}
    assert not CrisisAdmission.objects.exists()
    with pytest.raises(PermissionDenied):  # a volunteer does not admit
        services.admission_create(
            actor=user_of("volunteer"), membership=membership_of("volunteer"), bed=beds[0],
            person={"first_name": "A", "last_name": "B"}, reason="x", legal_basis="vital_interest",
        )  # fmt: skip


def test_discharge_by_the_partner_or_the_referring_service_only(beds):
    admission = admit(bed=beds[0])
    with pytest.raises(PermissionDenied):
        services.admission_discharge(actor=user_of("worker_menen"), admission=admission,
                                     follow_up="home")  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.admission_discharge(actor=user_of("worker_kortrijk"), admission=admission,
                                     follow_up="")  # fmt: skip
    assert "follow_up" in error.value.error_dict
    services.admission_discharge(actor=user_of("worker_kortrijk"), admission=admission,
                                 follow_up="family", note="Bij zijn zus.")  # fmt: skip
    with pytest.raises(ValidationError, match="al ontslagen"):
        services.admission_discharge(actor=user_of("crisis_partner"), admission=admission,
                                     follow_up="home")  # fmt: skip


def test_the_partner_sees_the_admissions_in_its_own_beds_only(beds, persona_client):
    admission = admit(bed=beds[0])
    page = persona_client("crisis_partner").get(reverse("crisis_admissions")).content.decode()
    assert "Nacht Gast" in page and "bezet" in page
    assert (
        persona_client("worker_menen")
        .get(reverse("crisis_admission", args=[admission.pk]))
        .status_code
        == 404
    )
    listed = AuditEntry.objects.filter(action="list").latest("pk")
    assert listed.detail == {"page": "crisis_admissions", "found": [admission.person_id]}


def test_crisis_figures_against_a_hand_computed_year(beds, world):
    assert selectors.crisis_figures(dt.date(2018, 1, 1), dt.date(2018, 12, 31)).admissions is None
    p1, p2, p3 = (Person.objects.create(first_name=f"P{i}", last_name="X") for i in (1, 2, 3))
    caw = Organisation.objects.get(name="CAW Zuid-West-Vlaanderen")
    worker = user_of("worker_kortrijk")

    def stay(bed, person, start, end):
        CrisisAdmission.objects.create(
            bed=bed, person=person, organisation=caw, admitted_by=worker, admitted_at=start,
            discharged_at=end, reason="x", legal_basis="vital_interest", follow_up="home",
        )  # fmt: skip

    stay(beds[0], p1, at("2018-03-10", 21), at("2018-03-12", 9))  # 2 nights
    stay(beds[1], p2, at("2018-05-05", 23), at("2018-05-06", 8))  # 1 night
    stay(beds[0], p1, at("2018-12-30", 22), at("2019-01-02", 10))  # 30/12, 31/12 | 01/01
    stay(beds[1], p3, at("2019-01-02", 22), at("2019-01-03", 9))  # 1 night, next year
    # 2018: 3 admissions start, of 2 persons (P1 twice); nights 2 + 1 + 2 = 5.
    year = selectors.crisis_figures(dt.date(2018, 1, 1), dt.date(2018, 12, 31))
    assert (year.admissions, year.persons, year.nights) == (3, 2, 5)
    # 2019: 1 admission (P3); nights: P1's 01/01 and P3's 02/01 = 2.
    year = selectors.crisis_figures(dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    assert (year.admissions, year.persons, year.nights) == (1, 1, 2)
    empty = selectors.crisis_figures(dt.date(2017, 1, 1), dt.date(2017, 12, 31))
    assert (empty.admissions, empty.persons, empty.nights) == (0, 0, 0)


SCRIPT = textwrap.dedent("""
    import threading
    import django
    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError
    from django.db import connection
    from samen.housing import services
    from samen.housing.models import CrisisAdmission, CrisisBed
    from samen.registry.models import Membership, Organisation, Role

    User = get_user_model()
    partner = Organisation.objects.create(name="Crisisopvang", kind="partner")
    bed = CrisisBed.objects.create(partner=partner, label="Laatste bed")
    workers = []
    for i in range(8):
        ocmw = Organisation.objects.create(name=f"OCMW {i}", kind="ocmw")
        user = User.objects.create_user(f"worker{i}")
        workers.append(Membership.objects.create(user=user, organisation=ocmw,
                                                 role=Role.SOCIAL_WORKER))
    start = threading.Barrier(len(workers))
    admitted, refused = [], []

    def click(member):
        start.wait()
        try:
            services.admission_create(
                actor=member.user, membership=member, bed=bed, reason="crisis",
                person={"first_name": f"Persoon {member.pk}", "last_name": "X"},
                legal_basis="vital_interest")
            admitted.append(member.pk)
        except ValidationError as exc:
            refused.append(exc.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=click, args=(m,)) for m in workers]
    for t in threads: t.start()
    for t in threads: t.join()
    print(len(admitted), len(refused), CrisisAdmission.objects.filter(bed=bed).count(),
          all(m.startswith("Dit bed is intussen ingenomen") for m in refused))
""")


@postgres_only
@pytest.mark.xdist_group("postgres-subprocess")
def test_eight_workers_click_the_last_free_bed_at_once(tmp_path):
    out = run_on_fresh_postgres(tmp_path, "crisis", SCRIPT)
    assert out.split() == ["1", "7", "1", "True"], out


def test_a_partner_keeps_its_capacity(beds, persona_client):
    partner = user_of("crisis_partner")
    with pytest.raises(ValidationError) as error:
        services.bed_add(actor=partner, label="Bed 1")  # exists
    assert "label" in error.value.error_dict
    services.bed_add(actor=partner, label="Bed 3")
    assert selectors.free_beds().count() == 3
    admission = admit(bed=beds[0])
    with pytest.raises(ValidationError, match="eerst het ontslag"):
        services.bed_in_use(actor=partner, bed=beds[0], active=False)
    services.bed_in_use(actor=partner, bed=beds[1], active=False)
    assert selectors.free_beds().count() == 1  # Bed 3 only
    with pytest.raises(PermissionDenied):  # not its bed
        services.bed_in_use(actor=user_of("worker_kortrijk"), bed=beds[1], active=True)
    response = persona_client("crisis_partner").post(reverse("crisis_bed_add"), {"label": " "},
                                                     follow=True)  # fmt: skip
    assert "Geef het bed een naam." in response.content.decode()
    assert admission.bed == beds[0]
