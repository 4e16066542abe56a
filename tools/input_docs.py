"""Write docs/inputs/ from the input schema and the settings, so the docs cannot drift.

Usage: python -m tools.input_docs   (tests/test_docs.py fails when the pages are stale)
"""

from __future__ import annotations

from pathlib import Path

from clientbase_xl.inputs import schema as sc
from clientbase_xl.inputs.settings import Settings, describe

DOCS = Path(__file__).resolve().parent.parent / "docs" / "inputs"

KIND_TEXT: dict[sc.Kind, str] = {
    "date": "date — a real date, an Excel serial number (also kept as text: 45976), or text "
    "31.12.2025 / 31.12.2025 г. / "
    "2025-12-31 / 31.12.25 / 31/12/2025 / 31-12-2025 / 2025.12.31 / 2025/12/31 / 20251231 / "
    "15 ноября 2026 г. / 3 Jan 2026 / Jan 3, 2026 (a time of day is dropped, in any form: "
    "2026-11-15T10:00:00Z keeps the day written); a month alone "
    "(2026-11, 11.2026, Ноябрь 2026 г., Nov 2026) is its first day. Slashed dates are day "
    "first, unless a column has one whose second number is above 12 and none whose first is "
    "(11/15/2026, an American export): then the whole column is month first",
    "number": "number — a number, or text such as 1 234,56 / 1,234.56 / 1.234.567 / (12) / "
    "−5 / 1 234,56- / 12 000 руб. (spaces and apostrophes group thousands, as dots in groups "
    "of three do; a lone comma is the decimal; a minus after the amount makes it negative; a "
    "currency sign or short name at either end is dropped)",
    "id": "code — text or a whole number; spaces trimmed and collapsed, invisible characters "
    "(zero-width spaces, byte-order marks) dropped (123.0 reads as 123)",
    "text": "text",
    "score": "whole number 0–10",
    "bool": "yes/no — да/нет, TRUE/FALSE, 1/0, +/−",
}

