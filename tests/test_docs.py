import re
from pathlib import Path

from tools.input_docs import DOCS, pages
from tools.regenerate import COMMAND


def test_input_docs_are_generated_from_the_schema() -> None:
    for name, text in pages().items():
        assert (DOCS / name).read_text() == text, f"{COMMAND} ({name})"


def test_every_link_in_the_docs_points_at_a_file_in_the_repository() -> None:
    root = Path(__file__).resolve().parents[1]
    pages = [root / "README.md", *sorted((root / "docs").rglob("*.md"))]
    for page in pages:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text()):
            if "://" in target or target.startswith("mailto:"):
                continue
            path = (page.parent / target).resolve()
            assert path.is_relative_to(root), f"{page.name} links outside the repo: {target}"
            assert path.exists(), f"{page.name} links to a missing file: {target}"
