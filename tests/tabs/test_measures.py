"""The measure plan through real refreshes: typed into the file, kept, flagged, listed."""

from __future__ import annotations

import datetime as dt
import io
import warnings
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
import python_calamine as pc

from clientbase_xl.analytics.measures import tracked
from clientbase_xl.cli import main
from clientbase_xl.inputs.settings import Settings
from tests.conftest import small_sales

AS_OF = dt.date(2025, 3, 31)


def _table(book: Path, name: str) -> pd.DataFrame:
    table = pc.CalamineWorkbook.from_path(str(book), load_tables=True).get_table_by_name(name)
    return pd.DataFrame(table.to_python(), columns=table.columns)


def _refresh(book: Path, *extra: str) -> None:
    err = io.StringIO()
    assert main(["refresh", str(book), "--in-place", *extra], io.StringIO(), err) == 0, (
        err.getvalue()
    )


def test_tracked_by_hand() -> None:
    plan = pd.DataFrame(
        {
            "direction": ["demand", "commitment", "assortment"],
            "measure": ["Call", "Visit", "Samples"],
            "owner": ["Ivanov"] * 3,
            "group": [None] * 3,
            "client": [None] * 3,
            "deadline": pd.to_datetime(["2025-03-21", "2025-03-01", None]),
            "resources": [None] * 3,
            "status": ["open", "done", "open"],
        }
    )
    out = tracked(plan, pd.Timestamp("2025-03-31"))
    # Call: open, 31 - 21 = 10 days late; Visit is done (never overdue); Samples has no deadline.
    assert list(out["measure"]) == ["Call", "Samples", "Visit"]
    assert out["overdue"].tolist()[0] == 10.0 and out["overdue"].isna().tolist()[1:] == [True, True]


def test_measures_typed_into_the_file_survive_refreshes_and_a_language_switch(
    book_from: Callable[..., Path],
) -> None:
    plan = pd.DataFrame(
        {
            "direction": ["Deeper demand", "Приверженность"],
            "measure": ["Offer A1 the spring range", "Loyalty card for B2"],
            "owner": ["Ivanov", "Petrova"],
            "deadline": pd.to_datetime(["2025-03-15", "2025-05-01"]),
            "status": [None, None],
        }
    )
    book = book_from({"sales": small_sales(), "measure_plan": plan}, settings=Settings(as_of=AS_OF))
    _refresh(book)
    listed = _table(book, "cb_actions_measures")
    assert list(listed["Measure"]) == ["Offer A1 the spring range", "Loyalty card for B2"]
    assert list(listed["State"]) == ["overdue", "open"]  # 16 days past 15 March
    assert listed["Days overdue"].iloc[0] == 16
    # The user marks the first one done in Excel (here: openpyxl) and refreshes in Russian.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        wb = openpyxl.load_workbook(book, keep_vba=True)
    ws = next(
        s for s in wb.worksheets if "cb_measure_plan" in s.tables or s.title == "Measure plan"
    )
    header = [c.value for c in ws[1]]
    ws.cell(2, header.index("Status") + 1, "done")
    wb.save(book)
    _refresh(book, "--lang", "ru")
    _refresh(book, "--lang", "ru")
    listed = _table(book, "cb_actions_measures")
    assert list(listed["Мероприятие"]) == ["Loyalty card for B2"]
    everything = _table(book, "cb_priority_measure_plan")
    assert set(everything["Состояние"]) == {"выполнено", "в работе"}
    assert "Приверженность" in set(everything["Направление"])
