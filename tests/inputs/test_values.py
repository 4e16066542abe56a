import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientbase_xl.inputs.values import (
    _clean_id,
    _respace,
    parse_bool,
    parse_date,
    parse_id,
    parse_number,
    parse_score,
)


def test_numbers_in_every_form_spreadsheets_hold_them() -> None:
    cells = [
        1.5,
        3,
        "1 234,56",
        "1\u00a0234,56",
        "1\u202f234.5",
        "1,234.56",
        "1.234,56",
        "(12)",
        "−5",
        "1,234,567",
        "12 ₽",
        " 7 ",
        "",
        None,
        "abc",
        "1,2,3.4.5",
    ]
    parsed = parse_number(cells)
    expected = [
        1.5,
        3.0,
        1234.56,
        1234.56,
        1234.5,
        1234.56,
        1234.56,
        -12.0,
        -5.0,
        1234567.0,
        12.0,
        7.0,
    ]
    assert parsed.values[:12].tolist() == expected
    assert parsed.blank.tolist() == [False] * 12 + [True, True, False, False]
    assert parsed.bad.tolist() == [False] * 14 + [True, True]


def test_a_lone_comma_is_the_decimal_separator() -> None:
    # Russian convention: "1,5" is one and a half, never fifteen.
    assert parse_number(["1,5"]).values[0] == 1.5


def test_bools_are_not_numbers() -> None:
    parsed = parse_number([True])
    assert parsed.bad[0]


def test_dates_in_every_form() -> None:
    cells = [
        dt.date(2025, 1, 5),
        dt.datetime(2025, 1, 5, 13, 30),
        45000.0,
        45000,
        "31.12.2025",
        "2025-12-31",
        "31.12.25",
        "31/12/2025",
        "31.12.2025 10:15",
        "2025-12-31T08:00:00",
        "",
        None,
        "32.12.2025",
        "soon",
        -3.0,
    ]
    parsed = parse_date(cells)
    got = [None if pd.isna(v) else v.date() for v in parsed.values]
    # Serial 45000 is 2023-03-15: 45000 days after 1899-12-30 (Excel's day zero).
    assert got[:10] == [
        dt.date(2025, 1, 5),
        dt.date(2025, 1, 5),
        dt.date(2023, 3, 15),
        dt.date(2023, 3, 15),
        dt.date(2025, 12, 31),
        dt.date(2025, 12, 31),
        dt.date(2025, 12, 31),
        dt.date(2025, 12, 31),
        dt.date(2025, 12, 31),
        dt.date(2025, 12, 31),
    ]
    assert parsed.blank.tolist() == [False] * 10 + [True, True, False, False, False]
    assert parsed.bad.tolist() == [False] * 12 + [True, True, True]


def test_ids_are_trimmed_and_whole_numbers_lose_their_point() -> None:
    parsed = parse_id([" C1 ", 123.0, 12.5, None, "ООО  Ромашка", "\u00a0X\u00a0", ""])
    assert parsed.values.tolist()[:3] == ["C1", "123", "12.5"]
    assert parsed.values.tolist()[4:6] == ["ООО Ромашка", "X"]
    assert parsed.blank.tolist() == [False, False, False, True, False, False, True]
    assert not parsed.bad.any()


def test_invisible_characters_pasted_from_the_web_make_no_other_id_or_number() -> None:
    # A zero-width space inside, a byte-order mark in front, a joiner: all show "Ivanov".
    parsed = parse_id(["Ivanov", "Iva\u200bnov", "\ufeffIvanov", "Ivanov\u2060", "C\u200d01"])
    assert parsed.values.tolist() == ["Ivanov"] * 4 + ["C01"]
    assert parse_number(["1\u200b234,50", "\ufeff12"]).values.tolist() == [1234.5, 12.0]


def test_scores_are_whole_numbers_from_0_to_10() -> None:
    parsed = parse_score([0, 10.0, "9", 11, 7.5, -1, "x", None])
    assert parsed.values[:3].tolist() == [0.0, 10.0, 9.0]
    assert parsed.bad.tolist() == [False, False, False, True, True, True, True, False]


