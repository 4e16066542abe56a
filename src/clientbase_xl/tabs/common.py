"""Texts and helpers several result tabs' builders share."""

from __future__ import annotations

import pandas as pd

from clientbase_xl.i18n import Text
from clientbase_xl.tabs.context import Context

NO_CLASS = Text("(no class)", "(нет класса)")
NO_GROUP = Text("(no group)", "(без группы)")


def fill(ctx: Context, values: pd.Series, text: Text) -> pd.Series:
    """``values`` with each blank shown as ``text`` in the refresh's language."""
    return values.astype(object).where(values.notna(), ctx.text(text))
