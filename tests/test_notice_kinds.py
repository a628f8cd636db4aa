"""The table of notice kinds (model.NOTICE_KINDS) is the one place a kind is declared:
each row says what the kind does in words the code understands, the timeline follows
its steps, and the publishing guide lists the kinds as the table has them."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from conftest import ROOT
from generator.calendar import WorkCalendar
from generator.model import DECIDES, NOTICE_KINDS, PERIOD_KINDS, Cycle
from generator.pages import KINDS_MARK, published_text
from generator.periods import notice_views


def test_the_table_is_in_timeline_order_one_step_each():
    steps = [kind.step for kind in NOTICE_KINDS.values()]
    assert steps == sorted(steps) and len(set(steps)) == len(steps)
    assert all(key == kind.key for key, kind in NOTICE_KINDS.items())


@pytest.mark.parametrize("key", list(NOTICE_KINDS))
def test_each_kind_says_what_it_does_in_known_words(key):
    kind = NOTICE_KINDS[key]
    assert kind.period in (None, *PERIOD_KINDS)
    assert kind.decides in (None, *DECIDES)
    assert kind.zh and kind.en
    if kind.dimension or kind.lists_candidates:  # a minimum publicity period, a list open to objections: a publicity
        assert kind.takes_objections
    assert not (kind.period and kind.decides), "a decision opens no period"


def test_a_kinds_dimension_is_one_the_regulations_are_coded_on():
    dimensions = {d["key"] for d in yaml.safe_load((ROOT / "city_rules" / "dimensions.yaml").read_text(encoding="utf-8"))}
    assert {kind.dimension for kind in NOTICE_KINDS.values() if kind.dimension} <= dimensions


def test_a_cycles_notices_follow_the_steps_of_their_kinds_then_the_dates():
    """Published in the reverse order of the timeline, the notices are shown in its order."""
    keys = list(NOTICE_KINDS)
    notices = []
    for i, key in enumerate(reversed(keys)):
        notice = {"id": f"n{i}", "kind": key, "title": {"zh": "通知", "en": "Notice"}, "published": dt.date(2025, 1, 1) + dt.timedelta(days=i)}
        if NOTICE_KINDS[key].period == "deadline":
            notice["deadline"] = dt.date(2025, 3, 1)
        elif NOTICE_KINDS[key].period == "publicity":
            notice["working_days"] = 5
        notices.append(notice)
    cycle = Cycle(city="example", cycle="steps", title={"zh": "示例", "en": "Example"}, regulation=None, example=True,
                  notices=notices)
    views = notice_views([cycle], WorkCalendar(), dt.date(2025, 6, 1))
    assert [v.notice.kind for v in sorted(views, key=lambda v: v.step)] == keys


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_publishing_guide_lists_the_kinds_from_the_table(lang):
    """The guide holds a mark where the list goes, not a copy of it that could fall behind."""
    guide = (ROOT / "content" / "pages" / f"publish.{lang}.md").read_text(encoding="utf-8")
    assert guide.count(KINDS_MARK) == 1 and "`award_ceremony`" not in guide
    published = published_text(guide, lang)
    assert KINDS_MARK not in published
    for key, kind in NOTICE_KINDS.items():
        assert f"`{key}`" in published
        if kind.note:
            assert kind.note[lang] in published
