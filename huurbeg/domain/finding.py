"""Finding a case by a fragment of what a worker hears on the phone: `huurbeg case find`.

Pure functions, no database: the store narrows the candidates in SQL with the
substrings `patterns` gives, and `score` decides here whether a candidate really
matches and how well. Case, accents and punctuation are ignored; a word of the
query matches a word of a field exactly, as its beginning, inside it (three
letters or more), or with one typo (a letter wrong, missing, extra or two letters
swapped) when the word has at least TYPO_MIN_LENGTH letters. Names written
together or apart match each other ("Elamrani" finds "El Amrani"). A courtesy
title ("mevrouw Peeters") is no part of a name. A query of digits (with or
without punctuation) looks in the phone and national numbers; a whole phone
number matches in its national and international forms (0470…, +32 470…).
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from huurbeg.core.i18n import _
from huurbeg.domain.entities import SEARCHED

TYPO_MIN_LENGTH = 5
"""Shorter words must match as typed: one typo in four letters is another name."""
INFIX_MIN_LENGTH = 3
"""A word found inside another word (not at its start) needs at least this many letters."""
DIGITS_MIN_LENGTH = 4
"""A number fragment shorter than this matches too much to mean anything."""
FIELD_WEIGHT = {f.found: f.weight for f in SEARCHED if f.found}
"""How much a match in each field says about the case being the one looked for, as its description says
(huurbeg.domain.entities, SEARCHED): the tenant's name most, a landlord's desk, which answers for many cases, least."""
PHONES = tuple(f.found for f in SEARCHED if f.found and f.kind == "phone")
"""The fields a whole phone number is found in, in its national and international forms: the household's first."""
NUMBERS = (*(f.found for f in SEARCHED if f.found and f.kind == "national-number"), *PHONES)
"""The fields a query of digits looks in, the likeliest first."""
EXACT, PREFIX, INFIX, TYPO, TYPO_PREFIX = 1.0, 0.85, 0.6, 0.7, 0.5
"""The score of one query word by how it matched."""
BEST_SCORE = EXACT * max(FIELD_WEIGHT.values())
"""No match scores more: every word of the query is a word of the tenant's name."""
COURTESY_TITLES = frozenset({"mevrouw", "mevr", "mw", "meneer", "mijnheer", "mr", "dhr", "heer", "juffrouw",
                             "madame", "mme", "mademoiselle", "mlle", "monsieur", "mrs", "ms", "miss", "mister",
                             "familie", "fam"})
"""Words a worker hears before a name ("mevrouw Peeters"): left out of a search of other words."""
PHONE_MIN_LENGTH = 8
"""The digits a whole Belgian phone number has after its prefix (0 or +32): enough to match both forms."""


