"""A warm kernel runs one notebook after another on a clean slate, giving the same page."""

from __future__ import annotations

import pytest
from fresh_python import run_python

from backday_analysis.rendering.kernels import WarmKernel
from backday_analysis.rendering.report import WEEKLY_NOTEBOOK, execute, to_html


def _notebook(path, source: str):
    import nbformat  # here, not at collection: its import builds an IRI grammar, a second

    node = nbformat.v4.new_notebook()
    node.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "P"}
    node.cells = [nbformat.v4.new_code_cell(source)]
    nbformat.write(node, path)
    return path


@pytest.mark.kernel
def test_a_warm_kernel_forgets_the_previous_notebook_and_the_page_is_the_same(demo_data, tmp_path):
    first = _notebook(tmp_path / "first.ipynb", "leftover = 1")
    second = _notebook(tmp_path / "second.ipynb", "print('leftover' in dir())")
    parameters = {"client": "ava", "week": "2026-W47", "data_dir": str(demo_data)}
    kernel = WarmKernel()
    try:
        execute(first, {}, kernel=kernel)
        assert execute(second, {}, kernel=kernel).cells[-1].outputs[0]["text"] == "False\n"
        warm = to_html(execute(WEEKLY_NOTEBOOK, parameters, kernel=kernel), "t", "g")
    finally:
        kernel.shutdown()
    fresh = to_html(execute(WEEKLY_NOTEBOOK, parameters), "t", "g")
    assert warm == fresh
    assert "%reset" not in warm


def test_nbformat_loads_without_the_iri_grammar():
    # In a fresh interpreter: the grammar module is not imported, yet still importable later.
    # find_spec finds it only once the refusal (a None in sys.modules) is taken back; an
    # import would build the grammar, a second.
    code = (
        "import sys; from backday_analysis.rendering.pages import import_nbformat; "
        "import_nbformat(); assert 'jsonschema' in sys.modules; "
        "assert 'rfc3987_syntax' not in sys.modules, 'imported'; "
        "import importlib.util; "
        "assert importlib.util.find_spec('rfc3987_syntax') is not None, 'refused or not installed'"
    )
    done = run_python(code)
    assert done.returncode == 0, done.stderr
