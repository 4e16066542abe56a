"""A tab is listed once (tabs.TABS) and registers its builder, worksheet functions and docs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clientbase_xl.excel.udfs import CATALOGUE
from clientbase_xl.i18n import Text
from clientbase_xl.report.spec import TabSpec
from clientbase_xl.tabs import BUILDERS, METHODS, RESULT_TABS, registry

PROBE = TabSpec("probe", Text("Probe", "Проба"), Text("", ""), ())
METHODS_DOC = Path(__file__).parents[2] / "docs" / "methods.md"


def test_every_listed_tab_has_its_builder_in_the_listed_order() -> None:
    assert [key for key, _ in BUILDERS] == [spec.key for spec in RESULT_TABS]


def test_every_tab_names_worksheet_functions_of_the_catalogue() -> None:
    catalogue = {f.__name__ for f in CATALOGUE}
    for method in METHODS:
        assert set(method.udfs) <= catalogue, method.spec.key


def test_every_worksheet_function_belongs_to_a_tab() -> None:
    named = {name for method in METHODS for name in method.udfs}
    assert {f.__name__ for f in CATALOGUE} <= named


def test_every_tab_has_its_section_in_the_methods_docs() -> None:
    headings = set(re.findall(r"^## (.+)$", METHODS_DOC.read_text(encoding="utf-8"), re.M))
    for method in METHODS:
        assert method.doc in headings, method.spec.key


def test_a_tab_listed_without_a_builder_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_BY_KEY", dict(registry._BY_KEY))
    with pytest.raises(LookupError, match="no builder registered for the tabs probe"):
        registry.in_tab_order((*RESULT_TABS, PROBE))


def test_a_builder_of_a_tab_not_listed_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_BY_KEY", dict(registry._BY_KEY))
    registry.builds(PROBE, udfs=("CB_ABC",), doc="ABC and ABCD")(lambda ctx: None)  # type: ignore[arg-type,return-value]
    with pytest.raises(LookupError, match="builders registered for tabs not listed: probe"):
        registry.in_tab_order(RESULT_TABS)


@pytest.mark.parametrize(("udfs", "doc"), [((), "ABC and ABCD"), (("CB_ABC",), "")])
def test_a_tab_without_its_functions_or_docs_is_refused(udfs: tuple[str, ...], doc: str) -> None:
    with pytest.raises(ValueError, match="names no worksheet function or no docs heading"):
        registry.builds(PROBE, udfs=udfs, doc=doc)


def test_two_builders_of_one_tab_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_BY_KEY", dict(registry._BY_KEY))
    ltv = next(spec for spec in RESULT_TABS if spec.key == "ltv")
    with pytest.raises(ValueError, match="two builders of the ltv tab"):
        registry.builds(ltv, udfs=("CB_LTV",), doc="LTV")(lambda ctx: None)  # type: ignore[arg-type,return-value]
