"""The same-run baseline of the bench: two commits' reports, taking turns, on their own data."""

import shutil

import pytest

import dev as checkout
from dev import bench_baseline


def test_an_unknown_ref_is_one_sentence(tmp_path):
    with pytest.raises(SystemExit, match="git archive no-such-ref: .*give a commit"):
        bench_baseline.export_ref("no-such-ref", tmp_path / "code")


def test_a_ref_is_exported_whole(tmp_path):
    code = bench_baseline.export_ref("HEAD", tmp_path / "code")
    assert (code / "backday_analysis" / "rendering" / "batch.py").is_file()
    assert (code / "dev" / "bench_reports.py").is_file()
    # compiled, as make bench compiles this checkout: neither side pays for compiling
    assert (code / "backday_analysis" / "rendering" / "__pycache__").is_dir()


@pytest.mark.kernel
def test_each_side_runs_its_own_code(tmp_path):
    code = bench_baseline.export_ref("HEAD", tmp_path / "code")
    # The ref's pages carry a mark of their own: they must come from the ref's templates.
    template = code / "backday_analysis" / "rendering" / "templates" / "backday" / "index.html.j2"
    template.write_text(template.read_text().replace("<main>", "<main><!-- ref side -->", 1))
    figures = bench_baseline.compare("HEAD", code, tmp_path, rounds=1, clients=2, weeks=3)
    assert figures["batch_clients"] == 2
    assert list(figures) == ["ref", "batch_clients", *bench_baseline.FIGURES]
    for name in bench_baseline.FIGURES:
        values = figures[name]
        assert len(values["ref"]) == len(values["this"]) == 1
        assert values["ref_median"] == values["ref"][0] > 0
        assert values["this_median"] == values["this"][0] > 0
        ratio = values["this_median"] / values["ref_median"]  # of the rounded medians
        assert values["this_over_ref"] == pytest.approx(ratio, abs=0.002)
    for side in bench_baseline.SIDES:
        batch = sorted((tmp_path / f"{side}-batch-0").rglob("*.html"))
        assert [p.name for p in batch] == ["c001.html", "c002.html"]
        single = sorted((tmp_path / f"{side}-single-0").rglob("*.html"))
        assert [p.name for p in single] == ["c001.html"]
        pages = batch + single
        assert all(p.with_suffix(".pdf").is_file() for p in pages)
        marked = ["<!-- ref side -->" in p.read_text() for p in pages]
        assert marked == [side == "ref"] * 3


@pytest.mark.kernel
def test_a_notebook_run_on_other_code_than_the_sides_is_refused(tmp_path):
    # A folder with demo data but no package: the notebook runs this checkout's code.
    shutil.copytree(checkout.DATA_DIR, tmp_path / "data")
    with pytest.raises(SystemExit, match="PYTHONPATH did not win for the notebook"):
        bench_baseline.notebook_figures(tmp_path)
