# Sourced by the other scripts: makes `uv` available with nothing but Python 3.11+ installed.
# uv then installs the locked dependencies (uv.lock) into .venv on first use.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if command -v uv >/dev/null 2>&1; then
    UV=uv
else
    if [ ! -x .tools/bin/uv ]; then
        echo "Installing uv into .tools/ (once)..." >&2
        python3 -m venv .tools
        .tools/bin/python -m pip install --quiet --disable-pip-version-check uv
    fi
    UV=.tools/bin/uv
fi
