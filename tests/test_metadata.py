"""Lesson front matter: validated field by field, with the field's line and an example."""

import datetime

import pytest
from downhill_lessons.metadata import MetadataError, reading_minutes, validate

GOOD = """---
title: A lesson
id: a
level: beginner
prerequisites: [earlier]
objectives:
  - Do one thing.
  - Do another.
  - Do a third.
reviewed: 2026-11-22
---
# A lesson
"""


def test_valid_front_matter_is_read():
    meta = validate("docs/lessons/a.md", GOOD, {"a", "earlier"})
    assert meta.level == "beginner" and meta.prerequisites == ("earlier",)
    assert meta.reviewed == datetime.date(2026, 11, 22) and len(meta.objectives) == 3


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        (("level: beginner", "level: expert"), 4, "use one of beginner, intermediate, advanced"),
        (("prerequisites: [earlier]", "prerequisites: [missing]"), 5, "unknown lesson id 'missing'"),
        (("  - Do a third.\n", ""), 6, "3 to 5 things"),
        (("reviewed: 2026-11-22", "reviewed: soon"), 10, "YYYY-MM-DD"),
        (("title: A lesson\n", ""), 1, "lacks `title`"),
        (("id: a\n", ""), 1, "lacks `id`"),
        (("id: a", "id: A_Lesson"), 3, "lowercase words joined by hyphens"),
    ],
)
def test_each_bad_field_is_named_with_its_line(change, line, words):
    with pytest.raises(MetadataError) as caught:
        validate("docs/lessons/a.md", GOOD.replace(*change), {"a", "earlier"})
    assert caught.value.format().startswith(f"docs/lessons/a.md:{line}: ")
    assert words in caught.value.format()
    assert "reviewed: 2026-11-22" in caught.value.format()  # the example of a correct header


def test_reading_time_counts_prose_and_code():
    prose = " ".join(["word"] * 400)
    code = "```python\n" + "x = 1\n" * 30 + "```\n"
    assert reading_minutes(GOOD + prose) == 2
    assert reading_minutes(GOOD + prose + "\n" + code) == 4


def test_reading_time_counts_a_link_by_its_text_not_its_address():
    prose = " ".join(["word"] * 380)
    address = "https://docs.scipy.org/doc/scipy/reference/generated/scipy.optimize.minimize.html"
    links = " ".join([f"[`minimize`]({address})"] * 20)  # 20 words read; the addresses would add 240 more
    assert reading_minutes(GOOD + prose + " " + links) == 2


def test_invalid_yaml_is_an_error_at_its_line_not_a_crash():
    with pytest.raises(MetadataError) as caught:
        validate("docs/lessons/a.md", GOOD.replace("level: beginner", "level: [beginner"), {"a", "earlier"})
    assert caught.value.format().startswith("docs/lessons/a.md:")
    assert "front matter is not valid YAML" in caught.value.format()


def test_the_question_is_read_as_one_line_and_is_empty_when_missing():
    page = GOOD + "\n**The question:** how low can it go,\nand how do I know?\n\n## Core ideas\n"
    assert validate("docs/lessons/a.md", page, {"a", "earlier"}).question == "how low can it go, and how do I know?"
    assert validate("docs/lessons/a.md", GOOD, {"a", "earlier"}).question == ""
