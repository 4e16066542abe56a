"""Inputs read from CSV and Parquet files or folders, as a Settings entry points them there."""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from clientbase_xl.cli import main
from clientbase_xl.errors import WorkbookError
from clientbase_xl.inputs.model import load_inputs
from clientbase_xl.inputs.schema import SALES
from clientbase_xl.inputs.settings import Settings
from clientbase_xl.sources import read_source
from tests.conftest import linked_text, small_sales

ONE_C_EXPORT = (
    "Дата;Контрагент;Сумма;Номенклатура\r\n"
    "31.12.2025;00123;1 234,56;Гвозди\r\n"
    "01.01.2026;ООО  Ромашка;(12,5);Шурупы\r\n"
)


def test_a_1c_export_in_windows_1251_with_semicolons_and_comma_decimals(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(ONE_C_EXPORT.encode("cp1251"))
    raw = read_source(path, SALES)
    assert raw.sheet == "export.csv" and raw.height == 2
    inputs, problems = load_inputs({"sales": raw})
    assert inputs is not None and not len(problems)
    sales = inputs.sales
    # "00123" is a code, so it keeps its zeros; inner double spaces collapse.
    assert sales["client"].tolist() == ["00123", "ООО Ромашка"]
    # 1 234,56 -> 1234.56; (12,5) -> -12.5, a return in 1C's accounting brackets.
    assert sales["amount"].tolist() == [1234.56, -12.5]
    assert sales["date"].tolist() == [pd.Timestamp("2025-12-31"), pd.Timestamp("2026-01-01")]


def test_a_folder_of_csv_and_parquet_files_in_any_column_order(tmp_path: Path) -> None:
    folder = tmp_path / "sales"
    (folder / "2026").mkdir(parents=True)
    (folder / "a.csv").write_text("Date,Client,Amount\n2025-01-10,A1,500\n2025-02-10,A1,300\n")
    (folder / "2026" / "b.csv").write_text("Amount,Date,Client\n20,2026-01-05,B2\nlots,,B2\n")
    table = pa.table(
        {
            "client": ["C3"],
            "date": pa.array([pd.Timestamp("2025-03-01").date()], pa.date32()),
            "amount": pa.array([7], pa.int32()),
        }
    )
    pq.write_table(table, folder / "c.parquet")
    raw = read_source(folder, SALES)
    assert [p.name for p in raw.parts] == ["sales/2026/b.csv", "sales/a.csv", "sales/c.parquet"]
    inputs, problems = load_inputs({"sales": raw})
    # The bad row is the second data row of b.csv: row 3, counting the header as row 1.
    assert [(p.sheet, p.row, p.column, p.value) for p in problems] == [
        ("sales/2026/b.csv", 3, "Amount (A)", "lots"),
        ("sales/2026/b.csv", 3, "Date (B)", ""),
    ]
    assert inputs is None
    (folder / "2026" / "b.csv").write_text("Amount,Date,Client\n20,2026-01-05,B2\n")
    inputs, _ = load_inputs({"sales": read_source(folder, SALES)})
    assert inputs is not None
    assert inputs.sales["client"].tolist() == ["B2", "A1", "A1", "C3"]
    assert inputs.sales["amount"].tolist() == [20.0, 500.0, 300.0, 7.0]


def test_missing_paths_and_differing_headers_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError, match="does not exist"):
        read_source(tmp_path / "nowhere.csv", SALES, setting="Sales file")
    (tmp_path / "empty").mkdir()
    with pytest.raises(WorkbookError, match="holds no CSV or Parquet file"):
        read_source(tmp_path / "empty", SALES)
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a.csv").write_text("Date,Client,Amount\n2025-01-10,A1,5\n")
    (folder / "b.csv").write_text("Date,Customer,Sum,Extra\n2025-01-10,A1,5,x\n")
    with pytest.raises(WorkbookError, match=r"b\.csv has the columns Date, Customer, Sum, Extra"):
        read_source(folder, SALES)


def test_a_refresh_reads_sales_from_the_file_settings_name(
    book_from: Callable[..., Path], tmp_path: Path
) -> None:
    # The workbook's own Sales sheet holds one line of client Z9; the file holds the four
    # clients of small_sales. The refresh must use the file, relative to the workbook's folder.
    sheet_sales = small_sales().head(1).assign(client="Z9")
    book = book_from({"sales": sheet_sales}, settings=Settings(sales_file="data/sales.parquet"))
    (book.parent / "data").mkdir()
    small_sales().to_parquet(book.parent / "data" / "sales.parquet")
    out = tmp_path / "out.xlsm"
    err = io.StringIO()
    assert main(["refresh", str(book), "--out", str(out)], io.StringIO(), err) == 0, err.getvalue()
    tab = pd.read_excel(out, sheet_name="Segments", header=None, engine="calamine")
    shown = set(tab.stack().astype(str))
    assert {"A1", "B2", "C3", "D4"} <= shown and "Z9" not in shown


