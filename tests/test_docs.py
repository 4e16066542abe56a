from tools.input_docs import DOCS, pages


def test_input_docs_are_generated_from_the_schema() -> None:
    for name, text in pages().items():
        assert (DOCS / name).read_text() == text, f"run: uv run python -m tools.input_docs ({name})"
