"""Build ``workbook_template.xlsm``: the workbook a sales lead downloads and fills in.

Sheets: Start (what the tool does, the four buttons, the language switch, the last refresh and
the checklist of Refresh selected), the input sheets as Excel tables with example rows and
data validation, Settings with a named cell per setting, Lists, and ``xlwings.conf``; plus the
VBA project of :mod:`clientbase_xl.template.vba`. The build is deterministic: the same code
gives the same file, which the golden test holds it to.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import xlsxwriter

from clientbase_xl.demo import demo_frames
from clientbase_xl.i18n import LANGS, Lang, Text
from clientbase_xl.inputs.examples import example_code
from clientbase_xl.inputs.settings import Settings
from clientbase_xl.report.owned import SELECTION_TABLE
from clientbase_xl.report.spec import HEADER_PROPS
from clientbase_xl.tabs import TABS
from clientbase_xl.tabs.dashboard import DASHBOARD, status_cell
from clientbase_xl.template.inputs import YES_NO, add_input_sheets
from clientbase_xl.template.vba import vba_project

#: Fixed document dates, so two builds of the template are byte-identical.
BUILT = dt.datetime(2026, 1, 1)
START = Text("Start", "Старт")
#: The language switch: Start!C14. Settings' Language reads it, every Start text follows it.
LANG_ROW, LANG_COL = 13, 2
LANG_CELL = "$C$14"
#: Tabs ticked for Refresh selected in a new template.
TICKED_TABS = ("dashboard", "segments")
#: Example rows per input sheet: enough to see the shape, few enough to overwrite.
EXAMPLE_ROWS = 12
EXAMPLE_CLIENTS = 5

INTRO = (
    Text("ClientBase XL", "ClientBase XL"),
    Text(
        "Client-base analytics for sales leads, inside Excel.",
        "Аналитика клиентской базы для руководителя продаж — прямо в Excel.",
    ),
)
ABOUT = (
    Text(
        "1. Paste your sales lines into Sales (and, if you have them, clients, managers, "
        "activities, survey answers, wallets).",
        "1. Вставьте строки продаж на лист «Продажи» (и, если есть, клиентов, менеджеров, "
        "активности, ответы опроса, кошельки).",
    ),
    Text(
        "2. Check inputs lists every problem with its sheet, row, column and how to fix it.",
        "2. «Проверить данные» покажет каждую ошибку: лист, строку, столбец и как исправить.",
    ),
    Text(
        "3. Refresh builds ABC/XYZ, migration, LTV, CLV, NPS, RFM, potential, priorities and "
        "the Dashboard.",
        "3. «Обновить» строит ABC/XYZ, миграцию, LTV, CLV, NPS, RFM, потенциал, приоритеты "
        "и сводку.",
    ),
    Text(
        "4. Close month once a month freezes the segments into History for migration and plans.",
        "4. «Закрыть месяц» раз в месяц фиксирует сегменты в истории для миграции и планов.",
    ),
    Text(
        "5. One file per manager writes each manager's own workbook (their clients, their "
        "Actions first) into a folder beside this one.",
        "5. «Файл каждому менеджеру» записывает каждому его книгу (его клиенты, сначала "
        "«Действия») в папку рядом с этой.",
    ),
    Text(
        "6. Input sheets are never changed; a failed refresh leaves the workbook as it was.",
        "6. Входные листы не изменяются; неудачное обновление оставляет книгу как была.",
    ),
)
BUTTONS = (
    ("CB_Refresh", Text("Refresh", "Обновить")),
    ("CB_RefreshSelected", Text("Refresh selected", "Обновить выбранные")),
    ("CB_CloseMonth", Text("Close month", "Закрыть месяц")),
    ("CB_CheckInputs", Text("Check inputs", "Проверить данные")),
    ("CB_SplitByManager", Text("One file per manager", "Файл каждому менеджеру")),
)
LANGUAGE = Text("Language (en / ru)", "Язык (en / ru)")
LAST_REFRESH = Text("Last refresh", "Последнее обновление")
STATUS = Text("Status", "Статус")
NEVER = Text("not refreshed yet", "ещё не обновлялась")
CHECKLIST = Text(
    "Tabs that Refresh selected rebuilds (yes / no):",
    "Листы, которые обновляет «Обновить выбранные» (да / нет):",
)
TAB = Text("Tab", "Лист")
REFRESH = Text("Refresh", "Обновить")

#: xlwings.conf: key, value, what it is for. Read by the xlwings module (columns A:B).
XLWINGS_CONF = (
    (
        "Interpreter_Win",
        "",
        Text(
            "Full path to python.exe of the environment with clientbase-xl; blank: python on PATH.",
            "Полный путь к python.exe окружения с clientbase-xl; пусто — python из PATH.",
        ),
    ),
    (
        "Interpreter_Mac",
        "",
        Text(
            "Full path to the Python of the environment with clientbase-xl (macOS).",
            "Полный путь к Python окружения с clientbase-xl (macOS).",
        ),
    ),
    (
        "UDF Modules",
        "clientbase_xl.excel.udfs",
        Text("The module of the CB_ worksheet functions.", "Модуль функций CB_."),
    ),
    (
        "Debug UDFs",
        "False",
        Text("True runs functions in a visible Python.", "True — запуск функций в видимом Python."),
    ),
    (
        "Use UDF Server",
        "True",
        Text(
            "True (Windows): one Python stays running, so buttons after the first start at once.",
            "True (Windows): Python остаётся запущенным, и кнопки после первой срабатывают сразу.",
        ),
    ),
    (
        "Show Console",
        "False",
        Text("True shows Python's console (Windows).", "True — показывать консоль Python."),
    ),
)


def example_frames() -> dict[str, pd.DataFrame]:
    """A few consistent example rows per input sheet, from the seeded demo, codes marked."""
    frames = demo_frames(clients=30, months=6, seed=3)
    # Every line of a few clients: the examples span the months, so a refresh shows trends.
    clients = set(frames["sales"]["client"].drop_duplicates().head(EXAMPLE_CLIENTS))
    sales = frames["sales"][frames["sales"]["client"].isin(clients)]
    out = {"sales": sales, "managers": frames["managers"], "criteria": frames["criteria"]}
    for key in ("clients", "activities", "survey", "wallet", "payments"):
        frame = frames[key]
        out[key] = frame[frame["client"].isin(clients)].head(EXAMPLE_ROWS)
    out["stock"] = frames["stock"].head(EXAMPLE_ROWS)
    # Targets and plans by hand are the user's own: the sheets come empty (an example target
    # would be taken for the user's and split over their clients).
    out["targets"] = pd.DataFrame(
        {"month": pd.Series(dtype="datetime64[ns]"), "manager": [], "target": []}
    )
    out["measure_plan"] = pd.DataFrame(
        {
            "direction": [],
            "measure": [],
            "owner": [],
            "group": [],
            "deadline": pd.Series(dtype="datetime64[ns]"),
            "resources": [],
            "status": [],
        }
    )
    out["plans"] = pd.DataFrame(
        {"month": pd.Series(dtype="datetime64[ns]"), "client": [], "manager": [], "plan": []}
    )
    # The demo's wallet estimates run low on purpose (the warning it shows); an example should
    # show the sheet in use, not a warning.
    out["wallet"] = out["wallet"].assign(total=out["wallet"]["total"] * 3)
    # Example codes are marked, so that they leave the results once the user's own lines are in
    # Sales (clientbase_xl/inputs/examples.py).
    return {
        key: frame.assign(client=frame["client"].map(example_code))
        if "client" in frame.columns
        else frame
        for key, frame in out.items()
    }


def _bilingual(text: Text) -> str:
    """A formula showing ``text`` in the language the Start sheet's switch holds."""

    def quoted(s: str) -> str:
        return '"' + s.replace('"', '""') + '"'

    return f'=IF({LANG_CELL}="ru",{quoted(text.ru)},{quoted(text.en)})'


