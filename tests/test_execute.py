"""The worker pool: outputs, values, figures, isolation and limits, driven without any page."""

import time

from downhill_engine.execute import Executor


def request(*blocks: str, timeout: float = 10) -> dict:
    return {"blocks": list(blocks), "timeout": timeout, "memory_mb": 1024}


def test_blocks_share_a_namespace_and_show_a_final_value(executor: Executor):
    (result,) = executor.run([request("x = 20\nprint('x is', x)", "x + 1")])
    assert [block.stdout for block in result.blocks] == ["x is 20\n", ""]
    assert result.blocks[1].value == "21"


def test_sessions_do_not_leak_into_each_other(executor: Executor):
    _first, second = executor.run([request("leaked = 1"), request("print('leaked' in dir())")])
    assert second.blocks[0].stdout == "False\n"


def test_streams_and_warnings_are_captured_separately(executor: Executor):
    code = "import sys, warnings\nprint('out')\nprint('err', file=sys.stderr)\nwarnings.warn('careful')"
    (result,) = executor.run([request(code)])
    block = result.blocks[0]
    assert (block.stdout, block.stderr) == ("out\n", "err\n")
    assert block.warnings == [
        {"category": "UserWarning", "message": "careful", "file": "<downhill-block-0>", "line": 4}
    ]


def test_figures_are_captured_as_deterministic_svg_and_closed(executor: Executor):
    code = "import matplotlib.pyplot as plt\nplt.plot([1, 3, 2])\nplt.title('Peak')\n"
    first, second = executor.run([request(code, "print(len(plt.get_fignums()))"), request(code)])
    figure = first.blocks[0].figures[0]
    assert figure["format"] == "svg" and figure["title"] == "Peak"
    assert "<dc:date>" not in figure["data"]
    assert "#00897b" in figure["data"]  # the site's palette: its teal is the first line colour
    assert figure["data"] == second.blocks[0].figures[0]["data"]
    assert first.blocks[1].stdout == "0\n"  # closed after capture


def test_matplotlib_objects_are_not_shown_as_values(executor: Executor):
    (result,) = executor.run([request("import matplotlib.pyplot as plt\nplt.plot([1, 2])")])
    assert result.blocks[0].value is None


def test_sessions_run_in_parallel_on_every_core():
    with Executor(jobs=2) as pool:
        pool.run([request("pass")])  # start-up is not what is measured
        started = time.perf_counter()
        pool.run([request("import time\ntime.sleep(0.5)")] * 2)
        assert time.perf_counter() - started < 0.9


def test_worker_starts_with_the_scientific_stack_loaded(executor: Executor):
    code = "import sys\nprint(all(name in sys.modules for name in ('numpy', 'scipy.optimize', 'matplotlib.pyplot')))"
    (result,) = executor.run([request(code)])
    assert result.blocks[0].stdout == "True\n"


def test_error_stops_the_session_and_keeps_earlier_blocks(executor: Executor):
    (result,) = executor.run([request("print('before')", "1 / 0", "print('never')")])
    assert len(result.blocks) == 2
    assert result.blocks[0].stdout == "before\n"
    assert result.error["exception"] == "ZeroDivisionError: division by zero"
    assert result.error["frames"][0]["file"] == "<downhill-block-1>"


def test_every_figure_has_a_dark_variant_with_the_same_data_colours(executor: Executor):
    code = "import matplotlib.pyplot as plt\nplt.plot([1, 3, 2], color='crimson')\nplt.title('Peak')\n"
    (result,) = executor.run([request(code)])
    figure = result.blocks[0].figures[0]
    light, dark = figure["data"], figure["dark"]
    assert "#1e2129" in dark and "#1e2129" not in light  # dark paper
    assert "#d5d7e2" in dark and "#d5d7e2" not in light  # light ink for text and axes
    assert "#dc143c" in light and "#dc143c" in dark  # crimson data stays crimson
