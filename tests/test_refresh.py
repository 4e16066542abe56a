"""The orchestrator: every tab it builds matches its spec, in every setting that shapes it."""

import dataclasses

import pytest

from clientbase_xl.demo import demo_frames
from clientbase_xl.inputs.model import Inputs
from clientbase_xl.inputs.settings import Settings
from clientbase_xl.refresh import build_tabs, compute
from clientbase_xl.tabs import BUILDERS, OWN_TABS, TABS, result_tab_names

FRAMES = demo_frames(clients=80, months=14, seed=5)


def _inputs(everything: bool = False, **settings: object) -> Inputs:
    """Sales and clients only, or (``everything``) every sheet the demo makes."""
    sales = FRAMES["sales"].assign(_row=range(2, len(FRAMES["sales"]) + 2))
    extra = {k: v for k, v in FRAMES.items() if k not in {"sales", "criteria"}}
    return Inputs(
        sales=sales,
        settings=dataclasses.replace(Settings(), **settings),  # type: ignore[arg-type]
        **(extra if everything else {"clients": FRAMES["clients"]}),
    )


@pytest.mark.parametrize(
    "settings",
    [
        {},
        {"abcd": True},
        {"xyz_method": "variation"},
        {"abc_metric": "margin"},
        {"window_months": 3, "language": "ru"},
        {"everything": True},
        {"everything": True, "activity_period": "week", "ltv_lifetime_by": "segment"},
        {"everything": True, "activity_period": "day", "history_months": 2},
    ],
)
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_frame_has_exactly_its_block_columns(settings: dict[str, object], lang: str) -> None:
    tabs = build_tabs(_inputs(**settings), lang)  # type: ignore[arg-type]
    assert [t.spec.key for t in tabs] == [key for key, _ in BUILDERS]
    for tab in tabs:
        assert set(tab.frames) == {b.key for b in tab.spec.blocks}
        for block in tab.spec.blocks:
            frame = tab.frames[block.key]
            required = {c.key for c in block.columns if not c.optional}
            assert required <= set(frame.columns), (tab.spec.key, block.key)


def test_abcd_gives_twelve_cells() -> None:
    tabs = {t.spec.key: t for t in build_tabs(_inputs(abcd=True), "en")}
    assert len(tabs["matrix"].frames["cells"]) == 12
    # The optional D columns are there with ABCD.
    assert "D" in tabs["migration"].frames["abc_counts"].columns
    assert "d_share" in tabs["portfolio"].frames["latest"].columns


def test_segments_carry_the_clients_sheet_attributes() -> None:
    seg = build_tabs(_inputs(), "en", only={"segments"})[0]
    frame = seg.frames["clients"].set_index("client")
    clients = FRAMES["clients"].set_index("client")
    common = frame.index.intersection(clients.index)
    assert (frame.loc[common, "name"] == clients.loc[common, "name"]).all()
    assert (frame.loc[common, "manager"] == clients.loc[common, "manager"]).all()


def test_specs_are_complete_in_both_languages() -> None:
    for lang in ("en", "ru"):
        assert len({spec.title(lang) for spec in TABS}) == len(TABS)  # no two tabs share a name
    assert result_tab_names() == {spec.title(x) for spec in OWN_TABS for x in ("en", "ru")}
    for spec in TABS:
        for lang in ("en", "ru"):
            assert 0 < len(spec.title(lang)) <= 31  # Excel's limit for a sheet name
        assert spec.about.en and spec.about.ru
        for block in spec.blocks:
            assert block.title.en and block.title.ru
            assert len(set(block.column_keys())) == len(block.column_keys())
            for col in block.columns:
                assert col.label.en and col.label.ru
            for cond in block.conditional:
                assert cond.column in block.column_keys()


def test_compute_reports_problems_without_raising() -> None:
    outcome = compute({})
    assert not outcome.ok
    assert [t.spec.key for t in outcome.tabs] == ["errors"]


def test_with_every_sheet_every_block_has_rows() -> None:
    tabs = build_tabs(_inputs(everything=True), "en")
    empty = [(t.spec.key, key) for t in tabs for key, frame in t.frames.items() if frame.empty]
    # Unprofitable A clients may legitimately be none; everything else has data in the demo.
    assert set(empty) <= {("profitability", "unprofitable")}


def test_without_payments_and_stock_the_turnover_tab_says_so() -> None:
    turnover = next(t for t in build_tabs(_inputs(), "ru") if t.spec.key == "turnover")
    assert turnover.frames["status"]["status"].tolist() == [
        "Нет листа «Оплаты»: добавьте его, чтобы увидеть оборачиваемость дебиторской "
        "задолженности.",
        "Нет листа «Остатки»: добавьте его, чтобы увидеть оборачиваемость запасов.",
    ]
    assert turnover.frames["dso_clients"].empty and turnover.frames["inventory"].empty


def test_clv_says_when_too_few_clients_repeat() -> None:
    from tests.conftest import small_sales

    sales = small_sales().assign(_row=range(2, 9))
    clv = next(t for t in build_tabs(Inputs(sales=sales), "en") if t.spec.key == "clv")
    # A1 ordered on three days and B2 on two: 2 repeat clients, fewer than the 10 a fit needs.
    assert clv.note.endswith(
        "Only 2 clients ordered on more than one day: too few to fit the models."
    )
    assert all(frame.empty for frame in clv.frames.values())
