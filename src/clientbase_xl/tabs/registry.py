"""Which builder makes a result tab, which worksheet functions compute it, which docs explain it.

Each tab's module registers its builder with :func:`builds`, naming the worksheet functions
that give the same figures in a cell and the heading of ``docs/methods.md`` that explains the
method. The order of the tabs is said once, in :data:`clientbase_xl.tabs.TABS`;
:func:`in_tab_order` gives the registrations in it and refuses a tab that has none, so a tab
cannot be listed without a builder nor a builder written for a tab that is not listed. The
tests hold every named function to the catalogue and every heading to the docs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from clientbase_xl.report.spec import ResultTab, TabSpec
from clientbase_xl.tabs.context import Context

Builder = Callable[[Context], ResultTab]


@dataclass(frozen=True)
class Method:
    """A result tab as registered: its spec, its builder, its functions and its docs."""

    spec: TabSpec
    build: Builder
    #: The ``CB_`` worksheet functions that compute the tab's figures from ranges.
    udfs: tuple[str, ...]
    #: The ``## `` heading of docs/methods.md that explains the tab's method.
    doc: str


_BY_KEY: dict[str, Method] = {}


def builds(spec: TabSpec, *, udfs: tuple[str, ...], doc: str) -> Callable[[Builder], Builder]:
    """Register the decorated function as the builder of ``spec``'s tab."""
    if not udfs or not doc:
        raise ValueError(f"the {spec.key} tab names no worksheet function or no docs heading")

    def register(builder: Builder) -> Builder:
        if spec.key in _BY_KEY:
            raise ValueError(f"two builders of the {spec.key} tab")
        _BY_KEY[spec.key] = Method(spec, builder, udfs, doc)
        return builder

    return register


def in_tab_order(specs: Iterable[TabSpec]) -> tuple[Method, ...]:
    """The registration of each of ``specs``, in their order; every one must have one."""
    chosen = tuple(specs)
    missing = [s.key for s in chosen if s.key not in _BY_KEY or _BY_KEY[s.key].spec is not s]
    if missing:
        raise LookupError(f"no builder registered for the tabs {', '.join(missing)}")
    unlisted = sorted(set(_BY_KEY) - {s.key for s in chosen})
    if unlisted:
        raise LookupError(f"builders registered for tabs not listed: {', '.join(unlisted)}")
    return tuple(_BY_KEY[s.key] for s in chosen)
