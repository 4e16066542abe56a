"""Close month: snapshots frozen into History, read back by the refresh."""

import io
import warnings
from collections.abc import Callable
from pathlib import Path

import openpyxl
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


def table(path: Path, name: str) -> tuple[list[str], list[list[object]]]:
    """The header and data rows of the Excel table ``name``."""
    found = pc.CalamineWorkbook.from_path(str(path), load_tables=True).get_table_by_name(name)
    return list(found.columns), found.to_python()


def snapshots(path: Path) -> list[list[object]]:
    return table(path, "cb_history_snapshots")[1]


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
    header, rows = table(book, "cb_history_snapshots")
    assert header[:6] == ["Month", "Client", "Manager", "ABC", "XYZ", "Cell"]
    assert len(rows) == 3
    run("close-month", str(book), "--in-place", "--month", "2025-02")
    assert len(snapshots(book)) == 3
    code, stdout, _ = run("close-month", str(book), "--in-place", "--month", "2025-03")
    assert code == 0 and "(2 month(s) there now)" in stdout
    assert len(snapshots(book)) == 3 + 4


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
    assert len({r[0] for r in snapshots(book)}) == 3
    from_history = tmp_path / "history.xlsm"
    assert run("refresh", str(book), "--out", str(from_history))[0] == 0
    for tab in ("Segments", "Migration", "Portfolio", "Plan vs actual"):
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


def test_a_closed_month_keeps_the_plan_it_set(book_from: Callable[..., Path]) -> None:
    book = book_from({"sales": small_sales()})
    assert run("close-month", str(book), "--in-place", "--month", "2025-02")[0] == 0
    # A1 bought 500 + 300 in the 12 months to February: 800 / 12 = 66.67 a month; the plan for
    # March is 66.67 × 1.15 = 76.67 (no wallet data, so the 15 % uplift alone).
    with warnings.catch_warnings():  # openpyxl drops extensions it does not know: not under test
        warnings.simplefilter("ignore", UserWarning)
        wb = openpyxl.load_workbook(book, keep_vba=True)
    settings = wb["Settings"]
    row = next(r for r in settings.iter_rows() if r[4].value == "plan_uplift")  # Key column
    row[1].value = 50
    wb.save(book)
    assert run("refresh", str(book), "--in-place")[0] == 0
    rows = sheet(book, "Plan vs actual")
    header = next(i for i, r in enumerate(rows) if r[:2] == ["Month", "Client"])
    clients = {r[1]: r for r in rows[header + 1 :] if r[1]}
    # Frozen: 76.67, not 800 / 12 × 1.5 = 100. March brought A1 200: 261 %.
    assert clients["A1"][4] == pytest.approx(76.67)
    assert clients["A1"][5] == 200.0
    assert clients["A1"][6] == pytest.approx(200 / 76.67)


def test_close_month_keeps_the_columns_a_user_added_to_history(
    book_from: Callable[..., Path],
) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import TableColumn

    book = book_from({"sales": small_sales()})
    assert run("close-month", str(book), "--in-place", "--month", "2025-02")[0] == 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        wb = openpyxl.load_workbook(book, keep_vba=True)
    ws = wb["Closed months"]
    snapshot_table = ws.tables["cb_history_snapshots"]
    first, last = snapshot_table.ref.split(":")
    column = (
        openpyxl.utils.cell.column_index_from_string("".join(ch for ch in last if ch.isalpha())) + 1
    )
    last_row = int("".join(ch for ch in last if ch.isdigit()))
    snapshot_table.tableColumns.append(TableColumn(id=column, name="Note"))
    snapshot_table.ref = f"{first}:{get_column_letter(column)}{last_row}"
    snapshot_table.autoFilter.ref = snapshot_table.ref
    ws.cell(row=5, column=column, value="Note")
    for row in range(6, last_row + 1):
        ws.cell(row=row, column=column, value=f"call back {row}")
    wb.save(book)
    code, _, stderr = run("close-month", str(book), "--in-place", "--month", "2025-03")
    assert code == 0, stderr
    header, rows = table(book, "cb_history_snapshots")
    assert header[-1] == "Note"
    notes = [r[-1] for r in rows]
    # The three February rows keep their notes; March's four are new, their note blank.
    assert notes.count("") == 4 and {n for n in notes if n} == {
        "call back 6",
        "call back 7",
        "call back 8",
    }


def test_a_month_before_any_sale_cannot_be_closed(book_from: Callable[..., Path]) -> None:
    book = book_from({"sales": small_sales()})
    before = book.read_bytes()
    code, _, stderr = run("close-month", str(book), "--in-place", "--month", "2024-11")
    assert code == 2
    assert stderr.splitlines()[-1] == (
        "Month 2024-11 is before the first sale (2025-01): there is nothing to close yet."
    )
    assert book.read_bytes() == before


def test_close_month_freezes_the_share_of_wallet_and_keeps_earlier_months(
    book_from: Callable[..., Path],
) -> None:
    wallet = pd.DataFrame(
        {
            "client": ["A1", "A1", "C3"],
            "category": ["Tools", "Tools", "Tools"],
            "total": [4000.0, 5000.0, 400.0],
            "date": pd.to_datetime(["2025-01-31", "2025-03-15", None]),
        }
    )
    book = book_from({"sales": small_sales(), "wallet": wallet})
    assert run("close-month", str(book), "--in-place", "--month", "2025-02")[0] == 0
    header, rows = table(book, "cb_history_wallet")
    assert header == ["Month", "Client", "Category", "Our sales", "Wallet", "Share of wallet"]
    # At the end of February A1's January estimate stands (March's is not made yet): 500 + 300
    # = 800 of 4000 = 20 %; C3 80 of its undated 400 = 20 %. B2 and D4 have no estimate.
    assert [r[1:] for r in rows] == [
        ["A1", "Tools", 800.0, 4000.0, 0.2],
        ["C3", "Tools", 80.0, 400.0, 0.2],
    ]
    assert run("close-month", str(book), "--in-place", "--month", "2025-03")[0] == 0
    _, rows = table(book, "cb_history_wallet")
    # March: A1 1000 of the March estimate 5000 = 20 %; February's rows read back and kept.
    assert [(r[0].strftime("%Y-%m"), r[1], r[4]) for r in rows] == [
        ("2025-02", "A1", 4000.0),
        ("2025-02", "C3", 400.0),
        ("2025-03", "A1", 5000.0),
        ("2025-03", "C3", 400.0),
    ]
