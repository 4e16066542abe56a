"""Problems found in the input: collected, never raised one at a time.

Every check appends :class:`Problem` records to a :class:`Problems` list; the refresh stops only
after all checks ran, so the user fixes everything in one pass. The list becomes the Errors tab and
the CLI's report through :meth:`Problems.to_frame`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, SupportsInt

import pandas as pd

from clientbase_xl.i18n import Lang, Text

Severity = Literal["error", "warning"]

#: Columns of :meth:`Problems.to_frame`, in order.
PROBLEM_COLUMNS = ("severity", "sheet", "row", "column", "value", "problem", "fix")

SEVERITY_TEXT: dict[Severity, Text] = {
    "error": Text("error", "ошибка"),
    "warning": Text("warning", "предупреждение"),
}


def listed(items: Sequence[str], limit: int) -> str:
    """Items for a message: ``"a, b, c"``, the first ``limit`` and ``… (+N)`` past them."""
    shown = ", ".join(items[:limit])
    return shown + (f", … (+{len(items) - limit})" if len(items) > limit else "")


def row_list(rows: Iterable[SupportsInt], limit: int = 10) -> str:
    """Row numbers for a message: ``"7, 14, 21"``, the first ``limit`` and ``… (+N)`` past it."""
    return listed([str(int(r)) for r in rows], limit)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the input.

    ``row`` is the row number as Excel shows it (1-based), ``column`` the header as the user typed
    it; both are None where the problem concerns a whole sheet or column.
    """

    sheet: str
    row: int | None
    column: str | None
    value: str
    what: Text
    fix: Text
    params: Mapping[str, object] = field(default_factory=dict)
    severity: Severity = "error"

    def render(self, lang: Lang) -> tuple[str, str]:
        """Return (problem, fix) in ``lang``."""
        return self.what.format(lang, **self.params), self.fix.format(lang, **self.params)


class Problems:
    """An ordered collection of :class:`Problem` records."""

    def __init__(self, items: Iterable[Problem] = ()) -> None:
        self._items: list[Problem] = list(items)

    def add(self, problem: Problem) -> None:
        """Append one problem."""
        self._items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        """Append many problems."""
        self._items.extend(problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self._items)

    def _ordered(self) -> list[Problem]:
        """Errors first (what blocks the refresh), each severity in the order found."""
        return sorted(self._items, key=lambda p: p.severity != "error")

    def __len__(self) -> int:
        return len(self._items)

    @property
    def has_errors(self) -> bool:
        """Whether any problem blocks a refresh."""
        return any(p.severity == "error" for p in self._items)

    def to_frame(self, lang: Lang) -> pd.DataFrame:
        """Return one row per problem with columns :data:`PROBLEM_COLUMNS`, errors first."""
        rows = []
        for p in self._ordered():
            what, fix = p.render(lang)
            rows.append(
                (
                    SEVERITY_TEXT[p.severity].format(lang),
                    p.sheet,
                    p.row,
                    p.column or "",
                    p.value,
                    what,
                    fix,
                )
            )
        frame = pd.DataFrame(rows, columns=list(PROBLEM_COLUMNS))
        frame["row"] = frame["row"].astype("Int64")
        return frame

    def lines(self, lang: Lang, limit: int | None = None) -> list[str]:
        """Return one readable line per problem, errors first.

        Past ``limit`` the list ends in "... +N more": the errors that block the refresh are
        never the ones cut.
        """
        out = []
        ordered = self._ordered()
        shown = ordered if limit is None else ordered[:limit]
        for p in shown:
            what, fix = p.render(lang)
            where = p.sheet
            if p.row is not None:
                where += f"!{p.row}"
            if p.column:
                where += f" [{p.column}]"
            value = f" {p.value!r}" if p.value else ""
            out.append(f"{SEVERITY_TEXT[p.severity].format(lang)}: {where}:{value} {what} {fix}")
        if limit is not None and len(self._items) > limit:
            more = len(self._items) - limit
            out.append(Text("... +{n} more", "... и ещё {n}").format(lang, n=more))
        return out
