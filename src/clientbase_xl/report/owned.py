"""Which sheets of a workbook the refresh wrote itself, and what the new tabs will be called.

A refresh may only ever drop a sheet it wrote. Names cannot tell: the Russian Wallet input sheet
may be called like a result tab, and a user may call any sheet "Segments". So every result tab
carries a mark of its own: a hidden, sheet-local defined name :data:`MARK` whose value is the
tab's key and the name it was given (``"segments|Segments"``). A sheet-local name travels with
its sheet when the user moves, renames or copies it, and a user never sees it.

- A marked sheet still called what its mark says is the tool's: the next refresh replaces it.
- A marked sheet the user renamed ("Segments Oct", kept as last month's copy) is the user's now:
  it is kept, and its tables are renamed where a new tab needs their names.
- A sheet without a mark is the user's, whatever its name, except a result tab written before
  marks existed: named like a result tab and holding that tab's ``cb_<key>_`` tables.

Everything here is pure: the edges read the sheets' names, marks and tables and act on the plan.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from clientbase_xl.i18n import Lang
from clientbase_xl.report.spec import TabSpec

#: The sheet-local defined name that marks a result tab (hidden in Excel's Name Manager).
MARK = "_cb_tab"
#: Excel's longest sheet name.
SHEET_NAME_LIMIT = 31
#: The Start sheet's table listing the tabs for Refresh selected (columns Tab, Refresh): the
#: template writes it, the Excel buttons read it.
SELECTION_TABLE = "TabChoice"


def mark_formula(key: str, name: str) -> str:
    """The value (a text constant, quotes doubled) of the mark of tab ``key`` named ``name``."""
    return '"' + f"{key}|{name}".replace('"', '""') + '"'


def parse_mark(formula: str) -> tuple[str, str] | None:
    """``(key, name)`` from a mark's value (with or without a leading ``=``), or None."""
    text = formula.strip().removeprefix("=")
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        return None
    key, sep, name = text[1:-1].replace('""', '"').partition("|")
    return (key, name) if sep and key else None


@dataclass(frozen=True)
class SheetFacts:
    """What an edge read of one sheet: its name, its mark (if any) and its tables' names."""

    name: str
    mark: tuple[str, str] | None = None
    tables: tuple[str, ...] = field(default=())


def _titles(specs: Iterable[TabSpec]) -> dict[str, TabSpec]:
    names = [(name, spec) for spec in specs for name in (*spec.name.both(), *spec.former)]
    return {name.casefold(): spec for name, spec in names}


def owned(sheets: Iterable[SheetFacts], specs: Iterable[TabSpec]) -> dict[str, str]:
    """The sheets the tool wrote and still owns: sheet name -> tab key (see the module doc)."""
    by_title = _titles(specs)
    out: dict[str, str] = {}
    for sheet in sheets:
        if sheet.mark is not None:
            key, name = sheet.mark
            if name == sheet.name:
                out[sheet.name] = key
            continue
        spec = by_title.get(sheet.name.casefold())
        if spec is not None and any(t.startswith(f"cb_{spec.key}_") for t in sheet.tables):
            out[sheet.name] = spec.key
    return out


def marked(sheets: Iterable[SheetFacts]) -> set[str]:
    """Every sheet carrying a mark, renamed or not."""
    return {s.name for s in sheets if s.mark is not None}


def not_inputs(sheets: Collection[SheetFacts], specs: Iterable[TabSpec]) -> set[str]:
    """The sheets never taken for an input sheet: every marked one and the tool's own tabs."""
    return marked(sheets) | set(owned(sheets, specs))


@dataclass(frozen=True)
class Plan:
    """What a write does: the sheets it drops, the new tabs' names and places, table renames."""

    #: Sheet names dropped: the tool's own tabs of the keys being replaced.
    drop: frozenset[str]
    #: Tab key -> the name its new sheet gets.
    titles: dict[str, str]
    #: New sheet name -> the names of the dropped sheets whose place it takes.
    places: dict[str, frozenset[str]]


def plan_write(
    sheets: Collection[SheetFacts],
    specs: Iterable[TabSpec],
    keys: Iterable[str],
    replace: Collection[str],
    lang: Lang,
) -> Plan:
    """Plan writing the tabs ``keys`` (in ``lang``) after dropping the own tabs in ``replace``.

    A new tab takes its title unless a sheet that stays has it (any case): then the first free
    of "Title (2)", "Title (3)", ... within Excel's 31 characters.
    """
    spec_of = {spec.key: spec for spec in specs}
    own = owned(sheets, spec_of.values())
    drop = frozenset(n for n, k in own.items() if k in replace)
    taken = {s.name.casefold() for s in sheets if s.name not in drop}
    titles: dict[str, str] = {}
    places: dict[str, frozenset[str]] = {}
    for key in keys:
        wanted = spec_of[key].title(lang)
        name, n = wanted, 1
        while name.casefold() in taken:
            n += 1
            suffix = f" ({n})"
            name = wanted[: SHEET_NAME_LIMIT - len(suffix)] + suffix
        taken.add(name.casefold())
        titles[key] = name
        places[name] = frozenset(s for s in drop if own[s] == key)
    return Plan(drop, titles, places)


def unique_names(
    new: Iterable[str], kept: Mapping[str, bool], reserved: Collection[str] = ()
) -> tuple[dict[str, str], dict[str, str]]:
    """Make table names unique workbook-wide, as Excel requires (names are case-blind).

    Parameters
    ----------
    new
        The new tabs' table names, as rendered (``cb_<tab>_<block>``).
    kept
        Every table that stays, by name -> whether the tool wrote it (on a tab a user renamed).
    reserved
        Other names in the workbook's one name space (workbook-level defined names).

    Returns
    -------
    (kept renames, new renames)
        A kept table the tool wrote gives its name up to the new one and takes ``<name>_2``
        (``_3``, ...); a new name that meets a user's table or defined name takes the suffix.
    """
    taken = {n.casefold() for n in [*kept, *reserved]}
    wanted = list(new)
    taken |= {n.casefold() for n in wanted}
    kept_renames: dict[str, str] = {}
    new_renames: dict[str, str] = {}

    def free(base: str) -> str:
        n = 2
        while f"{base}_{n}".casefold() in taken:
            n += 1
        taken.add(f"{base}_{n}".casefold())
        return f"{base}_{n}"

    user_names = {n.casefold() for n, ours in kept.items() if not ours} | {
        n.casefold() for n in reserved
    }
    ours = {n.casefold(): n for n, is_ours in kept.items() if is_ours}
    for name in wanted:
        folded = name.casefold()
        if folded in user_names:
            new_renames[name] = free(name)
        elif folded in ours:
            kept_renames[ours[folded]] = free(ours[folded])
    return kept_renames, new_renames