def _dashboard_value(column: str) -> str:
    """A formula reading the Dashboard's status cell, whichever language its tab is named in.

    ISREF rather than IFERROR: LibreOffice does not catch a bad INDIRECT with IFERROR when it
    recalculates on load, while ISREF(INDIRECT(...)) is FALSE in both applications.
    """
    cell = status_cell(column)
    en, ru = (f"INDIRECT(\"'{DASHBOARD.title(x)}'!{cell}\")" for x in LANGS)
    never = _bilingual(NEVER)[1:]
    return f"=IF(ISREF({en}),{en},IF(ISREF({ru}),{ru},{never}))"


def _start(book: xlsxwriter.Workbook, lang: Lang) -> None:
    ws = book.add_worksheet(START.format(lang))
    title = book.add_format({"bold": True, "font_size": 22, "font_color": "#1F3864"})
    tagline = book.add_format({"italic": True, "font_size": 12, "font_color": "#404040"})
    line = book.add_format({"font_size": 11})
    label = book.add_format({"bold": True})
    switch = book.add_format({"bold": True, "bg_color": "#FFF2CC", "border": 1, "align": "center"})
    header = book.add_format(HEADER_PROPS)
    ws.hide_gridlines(2)
    ws.set_column(0, 0, 2)
    ws.set_column(1, 1, 30)
    ws.set_column(2, 5, 24)
    ws.write_string(1, 1, INTRO[0].format(lang), title)
    ws.write_formula(2, 1, _bilingual(INTRO[1]), tagline, INTRO[1].format(lang))
    for i, text in enumerate(ABOUT):
        ws.write_formula(4 + i, 1, _bilingual(text), line, text.format(lang))
    for j, (macro, caption) in enumerate(BUTTONS):
        ws.insert_button(
            10,
            1 + j,
            {"macro": macro, "caption": caption.format(lang), "width": 160, "height": 34},
        )
    ws.write_formula(LANG_ROW, 1, _bilingual(LANGUAGE), label, LANGUAGE.format(lang))
    ws.write_string(LANG_ROW, LANG_COL, lang, switch)
    ws.data_validation(
        LANG_ROW, LANG_COL, LANG_ROW, LANG_COL, {"validate": "list", "source": ["en", "ru"]}
    )
    for row, text, column in ((15, LAST_REFRESH, "refreshed"), (16, STATUS, "status")):
        ws.write_formula(row, 1, _bilingual(text), label, text.format(lang))
        ws.write_formula(row, 2, _dashboard_value(column), None, NEVER.format(lang))
    ws.write_formula(18, 1, _bilingual(CHECKLIST), label, CHECKLIST.format(lang))
    tabs = [t for t in TABS if t.key != "errors"]
    ws.add_table(
        19,
        1,
        19 + len(tabs),
        2,
        {
            "name": SELECTION_TABLE,
            "style": "Table Style Light 9",
            "columns": [
                {"header": TAB.format(lang), "header_format": header},
                {"header": REFRESH.format(lang), "header_format": header},
            ],
        },
    )
    choices = [YES_NO[True].format(lang), YES_NO[False].format(lang)]
    for i, tab in enumerate(tabs, start=20):
        ws.write_string(i, 1, tab.title(lang))
        ws.write_string(i, 2, choices[0] if tab.key in TICKED_TABS else choices[1])
    ws.data_validation(20, 2, 19 + len(tabs), 2, {"validate": "list", "source": choices})
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 1)
    ws.activate()


