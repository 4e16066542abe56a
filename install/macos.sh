#!/bin/sh
# Install clientbase_xl for desktop Excel on macOS, and point a workbook at it.
#   sh macos.sh clientbase_xl-X-py3-none-any.whl ClientBase.xlsm
# Installs uv (Astral's installer) if missing, the wheel as a uv tool (its own Python and
# environment), xlwings' AppleScript that RunPython needs on a Mac, writes that Python into the
# book's xlwings.conf sheet with `clientbase-xl excel-setup`, and says what it did. Written from
# the tools' documentation; not run on macOS here (see docs/excel.md).
set -eu
WHEEL=${1:?usage: sh macos.sh WHEEL BOOK}
BOOK=${2:?usage: sh macos.sh WHEEL BOOK}

if ! command -v uv >/dev/null 2>&1; then
    echo "Installing uv..."
    curl -LsSf https://astral.sh/uv/install.sh | sh
    PATH="$HOME/.local/bin:$PATH"
fi
echo "Installing $WHEEL as the tool clientbase-xl..."
uv tool install --force --python 3.11 "$WHEEL"
PYTHON="$(uv tool dir)/clientbase-xl/bin/python"
echo "Installing xlwings' AppleScript for RunPython..."
"$PYTHON" -c "import xlwings.cli as c; c.runpython_install(None)"
echo "Writing $PYTHON into $BOOK (sheet xlwings.conf)..."
"$PYTHON" -m clientbase_xl.cli excel-setup "$BOOK" --platform mac --interpreter "$PYTHON"
echo
echo "Done: uv tool clientbase-xl ($("$PYTHON" -m clientbase_xl.cli --version)), interpreter $PYTHON, book $BOOK."
