"""Reading a regulation's structured text: find a cited unit, rebuild the original."""

from __future__ import annotations

from collections.abc import Iterator

from .model import Article, Place, RegulationText


def articles(text: RegulationText) -> Iterator[Article]:
    for chapter in text.chapters:
        yield from chapter.articles


def find_article(text: RegulationText, number: int) -> Article | None:
    return next((a for a in articles(text) if a.number == number), None)


def unit_zh(text: RegulationText, place: Place) -> str | None:
    """The Chinese text of the cited article, paragraph or item; None if there is none.

    An item without a paragraph is looked up across the article's paragraphs (the
    usual case: one list per article); a unit includes the items under it.
    """
    article = find_article(text, place.article)
    if article is None:
        return None
    paragraphs = article.paragraphs
    if place.paragraph is not None:
        if place.paragraph > len(paragraphs):
            return None
        paragraphs = [paragraphs[place.paragraph - 1]]
    if place.item is not None:
        found = [i.zh for p in paragraphs for i in p.items if i.number == place.item]
        return found[0] if len(found) == 1 else None
    return "".join(p.zh + "".join(i.zh for i in p.items) for p in paragraphs)


def rebuild_zh(text: RegulationText) -> str:
    """The official document as printed, labels included, one unit a line."""
    lines = [u.zh for u in text.front_matter] + [u.zh for u in text.heading]
    for chapter in text.chapters:
        lines.append(f"{chapter.label} {chapter.title.zh}")
        for article in chapter.articles:
            first = True
            for paragraph in article.paragraphs:
                lines.append(f"{article.label} {paragraph.zh}" if first else paragraph.zh)
                first = False
                lines.extend(f"{item.label}{item.zh}" for item in paragraph.items)
    lines += [u.zh for u in text.back_matter]
    return "\n".join(lines) + "\n"


def anchor(text: RegulationText, place: Place) -> str:
    """The stable anchor of a cited unit on the regulation page: art-13, art-13-p2,
    art-13-p1-3 (item 3 of paragraph 1; an item cited without its paragraph is
    found in the article)."""
    if place.item is not None and place.paragraph is None:
        article = find_article(text, place.article)
        for number, paragraph in enumerate(article.paragraphs if article else [], 1):
            if any(i.number == place.item for i in paragraph.items):
                return f"art-{place.article}-p{number}-{place.item}"
    if place.item is not None:
        return f"art-{place.article}-p{place.paragraph}-{place.item}"
    if place.paragraph is not None:
        return f"art-{place.article}-p{place.paragraph}"
    return f"art-{place.article}"
