"""The food import kinds: a good file, bad rows, a wrong header, undo."""

import datetime as dt
from decimal import Decimal as D

import pytest

from samen.food import selectors
from samen.food.models import Lot, Recipient
from samen.imports import framework
from samen.imports.models import ImportBatch
from samen.registry.models import Organisation
from tests.conftest import user_of

pytestmark = pytest.mark.django_db


def run(tmp_path, kind, text, persona="hub_coordinator"):
    path = tmp_path / "bestand.csv"
    path.write_text(text, encoding="utf-8")
    return framework.run(kind, path, actor=user_of(persona))


def test_food_organisations_are_created_updated_and_undone(tmp_path, world):
    Recipient.objects.create(organisation=world.food_org, persons=10)
    result = run(
        tmp_path,
        "food-organisations",
        "naam;gemeente;gezinnen;personen;ontvangst;venster_van;venster_tot;"
        "voedingsbeperkingen\n"
        "Vzw Nieuw;Menen;40;110;afhalen;09:00;11:30;halal, vegetarisch\n"
        f"{world.food_org.name};{world.food_org.municipality};30;75;levering;;;\n",
    )
    assert result.ok, result.errors
    nieuw = Recipient.objects.get(organisation__name="Vzw Nieuw")
    assert (nieuw.persons, nieuw.delivery_mode, nieuw.dietary) == (
        110,
        "pickup",
        ["halal", "vegetarisch"],
    )
    assert nieuw.window_end == dt.time(11, 30)
    assert Recipient.objects.get(organisation=world.food_org).persons == 75
    framework.undo(result.batch.pk, actor=user_of("hub_coordinator"))
    assert not Organisation.objects.filter(name="Vzw Nieuw").exists()
    assert Recipient.objects.get(organisation=world.food_org).persons == 10


def test_bad_food_organisation_rows_are_all_reported(tmp_path):
    result = run(
        tmp_path,
        "food-organisations",
        "naam;gemeente;personen;ontvangst;venster_van;venster_tot;voedingsbeperkingen\n"
        "A;Gent;10;levering;;;\n"
        "B;Menen;tien;per post;;;\n"
        "C;Menen;10;levering;12:00;09:00;koosjer\n",
    )
    assert {(e.row, e.column) for e in result.errors} == {
        (2, "gemeente"),
        (3, "personen"),
        (3, "ontvangst"),
        (4, "voedingsbeperkingen"),
    }
    assert not Organisation.objects.filter(name__in=["A", "B", "C"]).exists()


def test_historic_donations_count_for_the_figures_but_never_enter_todays_stock(tmp_path, hub):
    result = run(
        tmp_path,
        "donations",
        "datum;donor;product;kg;bakken;datumsoort;houdbaarheidsdatum;temperatuur\n"
        f"26/11/2018;{hub.donor.name};Yoghurt;12,5;1;tgt;28/11/2018;4,5\n"
        f"26/11/2018;{hub.donor.name};Yoghurt;3;1;tgt;25/11/2018;4\n"
        f"27/11/2018;{hub.donor.name};Appels;20;2;geen;;\n",
    )
    assert result.ok, result.errors
    lots = {lot.kg: lot for lot in Lot.objects.all()}
    assert lots[D("12.50")].decision == "accepted"
    assert lots[D("3.00")].decision == "refused"  # use-by before the day of receipt
    assert "Historische import." in lots[D("20.00")].decision_note
    assert not selectors.lots_with_stock().exists()
    figures = selectors.food_figures(dt.date(2018, 1, 1), dt.date(2018, 12, 31))
    assert figures["food.collected_kg"] == 32.5 and figures["food.donors"] == 1
    framework.undo(result.batch.pk, actor=user_of("hub_coordinator"))
    assert not Lot.objects.exists()


def test_bad_donation_rows_and_a_wrong_header(tmp_path, hub):
    result = run(
        tmp_path,
        "donations",
        "datum;donor;product;kg;datumsoort;houdbaarheidsdatum\n"
        "32/11/2018;Onbekend;Kaviaar;veel;tgt;\n"
        f"26/11/2018;{hub.donor.name};Yoghurt;95;tht;\n",
    )
    assert {(e.row, e.column) for e in result.errors} == {
        (2, "datum"),
        (2, "donor"),
        (2, "product"),
        (2, "kg"),
        (3, "houdbaarheidsdatum"),
    }
    result = run(tmp_path, "donations", "dag;donor\n1/1/2018;x\n")
    assert {e.column for e in result.errors} >= {"dag", "datum", "product", "kg"}
    assert not ImportBatch.objects.exists()


def test_only_the_hub_coordinator_or_a_coordinator_imports_donations(tmp_path, hub):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        run(tmp_path, "donations", "datum\n", persona="trainee")