VALUES = (
    """\
## How values are read

Cells are read as spreadsheets really hold them; every value is normalised once, when read.

| column type | accepted |
|---|---|
"""
    + "\n".join(f"| {k} | {v} |" for k, v in KIND_TEXT.items())
    + """

Blank rows are skipped. Error cells (#N/A, #DIV/0!) read as blank, so in a required column they
are reported as "the required value is empty". Every problem is reported at once, with sheet,
row, column, the value found, what was expected and how to fix it.

Headers match in either language whatever their case, spaces, line breaks, dots and
underscores. A unit after a header is no part of it: «Сумма, руб.», "Amount (USD)",
«Количество, шт.» name Amount and Quantity. A scale is: a column headed «Сумма, тыс. руб.» or
"Cost (k USD)" is not read, and a warning at its header says to put the numbers in full,
since every result in money would be a thousand times too small.

A column with a list of names (a measure's direction and status, a criterion's direction) reads
each name in either language whatever its case, spacing or closing full stop, and takes the
start of a name for the name when no other name starts so and it has three letters or more
(«Больше приоритетных», "Broader", "high"). A start that two names share is reported with the
names.

A formula saved without its result (as a script or an export that writes workbooks without
calculating them leaves it; Excel and LibreOffice always save the result) would read as a
blank: it is reported as an error in whatever column it stands, with the formula as the value
found, until the file is opened, calculated and saved. Sheets above 64 MB of XML (some 150,000
lines) are not searched for them: the exports that size come from programs that save values.

Numbers must be finite and at most 10^15 in size (`inf`, `-Infinity` and 1e308 are reported: no
sum of them is exact). Excel serial dates count from 61 (1900-03-01): serials 1-60 are January
and February 1900 as Excel counts them, 60 being the 29 February 1900 that never was.
A workbook in the 1904 date system (old Mac Excel's default) is read by its own system, serial
numbers in a date column included (1904-01-01 is its day 0), and the result tabs are written
in it: their dates are the days the 1900 system would show.

## Reports and deal lists pasted as exported

- **A 1C report** (1C:Trade Management's «Валовая прибыль», «Продажи») starts with its title,
  the period and the filters. The header is the first of the first 31 rows that names every
  required column (Date, Client, Amount, by any of their accepted headers: Период,
  Контрагент, Выручка ...); the rows above it are not data. A header of two rows (1C's
  «Продажи» over «Количество | Сумма») is read as one: each column by its lower cell, else
  by the one above it. When no row does, the message
  shows the first rows that were looked at and what was expected.
- **Merged cells** of such a report (a client's cell merged down over its lines): each line
  reads the block's value, as a person reads it. A block that starts in the title or the
  header, or spans columns, is left as it is. Excel tables hold no merged cells; plain sheets
  are read so from the file and from the Excel button alike.
- **Group rows** of such a report (a client or product with its subtotal but no date) are
  left out and said once, with their rows, as a warning.
- **Subtotals below the lines they sum** (typed by hand, or Excel's Data > Subtotal): a row
  with no date or no client whose amount equals, to the cent, the sum of the lines from the
  top of the table, or from just below an earlier subtotal, down to the row above it. Nested
  subtotals (clients within managers) and a grand total are found so; such rows are left out
  and said once. A row without a date whose amount is no such sum stays an error: a sale
  needs its date. Only rows lacking a date or a client can be taken for subtotals, so no sale
  ever is.
- **A CRM deal list** (Bitrix24's Сделки, amoCRM or Kommo deals, as CSV or pasted): Компания /
  Company is the client, Сумма / Бюджет / Budget the amount, Дата закрытия / Предполагаемая
  дата закрытия / Closing date the date, Ответственный / Responsible the manager, Стадия
  сделки / Этап сделки / Stage the stage. Only deals in a stage that Settings lists under
  *Sale stages* count (by default the won stages of Bitrix24, amoCRM and Kommo: «Сделка
  успешна», «Успешно реализовано», "Closed - won", ...; case, spaces and dashes do not
  matter); lost and open deals are left out, and said once with the count per stage; their
  cells are not checked (an open deal has no closing date). Lines with no stage count. When
  no line is in a sale stage, an error lists the stages found, so the won one can be added.

## What is checked across the Sales lines

- **Totals lines** of a pasted report (a Client cell that starts «Итого», «Итог», «Всего»,
  «Общий итог», Total, Grand total, Subtotal or Sum) are left out of the analysis and said once,
  with their rows, as a warning.
- **Returns typed with a plus**: a line whose Document type or Order text names a return
  («Возврат товаров от клиента ...», «Сторно ...», Return, Refund, Credit note, Credit memo;
  the word alone or with more after a space) and whose amount is positive is taken as a return:
  its amount, cost and quantity get a minus, and one warning names the rows. A 1C document
  journal lists returns so; summed as typed, each would count as a sale.
- **Lines in more than one currency** (a Currency / Валюта column naming RUB and USD): an
  error with the count per currency, since no revenue sums them. Spellings of one currency
  («руб.», RUR, ₽, RUB) are one; blank cells are in none.
- **Lines pasted twice**: 20 or more lines in a row that each repeat an earlier line in every
  column (a month's export appended again, or one overlapping the last): one warning per such
  run, naming its rows and the row of the first line it repeats. They are counted as they
  stand until deleted; two or a few alike lines (one product twice in a document) are silent.
- **No positive amount** at all (only returns, or every amount 0): an error, there is nothing to
  analyse.
- **A date far from the others**: more than two years, or three times the span of the middle
  half of the lines when that is longer, outside that middle half (1900 or 2099 among 2025
  sales): an error per line, since such a typo would move the analysis date and the windows.
- **The analysis date**: an error when the window holds no sale (a date years after the last
  sale); a warning when it is more than 92 days after the last sale, and for lines dated after
  it (left out).
- **Client codes that differ only in case** (`C001` and `c001`): a warning; they are counted as
  different clients, as written.
- **A migration month** named in Settings without sales: a warning saying which month is
  compared instead.
- **Clients of the sales lines missing from the Clients sheet**, when there is one: one
  warning naming the first five (their name and group stay blank, their manager is the one on
  their lines). A code that is on the Clients sheet but for case, spaces or leading zeros
  (1C's `000123` against a typed `123`) is suggested in the fix. The Survey, Wallet, Plans,
  Measure plan, Payments and Activities sheets get the same warning for clients neither Sales
  nor Clients knows.
- **Managers of the Targets and Plans sheets that manage no client** (on the sales lines or
  the Clients sheet): one warning per sheet, a name that differs only in case or spaces
  suggested; their targets and plans would reach no client. Likewise an owner of the Measure
  plan who is no manager (of the sales lines, Clients or Managers): the measure would be on no
  manager's Actions list or file.

## What is checked on the other sheets

- **A Survey of a 1-5 scale**: 20 answers or more, none above 5 (a star rating or a CSAT
  pasted where the 0-10 answers belong): a warning, since on 0-10 every such answer is a
  detractor and the NPS would read -100.
- **Plans and targets far from what was sold**: above 10 times or below 1 % of the best month
  of the client, manager, category or company they cover (an extra zero, an amount typed in
  thousands, a 10% cell that holds 0.1): a warning at the cell.

## More lines than a sheet holds: CSV and Parquet files

A sheet holds 1,048,576 rows. Settings can point Sales, Clients, Activities, Survey, Wallet,
Payments and Stock at a file instead (*Sales file*, *Clients file*, ...): a CSV file, a Parquet
file, or a folder of them (sub-folders included, files taken in name order, all with the same
columns in any order). A relative path starts at the workbook's folder and must stay inside it
(`data/sales.csv` is fine, `../../sales.csv` is refused with a message saying so); a whole path
(`D:\\Exports\\sales.csv`, `/srv/exports`) is taken as you name it, except a whole drive or your
home folder, and a folder is searched for at most 10,000 files and sub-folders. A file must end
in `.csv`, `.txt`, `.parquet` or `.pq`. Quotes around a path (Windows' "Copy as path") are fine.
The sheet of that input is then not read.

CSV files may be UTF-8 or Windows-1251 (1C's exports), separated by `;`, `,`, tab or `|`
(found from the header line), with the values written in any of the forms above: `1 234,56`,
`31.12.2025`. Columns of codes are read as text, so `00123` keeps its zeros. Problems are
reported with the file's name and the row a spreadsheet would show (the header is row 1).
The results are written into the workbook as usual.
"""
)


