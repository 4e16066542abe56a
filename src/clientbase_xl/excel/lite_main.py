"""main.py for xlwings Lite: paste this into the Lite editor (requirements.txt: clientbase-xl).

xlwings Lite runs Python inside Excel (Windows, macOS, the web) on Pyodide. The worksheet
functions are the package's own, imported here so Lite registers them; the scripts are the
buttons, each taking the book Lite passes. The same functions back the classic add-in's
RunPython buttons, so nothing is computed differently.
"""

import xlwings as xw

from clientbase_xl.excel.macros import (
    check_book,
    close_month_book,
    refresh_book,
    refresh_selected_book,
)

# Lite registers the worksheet functions it finds in this module: all of the catalogue.
from clientbase_xl.excel.udfs import *  # noqa: F403


@xw.script
def refresh(book: xw.Book) -> None:
    """Refresh every result tab."""
    refresh_book(book, lite=True)


@xw.script
def refresh_selected(book: xw.Book) -> None:
    """Refresh the tabs ticked on the Start sheet."""
    refresh_selected_book(book, lite=True)


@xw.script
def close_month(book: xw.Book) -> None:
    """Freeze the last complete month into History."""
    close_month_book(book, lite=True)


@xw.script
def check_inputs(book: xw.Book) -> None:
    """Check the input sheets."""
    check_book(book)
