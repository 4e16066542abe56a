import pandas as pd

from clientbase_xl.i18n import Text
from clientbase_xl.report.spec import Block, Col, ResultTab, TabSpec, num_format

COUNTED = TabSpec(
    "probe",
    Text("Probe", "Проба"),
    Text("", ""),
    (Block("clients", Text("Clients", "Клиенты"), (Col("client", Text("Client", "Клиент")),)),),
    counts=("clients", Text("Counts {n} clients.", "Учтено клиентов: {n}.")),
)


def test_a_tab_says_how_many_clients_it_counts() -> None:
    # Three rows, two distinct clients (a client may have several rows in a block).
    tab = ResultTab(COUNTED, {"clients": pd.DataFrame({"client": ["a", "b", "a"]})}, "As of.")
    assert tab.counted("en").note == "As of. Counts 2 clients."
    assert tab.counted("ru").note == "As of. Учтено клиентов: 2."
    plain = ResultTab(TabSpec("p", Text("P", "P"), Text("", ""), ()), {}, "Note.")
    assert plain.counted("en").note == "Note."


def test_every_section_of_a_number_format_is_padded() -> None:
    assert num_format("pp") == "+0.0%_0;-0.0%_0;0.0%_0"
    assert num_format("money", "₽") == '#,##0 "₽"_0'
    assert num_format("text") == "@"
    assert num_format("general") == "General"


def test_a_tab_not_computed_says_why_not_zero_clients() -> None:
    empty = ResultTab(COUNTED, {"clients": pd.DataFrame(columns=["client"])}, "Too few.")
    assert empty.counted("en").note == "Too few."


def test_a_tab_is_named_by_its_key_or_either_title() -> None:
    from clientbase_xl.tabs import tab_key

    assert tab_key("ltv") == tab_key("LTV") == "ltv"
    assert tab_key(" plan VS actual ") == "plan"
    assert tab_key("Сегменты") == "segments"
    assert tab_key("Errors") is None  # written when there are problems, not on request
    assert tab_key("Nope") is None


def test_a_block_picks_or_leaves_out_columns_in_its_own_order() -> None:
    from clientbase_xl.tabs import BCG

    block = BCG.block("clients")
    assert [c.key for c in block.only("quadrant", "client")] == ["client", "quadrant"]
    assert [c.key for c in block.without("name", "manager")] == [
        "client",
        "revenue",
        "revenue_before",
        "share",
        "growth",
        "quadrant",
    ]
