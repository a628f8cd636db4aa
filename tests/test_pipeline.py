"""One pipeline (generator/pipeline.py): build, serve and the benchmark make the pages and
the files the same way, and a page and a file never overwrite each other in silence."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import DEMO
from generator import exports, pipeline
from generator.errors import DataError

TODAY = dt.date(2026, 11, 23)


def test_a_page_and_an_exported_file_at_one_path_are_refused(monkeypatch):
    derived = pipeline.prepare(DEMO, TODAY)
    real = exports.export_files
    monkeypatch.setattr(exports, "export_files", lambda *args: {**real(*args), "zh/data.md": "a file over the data page"})
    with pytest.raises(DataError) as refused:
        pipeline.outputs(derived)
    assert [str(p) for p in refused.value.problems] == [
        "zh/data.md:1:1: 页面与导出文件的路径相同，二者只能写一个"
        " | a page and an exported file would be written to the same path; only one can be"]


def test_the_records_are_worked_out_once_for_pages_and_files():
    derived = pipeline.prepare(DEMO, TODAY)
    pages, files = pipeline.outputs(derived)
    assert "zh/index.md" in pages and "zh/data/notices.json" in files
    assert derived.records.regulations[("xinyang", "2022")].status == "in_force"
