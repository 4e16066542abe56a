"""Write input sheets as Excel tables: the demo workbook, and the input part of the template.

Each schema sheet becomes a sheet named in the chosen language holding one Excel table named by
the schema key in English (``Sales``, ``Clients`` ...), headers in that language, typed cells.
The Settings sheet lists every setting with its value and a one-line explanation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format

from clientbase_xl.i18n import Lang, Text
from clientbase_xl.inputs import schema as sc
from clientbase_xl.inputs.settings import Settings, describe
from clientbase_xl.report.spec import HEADER_PROPS, Fmt
from clientbase_xl.workbook.render import write_column

_KIND_FORMAT: dict[sc.Kind, Fmt] = {
    "date": "date",
    "number": "ratio",
    "id": "text",
    "text": "text",
    "score": "int",
    "bool": "text",
}
YES_NO = {True: Text("yes", "да"), False: Text("no", "нет")}
SETTINGS_HEADER = (
    Text("Setting", "Параметр"),
    Text("Value", "Значение"),
    Text("Default", "По умолчанию"),
    Text("Explanation", "Пояснение"),
    Text("Key", "Ключ"),
)


GUIDANCE = Text("How to fill this sheet", "Как заполнять лист")


def table_name(sheet: sc.SheetSchema) -> str:
    """The Excel table name of an input sheet: its English name without spaces."""
    return sheet.label.en.replace(" ", "")


def write_input_workbook(
    path: Path,
    frames: Mapping[str, pd.DataFrame],
    lang: Lang,
    settings: Settings | None = None,
) -> None:
    """Write ``frames`` (keyed by schema key, columns = column keys) as input tables.

    Sheets without a frame are left out, except Settings, which is always written.
    """
    book = xlsxwriter.Workbook(str(path), {"nan_inf_to_errors": True})
    add_input_sheets(book, frames, lang, settings)
    book.close()


def add_input_sheets(
    book: xlsxwriter.Workbook,
    frames: Mapping[str, pd.DataFrame],
    lang: Lang,
    settings: Settings | None = None,
    formulas: Mapping[str, str] | None = None,
) -> None:
    """Add one sheet per frame (and Settings) to ``book``.

    Each table column gets data validation where a wrong value is easy to type: dates, scores
    0-10, yes/no, managers from the Managers table, criterion sources and directions, the
    language. ``formulas`` puts a formula in a setting's Value cell (the template links the
    language to the Start sheet's switch).
    """
    header = book.add_format(HEADER_PROPS)
    note_title = book.add_format({"bold": True, "font_color": "#1F3864"})
    note = book.add_format({"text_wrap": True, "valign": "top", "font_color": "#595959"})
    cache: dict[Fmt, Format] = {}
    for sheet in sc.SHEETS:
        if sheet is sc.SETTINGS:
            _write_settings(book, settings or Settings(language=lang), lang, header, formulas or {})
            continue
        frame = frames.get(sheet.key)
        if frame is None:
            continue
        ws = book.add_worksheet(sheet.label.format(lang))
        cols = [c for c in sheet.columns if c.key in frame.columns]
        ws.add_table(
            0,
            0,
            max(len(frame), 1),
            len(cols) - 1,
            {
                "name": table_name(sheet),
                "style": "Table Style Light 9",
                "columns": [
                    {"header": c.label.format(lang), "header_format": header} for c in cols
                ],
            },
        )
        for j, col in enumerate(cols):
            fmt = _KIND_FORMAT[col.kind]
            if fmt not in cache:
                cache[fmt] = book.add_format(
                    {"num_format": {"date": "dd.mm.yyyy", "ratio": "#,##0.00"}.get(fmt, "General")}
                )
            values = frame[col.key]
            if col.kind == "bool":
                values = values.map(lambda v: YES_NO[bool(v)].format(lang) if pd.notna(v) else None)
            write_column(ws, 1, j, values, fmt, cache[fmt], lang)
            ws.set_column(j, j, 14 if fmt != "date" else 12)
            if col.note.en:
                ws.write_comment(0, j, col.note.format(lang))
            rule = _validation(sheet, col, lang)
            if rule is not None:
                ws.data_validation(1, j, MAX_ROW, j, rule)
        if sheet.note.en:
            # Beside the table, not above it: the table's header stays on row 1.
            ws.write_string(0, len(cols) + 1, GUIDANCE.format(lang), note_title)
            ws.write_string(1, len(cols) + 1, sheet.note.format(lang), note)
            ws.set_column(len(cols) + 1, len(cols) + 1, 60)
        ws.freeze_panes(1, 0)
    sales = frames.get("sales")
    if sales is not None and "category" in sales.columns:
        _write_lists(book, sorted(sales["category"].dropna().astype(str).unique()), lang, header)


LISTS = Text("Lists", "Списки")
CATEGORIES = Text("Categories", "Категории")
CATEGORY = Text("Category", "Категория")
LISTS_NOTE = Text(
    "The product categories you sell: the Category column of the Wallet sheet offers them.",
    "Категории товаров, которые вы продаёте: столбец «Категория» листа кошелька "
    "предлагает их на выбор.",
)


def _write_lists(
    book: xlsxwriter.Workbook, categories: list[str], lang: Lang, header: Format
) -> None:
    """The Lists sheet: the Categories table the Wallet sheet's drop-down reads."""
    ws = book.add_worksheet(LISTS.format(lang))
    ws.add_table(
        0,
        0,
        max(len(categories), 1),
        0,
        {
            "name": CATEGORIES.en,
            "style": "Table Style Light 9",
            "columns": [{"header": CATEGORY.format(lang), "header_format": header}],
        },
    )
    for i, name in enumerate(categories, start=1):
        ws.write_string(i, 0, name)
    ws.write_string(0, 2, LISTS_NOTE.format(lang))
    ws.set_column(0, 0, 24)


