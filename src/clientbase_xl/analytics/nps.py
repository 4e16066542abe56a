"""Net Promoter Score (METHODS.md "NPS"): % promoters (9-10) − % detractors (0-6)."""

from __future__ import annotations

import numpy as np
import pandas as pd

NPS_COLUMNS = ("answers", "promoters", "passives", "detractors", "nps", "few_answers")
#: Below this many answers an NPS is flagged as unreliable.
MIN_ANSWERS = 30


def nps_group(score: pd.Series) -> pd.Series:
    """``promoter`` for 9-10, ``passive`` for 7-8, ``detractor`` for 0-6."""
    return pd.Series(
        np.select([score >= 9, score >= 7], ["promoter", "passive"], "detractor"),
        index=score.index,
        dtype=object,
    )


def nps(scores: pd.Series) -> float:
    """NPS of a set of 0-10 answers, from −100 to 100 (NaN with no answers)."""
    s = scores.dropna()
    if s.empty:
        return float("nan")
    return float(((s >= 9).mean() - (s <= 6).mean()) * 100)


def nps_table(survey: pd.DataFrame, by: str | list[str] | None = None) -> pd.DataFrame:
    """NPS with its counts, overall or per value of ``by``.

    Input: answers with a ``score`` column (and the ``by`` columns). Output: the ``by`` columns
    and :data:`NPS_COLUMNS`; ``few_answers`` is True below :data:`MIN_ANSWERS`.
    """
    group = nps_group(survey["score"])
    frame = survey.assign(
        _p=(group == "promoter").astype(int),
        _n=(group == "passive").astype(int),
        _d=(group == "detractor").astype(int),
    )
    if by is None:
        frame = frame.assign(_all=0)
        by = "_all"
    out = frame.groupby(by, sort=True, observed=True, dropna=False).agg(
        answers=("score", "size"),
        promoters=("_p", "sum"),
        passives=("_n", "sum"),
        detractors=("_d", "sum"),
    )
    out["nps"] = (out["promoters"] - out["detractors"]) / out["answers"] * 100
    out["few_answers"] = out["answers"] < MIN_ANSWERS
    out = out.reset_index()
    return out.drop(columns="_all") if "_all" in out.columns else out


#: What separates the tags a user typed into one Themes cell.
THEME_SEPARATORS = r"[;,]"


def theme_tags(themes: pd.Series) -> pd.DataFrame:
    """One row per tag of each answer: ``answer`` (the index label of ``themes``) and ``theme``.

    Tags are split on ``;`` and ``,`` and stripped; blank tags are dropped; an answer tagged
    twice with one theme counts once. Tags equal but for case are one theme, named by the
    spelling that sorts first (so the name never depends on the order of the answers).
    """
    tags = themes.dropna().astype(str).str.split(THEME_SEPARATORS).explode().str.strip()
    tags = tags[tags.str.len() > 0]
    frame = pd.DataFrame({"answer": tags.index, "theme": tags.to_numpy(dtype=object)})
    key = frame["theme"].str.casefold()
    frame["theme"] = frame.groupby(key)["theme"].transform("min")
    return frame.drop_duplicates(["answer", "theme"]).reset_index(drop=True)


def theme_table(answers: pd.DataFrame) -> pd.DataFrame:
    """NPS per theme the user tagged the answers with.

    Input: answers with ``client``, ``score`` and ``themes`` (see :func:`theme_tags`).
    Output: one row per theme, most answers first (then by name): ``theme``, ``clients``
    (distinct clients who gave those answers) and :data:`NPS_COLUMNS` over the answers tagged
    with it; an answer with two themes counts in both. No rows when nothing is tagged.
    """
    answers = answers.reset_index(drop=True)
    tags = theme_tags(answers["themes"])
    tagged = answers.loc[tags["answer"], ["client", "score"]].reset_index(drop=True)
    tagged["theme"] = tags["theme"].to_numpy(dtype=object)
    if tagged.empty:
        return pd.DataFrame(columns=["theme", "clients", *NPS_COLUMNS])
    out = nps_table(tagged, "theme")
    out.insert(1, "clients", out["theme"].map(tagged.groupby("theme")["client"].nunique()))
    return out.sort_values(
        ["answers", "theme"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)
