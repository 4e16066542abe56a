"""Regenerate every artefact made from the code: ``uv run python -m tools.regenerate``.

In order: the VBA sources of the template (the worksheet-function wrappers and their help,
from the catalogue), the input pages of docs/ (from the schema and the settings), and the two
templates (which embed the VBA sources). Every staleness test names this command.
"""

from __future__ import annotations

from pathlib import Path

from clientbase_xl.cli import main as cli
from tools import input_docs, vba_sources

ROOT = Path(__file__).resolve().parents[1]
#: The committed templates, by language.
TEMPLATES = {"en": ROOT / "workbook_template.xlsm", "ru": ROOT / "workbook_template_ru.xlsm"}
#: What a staleness test tells the reader to run.
COMMAND = "run: uv run python -m tools.regenerate"


def main() -> None:
    """Rewrite the VBA sources, the input docs and both templates."""
    vba_sources.main()
    input_docs.main()
    for lang, path in TEMPLATES.items():
        code = cli(["template", "--lang", lang, "--out", str(path)])
        if code:
            raise SystemExit(code)


if __name__ == "__main__":
    main()
