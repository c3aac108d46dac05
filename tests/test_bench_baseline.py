"""The same-run baseline of the bench: two commits' batches, taking turns, on their own data."""

import pytest

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
    assert len(figures["ref_core_seconds_per_report"]) == 1
    assert figures["ref_median"] > 0 and figures["this_median"] > 0
    ratio = figures["this_median"] / figures["ref_median"]  # of the rounded medians
    assert figures["this_over_ref"] == pytest.approx(ratio, abs=0.002)
    for side in bench_baseline.SIDES:
        pages = sorted((tmp_path / f"{side}-out-0").rglob("*.html"))
        assert [p.name for p in pages] == ["c001.html", "c002.html"]
        assert [p.with_suffix(".pdf").is_file() for p in pages] == [True, True]
        marked = ["<!-- ref side -->" in p.read_text() for p in pages]
        assert marked == [side == "ref"] * 2
