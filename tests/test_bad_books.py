"""The bad-input matrix: books as real users, real exports and careless hands make them, each
with its exact outcome (exit code and the line that says what is wrong), never a traceback.

Each book is a plain workbook written by openpyxl (as a user's own paste looks): a Sales sheet of
three clients over six months (rows 2-19), a bad line or a changed part, maybe a Settings sheet.
``check`` answers where validation decides; ``refresh`` where only the analysis could fail.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest
from msoffcrypto.format.ooxml import OOXMLFile

from clientbase_xl.cli import main
from clientbase_xl.template.cfb import compound_file

HEADER = ["Date", "Client", "Amount"]
BASE = [
    [dt.datetime(2025, m, 10), client, 100.0 * (i + 1)]
    for m in range(1, 7)
    for i, client in enumerate(["C1", "C2", "C3"])
]
#: The first row after the base lines.
NEXT = len(BASE) + 2
DAY = dt.datetime(2025, 3, 3)


@dataclass(frozen=True)
class Book:
    """A case: the sheets to write, the command, and the outcome."""

    sales: list[list[object]]
    code: int
    says: tuple[str, ...] = ()
    sheets: dict[str, list[list[object]]] = field(default_factory=dict)
    command: str = "check"
    silent: bool = False  # nothing at all on stderr


def line(*cells: object) -> list[list[object]]:
    """The base lines and one more."""
    return [HEADER, *BASE, list(cells)]


def with_column(name: str, values: Callable[[int], object]) -> list[list[object]]:
    return [[*HEADER, name]] + [[*row, values(i)] for i, row in enumerate(BASE)]


def settings(*pairs: tuple[str, object]) -> dict[str, list[list[object]]]:
    return {"Settings": [["Setting", "Value"], *map(list, pairs)]}


NUMBER = "Expected a number. Keep only digits"
DATE = "Expected a date. Type it as 31.12.2025"
EMPTY = "The required value is empty. Fill it in or delete the row."
OUT = "is outside what this setting can be"
UNUSUAL = "is unusual for this setting"

CASES: dict[str, Book] = {
    # -- numbers as cells hold them ---------------------------------------------------------
    "amount in words": Book(
        line(DAY, "C1", "двести"), 1, (f"Sales!{NEXT} [Amount (C)]: 'двести' {NUMBER}",)
    ),
    "amount inf": Book(line(DAY, "C1", "inf"), 1, (f"'inf' {NUMBER}",)),
    "amount -Infinity": Book(line(DAY, "C1", "-Infinity"), 1, (f"'-Infinity' {NUMBER}",)),
    # Readers take the text NaN for a blank, as pandas does: reported as an empty amount.
    "amount NaN text": Book(line(DAY, "C1", "NaN"), 1, (f"Sales!{NEXT} [Amount (C)]: {EMPTY}",)),
    "amount 1e308": Book(
        line(DAY, "C1", 1e308), 1, ("'1e+308' The number is too large for an amount",)
    ),
    "amount 2e15": Book(line(DAY, "C1", 2e15), 1, ("too large for an amount (over 10^15)",)),
    "amount two dots": Book(line(DAY, "C1", "1.2.3"), 1, (f"'1.2.3' {NUMBER}",)),
    "amount a bool": Book(line(DAY, "C1", True), 1, (f"'True' {NUMBER}",)),
    "amount blank": Book(line(DAY, "C1", None), 1, (f"Sales!{NEXT} [Amount (C)]: {EMPTY}",)),
    "amount an error cell": Book(
        line(DAY, "C1", "#N/A"), 1, (f"Sales!{NEXT} [Amount (C)]: {EMPTY}",)
    ),
    "amount spaced ru": Book(line(DAY, "C1", "1 234,56"), 0),
    "amount nbsp ru": Book(line(DAY, "C1", "1\u00a0234,56"), 0),
    "amount in brackets": Book(line(DAY, "C1", "(12,50)"), 0),
    "amount en thousands": Book(line(DAY, "C1", "1,234.56"), 0),
    "amount with currency": Book(line(DAY, "C1", "1 234 ₽"), 0),
    "amount unicode minus": Book(line(DAY, "C1", "\u221212"), 0),
    "amount zero line": Book(line(DAY, "C1", 0), 0),
    "amount a return": Book(line(DAY, "C1", -50), 0),
    # -- dates ------------------------------------------------------------------------------
    "date 31 February": Book(
        line("31.02.2025", "C1", 5), 1, (f"Sales!{NEXT} [Date (A)]: '31.02.2025' {DATE}",)
    ),
    "date month 13": Book(line("2025-13-01", "C1", 5), 1, (f"'2025-13-01' {DATE}",)),
    "date serial 0": Book(line(0, "C1", 5), 1, (f"'0' {DATE}",)),
    "date serial 60 (1900-02-29)": Book(line(60, "C1", 5), 1, (f"'60' {DATE}",)),
    "date serial negative": Book(line(-5, "C1", 5), 1, (f"'-5' {DATE}",)),
    "date words": Book(line("вчера", "C1", 5), 1, (f"'вчера' {DATE}",)),
    "date blank": Book(line(None, "C1", 5), 1, (f"Sales!{NEXT} [Date (A)]: {EMPTY}",)),
    "date in 1900": Book(
        line(dt.datetime(1900, 1, 5), "C1", 5),
        1,
        ("'1900-01-05' The date is far from the other lines'",),
    ),
    "date in 2099": Book(
        line(dt.datetime(2099, 1, 5), "C1", 5),
        1,
        ("'2099-01-05' The date is far from the other lines'",),
    ),
    "date in 1999": Book(
        line(dt.datetime(1999, 6, 1), "C1", 5),
        1,
        ("half of them lie between 2025-02-10 and 2025-05-10",),
    ),
    "date as text ru": Book(line("03.03.2025", "C1", 5), 0),
    "date as text iso": Book(line("2025-03-03", "C1", 5), 0),
    "date as serial": Book(line(45719, "C1", 5), 0),
    "date with a time": Book(line(dt.datetime(2025, 3, 3, 17, 45), "C1", 5), 0),
    # -- client codes -----------------------------------------------------------------------
    "client blank": Book(line(DAY, None, 5), 1, (f"Sales!{NEXT} [Client (B)]: {EMPTY}",)),
    "client spaces only": Book(line(DAY, "   ", 5), 1, (f"Sales!{NEXT} [Client (B)]: {EMPTY}",)),
    "client in another case": Book(
        line(DAY, "c1", 5),
        0,
        (
            "Client codes C1, c1 differ only in upper and lower case; they are counted as 2 different clients.",
        ),
    ),
    "client three spellings": Book(
        [
            HEADER,
            *BASE,
            [DAY, "c1", 5],
            [DAY, "C1 ", 5],
            [DAY, "c1", 6],
            [DAY, "cL", 1],
            [DAY, "Cl", 1],
        ],
        0,
        ("Client codes C1, c1 differ", "Client codes cL, Cl differ"),
    ),
    "client Итого": Book(
        line(dt.datetime(2025, 6, 30), "Итого", 1800.0),
        0,
        (
            f"Sales!{NEXT} [Client (B)]: 'Итого' 1 totals line(s) (rows {NEXT}) left out of the analysis",
        ),
    ),
    "client Всего:": Book(
        line(dt.datetime(2025, 6, 30), "Всего:", 1800.0), 0, ("«Всего:» is a report's total",)
    ),
    "client TOTAL": Book(
        line(dt.datetime(2025, 6, 30), "TOTAL", 1800.0), 0, ("«TOTAL» is a report's total",)
    ),
    "client Grand total": Book(
        line(dt.datetime(2025, 6, 30), "Grand total", 1800.0),
        0,
        ("«Grand total» is a report's total",),
    ),
    "client Итого по клиенту": Book(
        line(dt.datetime(2025, 6, 30), "Итого по клиенту", 1.0), 0, ("totals line(s)",)
    ),
    "client a number": Book(line(DAY, 123, 5), 0),
    "client leading zeros": Book(line(DAY, "00123", 5), 0),
    "client named Totalmarket": Book(line(DAY, "Totalmarket", 5), 0, silent=True),
    # -- the sheet as a whole ---------------------------------------------------------------
    "only returns": Book(
        [HEADER, *([d, c, -a] for d, c, a in BASE)],
        1,
        ("No line has a positive amount: every line is a return or zero",),
    ),
    "every amount zero": Book(
        [HEADER, *([d, c, 0] for d, c, a in BASE)], 1, ("No line has a positive amount",)
    ),
    "header only": Book([HEADER], 1, ("The sheet has no data rows.",)),
    "no amount column": Book(
        [["Date", "Client"], *([d, c] for d, c, a in BASE)],
        1,
        ("Required column Amount / Сумма is missing.",),
    ),
    "no client column": Book(
        [["Date", "Amount"], *([d, a] for d, c, a in BASE)],
        1,
        ("Required column Client / Клиент is missing.",),
    ),
    "russian headers": Book([["Дата", "Контрагент", "Сумма"], *BASE], 0),
    "headers in another case and spacing": Book([["  DATE ", "client", "AMOUNT"], *BASE], 0),
    "amount column twice": Book(
        [[*HEADER, "Amount"], *([*r, 1] for r in BASE)], 0, ("Column Amount appears twice",)
    ),
    "blank header over data": Book(
        [[*HEADER, None], *([*r, 1] for r in BASE)], 0, ("warning: Sales!1 [D]",)
    ),
    "blank manager column": Book(with_column("Manager", lambda i: None), 0, command="refresh"),
    "one manager": Book(with_column("Manager", lambda i: "Ivanov"), 0, command="refresh"),
    "manager codes with spaces": Book(
        with_column("Manager", lambda i: " Ivanov  P. "), 0, command="refresh"
    ),
    "extra columns kept": Book(with_column("Comment", lambda i: f"note {i}"), 0),
    "one line only": Book([HEADER, BASE[0]], 0, command="refresh"),
    "one client only": Book([HEADER, *(r for r in BASE if r[1] == "C1")], 0, command="refresh"),
    "one month only": Book([HEADER, *(r for r in BASE if r[0].month == 1)], 0, command="refresh"),
    "only returns but one": Book(
        [HEADER, *([d, c, -a] for d, c, a in BASE[1:]), BASE[0]], 0, command="refresh"
    ),
    "two sales on one day": Book(line(BASE[0][0], "C1", 100.0), 0, command="refresh"),
    "no Sales sheet": Book(
        [["Name"], ["x"]], 1, ("Required sheet Sales / Продажи is missing.",), sheets={}
    ),
    # -- the analysis date ------------------------------------------------------------------
    "as of years after the last sale": Book(
        [HEADER, *BASE],
        1,
        (
            "The analysis window (12 months to 2031-01-01) holds no sale: the last sale is on 2025-06-10.",
        ),
        settings(("Analysis date", dt.datetime(2031, 1, 1))),
    ),
    "as of half a year after": Book(
        [HEADER, *BASE],
        0,
        ("The analysis date is 204 days after the last sale (2025-06-10)",),
        settings(("Analysis date", dt.datetime(2025, 12, 31))),
        command="refresh",
    ),
    "as of before the first sale": Book(
        [HEADER, *BASE],
        1,
        ("The analysis date is before the first sale (2025-01-10).",),
        settings(("Analysis date", dt.datetime(2024, 12, 31))),
    ),
    "as of inside: later lines left out": Book(
        [HEADER, *BASE],
        0,
        (
            "Sales!17 [Date (A)]: '2025-06-10' 3 line(s) dated after the analysis date 2025-05-31 (rows 17, 18, 19) are left out.",
        ),
        settings(("Analysis date", "31.05.2025")),
    ),
    "as of not a date": Book(
        [HEADER, *BASE], 1, ("'someday' Expected a date.",), settings(("Analysis date", "someday"))
    ),
    # -- settings out of range, unusual, twice, unknown --------------------------------------
    "xyz share 150 %": Book(
        [HEADER, *BASE],
        1,
        (f"'150%' 150 {OUT}: above 0, up to 100.",),
        settings(("XYZ regular months", "150%")),
    ),
    "xyz share -20 %": Book(
        [HEADER, *BASE], 1, (f"'-20%' -20 {OUT}",), settings(("XYZ regular months, %", "-20%"))
    ),
    "xyz share 0": Book([HEADER, *BASE], 1, (f"'0' 0 {OUT}",), settings(("xyz_x_share", 0))),
    "xyz share 30 % unusual": Book(
        [HEADER, *BASE],
        0,
        (f"'30' 30 {UNUSUAL} (usually 50 to 100)",),
        settings(("xyz_x_share", 30)),
    ),
    "nps target 500": Book(
        [HEADER, *BASE], 1, (f"'500' 500 {OUT}: from -100 to 100.",), settings(("NPS target", 500))
    ),
    "nps target -101": Book([HEADER, *BASE], 1, (f"-101 {OUT}",), settings(("NPS target", -101))),
    "nps target 95 unusual": Book(
        [HEADER, *BASE], 0, (f"95 {UNUSUAL}",), settings(("NPS target", 95))
    ),
    "clv discount -50 %": Book(
        [HEADER, *BASE],
        1,
        (f"'-50%' -50 {OUT}: from 0 to 100.",),
        settings(("CLV discount", "-50%")),
    ),
    "clv discount 150": Book([HEADER, *BASE], 1, (f"150 {OUT}",), settings(("clv_discount", 150))),
    "clv discount 12 unusual": Book(
        [HEADER, *BASE], 0, (f"12 {UNUSUAL} (usually 0 to 5)",), settings(("clv_discount", 12))
    ),
    "clv discount 1.5 %": Book(
        [HEADER, *BASE], 0, silent=True, sheets=settings(("clv_discount", "1.5 %"))
    ),
    "plan uplift -100 %": Book(
        [HEADER, *BASE],
        1,
        (f"-100 {OUT}: above -100, up to 1000.",),
        settings(("Plan uplift", "-100%")),
    ),
    "plan uplift 5000 %": Book(
        [HEADER, *BASE], 1, (f"5000 {OUT}",), settings(("plan_uplift", 5000))
    ),
    "plan uplift 300 % unusual": Book(
        [HEADER, *BASE], 0, (f"300 {UNUSUAL}",), settings(("plan_uplift", 300))
    ),
    "window 0 months": Book(
        [HEADER, *BASE], 1, ("Expected a whole number of months.",), settings(("window_months", 0))
    ),
    "window 500 months": Book(
        [HEADER, *BASE], 1, (f"500 {OUT}: from 1 to 120.",), settings(("window_months", 500))
    ),
    "window 2 months unusual": Book(
        [HEADER, *BASE], 0, (f"2 {UNUSUAL}",), settings(("window_months", 2))
    ),
    "window 6.5 months": Book(
        [HEADER, *BASE],
        1,
        ("'6.5' Expected a whole number of months.",),
        settings(("window_months", 6.5)),
    ),
    "churn days 10000": Book(
        [HEADER, *BASE], 1, (f"10000 {OUT}",), settings(("churn_days", 10000))
    ),
    "churn days 7 unusual": Book(
        [HEADER, *BASE], 0, (f"7 {UNUSUAL}",), settings(("churn_days", 7))
    ),
    "history months 0": Book(
        [HEADER, *BASE], 1, ("Expected a whole number of months.",), settings(("history_months", 0))
    ),
    "clv months 500": Book([HEADER, *BASE], 1, (f"500 {OUT}",), settings(("clv_months", 500))),
    "setting twice, two values": Book(
        [HEADER, *BASE],
        1,
        (
            "Settings!3 [Window months]: '6' This setting is given twice (rows 2 and 3), with different values.",
        ),
        settings(("Window months", 12), ("Window months", 6)),
    ),
    "setting twice, one value": Book(
        [HEADER, *BASE],
        0,
        ("This setting is given twice (rows 2 and 3), with the same value.",),
        settings(("Window months", 12), ("window_months", 12)),
    ),
    "setting twice, the first unreadable": Book(
        [HEADER, *BASE],
        1,
        (
            "Settings!2 [Window months]: 'many' Expected a whole number of months.",
            "Settings!3 [Window months]: '6' This setting is given twice (rows 2 and 3), with different values.",
        ),
        settings(("Window months", "many"), ("Window months", 6)),
    ),
    "unknown setting": Book(
        [HEADER, *BASE], 1, ("'Colour' Unknown setting.",), settings(("Colour", "red"))
    ),
    "abc thresholds decreasing": Book(
        [HEADER, *BASE],
        1,
        ("Expected two increasing percentages like 80/95.",),
        settings(("abc_thresholds", "95/80")),
    ),
    "abc thresholds three": Book(
        [HEADER, *BASE],
        1,
        ("'50/80/95' Expected two increasing percentages",),
        settings(("abc_thresholds", "50/80/95")),
    ),
    "abc thresholds 100": Book(
        [HEADER, *BASE],
        1,
        ("Expected two increasing percentages",),
        settings(("abc_thresholds", "80/100")),
    ),
    "abc metric unknown": Book(
        [HEADER, *BASE],
        1,
        ("Expected revenue, margin or quantity.",),
        settings(("abc_metric", "profit")),
    ),
    "xyz method unknown": Book(
        [HEADER, *BASE],
        1,
        ("Expected regularity or variation.",),
        settings(("xyz_method", "magic")),
    ),
    "language unknown": Book(
        [HEADER, *BASE], 1, ("Expected en or ru.",), settings(("language", "de"))
    ),
    "language ru": Book([HEADER, *BASE], 0, silent=True, sheets=settings(("Язык", "ru"))),
    "manager load reversed": Book(
        [HEADER, *BASE],
        1,
        ("two increasing whole numbers like 50/250",),
        settings(("manager_load", "250/50")),
    ),
    "abcd yes": Book([HEADER, *BASE], 0, silent=True, sheets=settings(("ABCD", "да"))),
    "abcd maybe": Book([HEADER, *BASE], 1, ("Expected yes or no.",), settings(("ABCD", "maybe"))),
    "settings with a blank value": Book(
        [HEADER, *BASE], 0, silent=True, sheets=settings(("window_months", None))
    ),
    "migration month outside the data": Book(
        [HEADER, *BASE],
        0,
        (
            "[migration_to]: '2023-01' No sales in 2023-01, the month this setting names: the migration compares the latest month instead.",
        ),
        settings(("migration_to", "2023-01")),
    ),
    # -- other sheets -----------------------------------------------------------------------
    "survey score 11": Book(
        [HEADER, *BASE],
        1,
        ("Survey!2 [Score (C)]: '11' Expected a whole number from 0 to 10.",),
        {"Survey": [["Date", "Client", "Score"], [DAY, "C1", 11]]},
    ),
    "survey score 7.5": Book(
        [HEADER, *BASE],
        1,
        ("'7.5' Expected a whole number from 0 to 10.",),
        {"Survey": [["Date", "Client", "Score"], [DAY, "C1", 7.5]]},
    ),
    "survey score words": Book(
        [HEADER, *BASE],
        1,
        ("'десять' Expected a whole number",),
        {"Survey": [["Date", "Client", "Score"], [DAY, "C1", "десять"]]},
    ),
    "survey fine": Book(
        [HEADER, *BASE],
        0,
        silent=True,
        sheets={"Survey": [["Date", "Client", "Score"], [DAY, "C1", 9], [DAY, "C2", 3]]},
    ),
    "clients twice": Book(
        [HEADER, *BASE],
        1,
        ("Clients!3",),
        {"Clients": [["Client", "Name"], ["C1", "One"], ["C1", "Uno"]]},
    ),
    "wallet below our sales": Book(
        [[*HEADER, "Category"], *([*r, "Tools"] for r in BASE)],
        0,
        ("warning: Wallet!2 [Total (C)]: '10'",),
        {"Wallet": [["Client", "Category", "Total"], ["C1", "Tools", 10]]},
    ),
    "wallet of a category we never sold": Book(
        [[*HEADER, "Category"], *([*r, "Tools"] for r in BASE)],
        0,
        silent=True,
        sheets={"Wallet": [["Client", "Category", "Total"], ["C1", "Paint", 10]]},
    ),
    "wallet total in words": Book(
        [HEADER, *BASE],
        1,
        ("Wallet!2 [Total (C)]: 'много' Expected a number.",),
        {"Wallet": [["Client", "Category", "Total"], ["C1", "Tools", "много"]]},
    ),
    "managers twice": Book(
        [HEADER, *BASE], 1, ("Managers!3",), {"Managers": [["Manager"], ["Ivanov"], ["Ivanov"]]}
    ),
    "history month after the analysis date": Book(
        [HEADER, *BASE],
        1,
        ("History holds month 2026-03, after the analysis date 2025-06-10",),
        {
            "History": [
                [
                    "Month",
                    "Client",
                    "Manager",
                    "ABC",
                    "XYZ",
                    "Cell",
                    "Revenue",
                    "Margin",
                    "Orders",
                    "Months with orders",
                ],
                [dt.datetime(2026, 3, 1), "C1", "Ivanov", "A", "X", "AX", 100, 10, 1, 1],
            ]
        },
    ),
    "activities count words": Book(
        [HEADER, *BASE],
        1,
        ("Activities!2 [Count (D)]: 'три' Expected a number.",),
        {"Activities": [["Date", "Manager", "Type", "Count"], [DAY, "Ivanov", "call", "три"]]},
    ),
}


def _write(path: Path, case: Book) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sales" if case.sales and case.sales[0] != ["Name"] else "Notes"
    for row in case.sales:
        ws.append(row)
    for name, rows in case.sheets.items():
        sheet = wb.create_sheet(name)
        for row in rows:
            sheet.append(row)
    wb.save(path)
    return path


def _run(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(args), out, err), err.getvalue()


@pytest.mark.parametrize("name", list(CASES))
def test_each_bad_book_gets_its_exact_answer(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    book = _write(tmp_path / "book.xlsx", case)
    args = [case.command, str(book)]
    if case.command == "refresh":
        args += ["--out", str(tmp_path / "out.xlsx")]
    code, stderr = _run(*args)
    assert code == case.code, stderr
    for said in case.says:
        assert said in stderr, stderr
    if case.silent:
        assert stderr == "", stderr
    assert "Traceback" not in stderr and "Internal error" not in stderr


# -- files that are no workbook, or a damaged one ------------------------------------------
def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


FILES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "missing": (lambda d: d / "nope.xlsx", "does not exist"),
    "a folder": (lambda d: _folder(d / "folder.xlsx"), "is a folder"),
    "a CSV file named .xlsx": (
        lambda d: _bytes(d / "t.xlsx", "Дата;Клиент;Сумма\n".encode("cp1251")),
        "is a text file (CSV or tab-separated), not a workbook: point the workbook's Settings at "
        "it (Sales file, Clients file ...), or open it in Excel and save it as Excel Workbook",
    ),
    "empty file": (lambda d: _bytes(d / "e.xlsx", b""), "is not an .xlsx or .xlsm workbook"),
    "an OLE file of no known kind": (
        lambda d: _bytes(d / "o.xls", bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)),
        "is not an .xlsx or .xlsm workbook",
    ),
    # Excel's "Encrypt with Password": an OLE compound file around the encrypted package.
    "a book with a password to open": (
        lambda d: _encrypted(_good(d), d / "secret.xlsx"),
        "is protected with a password to open, so none of it can be read",
    ),
    "an Excel 97-2003 book": (
        lambda d: _bytes(d / "old.xls", compound_file({"Workbook": bytes(600)})),
        "is an Excel 97-2003 workbook (.xls), which is not read here. Open it in Excel and save",
    ),
    # 1C's, a bank's or a CRM's «Excel» export: a web page named .xls.
    "a web page named .xls": (
        lambda d: _bytes(
            d / "report.xls",
            b'\xef\xbb\xbf<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body><table>'
            b"<tr><td>Date</td></tr></table></body></html>",
        ),
        "is a web page (HTML) under a workbook's name",
    ),
    "an XML Spreadsheet 2003": (
        lambda d: _bytes(
            d / "report.xml.xls",
            b'<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook '
            b'xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>',
        ),
        "is an XML Spreadsheet 2003 file",
    ),
    "an .xlsb": (
        lambda d: _bytes(d / "b.xlsb", _good(d).read_bytes()),
        "is an Excel Binary Workbook (.xlsb), which is not written here",
    ),
    "an .ods": (
        lambda d: _zip(
            d / "b.ods", {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}
        ),
        "is an OpenDocument spreadsheet (.ods)",
    ),
    # Excel's "Strict Open XML Spreadsheet": ISO 29500 Strict's namespaces throughout.
    "a Strict Open XML book": (
        lambda d: _zip(
            d / "s.xlsx",
            {
                "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.'
                b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                b'Type="http://purl.oclc.org/ooxml/officeDocument/relationships/'
                b'officeDocument" Target="xl/workbook.xml"/></Relationships>',
                "xl/workbook.xml": b'<workbook xmlns="http://purl.oclc.org/ooxml/spreadsheetml'
                b'/main"/>',
            },
        ),
        "is saved as a Strict Open XML Spreadsheet, which is not read here",
    ),
    "a zip of photos": (
        lambda d: _zip(d / "p.xlsx", {"a.jpg": b"\xff\xd8"}),
        "holds no workbook",
    ),
    "rels without a workbook part": (
        lambda d: _zip(
            d / "r.xlsx",
            {
                "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.'
                b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
                b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                b'officeDocument" Target="xl/workbook.xml"/></Relationships>'
            },
        ),
        "xl/workbook.xml is missing",
    ),
    "truncated workbook file": (
        lambda d: _bytes(d / "t.xlsx", _good(d).read_bytes()[:2000]),
        "is not an .xlsx or .xlsm workbook",
    ),
}


def _good(folder: Path) -> Path:
    return _write(folder / "good.xlsx", Book([HEADER, *BASE], 0))


def _encrypted(book: Path, out: Path) -> Path:
    """``book`` encrypted with a password to open, as Excel encrypts it (msoffcrypto-tool)."""
    with book.open("rb") as plain, out.open("wb") as secret:
        OOXMLFile(plain).encrypt("secret", secret)
    return out


@pytest.mark.parametrize("name", list(FILES))
def test_each_bad_file_is_a_file_problem(tmp_path: Path, name: str) -> None:
    make, message = FILES[name]
    path = make(tmp_path)
    for command in ("check", "refresh"):
        code, stderr = _run(command, str(path))
        assert code == 3 and message in stderr, stderr
        assert stderr.count("\n") == 1  # one line, no traceback


def test_the_matrix_holds_a_hundred_books() -> None:
    assert len(CASES) + len(FILES) >= 100
