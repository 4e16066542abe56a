"""The template's VBA project, built from the source text kept in this folder.

The ``.bas``/``.cls`` files are the source of truth: ``ClientBase.bas`` (the buttons) and
``ThisWorkbook.cls`` are written by hand; ``xlwings.bas``, ``Dictionary.cls`` (vendored from the
pinned xlwings), ``xlwings_udfs.bas`` and ``ClientBaseHelp.bas`` (generated) are written by
``python -m tools.vba_sources``. Each sheet of the template gets an empty document module named
by its code name, as Excel gives every sheet one.

Output of :func:`vba_project`: the bytes of ``xl/vbaProject.bin``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from clientbase_xl.template.cfb import compound_file
from clientbase_xl.template.ovba import Module, ModuleKind, project_streams

VBA_DIR = Path(__file__).resolve().parent
#: The project's ID in the PROJECT stream: fixed, so every build is byte-identical.
PROJECT_ID = "{A784D2AF-3104-4BF7-B9B1-C28B19D0B383}"
#: Modules after the document modules, in the order the VBA editor lists them.
CODE_MODULES: tuple[tuple[str, ModuleKind], ...] = (
    ("xlwings", "standard"),
    ("Dictionary", "class"),
    ("xlwings_udfs", "standard"),
    ("ClientBase", "standard"),
    ("ClientBaseHelp", "standard"),
)
_SHEET_MODULE = """\
Attribute VB_Name = "{name}"
Attribute VB_Base = "0{{00020820-0000-0000-C000-000000000046}}"
Attribute VB_GlobalNameSpace = False
Attribute VB_Creatable = False
Attribute VB_PredeclaredId = True
Attribute VB_Exposed = True
Attribute VB_TemplateDerived = False
Attribute VB_Customizable = True
"""


def normalise(text: str) -> str:
    """Source text as kept in the repo: LF line ends, one final line break."""
    return text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n") + "\n"


def source(name: str, suffix: str) -> str:
    """The source text of module ``name`` from this folder."""
    return normalise((VBA_DIR / f"{name}{suffix}").read_text(encoding="utf-8"))


def template_xlwings_version() -> str:
    """The xlwings version the template's VBA module is vendored from (its XLWINGS_VERSION)."""
    for line in source("xlwings", ".bas").splitlines():
        if "XLWINGS_VERSION As String" in line:
            return line.split("=", 1)[1].strip().strip('"')
    raise LookupError("xlwings.bas states no XLWINGS_VERSION")


def modules(sheet_code_names: Sequence[str]) -> list[Module]:
    """Every module of the project: ThisWorkbook, one per sheet, then the code modules."""
    out = [Module("ThisWorkbook", "document", source("ThisWorkbook", ".cls"))]
    out += [Module(n, "document", _SHEET_MODULE.format(name=n)) for n in sheet_code_names]
    for name, kind in CODE_MODULES:
        out.append(Module(name, kind, source(name, ".cls" if kind == "class" else ".bas")))
    return out


def vba_project(sheet_code_names: Sequence[str]) -> bytes:
    """``vbaProject.bin`` for a workbook whose sheets have ``sheet_code_names``."""
    return compound_file(project_streams(modules(sheet_code_names), PROJECT_ID))
