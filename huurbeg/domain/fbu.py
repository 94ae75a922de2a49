"""Guidance agreements with the Flemish eviction-prevention fund (FBU): the fund's conditions and sums.

The service (Sociaal Huis / OCMW), the tenant and the landlord sign a guidance
agreement (begeleidingsovereenkomst). Within ten working days the service pays
the landlord half of the arrears, up to a yearly maximum (the advance,
voorschot); the tenant pays off the balance in a payment plan. Pure functions
on integer cents and dates: no database, no printing. The follow-up warnings
(advance late, filing late, plan broken) are rules in huurbeg.domain.rules.

Working days skip Saturdays, Sundays and the Belgian public holidays of the
maintained `holidays` package (country "BE"): New Year, Easter Monday, 1 May,
Ascension, Whit Monday, 21 July, 15 August, 1 and 11 November, Christmas (and
Easter Sunday and Whit Sunday, which are Sundays anyway). 8 May is not a
Belgian public holiday (it is one in France), so it counts as a working day.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from huurbeg.core import money
from huurbeg.core.codes import LandlordType
from huurbeg.core.i18n import _
from huurbeg.core.messages import text_value
from huurbeg.core.errors import Refused

ADVANCE_WORKING_DAYS = 10
"""The service pays the advance within 10 working days after signing."""
ADVANCE_SHARE_PERCENT = 50
"""The advance is 50 % of the arrears..."""
ADVANCE_MAXIMUM: tuple[tuple[date, int, str], ...] = (
    (date(2020, 1, 1), 1_250_00, "vlaanderen.be and municipal pages on the FBU, 2020 (€ 1.250)"),
    (date(2022, 1, 1), 1_316_00, "vlaanderen.be/fonds-ter-bestrijding-van-de-uithuiszettingen, "
                                 "'1.316 euro in 2022'"),
    (date(2023, 1, 1), 1_477_00, "vlaanderen.be/lokaal-woonbeleid/fonds-ter-bestrijding-van-de-uithuiszettingen-"
                                 "voor-lokale-besturen, '1.477 euro in 2023'"),
    (date(2024, 1, 1), 1_482_00, "the FBU's amount for 2024 (€ 1.482) as given to the service"),
)
"""...up to the indexed maximum of the signing date: (applies from, cents, source), oldest first.
Looked up 23/11/2026. A date between two entries takes the last known one before it (2021
takes 2020's, 2025 and later take 2024's until a newer amount is added here); a date before
the first entry takes the first (the fund started in 2019 with the same amount)."""
MIN_ARREARS_RENTS = 2
MAX_ARREARS_RENTS = 6
"""The arrears are at least 2 and at most 6 times the monthly rent, both included."""
ELIGIBLE_LANDLORDS = frozenset({LandlordType.PRIVATE, LandlordType.SVK})
"""A dwelling on the private rental market or rented through a social rental agency (SVK); not an SHM."""


@cache
def _public_holidays():
    import holidays  # heavy

    return holidays.country_holidays("BE")


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _public_holidays()


def is_public_holiday(day: date) -> bool:
    return day in _public_holidays()


def add_working_days(start: date, count: int) -> date:
    """The `count`-th working day after `start` (the day of `start` itself is not counted)."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def subtract_working_days(end: date, count: int) -> date:
    """The working day `count` working days before `end`."""
    day = end
    while count > 0:
        day -= timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def advance_due(signed: date) -> date:
    return add_working_days(signed, ADVANCE_WORKING_DAYS)


def advance_maximum(signed: date) -> int:
    """The cap (cents) of the advance for an agreement signed on `signed`."""
    applicable = [cents for since, cents, _ in ADVANCE_MAXIMUM if since <= signed]
    return applicable[-1] if applicable else ADVANCE_MAXIMUM[0][1]


def advance_for(arrears: int, signed: date) -> int:
    """The advance the fund's rules allow: half the arrears (rounded down to the cent), capped."""
    return min(arrears * ADVANCE_SHARE_PERCENT // 100, advance_maximum(signed))


class NotEligible(Refused):
    """A condition of the fund is not met; the message names the field and the rule."""


@dataclass(frozen=True)
class Terms:
    """What an agreement fixes: the arrears, the advance and when it is due, the balance the tenant pays."""

    arrears: int
    advance: int
    advance_due: date
    balance: int
    maximum: int


def terms(*, arrears: int | None, rent: int | None, landlord_type: str | None, signed: date, today: date,
          advance: int | None = None, force: bool = False) -> Terms:
    """Check the fund's conditions and compute the advance; NotEligible names the rule that fails."""
    if signed > today:
        raise NotEligible(_("the agreement cannot be signed in the future"), field="signed")
    if not rent:
        raise NotEligible(_("rent: the monthly rent of the case is unknown; FBU arrears are measured against it"),
                          hint="record_rent")
    if landlord_type is None:
        raise NotEligible(_("landlord: the case has no landlord; an FBU agreement is signed with a private "
                            "landlord or an SVK"))
    if landlord_type not in ELIGIBLE_LANDLORDS:
        raise NotEligible(_("landlord: an FBU agreement needs a private landlord or an SVK, not an SHM")
                          if landlord_type == LandlordType.SHM else
                          _("landlord: an FBU agreement needs a private landlord or an SVK, not {kind}")
                          .format(kind=text_value(LandlordType(landlord_type))))
    if not arrears:
        raise NotEligible(_("the arrears are unknown"), field="arrears", hint="give_arrears")
    low, high = MIN_ARREARS_RENTS * rent, MAX_ARREARS_RENTS * rent
    if not low <= arrears <= high:
        raise NotEligible(_("{fmt} is outside the FBU range of {min_arrears_rents} to "
                            "{max_arrears_rents} times the rent of {fmt2} ({fmt3} to {fmt4})")
                          .format(fmt=money.fmt(arrears), min_arrears_rents=MIN_ARREARS_RENTS,
                                  max_arrears_rents=MAX_ARREARS_RENTS, fmt2=money.fmt(rent), fmt3=money.fmt(low),
                                  fmt4=money.fmt(high)), field="arrears")
    allowed = advance_for(arrears, signed)
    if advance is None:
        advance = allowed
    elif advance <= 0:
        raise NotEligible(_("must be more than 0"), field="advance")
    elif advance > allowed and not force:
        raise NotEligible(_("{fmt} is more than the fund allows: {share} of the "
                            "arrears up to {fmt2} in {year}, so at most {fmt3}")
                          .format(fmt=money.fmt(advance), share=f"{ADVANCE_SHARE_PERCENT} %",
                                  fmt2=money.fmt(advance_maximum(signed)), year=signed.year, fmt3=money.fmt(allowed)),
                          field="advance", hint="force_advance")
    if advance >= arrears:
        raise NotEligible(_("must be less than the arrears, which leaves a balance for the payment plan"),
                          field="advance")
    return Terms(arrears, advance, advance_due(signed), arrears - advance, advance_maximum(signed))
