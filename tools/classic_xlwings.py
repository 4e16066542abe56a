"""Run worksheet functions the way classic xlwings on Windows does, on Linux.

xlwings' own UDF machinery (``xlwings.udfs``: the ``xlfunc``/``xlarg``/``xlret`` decorators,
``generate_vba_wrapper``) imports pywin32 at module level, so it is imported here with stand-in
``pythoncom``, ``pywintypes`` and ``win32com.client`` modules (never called by the code used).
The Excel engine (``xlwings._xlwindows``) cannot load without Windows DLLs; a stand-in engine
named "excel" provides the two hooks conversion calls, doing what the Windows engine does for
values that reach a UDF from COM (blank -> ``empty_as``; Excel error codes -> None; numbers
and datetimes as they are; NaN/None -> "" when written back).
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import sys
import types
from typing import Any

import numpy as np
import pandas as pd
import xlwings
from xlwings import conversion

#: What COM passes for an omitted optional argument (xlwings.udfs.call_udf checks for it).
MISSING = -2147352572
#: Excel's cell error codes as COM passes them (#N/A, #DIV/0!, #VALUE! ...).
CELL_ERRORS = (
    -2146826281,
    -2146826246,
    -2146826259,
    -2146826288,
    -2146826252,
    -2146826265,
    -2146826273,
)


class _Inert(types.ModuleType):
    """A module whose every missing attribute is a function that does nothing."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return lambda *args, **kwargs: None


def _stub_pywin32() -> None:
    for name in ("pythoncom", "pywintypes", "win32com", "win32com.client"):
        sys.modules.setdefault(name, _Inert(name))
    sys.modules["pywintypes"].TimeType = dt.datetime  # type: ignore[attr-defined]
    sys.modules["win32com.client"].Dispatch = lambda *a, **k: None  # type: ignore[attr-defined]
    sys.modules["win32com"].client = sys.modules["win32com.client"]  # type: ignore[attr-defined]


class _StandInExcelImpl:
    name = "excel"
    type = "desktop"

    @staticmethod
    def clean_value_data(
        data: Any, datetime_builder: Any, empty_as: Any, number_builder: Any, err_to_str: Any
    ) -> Any:
        def clean(v: Any) -> Any:
            if v in ("", None):
                return empty_as
            if isinstance(v, int) and not isinstance(v, bool) and v in CELL_ERRORS:
                return None
            if isinstance(v, dt.datetime) and datetime_builder is not dt.datetime:
                return datetime_builder(v.year, v.month, v.day, v.hour, v.minute, v.second)
            if number_builder is not None and isinstance(v, float):
                return number_builder(v)
            return v

        return [[clean(c) for c in row] for row in data]

    @staticmethod
    def prepare_xl_data_element(x: Any, date_format: Any) -> Any:
        if x is None or (isinstance(x, float) and np.isnan(x)) or x is pd.NA:
            return ""
        if isinstance(x, np.number):
            return float(x)
        return x


def load_udfs() -> types.ModuleType:
    """``clientbase_xl.excel.udfs``, each function module decorated by xlwings' own."""
    _stub_pywin32()
    udfs = importlib.import_module("xlwings.udfs")
    if not any(e.name == "excel" for e in xlwings.engines):
        xlwings.engines.add(xlwings.main.Engine(impl=_StandInExcelImpl()))
    saved = (xlwings.func, xlwings.arg, xlwings.ret)
    xlwings.func, xlwings.arg, xlwings.ret = udfs.xlfunc, udfs.xlarg, udfs.xlret
    try:
        package = importlib.import_module("clientbase_xl.excel.udfs")
        for function_module in package.MODULES:  # decorated at import: import them again
            importlib.reload(function_module)
        module = importlib.reload(package)
    finally:
        xlwings.func, xlwings.arg, xlwings.ret = saved
    return module


def call(func: Any, *args: Any) -> Any:
    """What ``xlwings.udfs.call_udf`` does with values (not ranges) from Excel, minus COM."""
    info = func.__xlfunc__
    converted = []
    for i, arg in enumerate(args):
        arg_info = info["args"][min(i, len(info["args"]) - 1)]
        if isinstance(arg, int) and arg == MISSING:
            converted.append(arg_info.get("optional", None))
        else:
            converted.append(conversion.read(None, arg, arg_info["options"]))
    for arg_info in info["args"][len(args) :]:
        converted.append(arg_info.get("optional", None))
    result = func(*converted)
    return conversion.write(result, None, info["ret"]["options"])


def vba_wrappers(module: types.ModuleType, workbook_name: str = "clientbase.xlsm") -> str:
    """The VBA xlwings generates for ``module``'s functions (as "Import Functions" does)."""
    udfs = importlib.import_module("xlwings.udfs")
    out = io.StringIO()
    udfs.generate_vba_wrapper(
        module.__name__, module, out, types.SimpleNamespace(Name=workbook_name)
    )
    return out.getvalue()
