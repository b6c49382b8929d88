"""The intake rules on their own (pure functions, the circular's cases)."""

import datetime as dt
from decimal import Decimal

import pytest

from samen.food.rules import intake_verdict

TODAY = dt.date(2018, 11, 26)


def verdict(**kw):
    fields = {
        "temperature_class": "chilled",
        "date_kind": "use_by",
        "date": TODAY,
        "arrival_celsius": Decimal("4"),
        "margin_days": 0,
        "today": TODAY,
    } | kw
    return intake_verdict(**fields)


def test_a_use_by_date_today_is_accepted_yesterday_refused():
    assert verdict().decision == "accepted"
    refused = verdict(date=TODAY - dt.timedelta(days=1))
    assert refused.decision == "refused" and "TGT 25/11/2018" in refused.reasons[0]


@pytest.mark.parametrize(
    ("celsius", "decision"), [("7.0", "accepted"), ("7.1", "quarantined"), (None, "quarantined")]
)
def test_chilled_goods_above_seven_degrees_are_quarantined(celsius, decision):
    result = verdict(arrival_celsius=Decimal(celsius) if celsius else None)
    assert result.decision == decision


@pytest.mark.parametrize(
    ("celsius", "decision"), [("-18", "accepted"), ("-15", "accepted"), ("-14.5", "quarantined")]
)
def test_frozen_goods_warmer_than_minus_fifteen_are_quarantined(celsius, decision):
    assert (
        verdict(temperature_class="frozen", arrival_celsius=Decimal(celsius)).decision == decision
    )


def test_ambient_goods_need_no_temperature():
    assert verdict(temperature_class="ambient", arrival_celsius=None).decision == "accepted"


def test_best_before_passed_is_accepted_within_the_margin_and_flagged():
    within = verdict(
        temperature_class="ambient",
        date_kind="best_before",
        date=TODAY - dt.timedelta(days=60),
        margin_days=60,
    )
    assert within.decision == "accepted" and within.flagged
    beyond = verdict(
        temperature_class="ambient",
        date_kind="best_before",
        date=TODAY - dt.timedelta(days=61),
        margin_days=60,
    )
    assert beyond.decision == "refused" and "61 dagen" in beyond.reasons[0]


def test_a_warm_lot_past_best_before_keeps_both_reasons():
    result = verdict(
        date_kind="best_before",
        date=TODAY - dt.timedelta(days=1),
        margin_days=2,
        arrival_celsius=Decimal("9"),
    )
    assert result.decision == "quarantined" and len(result.reasons) == 2
