"""Eviction prevention (one reporting point, routed to the tenant's OCMW) and accelerated
allocation requests to social housing companies."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samen.housing import selectors, services
from samen.housing.models import AcceleratedAllocationRequest, EvictionReport
from samen.registry.models import Municipality, Organisation
from tests.conftest import membership_of, user_of

pytestmark = pytest.mark.django_db


def report(town="Menen", persona="worker_kortrijk", **extra):
    return services.eviction_report(
        actor=user_of(persona), membership=membership_of(persona),
        data={"received_on": dt.date(2026, 10, 1), "source": "justice", "tenant_name": "Huurder",
              "address": "Rijselstraat 12", "municipality": Municipality.objects.get(name=town)}
        | extra,
    )  # fmt: skip


def test_a_report_goes_to_the_ocmw_of_the_tenants_municipality(world):
    found = report("Menen")
    assert found.ocmw.name == "OCMW Menen"
    assert found in selectors.eviction_reports_for(user_of("worker_menen"))
    assert found in selectors.eviction_reports_for(user_of("worker_kortrijk"))  # the reporter
    assert found not in selectors.eviction_reports_for(user_of("worker_caw"))
    with pytest.raises(ValidationError) as error:
        report(received_on=dt.date(2099, 1, 1))
    assert "received_on" in error.value.error_dict
    assert EvictionReport.objects.count() == 1


def test_only_the_routed_ocmw_reaches_out_and_records_the_outcome(world):
    found = report("Menen")
    with pytest.raises(PermissionDenied):
        services.outreach_add(actor=user_of("worker_kortrijk"), report=found, kind="visit",
                              note="", on=dt.date(2026, 10, 2))  # fmt: skip
    services.outreach_add(actor=user_of("worker_menen"), report=found, kind="visit",
                          note="Afspraak met de verhuurder.", on=dt.date(2026, 10, 2))  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.eviction_outcome(actor=user_of("worker_menen"), report=found, outcome="",
                                  on=dt.date(2026, 9, 1))  # fmt: skip
    assert {"outcome", "outcome_on"} == set(error.value.error_dict)
    services.eviction_outcome(actor=user_of("worker_menen"), report=found, outcome="prevented",
                              on=dt.date(2026, 11, 3))  # fmt: skip
    found.refresh_from_db()
    assert found.outcome == "prevented" and found.actions.count() == 1


def test_an_accelerated_allocation_request_and_its_decision(world):
    company = Organisation.objects.get(kind="social_housing")
    with pytest.raises(PermissionDenied):  # not a person of Menen's files
        services.accelerated_request_file(actor=user_of("worker_menen"),
                                          membership=membership_of("worker_menen"),
                                          person=world.person_kortrijk, company=company,
                                          motivation="x")  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.accelerated_request_file(
            actor=user_of("worker_kortrijk"), membership=membership_of("worker_kortrijk"),
            person=world.person_kortrijk, motivation=" ",
            company=Organisation.objects.get(name="OCMW Menen"),
        )  # fmt: skip
    assert {"company", "motivation"} == set(error.value.error_dict)
    request = services.accelerated_request_file(
        actor=user_of("worker_kortrijk"), membership=membership_of("worker_kortrijk"),
        person=world.person_kortrijk, company=company, motivation="Uithuiszetting op 15/12.",
    )  # fmt: skip
    today = dt.date.today()
    services.accelerated_request_decide(actor=user_of("worker_kortrijk"), request=request,
                                        granted=True, on=today)  # fmt: skip
    with pytest.raises(ValidationError, match="al beslist"):
        services.accelerated_request_decide(actor=user_of("worker_kortrijk"), request=request,
                                            granted=False, on=today)  # fmt: skip
    assert AcceleratedAllocationRequest.objects.get().status == "granted"


def test_housing_figures_against_a_hand_computed_year(world):
    assert selectors.housing_figures(dt.date(2018, 1, 1), dt.date(2018, 12, 31)) == (
        selectors.HousingFigures(None, None)
    )
    for day in (dt.date(2018, 1, 1), dt.date(2018, 12, 31), dt.date(2019, 1, 1)):
        EvictionReport.objects.filter(pk=report().pk).update(received_on=day)
    company = Organisation.objects.get(kind="social_housing")
    request = services.accelerated_request_file(
        actor=user_of("worker_kortrijk"), membership=membership_of("worker_kortrijk"),
        person=world.person_kortrijk, company=company, motivation="x",
    )  # fmt: skip
    AcceleratedAllocationRequest.objects.filter(pk=request.pk).update(filed_on=dt.date(2018, 6, 1))
    assert selectors.housing_figures(dt.date(2018, 1, 1), dt.date(2018, 12, 31)) == (
        selectors.HousingFigures(2, 1)
    )
    assert selectors.housing_figures(dt.date(2019, 1, 1), dt.date(2019, 12, 31)) == (
        selectors.HousingFigures(1, 0)
    )


def test_the_report_page_names_the_missing_field(world, persona_client):
    client = persona_client("worker_kortrijk")
    response = client.post(reverse("evictions"), {
        "membership": membership_of("worker_kortrijk").pk, "received_on": "01/10/2026",
        "source": "landlord", "tenant_name": "", "address": "Markt 1",
        "municipality": Municipality.objects.get(name="Menen").pk,
    })  # fmt: skip
    assert response.status_code == 200 and "tenant_name" in response.context["form"].errors
    assert not EvictionReport.objects.exists()
