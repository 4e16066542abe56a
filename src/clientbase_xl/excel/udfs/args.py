"""How a worksheet function's arguments are declared: converters, shared help, one guard.

A scalar argument (a threshold, a number of months, the language, the analysis date) is
declared with :func:`arg` and one of the converters below; xlwings runs the converter before
the function body, in classic xlwings and in xlwings Lite alike (both read arguments through
``xlwings.conversion``). A blank or omitted argument takes the default of the function's
signature. A value that cannot be used becomes a :class:`Bad` naming the argument, and
:func:`guarded` turns every :class:`Bad` among the arguments into one message in the cell,
so a converter never raises into xlwings (whose error cell would show a traceback).

Ranges stay as Excel passes them (2-D lists): several columns are aligned row by row by
:func:`clientbase_xl.excel.cells.columns`, which no per-argument converter could do.

No ``from __future__ import annotations`` in the function modules: xlwings reads their
annotations at import time as converters, so they must be real objects.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

import pandas as pd
import xlwings as xw
from xlwings.conversion import Converter

from clientbase_xl.errors import ClientbaseError
from clientbase_xl.excel.cells import ArgumentError, columns
from clientbase_xl.i18n import parse_lang
from clientbase_xl.inputs.schema import Kind
from clientbase_xl.inputs.values import parse_date, parse_number

CATEGORY = "ClientBase"
_F = TypeVar("_F", bound=Callable[..., Any])

#: The help of the arguments many functions share (the function wizard shows it); an
#: argument of one function keeps its help beside it.
ARG_HELP = {
    "lang": "Headers: en or ru.",
    "as_of": "Analysis date; default the last date.",
    "line_client": "Client of each sales line.",
    "line_date": "Date of each sales line.",
    "line_amount": "Amount of each sales line.",
    "line_cost": "Cost of each sales line.",
    "order_client": "Client of each order.",
    "order_date": "Date of each order.",
    "scores": "Survey answers 0-10.",
    "year_client": "Client of each of our sales lines (a year of them).",
    "line_category": "Category of each sales line.",
    "wallet_client": "Wallet[Client].",
    "wallet_category": "Wallet[Category].",
    "wallet_total": "Wallet[Total]: the client's purchases of the category, all suppliers.",
    "wallet_date": "Wallet[Estimated on] (optional): with it the latest estimate of each client "
    "and category counts; without, each pair may be given once.",
    "months": "Window in months, default 12.",
    "churn_days": "Days without an order that make a client churned, default 180.",
}


@dataclass(frozen=True)
class Bad:
    """An argument value a converter could not use, with what was expected."""

    message: str


def _scalar(value: Any) -> Any:
    """One cell's value from what xlwings hands a converter (a value or a 1×1 list)."""
    while isinstance(value, list | tuple) and len(value) == 1:
        value = value[0]
    return value


class _Scalar(Converter):
    """A one-cell argument: blank takes the signature's default, a bad value becomes Bad."""

    @classmethod
    def parse(cls, value: Any, options: dict[str, Any]) -> Any:
        """``value`` (one non-blank cell) converted, or a :class:`Bad`."""
        raise NotImplementedError

    @classmethod
    def read_value(cls, value: Any, options: dict[str, Any]) -> Any:
        value = _scalar(value)
        if value is None or (isinstance(value, str) and not value.strip()):
            if options["required"]:
                return Bad(f"{options['name']} is blank: give a value.")
            return options["default"]
        if isinstance(value, list | tuple):
            return Bad(f"{options['name']}: give one cell, not a range.")
        return cls.parse(value, options)


class Number(_Scalar):
    """Any number: ``1000``, ``"1 000,5"``."""

    @classmethod
    def parse(cls, value: Any, options: dict[str, Any]) -> Any:
        """``value`` (one non-blank cell) converted, or a :class:`Bad`."""
        parsed = parse_number([value])
        if parsed.bad[0]:
            return Bad(f"{options['name']} must be a number, got {value!r}.")
        return float(parsed.values.iloc[0])


class Share(_Scalar):
    """A share typed as 80 (percent) or 0.8 (a percent-formatted cell), as a fraction."""

    @classmethod
    def parse(cls, value: Any, options: dict[str, Any]) -> Any:
        """``value`` (one non-blank cell) converted, or a :class:`Bad`."""
        typed = str(value).strip() if isinstance(value, str) else None
        if typed is not None and typed.endswith("%"):  # "25 %" typed as text
            number = Number.parse(typed[:-1], options)
            number = number if isinstance(number, Bad) else number / 100
        else:
            number = Number.parse(value, options)
        if isinstance(number, Bad):
            return number
        if number < 0:
            return Bad(f"{options['name']} must be 0 or more, got {value!r}.")
        return number / 100 if number > 1 else number


class Percent(_Scalar):
    """A rate typed in percent, as a fraction: 1 is 1 % (0.01)."""

    @classmethod
    def parse(cls, value: Any, options: dict[str, Any]) -> Any:
        """``value`` (one non-blank cell) converted, or a :class:`Bad`."""
        number = Number.parse(value, options)
        return number if isinstance(number, Bad) else number / 100


