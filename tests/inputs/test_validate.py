import datetime as dt

import pandas as pd
import pytest

from clientbase_xl.inputs import schema as sc
from clientbase_xl.inputs import validate
from clientbase_xl.inputs.raw import RawTable
from clientbase_xl.inputs.validate import show_value, validate_table


def _problems(raw: RawTable, sheet: sc.SheetSchema = sc.SALES, lang: str = "en") -> pd.DataFrame:
    from clientbase_xl.inputs.problems import Problems

    _, found = validate_table(raw, sheet)
    return Problems(found).to_frame(lang)  # type: ignore[arg-type]


def test_headers_match_in_either_language_any_case_and_spacing() -> None:
    raw = RawTable(
        "Продажи",
        ["  ДАТА ", "контрагент", "Сумма без НДС", "Extra note"],
        [[dt.date(2025, 1, 1), "C1", "1 000,50", "kept"]],
    )
    frame, problems = validate_table(raw, sc.SALES)
    assert problems == []
    assert frame.loc[0, "client"] == "C1"
    assert frame.loc[0, "amount"] == 1000.5
    assert frame.loc[0, "Extra note"] == "kept"
    assert frame.loc[0, "_row"] == 2


def test_every_bad_cell_is_reported_with_sheet_row_column_value_and_fix() -> None:
    raw = RawTable(
        "Sales",
        ["Date", "Client", "Amount"],
        [
            ["31.02.2025", "C1", 10.0],
            [dt.date(2025, 1, 1), None, "ten"],
            [None, None, None],  # blank rows are skipped, not reported
            [dt.date(2025, 1, 2), "C2", 5.0],
        ],
        first_row=5,
        first_col=1,
    )
    got = _problems(raw)
    assert got.to_dict("records") == [
        {
            "severity": "error",
            "sheet": "Sales",
            "row": 5,
            "column": "Date (B)",
            "value": "31.02.2025",
            "problem": "Expected a date.",
            "fix": "Type it as 31.12.2025 or 2025-12-31, or format the cell as a date.",
        },
        {
            "severity": "error",
            "sheet": "Sales",
            "row": 6,
            "column": "Client (C)",
            "value": "",
            "problem": "The required value is empty.",
            "fix": "Fill it in or delete the row.",
        },
        {
            "severity": "error",
            "sheet": "Sales",
            "row": 6,
            "column": "Amount (D)",
            "value": "ten",
            "problem": "Expected a number.",
            "fix": "Keep only digits, a minus and one decimal separator, e.g. 1234,56.",
        },
    ]


def test_problems_read_in_russian() -> None:
    raw = RawTable("Продажи", ["Дата", "Клиент", "Сумма"], [["вчера", "C1", 1.0]])
    got = _problems(raw, lang="ru")
    assert got.loc[0, "severity"] == "ошибка"
    assert got.loc[0, "problem"] == "Ожидалась дата."


def test_a_missing_required_column_names_every_accepted_header() -> None:
    raw = RawTable("Sales", ["Date", "Amount"], [[dt.date(2025, 1, 1), 1.0]])
    got = _problems(raw)
    assert got.loc[0, "problem"] == "Required column Client / Клиент is missing."
    assert got.loc[0, "fix"].startswith("Add a column headed one of: client, Client, Клиент, ")
    assert "Контрагент" in got.loc[0, "fix"]
    assert pd.isna(got.loc[0, "row"])


def test_a_duplicate_column_is_a_warning_and_the_first_wins() -> None:
    raw = RawTable(
        "Sales", ["Date", "Client", "Amount", "Сумма"], [[dt.date(2025, 1, 1), "C1", 1.0, 99.0]]
    )
    frame, problems = validate_table(raw, sc.SALES)
    assert frame.loc[0, "amount"] == 1.0
    assert [p.severity for p in problems] == ["warning"]
    assert problems[0].render("en")[0] == (
        "Column Сумма appears twice (also in Amount (C)); this one is ignored."
    )


def test_data_under_a_blank_header_is_a_warning() -> None:
    raw = RawTable(
        "Sales", ["Date", "Client", "Amount", None], [[dt.date(2025, 1, 1), "C1", 1.0, "stray"]]
    )
    _, problems = validate_table(raw, sc.SALES)
    assert [(p.severity, p.column, p.row) for p in problems] == [("warning", "D", 1)]
    assert problems[0].render("en")[0] == "A column has data but no header; it is ignored."


def test_out_of_range_score() -> None:
    raw = RawTable("Survey", ["Date", "Client", "Score"], [[dt.date(2025, 1, 1), "C1", 11]])
    got = _problems(raw, sc.SURVEY)
    assert got.loc[0, "problem"] == "Expected a whole number from 0 to 10."
    assert got.loc[0, "value"] == "11"


