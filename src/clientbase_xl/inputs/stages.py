"""Which lines of a CRM deal list are sales: the deals in a stage that Settings names as won.

A deal list exported from Bitrix24 or amoCRM holds lost deals and deals in progress beside the
won ones; counting them would put revenue nobody received into every tab. Lines whose Stage
is one of :attr:`~clientbase_xl.inputs.settings.Settings.sale_stages` (matched like headers: case,
spaces and dashes do not count) are kept; lines with no stage are kept too (a shipment typed
beside the deals); the rest are left out and said once, with the stages found.

Input: the parsed Stage column of Sales. Pure.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from clientbase_xl.i18n import Text
from clientbase_xl.inputs.problems import Problem, listed
from clientbase_xl.inputs.schema import header_key

OTHER_STAGES = Text(
    "{n} deal(s) in other stages left out ({found}): only the sale stages ({listed}) count.",
    "Сделок в других стадиях: {n} — не учтены ({found}); учитываются только стадии продажи "
    "({listed}).",
)
OTHER_STAGES_FIX = Text(
    "Nothing to do if these deals are lost or open; if a stage is a sale, add it to Settings "
    "(Sale stages).",
    "Ничего делать не нужно, если эти сделки проиграны или в работе; если стадия — продажа, "
    "добавьте её в Параметры (Стадии продажи).",
)
NO_WON = Text(
    "No line is in a sale stage ({listed}); the stages found: {found}.",
    "Ни одна строка не в стадии продажи ({listed}); найдены стадии: {found}.",
)
NO_WON_FIX = Text(
    "Name the stages that count as a sale in Settings (Sale stages), e.g. {first}; or rename "
    "the column if it is not a deal stage.",
    "Перечислите стадии, которые считаются продажей, в Параметрах (Стадии продажи), например "
    "{first}; или переименуйте столбец, если это не стадия сделки.",
)
#: The won stages of the CRM deal lists people export: Bitrix24 («Сделка успешна», "Deal
#: won"), amoCRM («Успешно реализовано», "Successfully realized") and Kommo ("Closed - won").
SALE_STAGES = (
    "Сделка успешна",
    "Успешно реализовано",
    "Успешно",
    "Deal won",
    "Won",
    "Closed - won",
    "Closed won",
    "Successfully realized",
)
#: How many stages a message names before it counts the rest.
SHOWN = 6


def _found(stages: pd.Series) -> str:
    counts = stages.value_counts(sort=True)
    return listed([f"{name} {n}" for name, n in counts.items()], SHOWN)


def other_stages(
    stage: pd.Series,
    rows: np.ndarray,
    stages: tuple[str, ...],
    sheet: str,
    column: str,
) -> tuple[np.ndarray, list[Problem]]:
    """Which lines are deals in other stages than the sale stages, and what to say of them.

    Parameters
    ----------
    stage
        The Stage of each line (NA where blank).
    rows
        The sheet row of each line, for the message.
    stages
        The stage names that count as a sale.
    sheet, column
        The Sales sheet's name and the Stage column's place, for the problems.

    Returns
    -------
    (left_out, problems)
        A bool array of the lines to leave out (their cells are no problems of their own:
        an open deal has no closing date) with a warning naming the stages left out; when no
        line is in a sale stage, nothing is left out and an error says which stages there are.
    """
    text = stage.astype("string")
    # Judged on the distinct stages: a million lines hold a dozen.
    names = pd.Series(text.dropna().unique(), dtype="string")
    wanted = {header_key(s) for s in stages}
    won = [n for n in names if header_key(n) in wanted]
    out = (text.notna() & ~text.isin(won)).to_numpy(dtype=bool)
    if not out.any():
        return out, []
    found = _found(text[out])
    listed = "/".join(stages)
    if not won:
        first = str(names.iloc[0])
        params = {"listed": listed, "found": found, "first": first}
        return np.zeros_like(out), [Problem(sheet, None, column, "", NO_WON, NO_WON_FIX, params)]
    problem = Problem(
        sheet,
        int(rows[out][0]),
        column,
        str(text[out].iloc[0]),
        OTHER_STAGES,
        OTHER_STAGES_FIX,
        {"n": int(out.sum()), "found": found, "listed": listed},
        "warning",
    )
    return out, [problem]
