# Every target builds .venv on first use, so a fresh machine needs only Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
KERNEL_NAME := python3
JOBS ?=

.PHONY: report demo-import test test-fast lint format lab bench bench-baseline demo clean git-filter notebook-metadata mutate

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,scale]"
	$(BIN)/python -m compileall -q backday_analysis
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL_NAME) --display-name "Python 3 (backday)" >/dev/null
	$(MAKE) --no-print-directory git-filter
	touch $(STAMP)

# This machine's Python version into the notebooks' language_info, as the kernel reports it,
# so JupyterLab does not mark them changed on opening (the git filter takes it out again).
notebook-metadata: $(STAMP)
	@$(BIN)/python -m dev.notebook_metadata

# Outputs and parameters a coach produces in JupyterLab never reach a commit: git runs each
# notebook through nbstripout (.gitattributes) with this checkout's own .venv (a relative path,
# as git runs filters at the top of the work tree). Outside a git checkout there is nothing to do.
# Without .venv (after make clean) the filter passes notebooks through unchanged.
STRIP := if [ -x $(BIN)/python ]; then $(BIN)/python -m nbstripout --keep-id \
  --extra-keys metadata.language_info.version
git-filter:
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
	  git config filter.nbstripout.clean '$(STRIP); else cat; fi' && \
	  git config filter.nbstripout.smudge cat; \
	fi

# The demo's app exports and whose logs they feed; importing again adds nothing. Each
# client is in data/roster.csv already, so Eli's Fitbod times (UTC) go to his roster zone.
demo-import: $(STAMP)
	$(BIN)/backday import data/exports/ava_strong.csv --client ava --unit kg
	$(BIN)/backday import data/exports/ben_hevy.csv --client ben
	$(BIN)/backday import data/exports/cleo_fitnotes.csv --client cleo
	$(BIN)/backday import data/exports/eli_fitbod.csv --client eli
	$(BIN)/backday import data/exports/fay_hevy.csv --client fay
	$(BIN)/backday import data/exports/gus_strong.csv --client gus --unit kg
	$(BIN)/backday import data/exports/hana_hevy.csv --client hana

report: demo-import
	$(BIN)/python -m compileall -q backday_analysis
	$(BIN)/backday report --week latest $(if $(JOBS),--jobs $(JOBS))
	$(BIN)/backday report --roster --week latest

test: $(STAMP) notebook-metadata
	$(BIN)/ruff check backday_analysis dev tests
	$(BIN)/python -m pytest -q -p no:cacheprovider tests
	$(BIN)/python -m pytest -q -p no:cacheprovider --nbval-lax notebooks

# The loop to run while working, on every core: every test that starts no Jupyter kernel,
# Chromium or Dask cluster and is not one of the slow suites (pytest markers kernel, browser,
# dask, stress, slow; see pyproject.toml), no notebooks. `make test` runs them all.
# Without nbval (it runs the notebooks in make test): its import of nbformat builds an IRI
# grammar, a second in each worker. One compute thread per worker, as for make mutate: the
# workers fill the cores already, and Arrow's and OpenBLAS's own threads would contend with
# them. Bytecode is written even where PYTHONDONTWRITEBYTECODE is set, as compileall writes
# the package's: pytest keeps each test module it rewrites for its asserts in
# tests/__pycache__, which spares every worker two seconds of rewriting.
FAST := not kernel and not browser and not dask and not stress and not slow
test-fast: $(STAMP)
	$(BIN)/ruff check backday_analysis dev tests
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest \
	  -q -p no:cacheprovider -p no:nbval -n auto -m "$(FAST)" tests

lint: $(STAMP)
	$(BIN)/ruff check backday_analysis dev tests
	$(BIN)/ruff format --check backday_analysis dev tests

format: $(STAMP)
	$(BIN)/ruff format backday_analysis dev tests
	$(BIN)/ruff check --fix backday_analysis dev tests

# JupyterLab at the project root (notebooks/ and data/ both reachable), opened on notebooks/.
lab: $(STAMP) notebook-metadata
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks \
	  $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(STAMP)
	$(BIN)/python -m compileall -q backday_analysis
	$(BIN)/python -m dev.bench

# The bench's batch, single report and notebook against an earlier commit's, in turns:
# make bench-baseline REF=67d0c9b
bench-baseline: $(STAMP)
	$(BIN)/python -m compileall -q backday_analysis
	$(BIN)/python -m dev.bench_baseline --ref $(REF)

# Mutation testing of the core (dev/mutate.py): reports/mutation.json.
# One BLAS thread per process: the runner forks a child per mutant.
mutate: $(STAMP)
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $(BIN)/python -m dev.mutate $(if $(JOBS),--jobs $(JOBS))

# Regenerate the demo data from its seed, then import the exports afresh.
demo: $(STAMP)
	$(BIN)/python -m backday_analysis.demo
	$(MAKE) demo-import

clean:
	rm -rf $(VENV) reports
