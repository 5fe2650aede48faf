import pytest
from downhill_engine.errors import EngineError
from downhill_lessons.glossary import abbreviations, anchor_terms, mark_terms, read_terms

GLOSSARY = """# Glossary

Gradient
:   The vector of partial derivatives.

Step size
:   How far a step goes. Also called the `learning rate`.

Quasi-Newton method
:   A method that learns the curvature from gradients.
"""


def test_terms_are_read_from_the_definition_list():
    terms = read_terms(GLOSSARY, "docs/glossary.md")
    assert [(term.name, term.slug, term.line) for term in terms] == [
        ("Gradient", "gradient", 3),
        ("Step size", "step-size", 6),
        ("Quasi-Newton method", "quasi-newton-method", 9),
    ]
    assert terms[1].definition == "How far a step goes. Also called the learning rate."


def test_a_definition_over_several_lines_is_read_whole():
    text = "Armijo condition\n:   A test for a step: it must lower\n    the objective enough.\n\nNext\n:   Other.\n"
    first, second = read_terms(text, "docs/glossary.md")
    assert first.definition == "A test for a step: it must lower the objective enough."
    assert second.definition == "Other."


def test_a_definition_keeps_the_underscores_of_names_and_drops_emphasis():
    (term,) = read_terms("Gap\n:   _Proved_ bound, reported as `mip_gap`, __not__ guessed.\n", "docs/glossary.md")
    assert term.definition == "Proved bound, reported as mip_gap, not guessed."


def test_a_term_defined_twice_is_refused():
    with pytest.raises(EngineError, match="defined twice"):
        read_terms(GLOSSARY + "\ngradient\n:   Again.\n", "docs/glossary.md")


def test_abbreviations_cover_case_and_plural():
    lines = abbreviations(read_terms(GLOSSARY, "docs/glossary.md"))
    for form in ("Gradient", "gradient", "gradients", "Step size", "step sizes", "quasi-Newton methods"):
        assert f"*[{form}]: " in lines


ABBR = '<abbr title="x">{}</abbr>'


def test_a_term_is_marked_at_its_first_use_in_each_section_and_plain_after():
    terms = read_terms(GLOSSARY, "docs/glossary.md")
    html = (
        f"<p>{ABBR.format('gradients')} and {ABBR.format('Gradient')}</p>"
        f"<h2 id='a'>Next</h2><p>{ABBR.format('step size')}, {ABBR.format('gradient')}, {ABBR.format('gradient')}</p>"
        f"<h3>Sub</h3><p>{ABBR.format('gradient')}</p>"
    )
    marked = mark_terms(html, terms, "../glossary/")
    assert marked == (
        '<p><a class="dh-term" href="../glossary/#gradient"><abbr title="x">gradients</abbr></a> and Gradient</p>'
        "<h2 id='a'>Next</h2><p>"
        '<a class="dh-term" href="../glossary/#step-size"><abbr title="x">step size</abbr></a>, '
        '<a class="dh-term" href="../glossary/#gradient"><abbr title="x">gradient</abbr></a>, gradient</p>'
        "<h3>Sub</h3><p>gradient</p>"
    )


def test_a_term_is_never_marked_in_a_heading_link_or_summary():
    terms = read_terms(GLOSSARY, "docs/glossary.md")
    html = (
        f"<h1>{ABBR.format('Gradient')} descent</h1><a href='#'>{ABBR.format('gradient')}</a>"
        f"<summary>{ABBR.format('gradient')}</summary><p>{ABBR.format('gradient')}</p>"
    )
    marked = mark_terms(html, terms, "../glossary/")
    assert marked.count("<abbr") == 1
    assert marked.startswith("<h1>Gradient descent</h1><a href='#'>gradient</a><summary>gradient</summary>")
    assert marked.endswith('<p><a class="dh-term" href="../glossary/#gradient"><abbr title="x">gradient</abbr></a></p>')


def test_glossary_terms_get_anchors():
    terms = read_terms(GLOSSARY, "docs/glossary.md")
    assert anchor_terms("<dt>Step size</dt>", terms) == '<dt id="step-size">Step size</dt>'
