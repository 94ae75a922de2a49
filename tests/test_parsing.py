"""Dates, amounts, national numbers and case numbers: tables of what is accepted and refused."""

from datetime import date, datetime

import pytest

from huurbeg.domain.casework import parse_case_number
from huurbeg.core.dates import BIRTH, COMING, NEAREST, PAST, parse_date, parse_datetime, parse_time, read_as
from huurbeg.core.money import fmt, parse_money
from huurbeg.core.national_number import normalise

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize("text, expected", [
    ("24/11/2026", date(2026, 11, 24)),
    ("4/1/2027", date(2027, 1, 4)),
    ("24-11-2026", date(2026, 11, 24)),
    ("24.11.2026", date(2026, 11, 24)),
    ("2026-11-24", date(2026, 11, 24)),
    ("29/02/2028", date(2028, 2, 29)),
    ("today", TODAY), ("Vandaag", TODAY),
    ("tomorrow", date(2026, 11, 23)), ("morgen", date(2026, 11, 23)),
    ("yesterday", date(2026, 11, 21)),
    ("+3d", date(2026, 11, 25)), ("-2w", date(2026, 11, 8)),
    ("+1m", date(2026, 12, 22)), ("+1y", date(2027, 11, 22)),
    (" 01/12/2026 ", date(2026, 12, 1)),
])
def test_dates_accepted(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", [
    "", "2026/11/24", "24/11/26", "11-24", "next week",
    "+3", "3d", "+99999d", "+500y", "-9999y", "24/11/0226", "24/11/2206", "1e5", "２４/11/2026",
])
def test_dates_refused(text):
    with pytest.raises(ValueError, match="use dd/mm/yyyy"):
        parse_date(text, TODAY)


@pytest.mark.parametrize("text, direction, expected", [
    ("17/11", COMING, date(2027, 11, 17)),  # a next visit: the coming 17/11, not five days ago
    ("17/11", PAST, date(2026, 11, 17)),  # a visit: the last 17/11
    ("17/11", NEAREST, date(2026, 11, 17)),
    ("24/11", COMING, date(2026, 11, 24)), ("24/11", PAST, date(2025, 11, 24)),
    ("24/11", NEAREST, date(2026, 11, 24)),
    ("22/11", COMING, TODAY), ("22/11", PAST, TODAY),  # today is both the coming and the last one
    ("5/1", COMING, date(2027, 1, 5)), ("5/1", PAST, date(2026, 1, 5)), ("05/01", NEAREST, date(2027, 1, 5)),
    ("1/6", NEAREST, date(2026, 6, 1)),  # 174 days back is nearer than 191 ahead
    ("31/12", PAST, date(2025, 12, 31)), ("31-12", COMING, date(2026, 12, 31)),
    ("31.12", NEAREST, date(2026, 12, 31)),
    ("29/02", COMING, date(2028, 2, 29)), ("29/2", PAST, date(2024, 2, 29)),
    ("29/02", NEAREST, date(2028, 2, 29)),  # 464 days ahead, 997 back
    (" 17/11 ", COMING, date(2027, 11, 17)),
    ("17/11/2026", COMING, date(2026, 11, 17)),  # a year typed is kept, whatever the direction
    ("tomorrow", PAST, date(2026, 11, 23)),
])
def test_a_date_without_a_year_looks_in_its_fields_direction(text, direction, expected):
    assert parse_date(text, TODAY, direction) == expected


@pytest.mark.parametrize("text, direction", [
    ("17/11", None), ("24/11", None),  # no direction (a birth date): the year is wanted
    ("171/1", COMING),
    ("17/11/", COMING), ("/11", COMING), ("17//11", PAST), ("17 11", PAST), ("1711", COMING), ("１７/11", COMING),
])
def test_a_date_without_a_year_refused(text, direction):
    with pytest.raises(ValueError, match="use dd/mm/yyyy"):
        parse_date(text, TODAY, direction)


@pytest.mark.parametrize("text, direction, reason", [
    ("31/11/1985", None, "November has 30 days"), ("31/02/2026", None, "February has 28 days in 2026"),
    ("29/02/2027", None, "February has 28 days in 2027"), ("2025-02-29", None, "February has 28 days in 2025"),
    ("32/1/2026", None, "January has 31 days"), ("31-04-2026", None, "April has 30 days"),
    ("13/13/2026", None, "the months are 1 to 12"), ("1/0/2026", None, "the months are 1 to 12"),
    ("0/1/2026", None, "the days of a month start at 1"), ("31/4/88", BIRTH, "April has 30 days"),
    ("31/11", COMING, "November has 30 days"), ("30/02", PAST, "February has 29 days"),
    ("0/11", NEAREST, "the days of a month start at 1"), ("17/13", COMING, "the months are 1 to 12"),
    ("17/0", PAST, "the months are 1 to 12"),
])
def test_a_day_the_calendar_does_not_have_is_refused_with_its_reason(text, direction, reason):
    with pytest.raises(ValueError) as caught:
        parse_date(text, TODAY, direction)
    assert str(caught.value) == f"not a date: {reason}"


