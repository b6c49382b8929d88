"""The dedicated team: guidance trajectories, the contact log, caseload per member and the
kw.trajectories.* figures."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samen.housing import selectors, services
from samen.housing.models import GuidanceTrajectory
from samen.registry import services as registry
from samen.registry.models import Programme, Team
from tests.conftest import membership_of, user_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def referred(world):
    """Kortrijk refers Els to the dedicated team (its way into the team's files)."""
    registry.referral_create(
        actor=user_of("worker_kortrijk"), membership=membership_of("worker_kortrijk"),
        person=world.person_kortrijk, receiver=Team.objects.get(code="dedicated"),
        programme=Programme.objects.get(code="kracht_wonen"), reason="begeleiding",
        legal_basis="legal_task", justification="OCMW-wet", categories=["basic", "housing"],
    )  # fmt: skip
    return world.person_kortrijk


def test_a_trajectory_its_contacts_and_its_end(referred, world):
    member = user_of("dedicated_member")
    with pytest.raises(PermissionDenied):  # not a person of the team's files
        services.trajectory_start(actor=member, person=world.person_menen, kracht_wonen=False,
                                  start=dt.date(2026, 1, 1))  # fmt: skip
    with pytest.raises(PermissionDenied):  # not a member of the team
        services.trajectory_start(actor=user_of("worker_kortrijk"), person=referred,
                                  kracht_wonen=False, start=dt.date(2026, 1, 1))  # fmt: skip
    trajectory = services.trajectory_start(actor=member, person=referred, kracht_wonen=True,
                                           start=dt.date(2026, 2, 1))  # fmt: skip
    with pytest.raises(ValidationError, match="al een lopend traject"):
        services.trajectory_start(actor=member, person=referred, kracht_wonen=False,
                                  start=dt.date(2026, 3, 1))  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.contact_log(actor=member, trajectory=trajectory, kind="", note="",
                             on=dt.date(2026, 1, 1))  # fmt: skip
    assert {"kind", "on"} == set(error.value.error_dict)
    services.contact_log(actor=member, trajectory=trajectory, kind="visit",
                         note="Huisbezoek.", on=dt.date(2026, 2, 3))  # fmt: skip
    assert selectors.caseload() == [("dedicated_member", 1)]
    services.trajectory_end(actor=member, trajectory=trajectory, end=dt.date(2026, 10, 1))
    assert selectors.caseload() == []


def test_trajectory_figures_against_a_hand_computed_year(referred):
    member = user_of("dedicated_member")
    assert (
        selectors.trajectory_figures(dt.date(2018, 1, 1), dt.date(2018, 12, 31)).kracht_wonen
        is None
    )

    def trajectory(start, end, kw):
        return GuidanceTrajectory.objects.create(person=referred, member=member, start=start,
                                                 end=end, kracht_wonen=kw)  # fmt: skip

    trajectory(dt.date(2017, 5, 1), dt.date(2018, 2, 1), False)  # crosses into 2018
    trajectory(dt.date(2018, 3, 1), dt.date(2018, 6, 1), True)
    trajectory(dt.date(2018, 7, 1), None, False)  # still running
    trajectory(dt.date(2019, 1, 5), dt.date(2019, 2, 1), True)
    year = selectors.trajectory_figures(dt.date(2018, 1, 1), dt.date(2018, 12, 31))
    assert (year.dedicated_team, year.kracht_wonen) == (2, 1)
    year = selectors.trajectory_figures(dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    assert (year.dedicated_team, year.kracht_wonen) == (1, 1)
