"""The JSON Schema of every kind of file an office or editor writes.

Content files name their schema in a first-line comment
(`# yaml-language-server: $schema=../../schema/regulation.schema.json`), so an
editor completes field names and shows each field's description as one types.
"""

from __future__ import annotations

import json
from pathlib import Path

from .filekinds import SCHEMAS  # the kinds of file that name a schema (filekinds.py)


def schema_text(model) -> str:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = out / name
        path.write_text(schema_text(model), encoding="utf-8")
        written.append(path)
    return written
