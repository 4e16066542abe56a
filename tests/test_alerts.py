"""Alerts: the actions new since the last refresh, kept beside the file, for a scheduler."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from clientbase_xl.alerts import new_actions, state_path, write_alerts
from clientbase_xl.cli import main
from clientbase_xl.tabs.actions import ALERT_COLUMNS

ABOUT = {"book": "book.xlsm", "as_of": "2025-03-31", "refreshed": "2025-04-01 08:00"}


def _actions(*rows: tuple[str, str, float]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["client", "reason", "stake"])
    for col in ALERT_COLUMNS:
        if col not in frame.columns:
            frame[col] = "x"
    frame["next_due"] = pd.Timestamp("2025-04-15")
    return frame[list(ALERT_COLUMNS)]


def test_an_action_is_new_when_the_last_refresh_did_not_have_its_client_and_reason(
    tmp_path: Path,
) -> None:
    path = tmp_path / "alerts.json"
    first = write_alerts(path, _actions(("a", "late", 100.0), ("b", "overdue", 50.0)), ABOUT)
    assert len(first) == 2  # no state yet: every action is new
    # a is still late (not new); a is now also a detractor, and c is late: both new.
    again = _actions(("a", "late", 120.0), ("a", "detractor", 10.0), ("c", "late", 5.0))
    new = write_alerts(path, again, ABOUT)
    assert new[["client", "reason"]].values.tolist() == [["a", "detractor"], ["c", "late"]]
    said = json.loads(path.read_text(encoding="utf-8"))
    assert said["new"] == 2 and said["as_of"] == "2025-03-31"
    assert said["actions"][1]["next_due"] == "2025-04-15" and said["actions"][1]["stake"] == 5.0
    # b's overdue invoice was paid: gone; when b is overdue again it is new again.
    assert len(write_alerts(path, _actions(("b", "overdue", 50.0)), ABOUT)) == 1


def test_a_damaged_or_missing_state_makes_every_action_new(tmp_path: Path) -> None:
    path = tmp_path / "alerts.csv"
    write_alerts(path, _actions(("a", "late", 100.0)), ABOUT)
    state_path(path).write_text("{not json", encoding="utf-8")
    assert len(write_alerts(path, _actions(("a", "late", 100.0)), ABOUT)) == 1
    state_path(path).unlink()
    assert len(new_actions(_actions(("a", "late", 1.0)), set())) == 1
    rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert [r["client"] for r in rows] == ["a"] and list(rows[0]) == list(ALERT_COLUMNS)


def test_refresh_with_alerts_writes_them_and_the_second_run_finds_none_new(
    book_from: Callable[..., Path], tmp_path: Path
) -> None:
    from tests.conftest import small_sales

    book = book_from({"sales": small_sales()})
    alerts = tmp_path / "alerts.json"
    runs = []
    for _ in range(2):
        out = io.StringIO()
        code = main(
            ["refresh", str(book), "--in-place", "--alerts", str(alerts)], out, io.StringIO()
        )
        assert code == 0
        runs.append(json.loads(alerts.read_text(encoding="utf-8")))
    assert runs[0]["new"] == len(runs[0]["actions"]) > 0
    assert runs[1]["new"] == 0
    err = io.StringIO()
    assert (
        main(["refresh", str(book), "--alerts", str(tmp_path / "a.txt")], io.StringIO(), err) == 2
    )
    assert "name a .json or .csv file" in err.getvalue()


def test_formula_looking_text_in_a_csv_alert_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "alerts.csv"
    hostile = _actions(("c1", "late", 10.0)).assign(manager="=cmd|' /C calc'!A0", name="@SUM(1)")
    write_alerts(path, hostile, ABOUT)
    (row,) = csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines())
    assert row["manager"] == "'=cmd|' /C calc'!A0" and row["name"] == "'@SUM(1)"
    assert row["client"] == "c1" and row["stake"] == "10.0"
    write_alerts(tmp_path / "raw.json", hostile, ABOUT)  # JSON carries the text as it is
    said = json.loads((tmp_path / "raw.json").read_text(encoding="utf-8"))
    assert said["actions"][0]["manager"] == "=cmd|' /C calc'!A0"
