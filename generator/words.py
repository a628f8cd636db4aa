"""Words in both languages: one type to carry them, one table to look them up.

A message or a label is said in Chinese and in English. `Words` carries the two
together, so no code joins them into one string to split it again later. Where one
string is what a reader gets (a schema field's description, which an editor shows as
it is), `Words.joined` writes the project's one form, "中文 / English", and
`Words.from_joined` is its only reader.

Every label of the site and of its files (feeds, calendars, `check`'s finding names)
is written once, in `site_templates/strings.yaml`, and read through `load_strings`:
the templates, the exports and the CLI ask the same table by key. The notice kinds
and award categories keep their labels in model.py's tables, where the record types'
own messages need them; a winner's text field shown as a column (credit_code) keeps its
heading in open_data.yaml, beside its meaning in the winners data file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

SEPARATOR = " / "  # between the Chinese and the English of a joined text


@dataclass(frozen=True)
class Words:
    """One thing said in both languages."""

    zh: str
    en: str

    def __getitem__(self, lang: str) -> str:
        """The text in `lang` ("zh" or "en")."""
        if lang not in ("zh", "en"):
            raise KeyError(lang)
        return getattr(self, lang)

    def joined(self) -> str:
        """"中文 / English": the one string both languages share where one string is wanted."""
        return f"{self.zh}{SEPARATOR}{self.en}"

    @classmethod
    def from_joined(cls, text: str) -> Words:
        """What `joined` wrote; a text with one language only is that text in both."""
        zh, _, en = text.partition(SEPARATOR)
        return cls(zh, en or zh)


class Invalid(ValueError):
    """A record's own check failed: the message, in both languages. Validation
    (validate.py) reads `words`; the text of the exception is the joined form."""

    def __init__(self, zh: str, en: str):
        self.words = Words(zh, en)
        super().__init__(self.words.joined())


@dataclass(frozen=True)
class Strings:
    """The UI translation table (site_templates/strings.yaml): key → text in each language."""

    table: dict[str, dict[str, str]]

    def get(self, key: str, lang: str, **values) -> str:
        entry = self.table.get(key)
        if entry is None or lang not in entry:
            raise KeyError(f"site_templates/strings.yaml has no {lang!r} text for {key!r}")
        return entry[lang].format(**values) if values else entry[lang]

    def words(self, key: str, **values) -> Words:
        """The entry `key` in both languages."""
        return Words(self.get(key, "zh", **values), self.get(key, "en", **values))


def load_strings(templates: Path) -> Strings:
    """The table in the folder `templates` (a project's site_templates/), read afresh:
    `serve` rebuilds after an edit."""
    return Strings(yaml.safe_load((templates / "strings.yaml").read_text(encoding="utf-8")))
