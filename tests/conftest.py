"""Shared fixtures: small workbooks built the way users' workbooks are."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
import xlwings
from hypothesis import settings

from clientbase_xl.demo import demo_frames
from clientbase_xl.inputs.settings import Settings
from clientbase_xl.template.inputs import write_input_workbook
from clientbase_xl.workbook.graft import graft
from clientbase_xl.workbook.opc import ZipParts, sheets_of
from tools.package_checks import problems

#: An .xlsm written by Excel itself, with a VBA project: shipped inside xlwings.
EXCEL_MADE_XLSM = Path(xlwings.__file__).parent / "quickstart_standalone.xlsm"

# No wall-clock deadline per example: the suite runs on every core (scripts/test), and an
# example slowed by the test beside it is not a slow example.
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")


def small_sales() -> pd.DataFrame:
    """Four clients over three months; the arithmetic of the tests below refers to it."""
    rows = [
        ("2025-01-10", "A1", 500.0, "O1", "Ivanov", 300.0),
        ("2025-02-10", "A1", 300.0, "O2", "Ivanov", 200.0),
        ("2025-03-10", "A1", 200.0, "O3", "Ivanov", 100.0),
        ("2025-01-15", "B2", 250.0, "O4", "Petrova", 200.0),
        ("2025-03-15", "B2", 150.0, "O5", "Petrova", 100.0),
        ("2025-02-20", "C3", 80.0, "O6", "Petrova", 40.0),
        ("2025-03-20", "D4", 20.0, "O7", "Ivanov", 10.0),
    ]
    frame = pd.DataFrame(rows, columns=["date", "client", "amount", "order", "manager", "cost"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["quantity"] = 1.0
    frame["product"] = "P1"
    frame["category"] = "Tools"
    return frame


@pytest.fixture
def book_from(tmp_path: Path) -> Callable[..., Path]:
    """Build an .xlsm the way a user's looks: Excel's own file with input tables added."""

    def build(
        frames: dict[str, pd.DataFrame],
        lang: str = "en",
        name: str = "book.xlsm",
        settings: Settings | None = None,
    ) -> Path:
        scratch = tmp_path / f"inputs-{name}.xlsx"
        write_input_workbook(scratch, frames, lang, settings)  # type: ignore[arg-type]
        out = tmp_path / name
        shutil.copy(EXCEL_MADE_XLSM, out)
        graft(out, scratch, out, remove=set())
        return out

    return build


@pytest.fixture(scope="session")
def demo_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo workbook with inputs only (no result tabs), built once per session."""
    path = tmp_path_factory.mktemp("demo") / "demo.xlsm"
    scratch = path.with_name("inputs.xlsx")
    write_input_workbook(scratch, demo_frames(clients=300, months=18, seed=3), "en")
    shutil.copy(EXCEL_MADE_XLSM, path)
    graft(path, scratch, path, remove=set())
    return path


def rewritten(src: Path, dst: Path, edits: dict[str, bytes | None]) -> Path:
    """``src`` written to ``dst`` with the parts in ``edits`` replaced (None: left out)."""
    data = parts(src)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in data.items():
            if name not in edits:
                zf.writestr(name, body)
            elif edits[name] is not None:
                zf.writestr(name, edits[name])  # type: ignore[arg-type]
    return dst


def sheet_part(path: Path, sheet: str) -> str:
    """The part of the sheet named ``sheet``."""
    with zipfile.ZipFile(path) as zf:
        return next(s.part for s in sheets_of(ZipParts(zf)) if s.name == sheet)


def parts(path: Path) -> dict[str, bytes]:
    """Every part of a package, by name."""
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


#: Test modules that write damaged or hostile files on purpose: their books are not checked.
DAMAGED_ON_PURPOSE = {
    "test_hostile",
    "test_bad_books",
    "test_bands",
    "test_kills",
    "test_safety",
    "test_cli",
}


@pytest.fixture(autouse=True)
def every_written_book_passes_the_package_checks(
    request: pytest.FixtureRequest,
) -> Iterator[None]:
    """After each test, every .xlsx/.xlsm it left in its folder has no Excel repair trigger.

    The checks are :mod:`tools.package_checks` (fast; the schema validator runs on its own
    tests in tests/workbook/test_validity.py).
    """
    module = request.node.module.__name__.rsplit(".", 1)[-1]
    if module in DAMAGED_ON_PURPOSE or "tmp_path" not in request.fixturenames:
        yield
        return
    folder: Path = request.getfixturevalue("tmp_path")
    yield
    for book in sorted([*folder.rglob("*.xlsx"), *folder.rglob("*.xlsm")]):
        if zipfile.is_zipfile(book):
            found = problems(book)
            assert not found, f"{book.name}: {found}"


#: The product's own link formula: a location on a sheet and what it shows, a quoted literal
#: (a client id) or a number (a headline figure).
LINK_FORMULA = re.compile(r'=HYPERLINK\("#\'[^\']+\'!A\d+",(?:"((?:[^"]|"")*)"|(-?[0-9.eE+-]+))\)')


def linked_text(formula: str) -> str | None:
    """What a link of the product shows (text quotes undoubled), or None if not such a link."""
    found = LINK_FORMULA.fullmatch(formula)
    if found is None:
        return None
    text, number = found.groups()
    return number if text is None else text.replace('""', '"')
