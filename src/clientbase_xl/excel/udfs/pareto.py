"""Worksheet function of the Pareto check: CB_PARETO (the Pareto tab)."""

from typing import Any

import pandas as pd
import xlwings as xw

from clientbase_xl.analytics.pareto import pareto_table
from clientbase_xl.excel.cells import flatten, rows
from clientbase_xl.excel.udfs.args import CATEGORY, Lang, arg, guarded
from clientbase_xl.inputs.values import parse_number
from clientbase_xl.tabs import PARETO


@xw.func(category=CATEGORY)
@arg("values", help="Revenue per client.")
@arg("lang", Lang)
@guarded
def CB_PARETO(values: Any, lang: Any = "en") -> Any:  # noqa: N802
    """The 80/20 check: the largest 20 % of clients and the fewest making 80 % of revenue."""
    revenue = pd.Series(parse_number(flatten(values)).values.dropna().to_numpy())
    return rows(pareto_table(revenue), PARETO.block("summary").columns, lang)