def _xlwings_conf(book: xlsxwriter.Workbook, lang: Lang) -> None:
    ws = book.add_worksheet("xlwings.conf")
    note = book.add_format({"font_color": "#595959"})
    for i, (key, value, text) in enumerate(XLWINGS_CONF):
        ws.write_string(i, 0, key)
        if value:
            ws.write_string(i, 1, value)
        # Column C stays empty: xlwings reads the block around A1, so notes go to column D.
        ws.write_string(i, 3, text.format(lang), note)
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, 28)
    ws.set_column(3, 3, 80)


def build_template(
    path: Path, lang: Lang, frames: Mapping[str, pd.DataFrame] | None = None
) -> None:
    """Write the template workbook (``.xlsm``) in ``lang`` to ``path``."""
    book = xlsxwriter.Workbook(str(path), {"nan_inf_to_errors": True})
    book.set_properties({"title": "ClientBase XL", "created": BUILT})
    _start(book, lang)
    add_input_sheets(
        book,
        frames if frames is not None else example_frames(),
        lang,
        Settings(language=lang),
        formulas={"language": f"='{START.format(lang)}'!{LANG_CELL}"},
    )
    _xlwings_conf(book, lang)
    names = [f"Sheet{i}" for i in range(1, len(book.worksheets()) + 1)]
    for ws, name in zip(book.worksheets(), names, strict=True):
        ws.set_vba_name(name)
    book.set_vba_name("ThisWorkbook")
    book.add_vba_project(io.BytesIO(vba_project(names)), is_stream=True)
    book.close()
