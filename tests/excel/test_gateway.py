"""The xlwings gateway and the button macros against objects with xlwings' real signatures."""

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import xlwings as xw

from clientbase_xl.excel import gateway as gw
from clientbase_xl.excel.gateway import XlwingsGateway
from clientbase_xl.excel.macros import check_book, refresh_book, selected_tabs
from clientbase_xl.inputs.model import load_inputs
from tests.excel.fakes import SALES, book_with, fake_book, sheets_with


def test_reads_each_input_in_one_bulk_transfer_with_positions() -> None:
    book, rec = book_with()
    tables = XlwingsGateway(book).read_tables()
    assert set(tables) == {"sales", "settings"}
    sales = tables["sales"]
    assert (sales.sheet, sales.first_row, sales.first_col) == ("Продажи", 4, 1)
    assert sales.header == SALES[0] and sales.rows[0] == SALES[1]
    assert rec.reads == 2


def test_large_tables_are_read_in_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gw, "READ_CHUNK", 3)
    book, rec = book_with()
    tables = XlwingsGateway(book).read_tables()
    assert len(tables["sales"].rows) == len(SALES) - 1
    assert rec.reads == 3 + 1  # 8 rows in chunks of 3, and Settings


def test_input_problems_show_a_message_box_and_write_the_errors_tab() -> None:
    bad = [row[:] for row in SALES]
    bad[3][2] = "двести"
    book, _ = book_with(bad)
    refresh_book(book)
    book.app.alert.assert_called_once()
    text = book.app.alert.call_args.args[0]
    # In Russian, as the Settings sheet asks; the third data row of a table headed at row 3.
    assert text.startswith("ошибка: Продажи!6 [Amount (D)]: 'двести' Ожидалось число.")
    assert book.app.alert.call_args.kwargs["title"] == "ClientBase: ошибки во входных данных"
    assert [s.name for s in book.made][-1] in {"Errors", "Ошибки"}
    assert book.app.status_bar is False


def test_check_inputs_alerts_no_problems() -> None:
    book, _ = book_with()
    check_book(book)
    assert book.app.alert.call_args.args[0] == "Проблем не найдено."


def test_the_start_sheets_tab_choice() -> None:
    book, _ = fake_book(
        [
            (
                "Start",
                [["Tab", "Refresh"], ["Segments", "yes"], ["NPS", "no"], ["Миграция", "да"]],
                {"TabChoice": (1, 1, 4, 2)},
            )
        ]
    )
    assert selected_tabs(book) == {"segments", "migration"}
    assert selected_tabs(fake_book([])[0]) is None


def test_the_lite_main_exposes_the_same_scripts_and_functions() -> None:
    from clientbase_xl.excel import lite_main, udfs

    for name in ("refresh", "refresh_selected", "close_month", "check_inputs"):
        assert callable(getattr(lite_main, name))
    assert {f.__name__ for f in udfs.CATALOGUE} <= set(dir(lite_main))
    book, rec = book_with()
    lite_main.refresh(book)
    assert len(rec.writes) > 0


