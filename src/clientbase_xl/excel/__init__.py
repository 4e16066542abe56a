"""The Excel edge: the only package that imports xlwings.

:mod:`~clientbase_xl.excel.udfs` holds the worksheet functions (``=CB_ABC(...)``),
:mod:`~clientbase_xl.excel.macros` the button macros and the xlwings Lite scripts, and
:mod:`~clientbase_xl.excel.gateway` reads and writes a live workbook for the shared refresh.
"""