#: The last row data validation covers: the whole column, so it follows a growing table.
MAX_ROW = 1_048_575
EARLIEST = dt.datetime(1990, 1, 1)
WRONG_VALUE = Text("Not a valid value", "Недопустимое значение")
_DATE_HELP = Text("A date, for example 31.10.2026.", "Дата, например 31.10.2026.")
_SCORE_HELP = Text("A whole number from 0 to 10.", "Целое число от 0 до 10.")
_PICK_HELP = Text("Pick from the list.", "Выберите из списка.")


def _validation(sheet: sc.SheetSchema, col: sc.Column, lang: Lang) -> dict[str, object] | None:
    """The data validation of one input column, or None where any value may be right."""
    base: dict[str, object] = {"error_title": WRONG_VALUE.format(lang)}
    if col.kind == "date":
        help_text = _DATE_HELP
        rule: dict[str, object] = {"validate": "date", "criteria": ">=", "value": EARLIEST}
    elif col.kind == "score":
        help_text = _SCORE_HELP
        rule = {"validate": "integer", "criteria": "between", "minimum": 0, "maximum": 10}
    elif col.kind == "bool":
        help_text = _PICK_HELP
        rule = {
            "validate": "list",
            "source": [YES_NO[True].format(lang), YES_NO[False].format(lang)],
        }
    elif col.key == "manager" and sheet is not sc.MANAGERS:
        # From the Managers table; a manager not listed there is allowed after a warning.
        help_text = _PICK_HELP
        column = sc.MANAGERS.column("manager").label.format(lang)
        source = f'=INDIRECT("{table_name(sc.MANAGERS)}[{column}]")'
        rule = {"validate": "list", "source": source, "error_type": "warning"}
    elif sheet is sc.WALLET and col.key == "category":
        help_text = _PICK_HELP
        source = f'=INDIRECT("{CATEGORIES.en}[{CATEGORY.format(lang)}]")'
        rule = {"validate": "list", "source": source, "error_type": "warning"}
    elif sheet is sc.CRITERIA and col.key == "source":
        help_text = _PICK_HELP
        rule = {"validate": "list", "source": list(sc.CRITERION_METRICS), "error_type": "warning"}
    elif sheet is sc.CRITERIA and col.key == "direction":
        help_text = _PICK_HELP
        rule = {"validate": "list", "source": list(DIRECTIONS[lang])}
    else:
        return None
    return {**base, **rule, "input_message": help_text.format(lang)}


#: The Direction drop-down: "more is better" first, then the schema's "less is better" word.
DIRECTIONS: dict[Lang, tuple[str, str]] = {
    "en": ("higher", sc.LOWER_IS_BETTER[0]),
    "ru": ("больше", sc.LOWER_IS_BETTER[1]),
}


def _write_settings(
    book: xlsxwriter.Workbook,
    settings: Settings,
    lang: Lang,
    header: Format,
    formulas: Mapping[str, str],
) -> None:
    """The Settings table: setting, value, default, explanation, key; each value cell named."""
    name = sc.SETTINGS.label.format(lang)
    ws = book.add_worksheet(name)
    rows = describe(settings, lang)
    defaults = {key: value for key, _, value, _ in describe(Settings(), lang)}
    ws.add_table(
        0,
        0,
        len(rows),
        len(SETTINGS_HEADER) - 1,
        {
            "name": table_name(sc.SETTINGS),
            "style": "Table Style Light 9",
            "columns": [
                {"header": h.format(lang), "header_format": header} for h in SETTINGS_HEADER
            ],
        },
    )
    for i, (key, label, value, doc) in enumerate(rows, start=1):
        ws.write_string(i, 0, label)
        if key in formulas:
            ws.write_formula(i, 1, formulas[key], None, value)
        else:
            ws.write_string(i, 1, value)
        ws.write_string(i, 2, defaults[key])
        ws.write_string(i, 3, doc)
        ws.write_string(i, 4, key)
        book.define_name(setting_name(key), f"='{name}'!$B${i + 1}")
        if key == "language":
            ws.data_validation(i, 1, i, 1, {"validate": "list", "source": ["en", "ru"]})
    for j, width in enumerate((30, 14, 14, 70, 18)):
        ws.set_column(j, j, width)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)  # every column on the page, as many pages down as needed


def setting_name(key: str) -> str:
    """The workbook-level name of a setting's Value cell: ``cb_`` and the setting's key."""
    return f"cb_{key}"
