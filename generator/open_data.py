"""The open data files and their columns, as `open_data.yaml` documents them.

One table says which data files there are, what each holds and what each column means.
The exports (exports.py) write exactly those columns, in that order, and refuse any
other; the data page (page_types.py, data.md.j2) renders the same table, so the
documentation cannot drift from the files. Both read it here, so the pages do not
depend on the exports.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

DATASETS = ("regulation_facts", "notices", "winners", "winner_counts", "revocations", "corrections")  # as open_data.yaml lists them


@cache
def fields() -> dict:
    """The documented files and columns (open_data.yaml)."""
    return yaml.safe_load(Path(__file__).with_name("open_data.yaml").read_text(encoding="utf-8"))
