"""A block's final value becomes a widget through ``_repr_mimebundle_``: checked data in, safe HTML out."""

from __future__ import annotations

import json

import markdown
from downhill_engine.execute import Executor
from downhill_engine.widgets import superfences_widget_fence, widget_fence

BUNDLE = """
class Widget:
    def __init__(self, kind, data):
        self.kind, self.data = kind, data

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {f"application/vnd.downhill.{self.kind}+json": self.data, "text/plain": "a widget"}
"""


def request(*blocks: str) -> dict:
    return {"blocks": [BUNDLE, *blocks], "timeout": 10, "memory_mb": 1024}


def to_html(text: str) -> str:
    return markdown.markdown(
        text,
        extensions=["admonition", "attr_list", "pymdownx.superfences"],
        extension_configs={"pymdownx.superfences": {"custom_fences": [superfences_widget_fence()]}},
    )


def test_a_value_offering_a_widget_is_kept_as_data_not_as_its_repr(executor: Executor):
    (result,) = executor.run([request("Widget('paths', {'title': 'Paths', 'points': [[0, 1.5]]})")])
    block = result.blocks[1]
    assert block.error is None
    assert block.value is None
    assert block.widget == {"kind": "paths", "data": {"title": "Paths", "points": [[0, 1.5]]}}


def test_other_bundles_and_plain_values_keep_their_repr(executor: Executor):
    (result,) = executor.run([request("Widget('unrelated', {})._repr_mimebundle_ and 41 + 1")])
    assert result.blocks[1].widget is None and result.blocks[1].value == "42"


def test_an_unknown_kind_or_a_ragged_table_fails_in_its_block(executor: Executor):
    unknown, ragged = executor.run(
        [
            request("Widget('sparkles', {})"),
            request("Widget('table', {'columns': ['a', 'b'], 'rows': [['1']]})"),
        ]
    )
    assert "unknown widget kind 'sparkles'" in unknown.error["exception"]
    assert "table row 1 does not have one cell per column (2)" in ragged.error["exception"]
    # The traceback points at the reader's code, never at the engine's.
    assert all("downhill_engine" not in frame["file"] for frame in ragged.error["frames"])


def test_an_interactive_widget_is_a_labelled_container_whose_data_stays_text():
    note = "</template></script><b>x</b> & y"
    fence = widget_fence({"kind": "paths", "data": {"title": "Two paths", "note": note}}, "")
    html = to_html(fence)
    assert html.startswith('<div class="dh-widget dh-widget--paths" data-widget="paths" role="group"')
    assert 'aria-label="Two paths"' in html
    assert "</script>" not in html and "<b>" not in html
    embedded = html.split('<template class="dh-widget__data">')[1].split("</template>")[0]
    assert json.loads(embedded)["note"] == note
    assert "needs JavaScript" in html  # what a reader without scripts sees, above the static figure


def test_a_table_is_rendered_on_the_server_with_escaped_cells_and_right_aligned_numbers():
    data = {
        "caption": "Evaluations",
        "columns": ["#", "kind"],
        "rows": [["1", "<step>"], ["2", "probe"]],
        "row_classes": [None, "dh-probe"],
        "numeric": [True, False],
    }
    html = to_html(widget_fence({"kind": "table", "data": data}, ""))
    assert "<caption>Evaluations</caption>" in html
    assert '<th scope="col" class="dh-table__number">#</th><th scope="col">kind</th>' in html
    assert "<td>&lt;step&gt;</td>" in html
    assert '<tr class="dh-probe"><td class="dh-table__number">2</td>' in html


def test_a_widget_inside_an_admonition_stays_inside_it():
    fence = widget_fence({"kind": "table", "data": {"columns": ["a"], "rows": [["1"]]}}, "    ")
    html = to_html("!!! note\n\n    Text.\n\n" + fence)
    assert html.index('<div class="admonition note">') < html.index("<table>") < html.rindex("</div>")
