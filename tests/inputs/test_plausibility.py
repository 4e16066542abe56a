"""Lines a paste made twice: found when twenty or more in a row repeat earlier ones."""

import datetime as dt

from clientbase_xl.inputs.model import load_inputs
from clientbase_xl.inputs.plausibility import PASTED_RUN
from clientbase_xl.inputs.raw import RawTable

HEADER = ["Date", "Client", "Amount", "Order"]


def _month(n: int = 40) -> list[list[object]]:
    """``n`` lines, each its own: day i % 28 + 1 of January, client C(i % 7), 100 + i."""
    return [[dt.date(2026, 1, i % 28 + 1), f"C{i % 7}", 100 + i, f"SO-{i}"] for i in range(n)]


def _warned(rows: list[list[object]]) -> list[tuple[int | None, dict[str, object]]]:
    _, problems = load_inputs({"sales": RawTable("Sales", HEADER, rows)})
    return [(p.row, p.params) for p in problems if "pasted twice" in p.what.en]


def test_a_second_paste_of_lines_is_named_by_its_rows_and_its_twins() -> None:
    # Lines 10-34 of the month pasted again below it: sheet rows 42-66 (row 1 is the header,
    # the month is rows 2-41) repeat rows 12-36.
    lines = _month()
    assert _warned([*lines, *lines[10:35]]) == [
        (42, {"first": 42, "last": 66, "n": 25, "twin": 12})
    ]


def test_fewer_lines_in_a_row_or_alike_only_in_day_and_amount_are_silent() -> None:
    lines = _month()
    assert PASTED_RUN == 20
    assert _warned([*lines, *lines[:19]]) == []  # 19 in a row: one document's lines, maybe
    assert _warned([*lines, *lines[:20]]) != []
    # The same days and amounts for other clients: candidates, but no line repeats another.
    others = [[d, c + "x", a, o] for d, c, a, o in lines[:30]]
    assert _warned([*lines, *others]) == []
    # Repeats spread out, each between new lines: no run.
    spread = [row for i, line in enumerate(lines[:30]) for row in (line, _month(80)[40 + i])]
    assert _warned([*lines, *spread]) == []
