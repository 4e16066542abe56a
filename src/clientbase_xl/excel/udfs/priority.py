"""Worksheet function of weighted priority: CB_PRIORITY (the Priority tab)."""

from typing import Any

import pandas as pd
import xlwings as xw

from clientbase_xl.analytics.priority import priority_group, priority_scores
from clientbase_xl.excel.cells import ArgumentError, flatten, rows
from clientbase_xl.excel.udfs.args import CATEGORY, Bad, Lang, Share, arg, guarded
from clientbase_xl.i18n import Text
from clientbase_xl.inputs.schema import LOWER_IS_BETTER
from clientbase_xl.inputs.values import parse_number
from clientbase_xl.report.spec import Col
from clientbase_xl.tabs.priority import with_criteria

GROUP_COL = Col("group", Text("Group (1 = top)", "Группа (1 — верхняя)"), "int")
DEFAULT_BANDS = (0.4, 0.7)


def _matrix(value: Any) -> list[list[object]]:
    """A 2-D range as rows (a single cell or a single row/column becomes a 1-column table)."""
    if not isinstance(value, list | tuple):
        return [[value]]
    return [list(r) if isinstance(r, list | tuple) else [r] for r in value]


def _bands(cuts: Any) -> tuple[float, ...]:
    """The group cuts typed as shares (40, 70 or 0.4, 0.7), increasing, each within 0..1."""
    if cuts is None:
        return DEFAULT_BANDS
    bands = [Share.parse(c, {"name": "cuts"}) for c in flatten(cuts) if c is not None]
    bad = [b for b in bands if isinstance(b, Bad)]
    if bad:
        raise ArgumentError(bad[0].message)
    if bands != sorted(set(bands)) or not all(0 < b < 1 for b in bands):
        raise ArgumentError("cuts: increasing shares between 0 and 100 %.")
    return tuple(bands)


@xw.func(category=CATEGORY)
@arg("clients", help="Client of each row.")
@arg("metrics", help="One column per criterion, a value per client (headers name them).")
@arg("weights", help="Weight of each criterion (0 or more, not all 0).")
@arg("directions", help="higher or lower per criterion; blank: higher is better.")
@arg("cuts", help="Score cuts of the groups, default 40 and 70 (%).")
@arg("lang", Lang)
@guarded
def CB_PRIORITY(  # noqa: N802
    clients: Any,
    metrics: Any,
    weights: Any,
    directions: Any = None,
    cuts: Any = None,
    lang: Any = "en",
) -> Any:
    """Priority score 0-1 from weighted criteria, the group (1 = top) and each criterion's score."""
    table = _matrix(metrics)
    ids = flatten(clients)
    width = len(table[0])
    header = len(table) > 1 and all(isinstance(c, str) for c in table[0])
    names = [str(c) for c in table[0]] if header else [f"C{i + 1}" for i in range(width)]
    body = table[1:] if header else table
    ids = ids[1:] if header and len(ids) == len(table) else ids
    if len(ids) != len(body):
        raise ArgumentError(f"{len(ids)} clients but {len(body)} rows of metrics.")
    weight = parse_number(flatten(weights))
    if len(weight.values) != width or weight.bad.any() or weight.blank.any():
        raise ArgumentError(f"weights: give {width} numbers, one per metrics column.")
    if (weight.values < 0).any() or not (weight.values > 0).any():
        raise ArgumentError("weights: 0 or more each, and not all 0.")
    given = flatten(directions) or [None] * width
    if len(given) != width:
        raise ArgumentError(f"directions: give {width}, one per metrics column.")
    higher = [not (d is not None and str(d).strip().casefold() in LOWER_IS_BETTER) for d in given]
    values = pd.DataFrame(
        {f"m{j}": parse_number([row[j] for row in body]).values.to_numpy() for j in range(width)}
    )
    keep = [i is not None and str(i).strip() != "" for i in ids]
    values = values[keep].set_axis([str(i).strip() for i, k in zip(ids, keep, strict=True) if k])
    criteria = pd.DataFrame(
        {
            "criterion": [f"m{j}" for j in range(width)],
            "metric": [f"m{j}" for j in range(width)],
            "weight": weight.values.to_numpy(),
            "higher": higher,
        }
    )
    scores = priority_scores(values, criteria)
    bands = _bands(cuts)
    out = pd.DataFrame(
        {
            "client": scores.index,
            "score": scores["score"].to_numpy(),
            "group": priority_group(scores["score"], bands).to_numpy() + 1,
            **{f"criterion_{j}": scores[f"m{j}"].to_numpy() for j in range(width)},
        }
    )
    by_key = {c.key: c for c in with_criteria(names).block("clients").columns}
    cols = [by_key["client"], by_key["score"], GROUP_COL]
    return rows(out, cols + [by_key[f"criterion_{j}"] for j in range(width)], lang)
