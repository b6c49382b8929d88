import calendar
import datetime as dt

import pytest

from samen.core.dates import month_end, parse_day


@pytest.mark.parametrize("year", [2018, 2020, 2024, 2100])
def test_month_end_is_the_last_day_of_every_month(year):
    for month in range(1, 13):
        assert month_end(year, month) == dt.date(year, month, calendar.monthrange(year, month)[1])


def test_parse_day_takes_belgian_and_iso_days_and_refuses_the_rest():
    assert parse_day("01/09/2018") == parse_day("2018-09-01") == dt.date(2018, 9, 1)
    for text in ("31/02/2018", "2018/09/01", "", "morgen"):
        with pytest.raises(ValueError):
            parse_day(text)
