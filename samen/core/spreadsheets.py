"""Cells we write into spreadsheets (.xlsx, .csv) for people to open in Excel: a text that
starts like a formula (=, +, -, @, a tab or a carriage return) is written with a leading
apostrophe, so a name such as "=HYPERLINK(...)" stays text and never runs (OWASP CSV
injection). Numbers and dates are left as they are."""

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_cell(v) for v in values]
