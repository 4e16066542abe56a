"""The template's example rows never reach a user's results once their own lines are in Sales."""

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from clientbase_xl.inputs.examples import drop_examples, example_code, is_example
from clientbase_xl.refresh import refresh
from clientbase_xl.template.build import example_frames
from clientbase_xl.workbook.gateway import FileGateway
from tests.conftest import small_sales


def test_example_codes_are_marked_and_recognised() -> None:
    assert example_code("C00003") == "EX-C00003"
    codes = pd.Series(["EX-C00003", "C00003", "EX-C0003", "ex-c00003", None])
    assert is_example(codes).tolist() == [True, False, False, False, False]
    for key, frame in example_frames().items():
        if "client" in frame.columns:
            assert is_example(frame["client"]).all(), key


def test_examples_alone_are_analysed_as_they_are() -> None:
    sales = pd.DataFrame({"client": ["EX-C00001", "EX-C00002"], "_row": [2, 3]})
    frames, problems = drop_examples({"sales": sales}, {"sales": "Sales"})
    assert frames["sales"] is sales and problems == []


def test_examples_leave_every_table_once_the_users_lines_are_in() -> None:
    sales = pd.DataFrame({"client": ["A1", "EX-C00001"], "_row": [2, 3]})
    clients = pd.DataFrame({"client": ["EX-C00001", "A1", "EX-C00002"], "_row": [2, 3, 4]})
    frames, problems = drop_examples(
        {"sales": sales, "clients": clients}, {"sales": "Sales", "clients": "Clients"}
    )
    assert frames["sales"]["client"].tolist() == ["A1"]
    assert frames["clients"]["client"].tolist() == ["A1"]
    assert [(p.sheet, p.row, p.severity) for p in problems] == [
        ("Sales", 3, "warning"),
        ("Clients", 2, "warning"),
    ]
    assert problems[1].render("en")[0] == (
        "2 example row(s) of the template (rows 2, 4) are left out: Sales holds your own lines."
    )


def test_a_user_who_replaces_the_sales_rows_sees_only_their_clients(
    book_from: Callable[..., Path], tmp_path: Path
) -> None:
    examples = example_frames()
    frames = {**examples, "sales": small_sales()}
    book = book_from(frames)
    outcome = refresh(FileGateway(book, tmp_path / "out.xlsm"))
    assert outcome.inputs is not None
    shown = set()
    for tab in outcome.tabs:
        for frame in tab.frames.values():
            if "client" in frame.columns:
                shown |= set(frame["client"].dropna().astype(str))
    assert shown and not any(c.startswith("EX-") for c in shown)
    told = {p.sheet for p in outcome.problems if "example row(s)" in p.render("en")[0]}
    assert {"Clients", "Survey", "Wallet", "Payments"} <= told
