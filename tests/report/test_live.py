"""Live cells: the exact formula text of links and lookups, and when a cell stays a value."""

from __future__ import annotations

import pandas as pd

from clientbase_xl.i18n import Text
from clientbase_xl.report.layout import lay_out
from clientbase_xl.report.live import LiveCells, Placed
from clientbase_xl.report.spec import (
    FIELD_COLUMNS,
    LINK_ROWS,
    Block,
    Col,
    Link,
    Lookup,
    ResultTab,
    TabSpec,
)

T = Text("t", "t")
ID = Col("client", T)
CARD = TabSpec(
    "card",
    T,
    T,
    (
        Block("pick", T, (ID,), choices=("clients", "client")),
        Block("who", T, FIELD_COLUMNS, fields=(Col("name", T),), lookup=Lookup("clients")),
        Block("clients", T, (ID, Col("name", T))),
    ),
)
LIST = TabSpec(
    "list",
    T,
    T,
    (
        Block("ids", T, (Col("client", T, link=Link("card", "clients", "client")),)),
        Block("head", T, (Col("n", T, "int", link=Link("card", "who")),)),
    ),
)


def _cells(ids: list[str], sheet: str = "It's a card") -> tuple[LiveCells, dict[str, Placed]]:
    card = ResultTab(
        CARD,
        {
            "pick": pd.DataFrame({"client": ["a"]}),
            "who": pd.DataFrame({"field": ["Name"], "value": ["Alpha"]}),
            "clients": pd.DataFrame({"client": ["a", 'b"q'], "name": ["Alpha", "Beta"]}),
        },
    )
    listed = ResultTab(
        LIST, {"ids": pd.DataFrame({"client": ids}), "head": pd.DataFrame({"n": [3]})}
    )
    placed = {"card": Placed(sheet, lay_out(card)), "list": Placed("List", lay_out(listed))}
    return LiveCells(placed), placed


def test_a_lookup_follows_the_pick_and_a_link_goes_to_the_clients_row() -> None:
    live, placed = _cells(["a", 'b"q', "zz"])
    card = placed["card"].layout.blocks
    # Rows (1-based): title 1, note 2; pick: title 4, header 5, A6; who: title 8, header 9,
    # row 10; clients: title 12, header 13, rows 14-15.
    assert card["clients"].first + 1 == 14
    assert live.column("card", card["who"], 0) is None  # the labels are plain
    found = 'INDEX($B$14:$B$15,MATCH($A$6&"",$A$14:$A$15,0))'
    assert live.column("card", card["who"], 1) == [f'=IFERROR(IF({found}="","",{found}),"")']
    assert live.choices("card", card["pick"]) == "=$A$14:$A$15"
    assert live.column("card", card["pick"], 0) is None  # the pick itself stays a value
    ids = placed["list"].layout.blocks["ids"]
    # The sheet's quote is doubled in its name, the id's double quote in the literal; an id
    # not on the card stays a value.
    assert live.column("list", ids, 0) == [
        "=HYPERLINK(\"#'It''s a card'!A14\",\"a\")",
        '=HYPERLINK("#\'It\'\'s a card\'!A15","b""q")',
        None,
    ]
    # Without a key, a link goes to the block's title: a number keeps its value.
    head = placed["list"].layout.blocks["head"]
    assert live.column("list", head, 0) == ["=HYPERLINK(\"#'It''s a card'!A8\",3)"]


def test_long_lists_and_tabs_not_written_have_no_links() -> None:
    live, placed = _cells(["a"] * (LINK_ROWS + 1))
    assert live.column("list", placed["list"].layout.blocks["ids"], 0) is None
    alone = LiveCells({"list": placed["list"]})
    assert alone.column("list", placed["list"].layout.blocks["head"], 0) is None
