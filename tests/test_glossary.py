import pytest
from downhill_engine.errors import EngineError
from downhill_lessons.glossary import abbreviations, anchor_terms, link_first_uses, read_terms

GLOSSARY = """# Glossary

Gradient
:   The vector of partial derivatives.

Step size
:   How far a step goes. Also called the `learning rate`.
"""


def test_terms_are_read_from_the_definition_list():
    terms = read_terms(GLOSSARY, "docs/glossary.md")
    assert [(term.name, term.slug, term.line) for term in terms] == [
        ("Gradient", "gradient", 3),
        ("Step size", "step-size", 6),
    ]
    assert terms[1].definition == "How far a step goes. Also called the learning rate."


def test_a_term_defined_twice_is_refused():
    with pytest.raises(EngineError, match="defined twice"):
        read_terms(GLOSSARY + "\ngradient\n:   Again.\n", "docs/glossary.md")


def test_abbreviations_cover_case_and_plural():
    lines = abbreviations(read_terms(GLOSSARY, "docs/glossary.md"))
    for form in ("Gradient", "gradient", "gradients", "Step size", "step sizes"):
        assert f"*[{form}]: " in lines


def test_only_the_first_use_outside_links_headings_and_code_is_linked():
    terms = read_terms(GLOSSARY, "docs/glossary.md")
    abbr = '<abbr title="x">{}</abbr>'
    html = (
        f"<h2>{abbr.format('Gradient')}</h2><a href='#'>{abbr.format('gradient')}</a>"
        f"<summary>{abbr.format('gradient')}</summary><p>{abbr.format('gradients')} and {abbr.format('gradient')}</p>"
    )
    linked = link_first_uses(html, terms, "../glossary/")
    assert linked.count('class="dh-term"') == 1
    assert '<p><a class="dh-term" href="../glossary/#gradient"><abbr title="x">gradients</abbr></a>' in linked


def test_glossary_terms_get_anchors():
    terms = read_terms(GLOSSARY, "docs/glossary.md")
    assert anchor_terms("<dt>Step size</dt>", terms) == '<dt id="step-size">Step size</dt>'
