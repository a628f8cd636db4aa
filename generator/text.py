"""Reading a regulation's structured text: find a cited unit, rebuild the original."""

from __future__ import annotations

from collections.abc import Iterator

from .model import Article, Citation, Item, Place, RegulationText


def articles(text: RegulationText) -> Iterator[Article]:
    for chapter in text.chapters:
        yield from chapter.articles


def find_article(text: RegulationText, number: int) -> Article | None:
    return next((a for a in articles(text) if a.number == number), None)


def items_cited(article: Article, place: Place) -> list[tuple[int, Item]]:
    """The items `place` names in `article`, with their paragraph numbers: one, or
    several when an item cited without its paragraph occurs in more than one list."""
    return [(number, item) for number, paragraph in enumerate(article.paragraphs, 1)
            if place.paragraph in (None, number)
            for item in paragraph.items if item.number == place.item]


def unit_zh(text: RegulationText, place: Place) -> str | None:
    """The Chinese text of the cited article, paragraph or item; None if there is none.

    An item without a paragraph is looked up across the article's paragraphs (the
    usual case: one list per article); a unit includes the items under it.
    """
    article = find_article(text, place.article)
    if article is None:
        return None
    if place.paragraph is not None and place.paragraph > len(article.paragraphs):
        return None
    if place.item is not None:
        found = items_cited(article, place)
        return found[0][1].zh if len(found) == 1 else None
    paragraphs = article.paragraphs if place.paragraph is None else [article.paragraphs[place.paragraph - 1]]
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
    if place.item is not None:
        article = find_article(text, place.article)
        found = items_cited(article, place) if article else []
        paragraph = found[0][0] if found else place.paragraph
        return f"art-{place.article}-p{paragraph}-{place.item}"
    if place.paragraph is not None:
        return f"art-{place.article}-p{place.paragraph}"
    return f"art-{place.article}"


_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (for 1–99, as legal texts count)."""
    if not 1 <= n <= 99:
        raise ValueError(f"no Chinese numeral here for {n}")
    tens, ones = divmod(n, 10)
    return ((_DIGITS[tens] if tens > 1 else "") + "十" if tens else "") + (_DIGITS[ones] if ones else "")


def place_labels(text: RegulationText, place: Place) -> tuple[str, str]:
    """How a citation reads, in Chinese and in English: 第十二条第二款第三项 / Art. 12(2), item 3.
    The paragraph is named only where the article has more than one."""
    article = find_article(text, place.article)
    paragraph = place.paragraph
    if place.item is not None and paragraph is None:
        found = items_cited(article, place)
        paragraph = found[0][0] if found else None
    if len(article.paragraphs) == 1:
        paragraph = None
    zh, en = article.label, f"Art. {place.article}"
    if paragraph is not None:
        zh, en = zh + f"第{chinese_number(paragraph)}款", en + f"({paragraph})"
    if place.item is not None:
        zh, en = zh + f"第{chinese_number(place.item)}项", en + f", item {place.item}"
    return zh, en


def cited_articles(text: RegulationText, cites: list[Citation]) -> list[tuple[Article, list[str]]]:
    """The articles `cites` name, each once in the order first cited, with the quotes
    cited from it (the words to mark when the article is shown)."""
    numbers = dict.fromkeys(place.article for place in cites)
    return [(find_article(text, number), [p.quote for p in cites if p.article == number and p.quote])
            for number in numbers]


def cited_places(text: RegulationText, cites: list[Place]) -> list[tuple[str, str, str]]:
    """The distinct units `cites` name, in order, as (anchor, Chinese label, English label)."""
    seen: dict[str, tuple[str, str, str]] = {}
    for place in cites:
        key = anchor(text, place)
        if key not in seen:
            seen[key] = (key, *place_labels(text, place))
    return list(seen.values())
