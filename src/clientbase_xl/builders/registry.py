"""Which builder makes which result tab: each builder registers itself under its tab's spec.

The order of the tabs is said once, in :data:`clientbase_xl.report.tabs.TABS`;
:func:`in_tab_order` gives the builders in it and refuses a tab that has none, so a tab cannot
be listed without a builder nor a builder written for a tab that is not listed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from clientbase_xl.builders.context import Context
from clientbase_xl.report.spec import ResultTab, TabSpec

Builder = Callable[[Context], ResultTab]

_BY_KEY: dict[str, Builder] = {}


def builds(spec: TabSpec) -> Callable[[Builder], Builder]:
    """Register the decorated function as the builder of ``spec``'s tab."""

    def register(builder: Builder) -> Builder:
        if spec.key in _BY_KEY:
            raise ValueError(f"two builders of the {spec.key} tab")
        _BY_KEY[spec.key] = builder
        return builder

    return register


def in_tab_order(specs: Iterable[TabSpec]) -> tuple[tuple[str, Builder], ...]:
    """``(key, builder)`` of each of ``specs``, in their order; every one must have a builder."""
    chosen = tuple(specs)
    missing = [s.key for s in chosen if s.key not in _BY_KEY]
    if missing:
        raise LookupError(f"no builder registered for the tabs {', '.join(missing)}")
    unlisted = sorted(set(_BY_KEY) - {s.key for s in chosen})
    if unlisted:
        raise LookupError(f"builders registered for tabs not listed: {', '.join(unlisted)}")
    return tuple((s.key, _BY_KEY[s.key]) for s in chosen)
