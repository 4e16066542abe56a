"""Bulk rows: the middle of each result table written from whole columns must read back exactly
as XlsxWriter's own cell-by-cell writing of the same values does."""

from __future__ import annotations

import datetime as dt
import math
import warnings
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientbase_xl.i18n import Text
from clientbase_xl.report.spec import Block, Col, ResultTab, TabSpec, utf16_truncated
from clientbase_xl.workbook import render
from clientbase_xl.workbook.graft import graft
from clientbase_xl.workbook.render import render_tabs
from tests.conftest import EXCEL_MADE_XLSM

SPEC = TabSpec(
    "probe",
    Text("Probe", "Проба"),
    Text("Every kind of cell.", "Все виды ячеек."),
    (
        Block(
            "cells",
            Text("Cells", "Ячейки"),
            (
                Col("text", Text("Text", "Текст")),
                Col("money", Text("Money", "Деньги"), "money"),
                Col("count", Text("Count", "Кол-во"), "int"),
                Col("day", Text("Day", "День"), "date"),
                Col("month", Text("Month", "Месяц"), "month"),
                Col("flag", Text("Flag", "Флаг"), "bool"),
            ),
        ),
    ),
)


Cells = dict[tuple[int, int], tuple[object, str]]


def cells_of(path: Path) -> Cells:
    """Every cell holding a value: its value and number format (styled blanks show nothing)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        ws = openpyxl.load_workbook(path)["Probe"]
    return {
        (c.row, c.column): (c.value, c.number_format)
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    }


def written(frame: pd.DataFrame, folder: Path, bulk: bool) -> Cells:
    # The graft keeps the macro book's content type: its copy is an .xlsm.
    scratch, out = folder / f"tabs-{bulk}.xlsx", folder / f"out-{bulk}.xlsm"
    with pytest.MonkeyPatch.context() as mp:
        if not bulk:
            mp.setattr(render, "BULK_MIN_ROWS", 10**9)
        rows = render_tabs([ResultTab(SPEC, {"cells": frame})], "en", scratch)
    # Whether the middle went to bulk rows: only where asked and the table is long enough,
    # and never for a column that mixes types (the frame's "text" then holds a number).
    mixed = pd.api.types.infer_dtype(frame["text"], skipna=True) not in ("string", "empty")
    assert bool(rows) == (bulk and len(frame) >= 3 and not mixed)
    graft(EXCEL_MADE_XLSM, scratch, out, remove=set(), bulk=rows)
    return cells_of(out)


texts = st.one_of(
    st.none(),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
    st.sampled_from(
        [
            " lead",
            "trail ",
            "a & b",
            "<b>",
            "x\x01y",
            "ООО «Ромашка»",
            "cr\rlf",
            "\ufffe\uffff",
            "_x0041_ and _X004a_ and _x12_",  # read as escapes unless escaped themselves
            "_x005F_x0041_",
        ]
    ),
    # Past what a cell holds, in UTF-16 code units (a character past U+FFFF counts two).
    st.sampled_from(["x" * 40_000, "😀" * 16_384, "a" + "😀" * 16_383]),
)
numbers = st.one_of(
    st.none(),
    # Not up to the largest double: XlsxWriter's 16 digits round 1.79...e308 up to infinity.
    st.floats(-1e300, 1e300),
    st.sampled_from([float("nan"), float("inf"), float("-inf")]),
    st.integers(-9, 9),
)
# Times to the millisecond, as fine as Excel shows them. A time within a microsecond of half a
# millisecond may read back 1 ms apart (XlsxWriter's 16 digits of the serial day against the
# bulk rows' shortest exact form, then openpyxl's rounding to the millisecond): found at
# 2174-01-01 00:00:03.128497.
days = st.one_of(
    st.none(),
    st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(2200, 1, 1)).map(
        lambda d: d.replace(microsecond=d.microsecond // 1000 * 1000)
    ),
)


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(
        st.tuples(texts, numbers, numbers, days, days, st.booleans()), min_size=3, max_size=8
    )
)
def test_bulk_rows_read_back_like_cell_by_cell_writing(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[object, ...]]
) -> None:
    frame = pd.DataFrame(rows, columns=["text", "money", "count", "day", "month", "flag"])
    frame["money"] = frame["money"].astype(float)
    frame["count"] = frame["count"].astype(float).where(lambda s: s.abs() < 1e15)
    frame["day"] = pd.to_datetime(frame["day"])
    frame["month"] = pd.to_datetime(frame["month"]).dt.to_period("M")
    folder = tmp_path_factory.mktemp("bulk")
    bulk, cell_by_cell = written(frame, folder, bulk=True), written(frame, folder, bulk=False)
    assert bulk.keys() == cell_by_cell.keys()
    for where, (value, number_format) in bulk.items():
        theirs, their_format = cell_by_cell[where]
        assert number_format == their_format
        if isinstance(value, float):
            # XlsxWriter writes 16 significant digits; the bulk rows the shortest exact form.
            assert isinstance(theirs, int | float) and math.isclose(value, theirs, rel_tol=1e-15)
        else:
            assert value == theirs


def test_a_text_past_a_cells_limit_is_cut_as_xlsxwriter_cuts_it() -> None:
    assert len(utf16_truncated("x" * 40_000)) == 32_767
    # 16,383 emoji are 32,766 code units; the next would pass the limit, so it is left out.
    assert utf16_truncated("😀" * 16_384) == "😀" * 16_383
    assert utf16_truncated("a" + "😀" * 16_383) == "a" + "😀" * 16_383


def test_a_column_mixing_numbers_and_text_is_left_to_xlsxwriter(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "text": ["a", 5, "c", "d"],
            "money": np.arange(4.0),
            "count": 1.0,
            "day": pd.Timestamp("2025-01-01"),
            "month": pd.Period("2025-01", "M"),
            "flag": True,
        }
    )
    # Nothing is left for bulk rows: the text column holds a number, written as a number.
    assert written(frame, tmp_path, bulk=True)[7, 1] == (5, "@")


def test_a_table_with_bulk_rows_spans_them_all(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "text": list("abcde"),
            "money": np.arange(5.0),
            "count": 1.0,
            "day": pd.Timestamp("2025-01-01"),
            "month": pd.Period("2025-01", "M"),
            "flag": False,
        }
    )
    written(frame, tmp_path, bulk=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        ws = openpyxl.load_workbook(tmp_path / "out-True.xlsm")["Probe"]
    table = ws.tables["cb_probe_cells"]
    # Header in row 5, five data rows 6-10: declared over 5-6, stretched by the graft.
    assert table.ref == "A5:F10"
    assert table.autoFilter is not None and table.autoFilter.ref == "A5:F10"
