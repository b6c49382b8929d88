"""Retention: files closed longer than their programme keeps them are anonymised —
birth year and municipality stay, everything naming the person goes — and audited."""

import datetime as dt

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models

from samen.access.models import AuditEntry
from samen.registry import services
from samen.registry.models import Enrolment, Note, Person, PersonRevision, Referral, Status
from samen.registry.selectors import retention_due

pytestmark = pytest.mark.django_db


def close_all(person, end: dt.date) -> int:
    return Enrolment.objects.filter(person=person).update(status=Status.CLOSED, end_date=end)


def years_after(day: dt.date, years: int, days: int) -> dt.date:
    return day.replace(year=day.year + years) + dt.timedelta(days=days)


def test_due_only_after_every_enrolment_is_closed_and_past_its_retention(world):
    lotte, marc = world.person_referred, world.person_menen
    end = dt.date(2015, 6, 30)
    assert close_all(lotte, end) >= 1
    longest = max(e.programme.retention_years for e in lotte.enrolments.all())
    assert lotte.pk not in retention_due(years_after(end, longest, 0))  # the last day kept
    assert lotte.pk in retention_due(years_after(end, longest, 1))
    assert marc.pk not in retention_due(dt.date(2100, 1, 1))  # still open
    Enrolment.objects.filter(person=lotte).update(end_date=None)  # closed without a date
    assert lotte.pk not in retention_due(dt.date(2100, 1, 1))


def test_anonymising_keeps_birth_year_and_municipality_only(world):
    lotte = world.person_referred
    municipality, birth = lotte.municipality_id, lotte.birth_date
    PersonRevision.objects.create(person=lotte, changes={"phone": ["1", "2"]})
    assert Note.objects.filter(person=lotte).count() == 2
    close_all(lotte, dt.date(2010, 1, 31))
    call_command("retention", "run", "--today", "01/01/2050")
    lotte.refresh_from_db()
    assert lotte.first_name == "[geanonimiseerd]" and lotte.last_name == f"#{lotte.pk}"
    assert lotte.birth_date == dt.date(birth.year, 1, 1) and lotte.municipality_id == municipality
    assert (lotte.phone, lotte.street, lotte.postcode, lotte.city, lotte.insz_hash) == (
        "", "", "", "", None)  # fmt: skip
    assert lotte.anonymised_at is not None
    assert not Note.objects.filter(person=lotte).exists()
    assert not PersonRevision.objects.filter(person=lotte).exists()
    referral = Referral.objects.get(person=lotte)
    assert referral.reason == "[geanonimiseerd]" and referral.status  # the facts stay
    assert Enrolment.objects.filter(person=lotte, status=Status.CLOSED).count() >= 1
    assert AuditEntry.objects.filter(action="anonymised", person_id=lotte.pk).exists()
    run = AuditEntry.objects.filter(action="retention_run").latest("seq")
    assert run.detail["anonymised"] == 1 and run.detail["day"] == "2050-01-01"
    # The others are untouched, and a second run finds nothing more.
    assert Person.objects.get(pk=world.person_kortrijk.pk).first_name == "Els"
    assert services.retention_run(today=dt.date(2050, 1, 1)) == []


def test_a_dry_run_changes_nothing(world):
    close_all(world.person_referred, dt.date(2010, 1, 31))
    due = services.retention_run(today=dt.date(2050, 1, 1), dry_run=True)
    assert due == [world.person_referred.pk]
    assert Person.objects.get(pk=world.person_referred.pk).first_name == "Lotte"


def test_the_retention_period_is_set_per_programme_and_bad_input_is_named(world, capsys):
    from django.core.management.base import CommandError

    from samen.registry.models import Programme

    call_command("retention", "set", "crisis", "3")
    assert Programme.objects.get(code="crisis").retention_years == 3
    assert AuditEntry.objects.filter(action="retention_changed").exists()
    with pytest.raises(CommandError, match="years: Een bewaartermijn ligt tussen 1 en 100 jaar"):
        call_command("retention", "set", "crisis", "0")
    with pytest.raises(CommandError, match="code: 'bestaat-niet' is geen programma"):
        call_command("retention", "set", "bestaat-niet", "5")
    with pytest.raises(CommandError, match="--today: '31/02/2030' is geen datum"):
        call_command("retention", "run", "--today", "31/02/2030")


def test_every_record_that_points_at_a_person_is_decided():
    pointing = {
        m._meta.label_lower
        for m in apps.get_models()
        for f in m._meta.get_fields()
        if isinstance(f, models.ForeignKey) and f.related_model is Person
    }
    decided = [*services.RETENTION_FREE_TEXT, *services.RETENTION_DELETED,
               *services.RETENTION_KEPT]  # fmt: skip
    assert sorted(decided) == sorted(set(decided)), "a model is named twice"
    assert pointing == set(decided)