def test_a_repeated_column_in_a_csv_is_reported_not_lost(tmp_path: Path) -> None:
    path = tmp_path / "twice.csv"
    path.write_text("Date,Client,Amount,Client\n2025-01-10,A1,5,B7\n")
    raw = read_source(path, SALES)
    assert list(raw.header) == ["Date", "Client", "Amount", "Client"]
    inputs, problems = load_inputs({"sales": raw})
    # The second Client is ignored with a warning, as on a sheet; the first one counts.
    assert [(p.column, p.severity) for p in problems] == [("Client (D)", "warning")]
    assert inputs is not None and inputs.sales["client"].tolist() == ["A1"]


def test_blank_lines_keep_the_row_numbers_a_spreadsheet_shows(tmp_path: Path) -> None:
    folder = tmp_path / "sales"
    folder.mkdir()
    # a.csv: header in line 1, a blank line 3, the bad amount in line 4.
    (folder / "a.csv").write_text("Date;Client;Amount\n2025-01-10;A1;500\n\n2025-01-11;A1;x\n")
    # b.csv: two blank lines above the header (line 3); the bad amount in line 5.
    (folder / "b.csv").write_text("\n\nDate;Client;Amount\n2025-01-12;B2;7\n2025-01-13;B2;y\n")
    _, problems = load_inputs({"sales": read_source(folder, SALES)})
    assert [(p.sheet, p.row, p.value) for p in problems] == [
        ("sales/a.csv", 4, "x"),
        ("sales/b.csv", 5, "y"),
    ]
    # One file alone counts the same way.
    _, problems = load_inputs({"sales": read_source(folder / "b.csv", SALES)})
    assert [(p.sheet, p.row, p.value) for p in problems] == [("b.csv", 5, "y")]


def _refresh(book: Path) -> tuple[int, str]:
    err = io.StringIO()
    out = book.with_name("out" + book.suffix)
    return main(["refresh", str(book), "--out", str(out)], io.StringIO(), err), err.getvalue()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("../../sales.csv", "leads outside the workbook's folder"),
        ("data/../../sales.csv", "leads outside the workbook's folder"),
        ("/", "is a whole drive or your home folder"),
        ("~", "is a whole drive or your home folder"),
        ("notes.docx", "is not a CSV or Parquet file (it ends in '.docx')"),
        ("missing.csv", "does not exist"),
        ("empty", "holds no CSV or Parquet file"),
    ],
)
def test_a_settings_path_may_lead_only_where_the_docs_say(
    book_from: Callable[..., Path], tmp_path: Path, typed: str, message: str
) -> None:
    book = book_from({"sales": small_sales()}, settings=Settings(sales_file=typed))
    small_sales().to_csv(tmp_path.parent.parent / "sales.csv", index=False)
    (tmp_path / "notes.docx").write_text("Date,Client,Amount\n")
    (tmp_path / "empty").mkdir()
    code, stderr = _refresh(book)
    assert code == 3 and message in stderr, stderr


def test_a_folder_search_is_bounded(
    book_from: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clientbase_xl import sources

    monkeypatch.setattr(sources, "MAX_ENTRIES", 5)
    folder = tmp_path / "exports"
    folder.mkdir()
    for i in range(6):
        small_sales().to_csv(folder / f"part{i}.csv", index=False)
    book = book_from({"sales": small_sales()}, settings=Settings(sales_file="exports"))
    code, stderr = _refresh(book)
    assert code == 3 and "holds more than 5 files and folders" in stderr


def test_formula_looking_text_from_a_csv_stays_text(
    book_from: Callable[..., Path], tmp_path: Path
) -> None:
    import openpyxl

    payloads = ["=cmd|' /C calc'!A0", "@SUM(1+1)", "+1+1", '=HYPERLINK("http://x.invalid")']
    sales = small_sales()
    sales["client"] = (payloads * 2)[: len(sales)]
    sales.to_csv(tmp_path / "sales.csv", index=False)
    book = book_from({"sales": small_sales()}, settings=Settings(sales_file="sales.csv"))
    code, stderr = _refresh(book)
    assert code == 0, stderr
    with warnings.catch_warnings(), book.with_name("out.xlsm").open("rb") as fh:
        warnings.simplefilter("ignore", UserWarning)  # openpyxl knows no data-bar extension
        ws = openpyxl.load_workbook(fh)["Segments"]
    cells = [c for row in ws.iter_rows() for c in row if c.value in payloads]
    links = [c for row in ws.iter_rows() for c in row if c.data_type == "f"]
    # Names stay text; the ids are the product's links, each payload only a quoted literal.
    shown = [linked_text(str(c.value)) for c in links]
    assert None not in shown
    assert {c.value for c in cells} | set(shown) == set(payloads)
    assert {c.data_type for c in cells} <= {"s"}  # text, never a formula