def words(text: str | None) -> list[str]:
    """Lowercase words without accents or punctuation."""
    return list(_words(text)) if text else []


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    """words, kept for the texts compared again and again (a draft's, against every candidate)."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return tuple(re.findall(r"\w+", plain))


def digits(text: str | None) -> str:
    return "".join(re.findall(r"\d", text or "", re.ASCII))


def search_key(name: str | None, address: str | None, phone: str | None, national_number: str | None) -> str | None:
    """What the store keeps per household to narrow a search on: every form a query may match."""
    name_words = words(name)
    parts = [" ".join(name_words), "".join(name_words), " ".join(words(address)), digits(phone),
             national_number or ""]
    return " ".join(p for p in parts if p) or None


def number_key(address: str | None) -> str | None:
    """What the store keeps per household to narrow intake's check of an address on: the address's numbers (a house
    number, a box, a postcode), each once, sorted, each with a space before and after (" 1 2800 "; "  " for an
    address without a number), so that a number is found whole; None without an address. Two addresses can be
    alike only when one's numbers are among the other's (_numbers_agree)."""
    if not address:
        return None
    return " " + " ".join(sorted(set(re.findall(r"\d+", address)))) + " "


def contact_key(details: list[tuple[str, str | None]]) -> str:
    """A landlord's contact details, (kind, value) as huurbeg.domain.entities describes them, in the forms a query may
    match, as search_key has a household's: a phone's digits, an e-mail's words, a name's words apart and
    together."""
    forms = []
    for kind, value in details:
        found = words(value)
        forms += [digits(value)] if kind == "phone" else [" ".join(found)] if kind == "email" else \
            [" ".join(found), "".join(found)]
    return " ".join(p for p in forms if p)


@dataclass(frozen=True)
class Query:
    """A parsed search: words, or one number (digits only)."""

    words: tuple[str, ...] = ()
    number: str | None = None
    subscriber: str | None = None  # a whole phone number without its 0, +32 or 0032 prefix


def subscriber_part(text: str) -> str | None:
    """The digits of a whole Belgian phone number after its prefix (0, +32 or 0032), or None."""
    found = digits(text)
    if text.strip().startswith("+"):
        rest = found[2:] if found.startswith("32") else None
    elif found.startswith("0032"):
        rest = found[4:]
    elif found.startswith("0") and not found.startswith("00"):
        rest = found[1:]
    else:
        rest = None
    return rest if rest and len(rest) >= PHONE_MIN_LENGTH else None


def parse_query(text: str) -> Query:
    """Words of the query; a query made of digits and punctuation only is a number. ValueError if empty."""
    if re.fullmatch(r"[\d\s.\-/+()]+", text or "", re.ASCII) and len(digits(text)) >= DIGITS_MIN_LENGTH:
        return Query(number=digits(text), subscriber=subscriber_part(text))
    found = tuple(words(text))
    named = tuple(word for word in found if word not in COURTESY_TITLES)
    found = named or found  # "mevrouw" alone is still looked for
    if not found:
        raise ValueError(_("give a name, address, phone or number to look for (at least {digits_min_length} digits "
                           "for a number)").format(digits_min_length=DIGITS_MIN_LENGTH))
    return Query(words=found)


def patterns(word: str) -> list[str]:
    """Substrings one of which any field matching `word` (with at most one typo) contains.

    One typo leaves one half of the word intact; two letters swapped across the middle
    leave the halves of the swapped word intact instead.
    """
    if len(word) < TYPO_MIN_LENGTH:
        return [word]
    mid = len(word) // 2
    swapped = word[:mid - 1] + word[mid] + word[mid - 1] + word[mid + 1:]
    return list(dict.fromkeys([word[:mid], word[mid:], swapped[:mid], swapped[mid:]]))


def key_groups(query: Query) -> list[list[str]]:
    """What the store looks for in its normalised keys: per group, substrings one of which must be there."""
    if query.number is not None:
        return [[query.number] + ([query.subscriber] if query.subscriber else [])]
    return [patterns(word) for word in query.words]


def within_one_typo(a: str, b: str) -> bool:
    """Whether a and b differ by at most one letter wrong, missing, extra, or two adjacent letters swapped."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1:]


def _word_score(word: str, tokens: list[str]) -> float:
    """How well one query word matches the best of a field's tokens (0: not at all)."""
    best = 0.0
    tolerant = len(word) >= TYPO_MIN_LENGTH
    for token in tokens:
        if token == word:
            return EXACT
        if token.startswith(word):
            best = max(best, PREFIX)
        elif len(word) >= INFIX_MIN_LENGTH and word in token:
            best = max(best, INFIX)
        elif tolerant and within_one_typo(word, token):
            best = max(best, TYPO)
        elif tolerant and len(token) > len(word) and (within_one_typo(word, token[:len(word)])
                                                      or within_one_typo(word, token[:len(word) + 1])):
            best = max(best, TYPO_PREFIX)
    return best


def _tokens(text: str | None) -> list[str]:
    """A field's words, plus adjacent words written together ("el amrani" → "elamrani")."""
    found = words(text)
    return found + ["".join(found[i:i + 2]) for i in range(len(found) - 1)] + (
        ["".join(found)] if len(found) > 2 else [])


@dataclass(frozen=True)
class Match:
    score: float
    field: str  # the field that matched best


def score(query: Query, fields: dict[str, str | None]) -> Match | None:
    """Whether a case with these fields matches the query, and how well; None when it does not.

    `fields` holds tenant, address, phone, national_number, landlord and reference, and the landlord's
    contact details under what they are found as (landlord_phone, ...): a landlord's desk finds its cases.
    Every word of the query must match some field; the score is the mean of the
    words' scores, each weighted by its field.
    """
    if query.number is not None:
        for field in NUMBERS:
            value = digits(fields.get(field))
            if value and query.number in value:
                exact = EXACT if value == query.number else PREFIX if value.startswith(query.number) else INFIX
                return Match(round(exact * FIELD_WEIGHT[field], 4), field)
        for field in PHONES:
            value = digits(fields.get(field))
            if query.subscriber and value and query.subscriber in value:  # +32 470… for 0470…, or the reverse
                exact = EXACT if subscriber_part(fields[field] or "") == query.subscriber else INFIX
                return Match(round(exact * FIELD_WEIGHT[field], 4), field)
        return None
    tokens = {field: _tokens(value) for field, value in fields.items() if value}
    found = _words_score(query.words, tokens)
    if len(query.words) > 1:  # "el amrani" typed apart for a name written together
        together = _words_score(("".join(query.words),), tokens)
        if together and (found is None or together.score > found.score):
            return together
    return found