def test_the_excel_layer_needs_no_file_library() -> None:
    # xlwings Lite has no python-calamine or XlsxWriter: the Excel edge must not import them.
    import subprocess
    import sys

    code = (
        "import sys, clientbase_xl.excel.macros, clientbase_xl.excel.udfs; "
        "print(sorted(m for m in ('python_calamine', 'xlsxwriter', 'lxml') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_a_sales_file_named_in_settings_is_read_beside_the_book(tmp_path: Path) -> None:
    # The workbook's Sales table holds client A1 only; the Parquet file beside it, two clients.
    pd.DataFrame(
        {"date": pd.to_datetime(["2025-01-10", "2025-02-11"]), "client": ["F1", "F2"]}
    ).assign(amount=[10.0, 20.0]).to_parquet(tmp_path / "sales.parquet")
    book, _ = fake_book(
        [
            ("Sales", SALES[:2], {}),
            ("Settings", [["Setting", "Value"], ["Sales file", "sales.parquet"]], {}),
        ]
    )
    book.fullname = str(tmp_path / "book.xlsm")
    tables = XlwingsGateway(book).read_tables()
    assert tables["sales"].sheet == "sales.parquet"
    assert list(tables["sales"].column(1)) == ["F1", "F2"]


def test_fakes_have_xlwings_signatures() -> None:
    import inspect

    from tests.excel.fakes import FakeRange

    def shape(function: Any) -> list[tuple[str, Any, Any]]:
        params = inspect.signature(function).parameters.values()
        return [(p.name, p.kind, p.default) for p in params]

    for name in ("resize", "options", "merge"):
        assert shape(getattr(FakeRange, name)) == shape(getattr(xw.Range, name)), name
    with pytest.raises(AttributeError):
        FakeRange.__new__(FakeRange).no_such_attribute = 1


def test_rows_typed_under_an_input_table_are_found_as_the_file_reader_finds_them() -> None:
    # Two lines under the Sales table (B3:E10), one blank row between; a note beside it.
    sheets = sheets_with()
    name, cells, tables = sheets[0]
    under = [[None, dt.datetime(2025, 4, 1), "E5", 90.0, "Ivanov"], [None] * 5]
    cells = [*cells, *under, [None, None, "Итого", 1500.0, None, "note"]]
    book, _ = fake_book([(name, cells, tables), sheets[1]])
    sales = XlwingsGateway(book).read_tables()["sales"]
    assert len(sales.rows) == len(SALES) - 1  # the table as it runs
    assert sales.below == ((11, 1), (11, 2), (11, 3), (11, 4), (13, 2), (13, 3))
    _, problems = load_inputs({"sales": sales})
    assert problems.lines("en")[0].startswith(
        "warning: Продажи!11 [Date (B)]: 'B11' 2 row(s) below the table, in its columns "
        "(rows 11, 13), are not in the table"
    )


def test_a_table_that_runs_to_the_end_of_its_sheet_reads_nothing_more() -> None:
    book, rec = book_with()
    assert XlwingsGateway(book).read_tables()["sales"].below == ()
    assert rec.reads == 2  # Sales and Settings: nothing under the table was read


def test_only_the_first_rows_under_a_table_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    # Excel's used range may run far below the data: the look stops BELOW_ROWS rows down.
    monkeypatch.setattr(gw, "BELOW_ROWS", 2)
    name, cells, tables = sheets_with()[0]
    under = [[None] * 5, [None] * 5, [None, None, "C9", 5.0, None]]  # rows 11-13: 13 not read
    book, _ = fake_book([(name, [*cells, *under], tables), sheets_with()[1]])
    assert XlwingsGateway(book).read_tables()["sales"].below == ()


def test_a_reports_merged_cells_are_found_as_the_file_reader_finds_them() -> None:
    # A plain Sales sheet (a report, no table): C1 merged over rows 2-4, C2 over rows 5-6, a
    # title merged across G1:H1 beside the data.
    cells = [
        ["Client", "Date", "Amount"],
        ["C1", dt.datetime(2026, 1, 10), 100.0],
        [None, dt.datetime(2026, 1, 11), 101.0],
        [None, dt.datetime(2026, 1, 12), 102.0],
        ["C2", dt.datetime(2026, 1, 13), 200.0],
        [None, dt.datetime(2026, 1, 14), 201.0],
    ]
    book, rec = fake_book([("Sales", cells, {})])
    rec.merged += [("Sales", "$A$2:$A$4"), ("Sales", "$A$5:$A$6"), ("Sales", "$G$1:$H$1")]
    sales = XlwingsGateway(book).read_tables()["sales"]
    assert sales.merged == ((2, 4, 0, 0), (5, 6, 0, 0))
    inputs, problems = load_inputs({"sales": sales})
    assert inputs is not None and len(problems) == 0
    assert inputs.sales["client"].tolist() == ["C1"] * 3 + ["C2"] * 2
    # Without merges Excel says so in one answer, and no cell is asked for its merge area.
    book, rec = fake_book([("Sales", cells, {})])
    assert XlwingsGateway(book).read_tables()["sales"].merged == ()
