"""Exceptions, split by cause so that the CLI and the Excel macros can answer each differently.

::

    ClientbaseError
    ├── InputProblems     the workbook's data is wrong: a table of problems, exit code 1
    ├── UsageError        the command or function was called wrongly, exit code 2
    └── WorkbookError     the file cannot be read or written, exit code 3
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clientbase_xl.i18n import Lang
    from clientbase_xl.inputs.problems import Problems


class ClientbaseError(Exception):
    """Base of every error this package raises on purpose."""

    exit_code = 1


class InputProblems(ClientbaseError):
    """The input sheets hold values the analytics cannot use; ``problems`` lists every one."""

    exit_code = 1

    def __init__(self, problems: Problems, lang: Lang = "en") -> None:
        super().__init__(f"{len(problems)} input problem(s)")
        self.problems = problems
        #: The language the user asked for (Settings sheet or option), for the report.
        self.lang: Lang = lang


class UsageError(ClientbaseError):
    """A command, option or function argument is wrong."""

    exit_code = 2


class WorkbookError(ClientbaseError):
    """The workbook file is missing, locked, not a workbook, or cannot be written."""

    exit_code = 3
