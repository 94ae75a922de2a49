"""Dates, amounts, national numbers and case numbers: tables of what is accepted and refused."""

from datetime import date, datetime

import pytest

from huurbeg.casework import parse_case_number
from huurbeg.dates import parse_date, parse_datetime
from huurbeg.money import fmt, parse_money
from huurbeg.national_number import normalise

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
    "", "31/02/2026", "29/02/2027", "13/13/2026", "2026/11/24", "24/11/26", "11-24", "next week",
    "+3", "3d", "+99999d", "+500y", "-9999y", "0/1/2026", "24/11/0226", "24/11/2206", "1e5", "２４/11/2026",
])
def test_dates_refused(text):
    with pytest.raises(ValueError, match="use dd/mm/yyyy"):
        parse_date(text, TODAY)


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
])
def test_money_accepted(text, cents):
    assert parse_money(text) == cents


@pytest.mark.parametrize("text, reason", [
    ("-5", "negative"), ("-0,01", "negative"), ("1.234", "ambiguous"), ("1,234", "ambiguous"),
    ("1.234.56", "not an amount"), ("12,3456", "not an amount"), ("abc", "not an amount"),
    ("", "not an amount"), ("1,2,3", "not an amount"), ("1e3", "not an amount"), ("１２", "not an amount"),
    ("999999999999", "too large"),
])
def test_money_refused(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_money(text)


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