def _words_score(query_words: tuple[str, ...], tokens: dict[str, list[str]]) -> Match | None:
    total = 0.0
    best_fields: dict[str, float] = {}
    for word in query_words:
        scored = [(_word_score(word, found) * FIELD_WEIGHT[field], field) for field, found in tokens.items()]
        value, field = max(scored, default=(0.0, ""))
        if value <= 0:
            return None
        total += value
        best_fields[field] = best_fields.get(field, 0) + value * len(word)  # longer words say more
    return Match(round(total / len(query_words), 4), max(best_fields, key=best_fields.__getitem__))


IDENTIFYING = ("name", "birth_date", "national_number", "phone", "address")
"""What tells one household from another, in the order a worker compares them."""


def phone_key(text: str | None) -> str:
    """A phone number's digits without its prefix: 0470 11 22 33 and +32 470 11 22 33 are one number."""
    return subscriber_part(text or "") or digits(text)


def _numbers_agree(one: str | None, other: str | None) -> bool:
    """Whether the numbers of two texts agree: Kerkstraat 11 and Kerkstraat 12 are two houses, however alike
    the words; a number left out on one side (the postcode) is no disagreement."""
    mine, theirs = set(re.findall(r"\d+", one or "")), set(re.findall(r"\d+", other or ""))
    return mine <= theirs or theirs <= mine


def _alike(one: str | None, other: str | None, field: str) -> bool:
    """Whether either text, searched for, finds the other: the words of `case find`, typos tolerated, and
    numbers (a house number, a postcode) exactly."""
    if not _numbers_agree(one, other):
        return False
    for query, target in ((one, other), (other, one)):
        found = tuple(word for word in words(query) if word not in COURTESY_TITLES)
        if found and target and _may_find(found, target) and score(Query(words=found), {field: target}) is not None:
            return True
    return False


def _may_find(query_words: tuple[str, ...], target: str) -> bool:
    """False when no word of `target` can match the query, as score judges (a quick test before it): a word
    matching a token as typed, as its beginning, inside it or with one typo leaves one of its patterns in
    the token, and every token (words, and words written together) is in the target's words written together."""
    joined = "".join(words(target))

    def held(word: str) -> bool:
        return any(pattern in joined for pattern in patterns(word))

    return all(held(word) for word in query_words) or (len(query_words) > 1 and held("".join(query_words)))


def cheaply_shared(one: dict, other: dict) -> set[str]:
    """Of what shared_identity compares, the facts that are cheap to compare and that two households may share:
    the birth date, the phone, and the address where both have one and their numbers agree (without which they are
    not alike). A birth date, phone or address left out here is not shared; the names are not judged here."""
    found = set()
    if one.get("birth_date") is not None and one.get("birth_date") == other.get("birth_date"):
        found.add("birth_date")
    mine = phone_key(one.get("phone"))
    if len(mine) >= DIGITS_MIN_LENGTH and mine == phone_key(other.get("phone")):
        found.add("phone")
    if one.get("address") and other.get("address") and _numbers_agree(one.get("address"), other.get("address")):
        found.add("address")
    return found


def _shares(one: dict, other: dict, field: str) -> bool:
    """Whether two households have this identifying field in common (shared_identity)."""
    if field == "name":
        return _alike(one.get("name"), other.get("name"), "tenant")
    if field == "birth_date":
        return one.get("birth_date") is not None and one.get("birth_date") == other.get("birth_date")
    if field == "national_number":
        return bool(digits(one.get("national_number"))) \
            and digits(one.get("national_number")) == digits(other.get("national_number"))
    if field == "phone":
        return len(phone_key(one.get("phone"))) >= DIGITS_MIN_LENGTH \
            and phone_key(one.get("phone")) == phone_key(other.get("phone"))
    return _alike(one.get("address"), other.get("address"), "address")


def shared_identity(one: dict, other: dict) -> list[str]:
    """What two households (name, birth_date, national_number, phone, address) have in common that
    identifies a person, judged as the search judges a match; [] for two strangers."""
    return [field for field in IDENTIFYING if _shares(one, other, field)]


COSTLY = frozenset({"name", "address"})
"""The fields judged as a search judges a match, not compared as they are: judged last."""


def shared_pair(one: dict, other: dict, pairs: Iterable[tuple[str, str]]) -> tuple[str, str] | None:
    """The first of these pairs of fields that two households both share (as shared_identity judges), or None:
    each field judged once, and only while a pair may still need it."""
    known: dict[str, bool] = {}

    def shares(field: str) -> bool:
        if field not in known:
            known[field] = _shares(one, other, field)
        return known[field]

    return next((pair for pair in pairs if all(shares(field) for field in sorted(pair, key=COSTLY.__contains__))),
                None)