def test_problems_are_listed_row_by_row_left_to_right() -> None:
    raw = RawTable(
        "Sales",
        ["Date", "Client", "Amount"],
        [
            [dt.date(2025, 1, 1), "C1", "x"],
            ["y", None, 1.0],
        ],
    )
    _, problems = validate_table(raw, sc.SALES)
    assert [(p.row, p.column) for p in problems] == [
        (2, "Amount (C)"),
        (3, "Date (A)"),
        (3, "Client (B)"),
    ]


def test_a_date_is_shown_alike_whichever_reader_handed_it() -> None:
    # fastexcel hands a Timestamp, calamine a date (midnight) or a datetime: one cell, one text.
    assert show_value(pd.Timestamp("2000-01-01")) == show_value(dt.date(2000, 1, 1)) == "2000-01-01"
    at = dt.datetime(2000, 1, 1, 10, 30)
    assert show_value(pd.Timestamp(at)) == show_value(at) == "2000-01-01 10:30:00"


def test_columns_parsed_two_at_a_time_give_what_one_at_a_time_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows: list[list[object]] = [
        [dt.date(2025, 1, 1 + i % 28), f"C{i % 7}", float(i), "x" if i % 5 else "Ok"]
        for i in range(60)
    ]
    rows[3] = ["31.02.2025", None, "ten", None]  # bad date, blank client, bad amount
    raw = RawTable("Sales", ["Date", "Client", "Amount", "Note"], rows, first_row=4)
    monkeypatch.setattr(validate, "PARALLEL_ROWS", range(0))
    alone, alone_problems = validate_table(raw, sc.SALES)
    monkeypatch.setattr(validate, "PARALLEL_ROWS", range(1, 100))
    together, together_problems = validate_table(raw, sc.SALES)
    pd.testing.assert_frame_equal(together, alone)
    assert together_problems == alone_problems
    assert [(p.row, p.column) for p in together_problems] == [
        (7, "Date (A)"),
        (7, "Client (B)"),
        (7, "Amount (C)"),
    ]


def test_a_unit_or_a_line_break_in_a_header_is_no_part_of_its_name() -> None:
    # As 1C reports and hand-made sheets head their columns: wrapped, with the unit after.
    raw = RawTable(
        "Продажи",
        ["Дата\nдокумента", "Контрагент", "Сумма,\nруб.", "Количество, шт.", "Cost (USD)"],
        [[dt.date(2025, 1, 1), "C1", "1 000,50", 3, 600]],
    )
    frame, problems = validate_table(raw, sc.SALES)
    assert problems == []
    assert frame.loc[0, ["amount", "quantity", "cost"]].tolist() == [1000.5, 3.0, 600.0]
    assert frame.loc[0, "date"] == pd.Timestamp("2025-01-01")


def test_a_column_in_thousands_is_said_at_its_header_and_not_read() -> None:
    # 1 200 in «Сумма, тыс. руб.» is 1.2 million: read as it stands, every LTV, plan and
    # wallet would be a thousand times too small.
    raw = RawTable(
        "Продажи",
        ["Дата", "Клиент", "Сумма, тыс. руб.", "Себестоимость (млн)"],
        [[dt.date(2025, 1, 1), "C1", 1200, 1]],
    )
    got = _problems(raw, lang="ru")
    # Errors first, then warnings, as the Errors tab lists them.
    assert list(zip(got["severity"], got["column"], strict=True)) == [
        ("ошибка", "Amount"),
        ("предупреждение", "Сумма, тыс. руб. (C)"),
        ("предупреждение", "Себестоимость (млн) (D)"),
    ]
    assert got.loc[1, "problem"] == (
        "Столбец Сумма, тыс. руб. в тысячах или миллионах, поэтому он не читается как Сумма: "
        "все денежные результаты были бы во столько же раз меньше."
    )
    assert got.loc[2, "fix"].endswith("и назовите столбец «Себестоимость».")


def test_an_amount_with_vat_is_read_only_when_no_net_amount_is_there() -> None:
    day = dt.date(2025, 1, 1)
    # Both: the net amount is the amount, whichever column comes first; nothing to say.
    both = RawTable(
        "Продажи", ["Дата", "Клиент", "Сумма с НДС", "Сумма без НДС"], [[day, "C1", 120, 100]]
    )
    frame, problems = validate_table(both, sc.SALES)
    assert frame.loc[0, "amount"] == 100 and problems == []
    # Only the gross one: read, with a warning at its header saying what it changes.
    gross = RawTable("Продажи", ["Дата", "Клиент", "Сумма с НДС, руб."], [[day, "C1", 120]])
    frame, problems = validate_table(gross, sc.SALES)
    assert frame.loc[0, "amount"] == 120
    assert [(p.severity, p.column) for p in problems] == [("warning", "Сумма с НДС, руб. (C)")]
    assert (
        problems[0]
        .render("en")[0]
        .startswith(
            "Column Сумма с НДС, руб. is read as Amount: amounts with VAT, where net amounts are "
            "wanted."
        )
    )
