"""Alerts for a scheduler: the actions that are new since the last refresh, as JSON or CSV.

``clientbase-xl refresh BOOK --alerts alerts.json`` (or ``.csv``) writes the actions of this
refresh that the last one did not have; a scheduled job (cron, Windows Task Scheduler) mails or
posts the file. Nothing here sends anything. What the last refresh had is kept beside the
alerts file (``alerts.seen.json``): an action is a client and a reason, so a client late last
month and still late is not new, and one late again after ordering is. Without that file (the
first run, or after it was deleted) every action is new. Both files are written to a temporary
file and renamed, so a scheduler never reads half of one.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from clientbase_xl.errors import UsageError
from clientbase_xl.workbook.safety import write_beside

FORMATS = (".json", ".csv")
#: A CSV cell starting with one of these is a formula when Excel opens the file
#: (``=cmd|' /C calc'!A0`` as a manager's name): such text goes behind Excel's text prefix.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
STATE_SUFFIX = ".seen.json"


def check_alerts_path(path: Path) -> None:
    """Refuse an alerts path of another format, or in a folder that does not exist."""
    if path.suffix.lower() not in FORMATS:
        raise UsageError(f"--alerts {path}: name a .json or .csv file")
    if not path.parent.is_dir():
        raise UsageError(f"--alerts {path}: the folder {path.parent} does not exist")


def state_path(path: Path) -> Path:
    """Where the actions of the last refresh are kept: beside the alerts file."""
    return path.with_name(path.stem + STATE_SUFFIX)


def seen(path: Path) -> set[tuple[str, str]]:
    """The (client, reason) of every action of the last refresh; empty without a readable file.

    A damaged or foreign file counts as no file: every action is then new, which a scheduler
    can live with, where a refusal would stop the alerts altogether.
    """
    try:
        keys = json.loads(state_path(path).read_text(encoding="utf-8"))["actions"]
        return {(str(client), str(reason)) for client, reason in keys}
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def new_actions(every: pd.DataFrame, before: set[tuple[str, str]]) -> pd.DataFrame:
    """The rows of ``every`` whose (client, reason) is not in ``before``, in their order."""
    keys = list(zip(every["client"].astype(str), every["reason"].astype(str), strict=True))
    return every[[key not in before for key in keys]].reset_index(drop=True)


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Rows as JSON takes them: dates as YYYY-MM-DD, money to the cent, blanks as null."""
    out = frame.astype(object).where(frame.notna(), None)
    out["next_due"] = [None if v is None else f"{pd.Timestamp(v):%Y-%m-%d}" for v in out.next_due]
    out["stake"] = [None if v is None else round(float(v), 2) for v in out["stake"]]
    return [{str(k): v for k, v in row.items()} for row in out.to_dict("records")]


def _csv_cell(value: object) -> object:
    """A text that Excel would read as a formula, behind the text prefix; the rest as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_alerts(path: Path, every: pd.DataFrame, about: Mapping[str, str]) -> pd.DataFrame:
    """Write the new actions of ``every`` to ``path`` and keep ``every`` as the last seen.

    ``about`` (book, as of, refreshed) heads the JSON file. Returns the new actions.
    """
    new = new_actions(every, seen(path))
    records = _records(new)
    if path.suffix.lower() == ".json":
        body = {**about, "new": len(records), "actions": records}
        data = json.dumps(body, ensure_ascii=False, indent=2).encode("utf-8")
    else:
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=list(every.columns), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows([{k: _csv_cell(v) for k, v in r.items()} for r in records])
        data = text.getvalue().encode("utf-8-sig")  # Excel opens Cyrillic CSV right with a BOM
    with write_beside(path) as fh:
        fh.write(data)
    keys = [[str(c), str(r)] for c, r in zip(every["client"], every["reason"], strict=True)]
    state = json.dumps({**about, "actions": keys}, ensure_ascii=False)
    with write_beside(state_path(path)) as fh:
        fh.write(state.encode("utf-8"))
    return new
