"""Days as commands take them: dd/mm/yyyy, as Belgians write them, or ISO yyyy-mm-dd."""

import datetime as dt

DAY_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")


def parse_day(text: str) -> dt.date:
    """The day written in `text`; ValueError when it is none (31/02/2018 included)."""
    for pattern in DAY_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month."""
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
