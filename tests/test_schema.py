"""The JSON Schema that editors use is the one the code enforces, and it explains
every field in both languages."""

from __future__ import annotations

import json

from conftest import ROOT
from generator import filekinds
from generator.filekinds import JURISDICTION, REGULATION, kind_of
from generator.schema import SCHEMAS, schema_text


def test_committed_schemas_are_current():
    for name, model in SCHEMAS.items():
        committed = (ROOT / "schema" / name).read_text(encoding="utf-8")
        assert committed == schema_text(model), f"run `awardsite schema` to refresh schema/{name}"


def test_every_record_field_has_a_bilingual_description():
    for name, model in SCHEMAS.items():
        schema = json.loads(schema_text(model))
        for definition in [schema, *schema.get("$defs", {}).values()]:
            for field, spec in definition.get("properties", {}).items():
                description = spec.get("description", "")
                if definition.get("title") in ("Dimension", "GlossaryTerm"):
                    continue
                assert " / " in description, f"{name}: {definition.get('title')}.{field} has no zh / en description"


def test_content_files_point_editors_at_the_schema():
    for path in sorted((ROOT / "city_rules").glob("*/*.yaml")):
        kind = kind_of(path.relative_to(ROOT).as_posix())
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert kind in (JURISDICTION, REGULATION) and first == kind.schema_line, path


def test_a_file_is_known_by_its_place():
    kinds = {"content/wuhan/2024.yaml": "cycle", "content/calendar/2026.yaml": "calendar", "content/pages/about.en.md": "page",
             "content/pages/x.yaml": "page", "city_rules/wuhan/jurisdiction.yaml": "jurisdiction",
             "city_rules/wuhan/2022.yaml": "regulation", "city_rules/dimensions.yaml": "dimensions",
             "city_rules/glossary.yaml": "glossary", "city_rules/wuhan/2022.source.txt": None, "content/wuhan/a/b.yaml": None,
             "mkdocs.yml": None}
    assert {rel: getattr(kind_of(rel), "name", None) for rel in kinds} == kinds
    assert [kind.name for kind in filekinds.FILE_KINDS if kind.canonical] == ["jurisdiction", "regulation", "calendar", "cycle"]
