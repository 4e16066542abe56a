"""The template's example rows: shown to a new user, never counted among their own clients.

The template's input tables carry a few example rows whose client codes start with
:data:`EXAMPLE_PREFIX` (``EX-C00003``). While Sales holds only example lines (a user trying the
template), they are analysed like any other. Once Sales holds a line of the user's own, the
example rows of every table are left out, and each table that still holds some says so once,
with its rows, as a warning: a user who pastes their lines into Sales gets results of their
clients only.
"""

from __future__ import annotations

import re

import pandas as pd

from clientbase_xl.i18n import Text
from clientbase_xl.inputs.problems import Problem, row_list
from clientbase_xl.inputs.values import rows_matching

#: Client codes of the template's example rows: ``EX-`` and the demo's code.
EXAMPLE_PREFIX = "EX-"
_EXAMPLE = re.compile(r"^EX-C\d{5}$")

LEFT_OUT = Text(
    "{n} example row(s) of the template (rows {rows}) are left out: Sales holds your own lines.",
    "Строк-примеров из шаблона: {n} (строки {rows}) — не учтены: в продажах уже ваши строки.",
)
LEFT_OUT_FIX = Text(
    "Delete the example rows (client codes starting EX-) from this sheet.",
    "Удалите строки-примеры (коды клиентов, начинающиеся с EX-) с этого листа.",
)


def example_code(client: str) -> str:
    """The code an example row of the template gives the demo's client ``client``."""
    return EXAMPLE_PREFIX + client


def is_example(clients: pd.Series) -> pd.Series:
    """Which rows' client codes are the template's example codes (a bool Series)."""
    return pd.Series(rows_matching(clients, _EXAMPLE), index=clients.index)


def drop_examples(
    frames: dict[str, pd.DataFrame], sheets: dict[str, str]
) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Leave out example rows when Sales holds a line of the user's own (module docstring).

    ``frames``: parsed tables by schema key (with ``client`` and ``_row`` where they have a
    client); ``sheets``: each key's sheet name. Returns the frames and one warning per table
    that held example rows.
    """
    sales = frames.get("sales")
    if sales is None or sales.empty:
        return frames, []
    in_sales = is_example(sales["client"])
    if in_sales.all() or (not in_sales.any() and not _any_examples(frames)):
        return frames, []
    out = dict(frames)
    problems = []
    for key, frame in frames.items():
        if "client" not in frame.columns or "_row" not in frame.columns:
            continue
        mask = is_example(frame["client"]).to_numpy(dtype=bool)
        if not mask.any():
            continue
        rows = frame.loc[mask, "_row"]
        problems.append(
            Problem(
                sheets.get(key, key),
                int(rows.iloc[0]),
                None,
                str(frame.loc[mask, "client"].iloc[0]),
                LEFT_OUT,
                LEFT_OUT_FIX,
                {"n": int(mask.sum()), "rows": row_list(rows)},
                "warning",
            )
        )
        out[key] = frame[~mask].reset_index(drop=True)
    return out, problems


def _any_examples(frames: dict[str, pd.DataFrame]) -> bool:
    return any(
        "client" in f.columns and bool(is_example(f["client"]).any())
        for k, f in frames.items()
        if k != "sales"
    )
