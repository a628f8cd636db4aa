"""The domain errors: one problem is one line a clerk can act on.

Every problem names the file, line and column, the field, what is wrong and what
would be valid, in Chinese and English. Stages collect problems and raise one
`DataError` at the end; the CLI turns it into exit status 1 (data) and a
`UsageError` into exit status 2. Nothing else reaches the user as a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located in its file."""

    path: str  # relative to the project root, with forward slashes
    line: int
    column: int
    field: str  # dotted path, e.g. "text.chapters[0].articles[3].number"; "" for the file
    zh: str
    en: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.zh} | {self.en}"


class AwardsiteError(Exception):
    """Base of the errors the CLI reports without a traceback."""


class DataError(AwardsiteError):
    """The input cannot be used: one or more problems, all reported at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(AwardsiteError):
    """The command was called wrongly (a bad option value, a missing folder)."""

    def __init__(self, zh: str, en: str):
        self.zh, self.en = zh, en
        super().__init__(f"{zh} | {en}")


class BuildError(AwardsiteError):
    """mkdocs could not build the site from the rendered pages."""
