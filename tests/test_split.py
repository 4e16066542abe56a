"""One workbook per manager: each holds its manager's clients only, and together all of them."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from clientbase_xl.cli import main
from clientbase_xl.inputs.model import Inputs
from clientbase_xl.refresh import refresh, tabs_of
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.split import clients_by_manager, for_manager
from clientbase_xl.workbook.gateway import FileGateway
from tests.conftest import small_sales
from tools.render import convert


def _cells(book: Path) -> dict[str, set[str]]:
    """Every text of every sheet of ``book``, per sheet (as the file stores the values)."""
    sheets = pd.read_excel(book, sheet_name=None, header=None, engine="calamine")
    return {
        name: {str(v) for v in frame.to_numpy().ravel() if isinstance(v, str)}
        for name, frame in sheets.items()
    }


def test_split_writes_a_file_per_manager_with_only_their_clients(
    demo_book: Path, tmp_path: Path
) -> None:
    whole = tmp_path / "whole.xlsm"
    outcome = refresh(FileGateway(demo_book, whole))
    assert outcome.context is not None
    groups = clients_by_manager(outcome.context)
    out, err = io.StringIO(), io.StringIO()
    assert main(["split", str(demo_book), "--out", str(tmp_path / "by")], out, err) == 0, err
    files = sorted((tmp_path / "by").glob("*.xlsx"))
    assert len(files) == len(groups) == len(out.getvalue().splitlines())
    every = set().union(*groups.values())
    seen: set[str] = set()
    for path in files:
        manager = path.stem.split(" - ", 1)[1]
        theirs = groups[manager]
        book = openpyxl.load_workbook(path, read_only=True)
        # Their Actions first, after the cover; no input sheet of anyone's.
        assert book.sheetnames[:2] == ["About", "Actions"]
        assert not {"Sales", "Clients", "Settings"} & set(book.sheetnames)
        card = pd.read_excel(path, sheet_name="Client card", header=None, engine="calamine")
        title = card.index[card[0] == "Every client"][0]
        listed = set(card.iloc[title + 2 :, 0].dropna())
        assert listed == theirs  # every client of theirs has a card row, and nobody else's
        seen |= listed
        texts = set().union(*_cells(path).values())
        assert not (every - theirs) & texts, manager  # no other manager's client anywhere
    assert seen == every
    assert convert(files[0], tmp_path / "pdf", "pdf").stat().st_size > 10_000


def test_split_of_a_book_with_errors_writes_nothing(
    book_from: Callable[..., Path], tmp_path: Path
) -> None:
    sales = small_sales().astype({"amount": object})
    sales.loc[2, "amount"] = "двести"
    book = book_from({"sales": sales})
    before = book.read_bytes()
    err = io.StringIO()
    code = main(["split", str(book), "--out", str(tmp_path / "by")], io.StringIO(), err)
    assert code == 1
    assert "error: Sales!4 [Amount (C)]: 'двести' Expected a number." in err.getvalue()
    assert not (tmp_path / "by").exists() and book.read_bytes() == before


@given(st.lists(st.sampled_from(["Ivanov", "Petrova", None]), min_size=4, max_size=4))
@settings(max_examples=8)
def test_the_managers_tabs_partition_every_list_of_clients(managers: list[str | None]) -> None:
    # The four clients A1, B2, C3, D4 each under Ivanov, Petrova or no manager.
    by_client = dict(zip(["A1", "B2", "C3", "D4"], managers, strict=True))
    sales = small_sales().assign(manager=lambda f: f["client"].map(by_client))
    ctx = Context(Inputs(sales=sales.assign(_row=range(2, len(sales) + 2))), "en")
    tabs = tabs_of(ctx)
    groups = clients_by_manager(ctx)
    assert sorted(c for ids in groups.values() for c in ids) == ["A1", "B2", "C3", "D4"]
    files = {
        m: {t.spec.key: t for t in for_manager(tabs, ids, m, ctx)} for m, ids in groups.items()
    }
    for tab in tabs:
        for key, frame in tab.frames.items():
            if "client" not in frame.columns or key == "pick":
                continue
            parts = [list(f[tab.spec.key].frames[key]["client"]) for f in files.values()]
            # Every row of the whole tab is in exactly one manager's file.
            assert sorted(c for p in parts for c in p) == sorted(frame["client"])
