"""Glossary terms: defined on the glossary page, marked once per section on every other page.

Tooltips come from Python-Markdown's ``abbr`` extension (Material styles them); this module reads the
terms from the glossary's definition list, writes the abbreviation lines, and keeps the mark on each term's
first use in a section, linked to its definition.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from downhill_engine.errors import EngineError

TERM_LINE = re.compile(r"^(?P<term>[^\s:].*?)\s*$")
DEFINITION_LINE = re.compile(r"^:\s{3}(?P<text>.+)$")
ABBR = re.compile(r'<abbr title="(?P<title>[^"]*)">(?P<text>[^<]+)</abbr>')
# Never link inside these: a link in a link, a summary or a label is nested interaction (invalid HTML,
# and a trap for keyboard users); headings and code keep their own meaning.
OPENERS = re.compile(r"<(/?)(a|h[1-6]|code|pre|summary|label|legend|button)\b", re.IGNORECASE)
SECTION = re.compile(r"<h[12]\b", re.IGNORECASE)  # the title and each ## section start a section


@dataclass(frozen=True)
class Term:
    name: str
    definition: str  # plain text, for the tooltip
    line: int

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")


def read_terms(text: str, path: str) -> list[Term]:
    """Terms of a Markdown definition list: a term line, then one or more `:   definition` lines."""
    lines = text.splitlines()
    terms = []
    for number, line in enumerate(lines, start=1):
        definition = DEFINITION_LINE.match(line)
        if not definition or number < 2:
            continue
        term = lines[number - 2]
        if not TERM_LINE.match(term) or term.startswith(("#", "-", "*", ">")):
            raise EngineError(path, number - 1, f"a definition needs a term on the line above it, not {term!r}")
        text = [definition.group("text")]
        for more in lines[number:]:  # a definition goes on over the lines indented under it
            if not more.startswith("    ") or not more.strip():
                break
            text.append(more.strip())
        terms.append(Term(term.strip(), _plain(" ".join(text)), number - 1))
    seen: dict[str, Term] = {}
    for term in terms:
        if term.slug in seen:
            raise EngineError(path, term.line, f"{term.name!r} is defined twice (first on line {seen[term.slug].line})")
        seen[term.slug] = term
    return terms


def abbreviations(terms: list[Term]) -> str:
    """Abbreviation lines for every form of every term a sentence is likely to use."""
    lines = []
    for term in terms:
        # Mid-sentence a term loses only its first capital: "quasi-Newton method", never "quasi-newton method".
        forms = {
            term.name,
            term.name[0].upper() + term.name[1:],
            term.name[0].lower() + term.name[1:],
            term.name.lower(),
        }
        forms |= {form + "s" for form in forms if not form.endswith("s")}
        definition = term.definition.replace("]", ")")
        lines += [f"*[{form}]: {definition}" for form in sorted(forms)]
    return "\n\n" + "\n".join(lines) + "\n"


def mark_terms(page_html: str, terms: list[Term], glossary_url: str) -> str:
    """Mark each term once per section, at its first use: a tooltip and a link to its definition.

    The ``abbr`` extension wraps every use; a page underlined at every turn shouts, and every wrapper is one
    more element for Material's tooltips to set up, so later uses in a section read as plain text. A use
    inside a heading (the page title among them), a link, code, a summary, a label, a legend or a button
    is never marked: a link there would be nested interaction, and a heading keeps its own meaning.
    """
    by_form = {}
    for term in terms:
        for form in (term.name, term.name.lower(), term.name[0].upper() + term.name[1:]):
            by_form[form.lower()] = term
            by_form[form.lower() + "s"] = term
    depth: dict[str, int] = {}
    marked: set[str] = set()
    out = []
    position = 0
    for match in ABBR.finditer(page_html):
        for opener in OPENERS.finditer(page_html, position, match.start()):
            tag = "h" if opener.group(2).lower().startswith("h") else opener.group(2).lower()
            depth[tag] = depth.get(tag, 0) + (-1 if opener.group(1) else 1)
            if SECTION.match(opener.group(0)):
                marked.clear()  # a new section: each term may be marked once more
        out.append(page_html[position : match.start()])
        position = match.end()
        term = by_form.get(match.group("text").lower())
        if term is None or term.slug in marked or any(value > 0 for value in depth.values()):
            out.append(match.group("text"))
            continue
        marked.add(term.slug)
        href = html.escape(f"{glossary_url}#{term.slug}")
        out.append(f'<a class="dh-term" href="{href}">{match.group(0)}</a>')
    out.append(page_html[position:])
    return "".join(out)


def anchor_terms(page_html: str, terms: list[Term]) -> str:
    """Give each term of the glossary page an id, so other pages can link to it."""
    for term in terms:
        page_html = page_html.replace(
            f"<dt>{html.escape(term.name, quote=False)}</dt>",
            f'<dt id="{term.slug}">{html.escape(term.name, quote=False)}</dt>',
            1,
        )
    return page_html


def prefix_term_ids(page_html: str, terms: list[Term], prefix: str) -> str:
    """Give the terms' anchors the ids that links in the printed course use: ``{prefix}-{slug}``.

    mkdocs-print-site-plugin makes anchors unique in the one-page course by prefixing heading ids with the
    page's key, and rewrites links to match; it leaves a ``<dt>``'s id alone, so links to terms would lead
    nowhere in the PDF without this.
    """
    for term in terms:
        page_html = page_html.replace(f'<dt id="{term.slug}">', f'<dt id="{prefix}-{term.slug}">', 1)
    return page_html


def _plain(text: str) -> str:
    """A definition without its Markdown: links keep their text; an underscore inside a name (mip_gap) stays."""
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(?<!\w)_+|_+(?!\w)", "", text)  # _emphasis_ and __strong__, not snake_case
    return re.sub(r"[`*]|\$", "", text).replace('"', "'").strip()