def sheet_page(sheet: sc.SheetSchema) -> str:
    """The markdown page of one input sheet."""
    names = ", ".join(f"`{n}`" for n in dict.fromkeys(sheet.names()))
    lines = [
        f"# {sheet.label.en} / {sheet.label.ru}",
        "",
        ("**Required.**" if sheet.required else "Optional.")
        + f" Found as an Excel table, else a sheet, named one of: {names}"
        " (case, spaces, dots and underscores do not matter).",
        *([sheet.note.en, ""] if sheet.note.en else []),
        "",
        "| column | English header | Russian header | also accepted | type | required | note |",
        "|---|---|---|---|---|---|---|",
    ]
    for col in sheet.columns:
        also = ", ".join(col.aliases)
        if col.stand_ins:
            also += f"; when no other header names it, with a warning: {', '.join(col.stand_ins)}"
        lines.append(
            f"| `{col.key}` | {col.label.en} | {col.label.ru} | {also} | {col.kind} "
            f"| {'yes' if col.required else ''} | {col.note.en} |"
        )
    lines += ["", "Columns may come in any order; other columns are kept and ignored.", ""]
    if sheet is sc.SETTINGS:
        lines += [
            "## Settings and defaults",
            "",
            "| key | label (en) | label (ru) | default | meaning |",
            "|---|---|---|---|---|",
        ]
        ru = {key: label for key, label, _, _ in describe(Settings(), "ru")}
        for key, label, value, doc in describe(Settings(), "en"):
            lines.append(f"| `{key}` | {label} | {ru[key]} | {value or '(blank)'} | {doc} |")
        lines += [
            "",
            "A setting is named by its key or either label. A blank value means the "
            "default. Percentages may be typed as 80, 80 % or 0,8.",
            "",
        ]
    return "\n".join(lines)


def pages() -> dict[str, str]:
    """Every page of docs/inputs/ by file name."""
    out = {f"{s.key}.md": sheet_page(s) for s in sc.SHEETS}
    index = [
        "# Input sheets",
        "",
        "Each input is an Excel table on its own sheet. Only Sales is required.",
        "",
        "An input is found as an Excel table of one of its names, else a sheet of one; the",
        "first in tab order is read. Any other table or sheet whose name is the same input's",
        "(a table Sales and a sheet Продажи, say) is named in a warning, never read silently",
        "in its place or left out without a word.",
        "",
        "A table is read as far as it runs. Rows typed below it, in its columns, that it does",
        "not hold (LibreOffice and scripts do not grow a table; Excel does unless told not to)",
        "are one warning naming their rows, never left out silently.",
        "",
        "| sheet | required | columns |",
        "|---|---|---|",
    ]
    for s in sc.SHEETS:
        cols = ", ".join(c.label.en for c in s.columns)
        index.append(
            f"| [{s.label.en} / {s.label.ru}]({s.key}.md) | "
            f"{'yes' if s.required else ''} | {cols} |"
        )
    out["README.md"] = "\n".join(index) + "\n\n" + VALUES
    return out


def main() -> None:
    """Rewrite the pages of ``docs/inputs``."""
    DOCS.mkdir(parents=True, exist_ok=True)
    for name, text in pages().items():
        (DOCS / name).write_text(text)
        print(f"wrote {DOCS / name}")


if __name__ == "__main__":
    main()