class Count(_Scalar):
    """A whole number of 1 or more: months, days."""

    @classmethod
    def parse(cls, value: Any, options: dict[str, Any]) -> Any:
        """``value`` (one non-blank cell) converted, or a :class:`Bad`."""
        number = Number.parse(value, options)
        if isinstance(number, Bad):
            return number
        if number < 1 or number != int(number):
            return Bad(f"{options['name']} must be a whole number of 1 or more, got {value!r}.")
        return int(number)


class Lang(_Scalar):
    """The language of the headers: en or ru (English, русский ...)."""

    @classmethod
    def parse(cls, value: Any, options: dict[str, Any]) -> Any:
        """``value`` (one non-blank cell) converted, or a :class:`Bad`."""
        lang = parse_lang(str(value))
        return lang if lang is not None else Bad(f"{options['name']} must be en or ru.")


class Period(_Scalar):
    """A period: day, week or month (день, неделя, месяц)."""

    WORDS: ClassVar[dict[str, str]] = {
        "day": "day",
        "день": "day",
        "week": "week",
        "неделя": "week",
        "month": "month",
        "месяц": "month",
    }

    @classmethod
    def parse(cls, value: Any, options: dict[str, Any]) -> Any:
        """``value`` (one non-blank cell) converted, or a :class:`Bad`."""
        period = cls.WORDS.get(str(value).strip().casefold())
        return period or Bad(f"{options['name']} must be day, week or month, got {value!r}.")


class Day(_Scalar):
    """A date: a date cell, an Excel serial number or a date typed as text."""

    @classmethod
    def parse(cls, value: Any, options: dict[str, Any]) -> Any:
        """``value`` (one non-blank cell) converted, or a :class:`Bad`."""
        parsed = parse_date([value])
        if parsed.bad[0]:
            return Bad(f"{options['name']} must be a date, got {value!r}.")
        return pd.Timestamp(parsed.values.iloc[0])


def arg(
    name: str,
    convert: type[Converter] | None = None,
    *,
    help: str | None = None,
    shared: str | None = None,
) -> Callable[[_F], _F]:
    """Xlwings' ``@xw.arg`` for ``name``: its converter, its help, its default for a blank.

    ``help`` is the argument's own help; without it the shared :data:`ARG_HELP` entry
    ``shared`` (default: ``name``) is used. The default is read from the decorated function's
    signature; a blank required argument becomes a :class:`Bad`.
    """

    def decorate(f: _F) -> _F:
        options: dict[str, Any] = {"doc": help or ARG_HELP[shared or name]}
        if convert is not None:
            default = inspect.signature(f).parameters[name].default
            options |= {"name": name, "required": default is inspect.Parameter.empty}
            options["default"] = None if options["required"] else default
        # xw.arg is looked up at each call, so the classic stand-in's decorator is used under it.
        decorated: _F = xw.arg(name, convert, **options)(f)
        return decorated

    return decorate


def guarded(f: _F) -> _F:
    """Turn bad arguments and any failure into a one-line message in the cell."""

    @functools.wraps(f)
    def wrapper(*args: Any) -> Any:
        bad = [a.message for a in args if isinstance(a, Bad)]
        if bad:
            return "#CB! " + " ".join(bad)
        try:
            return f(*args)
        except (ArgumentError, ClientbaseError, ValueError, KeyError) as exc:
            return f"#CB! {exc}"
        except Exception as exc:  # a cell must never show a traceback
            return f"#CB! {type(exc).__name__}: {exc}"

    return wrapper  # type: ignore[return-value]


def last_day(as_of: pd.Timestamp | None, dates: pd.Series) -> pd.Timestamp:
    """The analysis date: ``as_of`` when given, else the last of ``dates``."""
    return as_of if as_of is not None else pd.Timestamp(dates.max())


def sales_lines(
    client: Any, dates: Any, amount: Any, cost: Any = None, manager: Any = None
) -> pd.DataFrame:
    """Sales lines from the client, date, amount (cost, manager) ranges, as the core takes them.

    Output: ``client``, ``date``, ``amount``, ``cost`` and ``quantity`` (NaN when not given),
    ``manager`` when given, ``order`` (NA: each client and day is one order); rows lacking
    client, date or amount are left out.
    """
    given: dict[str, tuple[Kind, object]] = {
        "client": ("id", client),
        "date": ("date", dates),
        "amount": ("number", amount),
    }
    if cost is not None:
        given["cost"] = ("number", cost)
    if manager is not None:
        given["manager"] = ("id", manager)
    frame = columns(given)
    if frame.empty:
        raise ArgumentError("No sales lines.")
    frame = frame.dropna(subset=["client", "date", "amount"])
    for col in ("cost", "quantity"):
        if col not in frame.columns:
            frame[col] = float("nan")
    frame["order"] = pd.NA
    return frame