def test_yes_no_in_both_languages() -> None:
    parsed = parse_bool(["да", "Нет", True, False, "yes", "N", 1.0, 0, "maybe", None])
    assert parsed.values[:8].tolist() == [True, False, True, False, True, False, True, False]
    assert parsed.bad.tolist() == [False] * 8 + [True, False]


@given(st.lists(st.floats(-1e12, 1e12, allow_nan=False), max_size=30))
def test_text_with_russian_formatting_parses_back_to_the_number(values: list[float]) -> None:
    rounded = [round(v, 2) for v in values]
    texts = [f"{v:,.2f}".replace(",", "\u00a0").replace(".", ",") for v in rounded]
    parsed = parse_number(texts)
    assert np.allclose(parsed.values.to_numpy(), rounded, rtol=0, atol=1e-6)
    assert not parsed.bad.any()


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("12 000 руб.", 12000.0),
        ("12 000 РУБ", 12000.0),
        ("1 500,50 р.", 1500.5),
        ("100р", 100.0),
        ("(1 200 руб.)", -1200.0),  # accounting brackets around it
        ("USD 50", 50.0),
        ("12,5 eur", 12.5),
        ("12 тыс. руб.", None),  # thousands: no amount to guess, a bad cell
        ("руб.", None),  # a currency and no amount
        ("рубль 5", None),  # only the short forms, at either end
        ("1234-", -1234.0),  # SAP's return: the minus after the amount
        ("1 234,56-", -1234.56),
        ("1.234.567", 1234567.0),  # dots grouping thousands, no decimals
        ("1.234.567,89", 1234567.89),
        ("1.234", 1.234),  # one dot: the decimal point, as ever
        ("1.2.3", None),  # dots, but no groups of three
        ("12-5", None),  # a minus inside: no amount
        ("-", None),
    ],
)
def test_amounts_as_exports_and_people_write_them(text: str, number: float | None) -> None:
    parsed = parse_number([text])
    value = parsed.values.iloc[0]
    assert (None if np.isnan(value) else value) == number
    assert bool(parsed.bad[0]) == (number is None)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Ноябрь 2026 г.", dt.date(2026, 11, 1)),  # 1C's period of a report
        ("ноябрь 2026", dt.date(2026, 11, 1)),
        ("15 ноября 2026 г.", dt.date(2026, 11, 15)),  # 1C's date written out
        ("1 мая 2025 года", dt.date(2025, 5, 1)),
        ("май 2025", dt.date(2025, 5, 1)),
        ("сент. 2026", dt.date(2026, 9, 1)),
        ("Nov 2026", dt.date(2026, 11, 1)),
        ("November 2026", dt.date(2026, 11, 1)),
        ("3 Jan 2026", dt.date(2026, 1, 3)),
        ("31 февраля 2026", None),  # no such day
        ("market 2026", None),  # no month's name
        ("ноябрь", None),  # no year
        ("15.11.2026 г.", dt.date(2026, 11, 15)),  # 1C prints the year's «г.» after a date
        ("15.11.2026г", dt.date(2026, 11, 15)),
        ("2026.11.15", dt.date(2026, 11, 15)),
        ("2026/11/15", dt.date(2026, 11, 15)),
        ("15-11-2026", dt.date(2026, 11, 15)),
        ("15/11/26", dt.date(2026, 11, 15)),
        ("15/11/2026 14:05", dt.date(2026, 11, 15)),
        ("20261115", dt.date(2026, 11, 15)),  # SAP's and many a database's day
        ("Nov 15, 2026", dt.date(2026, 11, 15)),
        ("November 5 2026", dt.date(2026, 11, 5)),
        ("2026-11-15T23:59:59.000Z", dt.date(2026, 11, 15)),  # a CRM's API: the day written
        ("2026-11-15T10:00:00+03:00", dt.date(2026, 11, 15)),
        ("2026-11-15 10:00", dt.date(2026, 11, 15)),
        ("15.11.2026 10:00:00,5", dt.date(2026, 11, 15)),
        ("10:00", None),  # a time alone: no day
        ("45976", dt.date(2025, 11, 15)),  # a serial kept as text: 45976 days after 1899-12-30
        ("45976,5", dt.date(2025, 11, 15)),  # noon of that day, its time dropped
        ("60", None),  # below 61, refused as a typed serial is (the 1900 leap-year bug)
        ("03/04/2026", dt.date(2026, 4, 3)),  # alone, day first: the 3rd of April
        ("20261345", None),  # no 13th month
        ("2026111", None),  # seven digits: no day
        ("11/15/2026", dt.date(2026, 11, 15)),  # no 15th month: written month first
    ],
)
def test_dates_as_exports_and_people_write_them(text: str, day: dt.date | None) -> None:
    parsed = parse_date([text])
    value = parsed.values.iloc[0]
    assert (None if pd.isna(value) else value.date()) == day
    assert bool(parsed.bad[0]) == (day is None)


