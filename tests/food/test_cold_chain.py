"""The cold chain: readings by hand and by sensor, quarantine on a breach, the HACCP PDF."""

import json
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samen.core.models import Notification
from samen.food import selectors, services
from samen.food.models import ColdChainAlert, Van
from tests.conftest import user_of

pytestmark = pytest.mark.django_db


def test_a_reading_above_the_limit_quarantines_the_lots_in_that_space(hub):
    cold_lot = hub.receive()
    frozen_lot = hub.receive(product=hub.pizza, arrival_celsius=D("-20"), location=hub.freezer)
    ok = services.reading_record(actor=user_of("trainee"), location=hub.cold, celsius=D("6.5"))
    assert not ok.out_of_range and not ColdChainAlert.objects.exists()
    breach = services.reading_record(actor=user_of("trainee"), location=hub.cold, celsius=D("9.0"))
    assert breach.out_of_range and breach.alert.quarantined_lots == 1
    assert selectors.lot_state(cold_lot).quarantined
    assert not selectors.lot_state(frozen_lot).quarantined  # another space
    assert Notification.objects.filter(user=user_of("trainee_coach"), kind="cold_chain").exists()
    with pytest.raises(ValidationError):
        services.alert_resolve(actor=user_of("trainee_coach"), alert=breach.alert, note=" ")
    services.alert_resolve(
        actor=user_of("trainee_coach"),
        alert=breach.alert,
        note="Deur stond open; gesloten, na 20 min terug 4 °C.",
    )
    assert not selectors.open_alerts().exists()


def test_a_freezer_warmer_than_minus_eighteen_is_a_breach(hub):
    assert services.reading_record(
        actor=user_of("trainee"), location=hub.freezer, celsius=D("-17.5")
    ).out_of_range


def test_an_incredible_reading_is_refused(hub):
    with pytest.raises(ValidationError) as exc:
        services.reading_record(actor=user_of("trainee"), location=hub.cold, celsius=D("85"))
    assert "geloofwaardige" in exc.value.message_dict["celsius"][0]


def test_a_sensor_posts_with_its_token_and_nothing_else_gets_in(hub, client):
    van = Van.objects.create(name="Koelwagen T", capacity_kg=900, capacity_crates=60)
    device, token = services.sensor_register(
        actor=user_of("hub_coordinator"), name="Sensor 1", van=van
    )
    url = reverse("api:api_temperature")
    body = json.dumps({"celsius": "8.5", "at": "2026-11-27T07:15:00+01:00"})
    assert client.post(url, body, content_type="application/json").status_code == 401
    assert (
        client.post(
            url, body, content_type="application/json", HTTP_AUTHORIZATION="Bearer wrong"
        ).status_code
        == 401
    )
    response = client.post(
        url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 201 and response.json()["out_of_range"] is True
    assert van.readings.get().device == device
    bad = client.post(
        url,
        json.dumps({"celsius": "hot"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert bad.status_code == 422
    schema = client.get(reverse("api:openapi-json")).json()
    assert "/api/v1/voeding/temperaturen" in schema["paths"]


def test_the_manual_page_names_bad_input_and_the_haccp_register_is_a_pdf(hub, persona_client):
    client = persona_client("trainee")
    response = client.post(
        reverse("food_cold_chain"), {"space": f"location:{hub.cold.pk}", "celsius": "koud"}
    )
    assert response.context["form"].errors["celsius"]
    response = client.post(
        reverse("food_cold_chain"), {"space": f"location:{hub.cold.pk}", "celsius": "3,5"}
    )
    assert response.status_code == 302
    pdf = client.get(reverse("food_haccp"), {"dag": hub.today.strftime("%d/%m/%Y")})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content[:5] == b"%PDF-"
    assert client.get(reverse("food_haccp"), {"dag": "31/02/2026"}).status_code == 404


def test_the_coordinator_registers_a_sensor_and_sees_its_key_once(hub, persona_client):
    from samen.food.models import SensorDevice

    client = persona_client("hub_coordinator")
    response = client.post(
        reverse("food_sensor_register"),
        {"name": "Koelcel 1 sensor", "space": f"location:{hub.cold.pk}"},
        follow=True,
    )
    device = SensorDevice.objects.get(name="Koelcel 1 sensor")
    shown = [str(m) for m in response.context["messages"]]
    token = shown[0].rsplit(" ", 1)[-1]
    assert services.sensor_for_token(token) == device and device.token_hash not in shown[0]
    again = client.get(reverse("food_cold_chain")).content.decode()
    assert token not in again  # shown once
