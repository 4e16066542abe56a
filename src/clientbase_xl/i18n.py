"""Bilingual text: every label and message a user reads exists in English and Russian.

A :class:`Text` is a pair of format strings; ``text.format(lang, **values)`` picks one and fills it.
Keeping both languages side by side in one object (not in two catalogues) makes a missing
translation impossible to write.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Lang = Literal["en", "ru"]
LANGS: tuple[Lang, ...] = get_args(Lang)


@dataclass(frozen=True)
class Text:
    """One user-facing string in both languages, with ``str.format`` placeholders."""

    en: str
    ru: str

    def format(self, lang: Lang, /, **values: object) -> str:
        """Return the string in ``lang`` with ``values`` filled in (a :class:`Text` value too)."""
        template = self.ru if lang == "ru" else self.en
        if not values:
            return template
        filled = {k: v.format(lang) if isinstance(v, Text) else v for k, v in values.items()}
        return template.format(**filled)

    def both(self) -> tuple[str, str]:
        """Return the English and the Russian string."""
        return (self.en, self.ru)


def parse_lang(value: str) -> Lang | None:
    """Return the language named by ``value`` ("en", "EN", "ru", "рус", ...) or None."""
    key = value.strip().casefold()
    if key in {"en", "eng", "english", "англ", "английский"}:
        return "en"
    if key in {"ru", "rus", "russian", "рус", "русский"}:
        return "ru"
    return None
