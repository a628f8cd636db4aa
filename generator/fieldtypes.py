"""What a record's field holds, read from its type annotation: one walker for every reader.

A field's annotation wraps what it holds: `Objection | None`, `list[Notice]`,
`dict[str, Fact]`, `Annotated[str, Field(pattern=…)]`. Three readers need what is
inside: the messages of `validate` (the fields allowed at a place, for "did you
mean"; the words a number may also be, `working_days: unknown`), the corrections
(which fields are free text; a field's label), and the canonical layout (the key
order of each record nested in a file). They all take it from `alternatives`, so a
new way of writing a field is taught here once.
"""

from __future__ import annotations

import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel


def alternatives(annotation: Any, metadata: tuple = ()) -> list[tuple[Any, tuple]]:
    """The types a field may hold, each with the constraints met on the way to it: one for
    each member of a union (None left out), `Annotated[…]` opened and its metadata kept."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        return [found for arg in get_args(annotation) if arg is not type(None) for found in alternatives(arg, metadata)]
    if origin is Annotated:
        inner, *more = get_args(annotation)
        return alternatives(inner, (*metadata, *more))
    return [(annotation, tuple(metadata))]


def is_record(annotation: Any) -> bool:
    """Is it a record type (a pydantic model), whose fields are walked in turn?"""
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def contained(annotation: Any) -> tuple[str, Any] | None:
    """("list", what each entry is) for a list, ("dict", what each value is) for a mapping."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is list and args:
        return "list", args[0]
    if origin is dict and len(args) == 2:
        return "dict", args[1]
    return None


def record_type(annotation: Any) -> type[BaseModel] | None:
    """The record type a field holds, itself or as the entries of a list or a mapping:
    Notice for `list[Notice]`, Objection for `Objection | None`; None for plain values."""
    for found, _ in alternatives(annotation):
        if is_record(found):
            return found
        inside = contained(found)
        if inside is not None and (inner := record_type(inside[1])) is not None:
            return inner
    return None


def layout(annotation: Any) -> tuple | None:
    """How a field's value is laid out in a file, down to its records: ("model", M),
    ("list", layout), ("dict", layout); None for plain values."""
    for found, _ in alternatives(annotation):
        if is_record(found):
            return "model", found
        inside = contained(found)
        if inside is not None and (inner := layout(inside[1])) is not None:
            return inside[0], inner
    return None


def words(annotation: Any) -> list[str]:
    """The words a field takes (its Literal strings), wherever they stand in it."""
    out = []
    for found, _ in alternatives(annotation):
        if get_origin(found) is Literal:
            out += [arg for arg in get_args(found) if isinstance(arg, str)]
        else:
            out += [word for arg in get_args(found) for word in words(arg)]
    return out
