# Every target builds .venv on first use, so a fresh machine needs only Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
KERNEL_NAME := python3
JOBS ?=

.PHONY: report demo-import test lint format lab bench demo clean mutate

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,lab,scale]"
	$(BIN)/python -m compileall -q backday_analysis
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL_NAME) --display-name "Python 3 (backday)" >/dev/null
	touch $(STAMP)

# The demo's app exports and whose logs they feed; importing again adds nothing.
demo-import: $(STAMP)
	$(BIN)/backday import data/exports/ava_strong.csv --client ava --unit kg
	$(BIN)/backday import data/exports/ben_hevy.csv --client ben
	$(BIN)/backday import data/exports/cleo_fitnotes.csv --client cleo

report: demo-import
	$(BIN)/python -m compileall -q backday_analysis
	$(BIN)/backday report --week latest $(if $(JOBS),--jobs $(JOBS))
	$(BIN)/backday report --roster --week latest

test: $(STAMP)
	$(BIN)/ruff check backday_analysis tests
	$(BIN)/python -m pytest -q -p no:cacheprovider tests
	$(BIN)/python -m pytest -q -p no:cacheprovider --nbval-lax notebooks

lint: $(STAMP)
	$(BIN)/ruff check backday_analysis tests
	$(BIN)/ruff format --check backday_analysis tests

format: $(STAMP)
	$(BIN)/ruff format backday_analysis tests
	$(BIN)/ruff check --fix backday_analysis tests

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(STAMP)
	$(BIN)/python -m compileall -q backday_analysis
	$(BIN)/python -m backday_analysis.tools.bench

# Mutation testing of the core (backday_analysis/tools/mutate.py): reports/mutation.json.
# One BLAS thread per process: the runner forks a child per mutant.
mutate: $(STAMP)
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $(BIN)/python -m backday_analysis.tools.mutate $(if $(JOBS),--jobs $(JOBS))

# Regenerate the demo data from its seed, then import the exports afresh.
demo: $(STAMP)
	$(BIN)/python -m backday_analysis.tools.demo
	$(MAKE) demo-import

clean:
	rm -rf $(VENV) reports
