"""A tab is listed once (report.tabs.TABS) and its builder registers itself for it."""

from __future__ import annotations

import pytest

from clientbase_xl.builders import BUILDERS, registry
from clientbase_xl.i18n import Text
from clientbase_xl.report.spec import TabSpec
from clientbase_xl.report.tabs import RESULT_TABS

PROBE = TabSpec("probe", Text("Probe", "Проба"), Text("", ""), ())


def test_every_listed_tab_has_its_builder_in_the_listed_order() -> None:
    assert [key for key, _ in BUILDERS] == [spec.key for spec in RESULT_TABS]


def test_a_tab_listed_without_a_builder_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_BY_KEY", dict(registry._BY_KEY))
    with pytest.raises(LookupError, match="no builder registered for the tabs probe"):
        registry.in_tab_order((*RESULT_TABS, PROBE))


def test_a_builder_of_a_tab_not_listed_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_BY_KEY", dict(registry._BY_KEY))
    registry.builds(PROBE)(lambda ctx: None)  # type: ignore[arg-type,return-value]
    with pytest.raises(LookupError, match="builders registered for tabs not listed: probe"):
        registry.in_tab_order(RESULT_TABS)


def test_two_builders_of_one_tab_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_BY_KEY", dict(registry._BY_KEY))
    ltv = next(spec for spec in RESULT_TABS if spec.key == "ltv")
    with pytest.raises(ValueError, match="two builders of the ltv tab"):
        registry.builds(ltv)(lambda ctx: None)  # type: ignore[arg-type,return-value]