@pytest.mark.parametrize("text, direction, reason", [
    ("31/11/1985", None, "november heeft 30 dagen"), ("29/02/2027", None, "februari heeft 28 dagen in 2027"),
    ("32/1/2026", None, "januari heeft 31 dagen"), ("1/13/2026", None, "de maanden gaan van 1 tot 12"),
    ("0/11", NEAREST, "de dagen van een maand beginnen bij 1"),
])
def test_in_dutch_the_reason_is_dutch(text, direction, reason):
    from huurbeg.core.i18n import speaking

    with speaking("nl"), pytest.raises(ValueError) as caught:
        parse_date(text, TODAY, direction)
    assert str(caught.value) == f"geen datum: {reason}"


def test_the_accepted_forms_name_dd_mm_only_where_it_is_accepted():
    with pytest.raises(ValueError, match=r"dd/mm/yyyy, dd/mm, yyyy-mm-dd"):
        parse_date("someday", TODAY, COMING)
    with pytest.raises(ValueError) as caught:
        parse_date("17/11", TODAY)
    assert "dd/mm," not in str(caught.value)


def test_a_filled_in_year_is_said_in_full():
    assert read_as("17/11", date(2027, 11, 17)) == "17/11 is Wednesday 17/11/2027."
    assert read_as(" 17/11 9u30", datetime(2027, 11, 17, 9, 30)) == "17/11 9u30 is Wednesday 17/11/2027 09:30."
    assert read_as("17/11/2027", date(2027, 11, 17)) is None
    assert read_as("+3d", date(2026, 11, 25)) is None


def test_a_filled_in_year_is_said_in_dutch(monkeypatch):
    monkeypatch.setenv("HUURBEG_LANG", "nl")
    assert read_as("17/11", date(2027, 11, 17)) == "17/11 is woensdag 17/11/2027."


@pytest.mark.parametrize("text, hour, minute", [
    ("9u", 9, 0), ("9U", 9, 0), ("9u30", 9, 30), ("9h30", 9, 30), ("9h", 9, 0), ("9.30", 9, 30), ("09:30", 9, 30),
    ("9:30", 9, 30), ("14u", 14, 0), ("14u05", 14, 5), ("0u", 0, 0), ("23:59", 23, 59), ("09u00", 9, 0),
    (" 9u30 ", 9, 30),
])
def test_times_accepted(text, hour, minute):
    assert (parse_time(text).hour, parse_time(text).minute) == (hour, minute)


@pytest.mark.parametrize("text", [
    "25u", "24u", "9u75", "9:60", "930", "0930", "9", "9:", "9.", "9.3", "9u3", "9u300", "u30", "9 u 30", "9m30",
    "-9u", "", "９u30", "9u30u",
])
def test_times_refused(text):
    with pytest.raises(ValueError, match=r"not a time of day; use 9u, 9u30, 9h30, 9.30 or 09:30"):
        parse_time(text)


@pytest.mark.parametrize("text, direction, expected", [
    ("24/11/2026 9u30", None, datetime(2026, 11, 24, 9, 30)),
    ("24/11/2026 9u", None, datetime(2026, 11, 24, 9, 0)),
    ("24/11/2026 9.30", None, datetime(2026, 11, 24, 9, 30)),
    ("24/11/2026 9h30", None, datetime(2026, 11, 24, 9, 30)),
    ("17/11 9u", COMING, datetime(2027, 11, 17, 9, 0)),
    ("24/11 14:00", COMING, datetime(2026, 11, 24, 14, 0)),
    ("17/11 9u30", NEAREST, datetime(2026, 11, 17, 9, 30)),
    ("tomorrow 14u", COMING, datetime(2026, 11, 23, 14, 0)),
])
def test_datetimes_in_belgian_writing(text, direction, expected):
    assert parse_datetime(text, TODAY, direction) == expected


@pytest.mark.parametrize("text, direction", [
    ("17/11 9u", None), ("24/11/2026 930", COMING), ("24/11 2026", COMING), ("24/11/2026 25u", None),
    ("24/11/2026 9u75", COMING), ("17/11", COMING), ("9u30", COMING),
])
def test_datetimes_refused(text, direction):
    with pytest.raises(ValueError, match="use"):
        parse_datetime(text, TODAY, direction)