def test_dates_past_what_nanoseconds_hold_are_bad_cells_not_crashes() -> None:
    # Serial 132321 is 2262-04-12, a day after the last nanosecond date; 9999-12-31 is typed
    # by mistake. Both are reported as cells that are no date, the rest parse.
    parsed = parse_date([132321.0, dt.datetime(9999, 12, 31), 45000.0])
    assert parsed.bad.tolist() == [True, True, False]
    typed = parse_date(pd.Series(pd.to_datetime(["9999-12-31", "2025-01-05"]).as_unit("ms")))
    assert typed.bad.tolist() == [True, False]
    assert typed.values[1] == pd.Timestamp("2025-01-05")


#: Ids made of words, one or two spaces, ASCII whitespace, the wide spaces and other Unicode
#: whitespace: each piece often enough to meet the others.
_IDS = st.lists(
    st.sampled_from(
        [*"ab \t\n\r\f\v\u00a0\u202f\u2009\u2007\u3000\u2028\u0085\u1680\u200b\ufeff", "  "]
    ),
    max_size=6,
).map("".join)


@given(st.lists(_IDS, min_size=1, max_size=30))
def test_ids_skip_the_respacing_only_where_it_changes_nothing(ids: list[str]) -> None:
    # The quick path (trim, then respace only the untidy) against the definition (respace all),
    # on Arrow's strings (Excel, the command line) and on Python's (xlwings Lite, no Arrow).
    for storage in ("pyarrow", "python"):
        text = pd.Series(ids, dtype=pd.StringDtype(storage, na_value=np.nan))
        assert _clean_id(text).tolist() == _respace(text).tolist()


def test_a_column_of_american_dates_is_read_month_first() -> None:
    # 11/15/2026 has no 15th month and no date of the column has a first number above 12:
    # the export wrote month/day/year, so 03/04/2026 is the 4th of March.
    us = parse_date(["11/15/2026", "03/04/2026", "12/01/2026 3:45:00 PM", "1/2/26"])
    assert [v.date() for v in us.values] == [
        dt.date(2026, 11, 15),
        dt.date(2026, 3, 4),
        dt.date(2026, 12, 1),
        dt.date(2026, 1, 2),
    ]
    # One date day first (15/11/2026) makes the column day first: 11/15/2026 is then bad.
    mixed = parse_date(["15/11/2026", "11/15/2026", "03/04/2026"])
    assert mixed.bad.tolist() == [False, True, False]
    assert mixed.values.iloc[2].date() == dt.date(2026, 4, 3)


@given(st.dates(dt.date(1901, 1, 1), dt.date(2099, 12, 31)))
def test_every_written_form_of_a_date_reads_back_as_it(day: dt.date) -> None:
    forms = ["%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%Y.%m.%d", "%Y/%m/%d", "%d-%m-%Y", "%Y%m%d"]
    texts = [day.strftime(f) for f in forms] + [day.strftime("%d.%m.%Y") + " г."]
    parsed = parse_date(texts)
    assert [v.date() for v in parsed.values] == [day] * len(texts)
