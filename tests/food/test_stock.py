"""Intake at the door and stock derived from events."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samen.food import selectors, services
from samen.food.models import Lot, Pickup, StockEvent
from tests.conftest import user_of

pytestmark = pytest.mark.django_db


def test_an_accepted_lot_is_in_stock_at_its_location(hub):
    lot = hub.receive()
    state = selectors.lot_state(lot)
    assert lot.decision == "accepted" and state.on_hand == Decimal("12.50")
    assert state.location == hub.cold and not state.quarantined
    assert list(selectors.available_lots()) == [lot]


def test_a_past_use_by_lot_is_refused_recorded_and_never_in_stock(hub):
    lot = hub.receive(expiry=hub.today - dt.timedelta(days=1))
    assert lot.decision == "refused" and "TGT" in lot.decision_note
    assert selectors.lot_state(lot).on_hand == 0 and not lot.events.exists()


def test_a_warm_chilled_lot_is_quarantined_in_stock_but_not_available(hub):
    lot = hub.receive(arrival_celsius=Decimal("9.5"))
    assert lot.decision == "quarantined"
    assert selectors.lot_state(lot).quarantined
    assert lot not in selectors.available_lots() and lot in selectors.quarantined_lots()
    with pytest.raises(PermissionDenied):  # a trainee does not release
        services.lot_release(actor=user_of("trainee"), lot=lot, note="gecontroleerd")
    with pytest.raises(ValidationError):
        services.lot_release(actor=user_of("trainee_coach"), lot=lot, note=" ")
    services.lot_release(actor=user_of("trainee_coach"), lot=lot, note="Kerntemp. 5 °C gemeten")
    assert lot in selectors.available_lots()


@pytest.mark.parametrize(
    ("kg", "crates", "field_message"),
    [
        ("0", 1, "groter zijn dan 0 kg"),
        ("-3", 1, "groter zijn dan 0 kg"),
        ("2500", 60, "maximum is 2000"),
        ("95", 1, "per bak"),
    ],
)
def test_nonsense_weights_are_refused_with_a_clear_message(hub, kg, crates, field_message):
    with pytest.raises(ValidationError) as exc:
        hub.receive(kg=kg, crates=crates)
    assert field_message in " ".join(exc.value.message_dict["kg"])
    assert not Lot.objects.exists()


def test_a_chilled_product_is_not_stored_in_the_dry_store(hub):
    with pytest.raises(ValidationError) as exc:
        hub.receive(location=hub.dry)
    assert "gekoeld" in exc.value.message_dict["location"][0]
    hub.receive(
        product=hub.apples, date_kind="none", expiry=None, arrival_celsius=None, location=hub.dry
    )


def test_a_zero_kg_pickup_needs_a_reason(hub):
    with pytest.raises(ValidationError):
        services.pickup_record_empty(actor=user_of("trainee"), pickup_point=hub.store, reason="")
    pickup = services.pickup_record_empty(
        actor=user_of("trainee"), pickup_point=hub.store, reason="Winkel gesloten (inventaris)"
    )
    assert Pickup.objects.get(pk=pickup.pk).nothing_reason == "Winkel gesloten (inventaris)"


def test_stock_is_the_sum_of_events_and_events_never_change(hub):
    lot = hub.receive(kg="20")
    services.lot_write_off(
        actor=user_of("hub_staff"),
        lot=lot,
        reason="damaged",
        destination="compost_biogas",
        kg=Decimal("5"),
    )
    services.lot_count(
        actor=user_of("trainee"), lot=lot, counted_kg=Decimal("14"), reason="Bak gebroken"
    )
    assert selectors.lot_state(lot).on_hand == Decimal("14")
    assert list(lot.events.values_list("kind", "kg")) == [
        ("intake", Decimal("20.00")),
        ("write_off", Decimal("-5.00")),
        ("adjustment", Decimal("-1.00")),
    ]
    event = lot.events.first()
    event.kg = Decimal("99")
    with pytest.raises(ValidationError):
        event.save()


def test_never_more_written_off_than_on_hand(hub):
    lot = hub.receive(kg="10")
    with pytest.raises(ValidationError):
        services.lot_write_off(
            actor=user_of("hub_staff"),
            lot=lot,
            reason="expired",
            destination="animal_feed",
            kg=Decimal("10.01"),
        )
    services.lot_write_off(
        actor=user_of("hub_staff"), lot=lot, reason="expired", destination="animal_feed"
    )
    assert selectors.lot_state(lot).on_hand == 0 and lot not in selectors.lots_with_stock()
    with pytest.raises(ValidationError):
        services.lot_write_off(
            actor=user_of("hub_staff"), lot=lot, reason="expired", destination="animal_feed"
        )


def test_a_quarantined_lot_is_written_off_only_by_a_coach(hub):
    lot = hub.receive(arrival_celsius=Decimal("12"))
    with pytest.raises(PermissionDenied):
        services.lot_write_off(
            actor=user_of("hub_staff"), lot=lot, reason="cold_chain", destination="compost_biogas"
        )
    services.lot_write_off(
        actor=user_of("trainee_coach"), lot=lot, reason="cold_chain", destination="compost_biogas"
    )
    assert StockEvent.objects.filter(lot=lot, kind="write_off", reason="cold_chain").exists()


def test_stock_is_listed_first_expiring_first(hub):
    later = hub.receive(expiry=hub.today + dt.timedelta(days=5))
    sooner = hub.receive(expiry=hub.today + dt.timedelta(days=1))
    undated = hub.receive(
        product=hub.apples, date_kind="none", expiry=None, arrival_celsius=None, location=hub.dry
    )
    assert list(selectors.lots_with_stock()) == [sooner, later, undated]
    assert list(selectors.expiring_lots()) == [sooner]


def test_moving_a_lot_changes_its_location_not_its_stock(hub):
    lot = hub.receive()
    services.lot_move(
        actor=user_of("trainee"), lot=lot, location=hub.cold.__class__.objects.get(code="koelcel-2")
    )
    state = selectors.lot_state(lot)
    assert state.location.code == "koelcel-2" and state.on_hand == Decimal("12.50")
    with pytest.raises(ValidationError):
        services.lot_move(actor=user_of("trainee"), lot=lot, location=hub.freezer)


def test_the_intake_page_refuses_bad_input_naming_the_field(hub, persona_client):
    client = persona_client("trainee")
    response = client.post(
        reverse("food_intake"),
        {
            "pickup_point": hub.store.pk,
            "product": hub.yoghurt.pk,
            "crates": "1",
            "kg": "abc",
            "date_kind": "use_by",
            "expiry": "31/02/2026",
            "location": hub.cold.pk,
        },
    )
    errors = response.context["form"].errors
    assert "kg" in errors and errors["expiry"] == ["Geef een datum als dd/mm/jjjj."]
    response = client.post(
        reverse("food_intake"),
        {
            "pickup_point": hub.store.pk,
            "product": hub.yoghurt.pk,
            "crates": "1",
            "kg": "95",
            "date_kind": "use_by",
            "expiry": hub.today.strftime("%d/%m/%Y"),
            "arrival_celsius": "4",
            "location": hub.cold.pk,
        },
    )
    assert "per bak" in " ".join(response.context["form"].errors["kg"])
    assert not Lot.objects.exists()


def test_the_intake_page_registers_a_lot_with_a_decimal_comma_and_opens_its_label(
    hub, persona_client
):
    client = persona_client("trainee")
    response = client.post(
        reverse("food_intake"),
        {
            "pickup_point": hub.store.pk,
            "product": hub.yoghurt.pk,
            "crates": "2",
            "kg": "18,4",
            "date_kind": "use_by",
            "expiry": hub.today.strftime("%d/%m/%Y"),
            "arrival_celsius": "3,5",
            "location": hub.cold.pk,
        },
    )
    lot = Lot.objects.get()
    assert lot.kg == Decimal("18.40") and lot.arrival_celsius == Decimal("3.5")
    assert response["Location"] == reverse("food_lot", args=[lot.code])
    page = client.get(reverse("food_lot", args=[lot.code.lower()])).content.decode()
    assert "<svg" in page and lot.code in page
    assert client.get(reverse("food_lot_find"), {"code": f" {lot.code.lower()} "})[
        "Location"
    ] == reverse("food_lot", args=[lot.code])


def test_the_hub_dashboard_shows_stock_and_what_expires(hub, persona_client):
    lot = hub.receive(expiry=hub.today)
    page = persona_client("hub_coordinator").get(reverse("dashboard")).content.decode()
    assert "Food Act 13" in page and lot.code in page and "12,50" in page
    assert (
        "Food Act 13"
        not in persona_client("worker_kortrijk").get(reverse("dashboard")).content.decode()
    )


def test_the_demo_hub_has_twenty_stores_four_vans_and_fourteen_trainees(db):
    from samen.food import demo
    from samen.food.models import PickupPoint, Van
    from samen.registry.models import Membership

    demo.build(seed=1)
    counts = (
        PickupPoint.objects.count(),
        Van.objects.count(),
        Membership.objects.filter(
            role="trainee", team__code="foodhub", user__username__startswith="leerwerker."
        ).count(),
    )
    assert counts == (20, 4, 14)
    demo.build(seed=1)
    assert (
        PickupPoint.objects.count(),
        Van.objects.count(),
        Membership.objects.filter(
            role="trainee", team__code="foodhub", user__username__startswith="leerwerker."
        ).count(),
    ) == counts


def test_the_lot_page_shows_allergens_in_dutch_and_actions_per_role(hub, persona_client):
    lot = hub.receive(arrival_celsius=Decimal("9.5"))
    assert "9,5 °C bij aankomst; het maximum is 7,0 °C." in lot.decision_note
    page = persona_client("trainee").get(reverse("food_lot", args=[lot.code])).content.decode()
    assert "melk" in page
    assert reverse("food_lot_release", args=[lot.code]) not in page
    assert reverse("food_lot_write_off", args=[lot.code]) not in page
    page = persona_client("trainee_coach").get(reverse("food_lot", args=[lot.code])).content
    assert reverse("food_lot_release", args=[lot.code]) in page.decode()


def test_coaches_plan_shifts_and_keep_progress_notes_for_coaches_only(db, persona_client):
    import datetime as dt

    from samen.food.models import Trainee

    trainee = Trainee.objects.create(
        first_name="Yusuf",
        last_name="T",
        contract_start=dt.date(2026, 1, 1),
        contract_end=dt.date(2026, 12, 31),
    )
    day = dt.date(2026, 11, 23)
    services.shift_plan(
        actor=user_of("trainee_coach"),
        trainee=trainee,
        date=day,
        kind="intake",
        start=dt.time(7, 30),
        end=dt.time(12, 0),
    )
    with pytest.raises(ValidationError) as exc:  # overlapping
        services.shift_plan(
            actor=user_of("trainee_coach"),
            trainee=trainee,
            date=day,
            kind="picking",
            start=dt.time(11, 0),
            end=dt.time(13, 0),
        )
    assert "overlapt" in exc.value.message_dict["start"][0]
    with pytest.raises(ValidationError):  # outside the contract
        services.shift_plan(
            actor=user_of("trainee_coach"),
            trainee=trainee,
            date=dt.date(2027, 1, 4),
            kind="intake",
            start=dt.time(8),
            end=dt.time(9),
        )
    with pytest.raises(PermissionDenied):
        services.shift_plan(
            actor=user_of("trainee"),
            trainee=trainee,
            date=day,
            kind="intake",
            start=dt.time(13),
            end=dt.time(14),
        )
    page = persona_client("trainee").get(reverse("food_roster"), {"dag": "2026-11-25"})
    assert "Yusuf T" in page.content.decode() and page.context["form"] is None
    coach = persona_client("trainee_coach")
    response = coach.post(
        reverse("food_trainee", args=[trainee.pk]),
        {"competence": "hygiene", "level": "3", "note": "Meet zelf de temp."},
    )
    assert response.status_code == 302 and trainee.notes.get().level == 3
    assert (
        persona_client("trainee").get(reverse("food_trainee", args=[trainee.pk])).status_code == 403
    )


def test_the_hub_coordinator_keeps_the_master_data_with_clear_messages(db, persona_client):
    from samen.food.models import Product, Van

    client = persona_client("hub_coordinator")
    response = client.post(
        reverse("food_master_create", args=["bestelwagens"]),
        {
            "name": "Koelwagen 9",
            "plate": "1-ABC-123",
            "capacity_kg": "-5",
            "capacity_crates": "veel",
            "refrigerated": "on",
            "shift_start": "16:00",
            "shift_end": "07:00",
            "cost_per_km": "0,35",
        },
    )
    errors = response.context["form"].errors
    assert "capacity_kg" in errors and "capacity_crates" in errors
    assert errors["shift_end"] == ["De dienst eindigt voor hij begint."]
    assert not Van.objects.filter(name="Koelwagen 9").exists()
    response = client.post(
        reverse("food_master_create", args=["bestelwagens"]),
        {
            "name": "Koelwagen 9",
            "plate": "1-ABC-123",
            "capacity_kg": "900",
            "capacity_crates": "60",
            "refrigerated": "on",
            "shift_start": "07:00",
            "shift_end": "15:30",
            "cost_per_km": "0,40",
            "active": "on",
        },
    )
    assert response.status_code == 302
    van = Van.objects.get(name="Koelwagen 9")
    assert (
        van.refrigerated and str(van.cost_per_km) == "0.40" and f"{van.shift_end:%H:%M}" == "15:30"
    )
    product = Product.objects.get(name="Pasta")
    response = client.post(
        reverse("food_master_edit", args=["producten", product.pk]),
        {
            "name": "Pasta",
            "category": product.category_id,
            "unit": "pack",
            "kg_per_unit": "0,5",
            "allergens": ["gluten", "eggs"],
        },
    )
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.allergens == ["gluten", "eggs"] and product.kg_per_unit == Decimal("0.5")
    page = client.get(reverse("food_master_list", args=["producten"])).content.decode()
    assert "Pasta" in page
    assert client.get(reverse("food_master_list", args=["onbekend"])).status_code == 404


def test_the_master_data_covers_the_receiving_organisations(world, persona_client):
    from samen.food.models import Recipient

    client = persona_client("hub_coordinator")
    response = client.post(
        reverse("food_master_create", args=["organisaties"]),
        {
            "organisation": world.food_org.pk,
            "households": "30",
            "persons": "80",
            "delivery_mode": "pickup",
            "window_start": "14:00",
            "window_end": "12:00",
            "crates_capacity": "6",
        },
    )
    assert "window_end" in response.context["form"].errors  # the window ends before it starts
    client.post(
        reverse("food_master_create", args=["organisaties"]),
        {
            "organisation": world.food_org.pk,
            "households": "30",
            "persons": "80",
            "delivery_mode": "pickup",
            "window_start": "09:00",
            "window_end": "12:00",
            "crates_capacity": "6",
        },
    )
    assert Recipient.objects.get(organisation=world.food_org).persons == 80


def test_only_a_coach_registers_a_trainee(db):
    import datetime as dt

    with pytest.raises(PermissionDenied):
        services.trainee_register(
            actor=user_of("trainee"),
            first_name="A",
            last_name="B",
            contract_start=dt.date(2026, 1, 1),
        )
    trainee = services.trainee_register(
        actor=user_of("trainee_coach"),
        first_name="A",
        last_name="B",
        contract_start=dt.date(2026, 1, 1),
    )
    assert trainee.pk


def test_a_bad_lot_action_names_the_field(hub, persona_client):
    lot = hub.receive()
    response = persona_client("trainee").post(
        reverse("food_lot_count", args=[lot.code]), {"counted_kg": "veel"}, follow=True
    )
    shown = " ".join(str(m) for m in response.context["messages"])
    assert shown.startswith("Geteld (kg):")
