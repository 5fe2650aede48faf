"""A line inside a block's code maps back to the file and line the contributor wrote."""

from __future__ import annotations

from downhill_engine.check import map_line
from downhill_engine.includes import Origin
from downhill_engine.parse import Block
from downhill_engine.runner import block_filename, block_index


def block(first: int, lines: int, path: str = "docs/a.md") -> Block:
    origins = tuple(Origin(path, first + n) for n in range(lines))
    return Block(first - 1, first + lines, "", "python", "x = 1\n" * lines, Origin(path, first - 1), origins)


BLOCKS = (block(4, 2), block(10, 3, "snippets/helper.py"))


def test_a_line_of_the_second_block_maps_to_where_it_was_written():
    assert map_line(BLOCKS, block_filename(1), 2) == Origin("snippets/helper.py", 11)


def test_a_line_past_the_code_falls_back_to_the_blocks_opening():
    assert map_line(BLOCKS, block_filename(0), 9) == Origin("docs/a.md", 3)


def test_other_files_and_missing_lines_map_to_nothing():
    assert map_line(BLOCKS, "/usr/lib/python3/json/__init__.py", 3) is None
    assert map_line(BLOCKS, block_filename(0), None) is None


def test_block_file_names_round_trip():
    assert block_index(block_filename(7)) == 7
    assert block_index("<downhill-block-x>") is None
