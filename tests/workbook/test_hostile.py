"""Damaged and hostile packages: each ends in a clear file problem (exit 3), never a traceback,
in bounded memory."""

import io
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientbase_xl.cli import main
from tests.conftest import parts, rewritten, sheet_part, small_sales


def run(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(args), out, err), err.getvalue()


@pytest.fixture
def book(book_from: Callable[..., Path]) -> Path:
    return book_from({"sales": small_sales()})


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    """A Sales sheet without a table, as a user's own paste looks."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sales"
    ws.append(["Date", "Client", "Amount"])
    ws.append(["2025-01-10", "A1", 10])
    ws.append(["2025-02-10", "B2", 20])
    path = tmp_path / "plain.xlsx"
    wb.save(path)
    return path


XML = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)
EXTERNAL = b'<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
PARAMETER = b'<!DOCTYPE r [<!ENTITY % p SYSTEM "http://example.invalid/x.dtd"> %p;]>'


def _hostile(part: str, body: bytes, doctype: bytes) -> bytes:
    head, _, rest = body.partition(b"?>")
    return head + b"?>" + doctype + rest


@pytest.mark.parametrize("doctype", [LAUGHS, EXTERNAL, PARAMETER], ids=["laughs", "xxe", "param"])
@pytest.mark.parametrize(
    "part", ["xl/workbook.xml", "[Content_Types].xml", "_rels/.rels", "sheet", "table"]
)
def test_entity_declarations_are_refused_never_expanded(
    book: Path, tmp_path: Path, doctype: bytes, part: str
) -> None:
    data = parts(book)
    name = {
        "sheet": sheet_part(book, "Sales"),
        "table": next(n for n in data if n.startswith("xl/tables/")),
    }.get(part, part)
    bad = rewritten(book, tmp_path / "bad.xlsm", {name: _hostile(name, data[name], doctype)})
    code, stderr = run("check", str(bad))
    assert code == 3, stderr
    assert "DOCTYPE" in stderr or "no workbook" in stderr
    assert "root:" not in stderr  # /etc/passwd was never read into a message


def test_a_truncated_workbook_part_is_named(book: Path, tmp_path: Path) -> None:
    data = parts(book)
    bad = rewritten(book, tmp_path / "bad.xlsm", {"xl/workbook.xml": data["xl/workbook.xml"][:300]})
    code, stderr = run("refresh", str(bad))
    assert code == 3 and "xl/workbook.xml: not well-formed XML" in stderr


def test_a_table_part_with_a_malformed_attribute_is_named(book: Path, tmp_path: Path) -> None:
    data = parts(book)
    table = next(n for n in data if n.startswith("xl/tables/"))
    body = data[table].replace(b"<table ", b'<table totalsRowCount="x1" ', 1)
    bad = rewritten(book, tmp_path / "bad.xlsm", {table: body})
    code, stderr = run("check", str(bad))
    assert code == 3 and f"{table}: totalsRowCount='x1' is not a count of rows" in stderr


def test_a_truncated_sheet_part_is_a_file_problem(plain: Path, tmp_path: Path) -> None:
    data = parts(plain)
    sheet = sheet_part(plain, "Sales")
    bad = rewritten(plain, tmp_path / "bad.xlsx", {sheet: data[sheet][: len(data[sheet]) // 2]})
    code, stderr = run("check", str(bad))
    assert code == 3 and stderr.startswith(f"Cannot read {bad}")


def test_a_stray_value_in_the_last_cell_is_refused_before_any_allocation(
    plain: Path, tmp_path: Path
) -> None:
    data = parts(plain)
    sheet = sheet_part(plain, "Sales")
    body = (
        data[sheet]
        .replace(b'ref="A1:C3"', b'ref="A1:XFD1048576"')
        .replace(
            b"</sheetData>",
            b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
            b"</sheetData>",
        )
    )
    bad = rewritten(plain, tmp_path / "stray.xlsx", {sheet: body})
    code, stderr = run("check", str(bad))
    assert code == 3
    assert "says its used range is A1:XFD1048576 (1,048,576 rows x 16,384 columns)" in stderr
    assert "a stray value far from the data, most likely" in stderr


def test_a_sheet_of_more_rows_than_a_sheet_holds_is_refused(plain: Path, tmp_path: Path) -> None:
    data = parts(plain)
    sheet = sheet_part(plain, "Sales")
    body = data[sheet].replace(b'ref="A1:C3"', b'ref="A1:C13000000"')
    bad = rewritten(plain, tmp_path / "tall.xlsx", {sheet: body})
    code, stderr = run("check", str(bad))
    assert code == 3 and "more than a sheet can hold" in stderr


def test_a_zip_bomb_is_refused_quickly_in_bounded_memory(plain: Path, tmp_path: Path) -> None:
    sheet = sheet_part(plain, "Sales")
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != sheet:
                zout.writestr(info, zin.read(info))
        with zout.open(sheet, "w", force_zip64=True) as fh:
            fh.write(
                XML + b'<worksheet xmlns="http://schemas.openxmlformats.org/'
                b'spreadsheetml/2006/main"><sheetData>'
            )
            block = b'<row><c t="inlineStr"><is><t>bomb</t></is></c></row>' * 20_000
            for _ in range(120):  # about 130 MB unpacked, some 200 KB packed
                fh.write(block)
            fh.write(b"</sheetData></worksheet>")
    assert bomb.stat().st_size < 2_000_000
    # The peak is the child's own VmHWM: Linux carries ru_maxrss over an exec, so the child of
    # a test process holding 475 MB would report that as its own.
    code = (
        "import re, sys, io; from clientbase_xl.cli import main; "
        f"c = main(['check', {str(bomb)!r}], io.StringIO(), sys.stderr); "
        "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1); "
        "print(c, hwm)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    exit_code, peak_kb = map(int, done.stdout.split())
    assert exit_code == 3 and "looks like a zip bomb" in done.stderr
    assert peak_kb < 400_000  # the imports alone take about 200 MB


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_damage_never_ends_in_a_traceback(book: Path, data: st.DataObject) -> None:
    raw = bytearray(book.read_bytes())
    how = data.draw(st.sampled_from(["truncate", "flip", "part"]))
    if how == "truncate":
        raw = raw[: data.draw(st.integers(0, len(raw) - 1))]
    elif how == "flip":
        for _ in range(data.draw(st.integers(1, 8))):
            at = data.draw(st.integers(0, len(raw) - 1))
            raw[at] ^= 1 << data.draw(st.integers(0, 7))
    damaged = book.with_name("damaged.xlsm")
    damaged.write_bytes(bytes(raw))
    if how == "part":
        contents = parts(book)
        name = data.draw(
            st.sampled_from(sorted(n for n in contents if n.endswith((".xml", ".rels"))))
        )
        cut = data.draw(st.integers(0, max(0, len(contents[name]) - 1)))
        rewritten(book, damaged, {name: contents[name][:cut]})
    code, stderr = run("check", str(damaged))
    assert code in (0, 1, 3), stderr
    assert "Traceback" not in stderr and "Internal error" not in stderr
