"""Close month: snapshots frozen into History, read back by the refresh."""

import io
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
import python_calamine as pc

from clientbase_xl.cli import main
from clientbase_xl.demo import demo_frames
from clientbase_xl.refresh import month_to_close
from tests.conftest import small_sales


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(args), out, err), out.getvalue(), err.getvalue()


def sheet(path: Path, name: str) -> list[list[object]]:
    book = pc.CalamineWorkbook.from_path(str(path))
    return book.get_sheet_by_name(name).to_python()


def test_the_month_to_close_is_the_last_complete_one() -> None:
    assert month_to_close(pd.Timestamp("2025-03-31")) == pd.Period("2025-03", "M")
    assert month_to_close(pd.Timestamp("2025-03-20")) == pd.Period("2025-02", "M")


def test_close_month_writes_history_and_closing_twice_keeps_one(
    book_from: Callable[..., Path],
) -> None:
    book = book_from({"sales": small_sales()})
    code, stdout, _ = run("close-month", str(book), "--in-place")
    assert code == 0
    # Sales end 2025-03-20, so February is the last complete month: A1, B2 and C3 bought in
    # the 12 months to it.
    assert stdout.splitlines()[0] == (
        "Closed 2025-02: 3 clients frozen into History (1 month(s) there now)."
    )
    rows = sheet(book, "History")
    assert rows[4][:6] == ["Month", "Client", "Manager", "ABC", "XYZ", "Cell"]
    assert len(rows) == 5 + 3
    run("close-month", str(book), "--in-place", "--month", "2025-02")
    assert len(sheet(book, "History")) == 5 + 3
    code, stdout, _ = run("close-month", str(book), "--in-place", "--month", "2025-03")
    assert code == 0 and "(2 month(s) there now)" in stdout
    assert len(sheet(book, "History")) == 5 + 3 + 4


def test_a_month_after_the_analysis_date_is_a_usage_error(
    book_from: Callable[..., Path],
) -> None:
    book = book_from({"sales": small_sales()})
    code, _, stderr = run("close-month", str(book), "--month", "2025-05")
    assert code == 2
    assert "Month 2025-05 is after the analysis date 2025-03-20" in stderr


def test_closed_months_read_back_give_the_same_tabs_as_rebuilding(
    book_from: Callable[..., Path],
    tmp_path: Path,
) -> None:
    frames = demo_frames(clients=120, months=16, seed=11)
    book = book_from({"sales": frames["sales"], "clients": frames["clients"]})
    rebuilt = tmp_path / "rebuilt.xlsm"
    assert run("refresh", str(book), "--out", str(rebuilt))[0] == 0
    for month in ("2026-07", "2026-08", "2026-09"):
        assert run("close-month", str(book), "--in-place", "--month", month)[0] == 0
    assert len({r[0] for r in sheet(book, "History")[5:]}) == 3
    from_history = tmp_path / "history.xlsm"
    assert run("refresh", str(book), "--out", str(from_history))[0] == 0
    for tab in ("Segments", "Migration", "Portfolio"):
        assert_same_cells(sheet(from_history, tab), sheet(rebuilt, tab))


def assert_same_cells(got: list[list[object]], want: list[list[object]]) -> None:
    """Equal cell by cell; numbers to 1e-12 relative, since a workbook keeps 16 digits."""
    assert len(got) == len(want)
    for row_got, row_want in zip(got, want, strict=True):
        assert len(row_got) == len(row_want)
        for a, b in zip(row_got, row_want, strict=True):
            if isinstance(a, float) and isinstance(b, float):
                assert a == pytest.approx(b, rel=1e-12, abs=1e-9)
            else:
                assert a == b
