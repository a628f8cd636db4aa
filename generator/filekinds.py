"""What each file of a project holds, by where it sits: one table for every reader.

A file's place says what it is: `content/<city>/<cycle>.yaml` an award cycle,
`city_rules/<city>/<version>.yaml` a regulation version, and so on. Gathering reads
each file as its kind's record type, `fmt` and `check` keep the files that name a JSON
Schema in the canonical layout (their key order is the record type's field order),
`awardsite schema` writes those schemas, `new` writes a cycle where gathering will
look for it, and `history` compares the cycle files with their committed versions.
All of them ask this table, so a new kind of file is one entry here.

Once gathered, a record sits at the path its kind spells from its ids (gathering
refuses one that does not: a cycle's `city` and `cycle` are its folder and its file
name), so `path_of(record)` names the file it came from: the corpus keeps the
documents by that path (`Corpus.source`), which holds for a changed copy of the
record too (`schedule.as_of`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel

from .model import CalendarYear, Cycle, Dimension, GlossaryTerm, Jurisdiction, Regulation

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/{}"


@dataclass(frozen=True)
class FileKind:
    """A kind of project file: where such a file sits and what it holds."""

    name: str
    path: str  # from the project root, the record's fields in braces: "content/{city}/{cycle}.yaml"
    model: type[BaseModel] | None  # the record type; None for a file that holds no record (a hand-written page)
    schema: str | None = None  # its JSON Schema in schema/, which such a file names on its first line
    many: bool = False  # a list of records, not one

    @cached_property
    def pattern(self) -> tuple[str, ...]:
        """The path's parts, each field a wildcard: ("content", "*", "*.yaml")."""
        return tuple(re.sub(r"\{\w+\}", "*", part) for part in self.path.split("/"))

    def matches(self, rel: str) -> bool:
        parts = rel.split("/")
        return len(parts) == len(self.pattern) and all(map(fnmatchcase, parts, self.pattern))

    @property
    def canonical(self) -> bool:
        """Kept in the canonical layout (`canonical.py`): the files that name their schema."""
        return self.schema is not None

    @property
    def schema_line(self) -> str:
        return SCHEMA_LINE.format(self.schema)

    def at(self, root: Path, **ids) -> Path:
        """The file of the record with these ids in the project at `root`."""
        return root / self.path.format(**ids)

    @property
    def place(self) -> str:
        """The folder such files sit in, from the project root: "content/{city}"."""
        return self.path.rpartition("/")[0]

    def folder(self, root: Path, **ids) -> Path:
        """That folder in the project at `root`, given the ids of its part of the path."""
        return root / self.place.format(**ids)

    def path_of(self, record) -> str:
        return self.path.format(**{name: getattr(record, name) for name in re.findall(r"\{(\w+)\}", self.path)})


DIMENSIONS = FileKind("dimensions", "city_rules/dimensions.yaml", Dimension, many=True)
GLOSSARY = FileKind("glossary", "city_rules/glossary.yaml", GlossaryTerm, many=True)
JURISDICTION = FileKind("jurisdiction", "city_rules/{id}/jurisdiction.yaml", Jurisdiction, "jurisdiction.schema.json")
REGULATION = FileKind("regulation", "city_rules/{city}/{version}.yaml", Regulation, "regulation.schema.json")
CALENDAR = FileKind("calendar", "content/calendar/{year}.yaml", CalendarYear, "calendar.schema.json")
PAGE = FileKind("page", "content/pages/{name}", None)  # content/pages/<name>.<zh|en>.md, checked by pages.py
CYCLE = FileKind("cycle", "content/{city}/{cycle}.yaml", Cycle, "cycle.schema.json")

# A path's kind is the first entry it matches: a jurisdiction's file before the
# regulations beside it, the calendar and the pages before the cycles.
FILE_KINDS = (DIMENSIONS, GLOSSARY, JURISDICTION, REGULATION, CALENDAR, PAGE, CYCLE)

SCHEMAS = {kind.schema: kind.model for kind in FILE_KINDS if kind.schema}  # schema file name → record type
_BY_MODEL = {kind.model: kind for kind in FILE_KINDS if kind.model is not None and not kind.many}


def kind_of(rel: str) -> FileKind | None:
    """The kind of a project file from its path (relative, with forward slashes); None
    for a file that is none of them."""
    return next((kind for kind in FILE_KINDS if kind.matches(rel)), None)


def path_of(record) -> str:
    """The file a gathered record came from, from its ids: "content/wuhan/2024.yaml"."""
    return _BY_MODEL[type(record)].path_of(record)