def test_datetime_with_time_of_day():
    assert parse_datetime("24/11/2026 09:30", TODAY) == datetime(2026, 11, 24, 9, 30)
    assert parse_datetime("tomorrow 14:00", TODAY) == datetime(2026, 11, 23, 14, 0)
    for bad in ("24/11/2026", "24/11/2026 25:00", "24/11/2026 9", "tomorrow 14:60"):
        with pytest.raises(ValueError):
            parse_datetime(bad, TODAY)


@pytest.mark.parametrize("text, cents", [
    ("1234", 123400), ("1.234,56", 123456), ("1234,56", 123456), ("1234.56", 123456),
    ("1,234.56", 123456), ("1234,5", 123450), ("0,01", 1), ("€ 250", 25000), ("250 EUR", 25000),
    ("12.345.678", 1234567800), ("0", 0),
    # a dot and exactly three digits group thousands: an amount has at most two decimals
    ("1.700", 170000), ("1.234", 123400), ("1.700,50", 170050), ("1700,5", 170050), ("1 700", 170000),
    ("1 700,50", 170050), ("1\u00a0700", 170000), ("1\u202f700,50", 170050), ("€ 1.700", 170000),
    ("€1.700", 170000), ("1.700 €", 170000), ("1700.50", 170050), ("1.70", 170), ("1.7", 170), ("0.05", 5),
    ("1 234 567,89", 123456789), ("+1.700", 170000), ("1.700,-", 170000), ("€ 50,-", 5000), ("50,--", 5000),
])
def test_money_accepted(text, cents):
    assert parse_money(text) == cents


@pytest.mark.parametrize("text, reason", [
    ("-5", "negative"), ("-0,01", "negative"), ("-1.700", "negative"), ("€ -5", "negative"), ("-€ 5", "negative"),
    ("1,234", "ambiguous"), ("1,700", "ambiguous"),
    ("1.234.56", "not an amount"), ("1.700.5", "not an amount"), ("1.7000", "not an amount"),
    ("12,3456", "not an amount"), ("abc", "not an amount"), ("17 00", "not an amount"), ("1 7", "not an amount"),
    ("", "not an amount"), ("1,2,3", "not an amount"), ("1e3", "not an amount"), ("１２", "not an amount"),
    ("1.700,5.0", "not an amount"), ("€", "not an amount"), (",-", "not an amount"), ("50,-5", "not an amount"),
    ("50,50-", "not an amount"),
    ("999999999999", "too large"),
])
def test_money_refused(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_money(text)


def test_a_refused_amount_lists_the_accepted_forms():
    with pytest.raises(ValueError) as caught:
        parse_money("1.7000")
    assert str(caught.value) == "not an amount; use euros such as 1700, 1.700, 1.700,50, 1700,50, 1 700 or 1700.50"


@pytest.mark.parametrize("cents", [0, 5, 170, 170000, 170050, 123456789, 1234567800])
def test_money_printed_reads_back(cents):
    """What the tool prints (€ 1.700,00) is what a worker may type back."""
    assert parse_money(fmt(cents)) == cents


def test_money_shown_belgian():
    assert fmt(123456) == "€ 1.234,56"
    assert fmt(5) == "€ 0,05"
    assert fmt(100000000) == "€ 1.000.000,00"


@pytest.mark.parametrize("text, digits", [
    ("85073003328", "85073003328"),
    ("85.07.30-033.28", "85073003328"),
    ("85 07 30 033 28", "85073003328"),
    ("00010100105", "00010100105"),  # born 2000 or later: 2 prefixed before the modulus
])
def test_national_number_accepted(text, digits):
    assert normalise(text) == digits


@pytest.mark.parametrize("text", ["00010100137", "85073003329", "8507300332", "850730033288", "85.07.30-033.2x", ""])
def test_national_number_refused_without_echoing_it(text):
    with pytest.raises(ValueError) as caught:
        normalise(text)
    assert "85073003" not in str(caught.value)


@pytest.mark.parametrize("text, number", [("2026-0042", "2026-0042"), ("2026-42", "2026-0042"),
                                          (" 2026-12345 ", "2026-12345")])
def test_case_numbers(text, number):
    assert parse_case_number(text) == number


@pytest.mark.parametrize("text", ["２０２６-42", "2026", "26-42", "2026-0000", "2026/42", "x", "2026-", "2026-123456"])
def test_case_numbers_refused(text):
    with pytest.raises(ValueError, match="YYYY-NNNN"):
        parse_case_number(text)
