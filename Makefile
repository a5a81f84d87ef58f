# Every target creates and reuses .venv and installs what it needs, so it works on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PYTEST_ARGS ?=
DEMO_PORT ?= 8080

.PHONY: install test lint run demo bench bench-quick clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

run: $(STAMP)
	$(BIN)/aduan db upgrade
	$(BIN)/aduan run

# The bot, a local Telegram emulator and the playground page in one process, on data/demo.db,
# and the public site (aduan web) on port 8090 with a year of past complaints.
demo: $(STAMP)
	$(BIN)/python -m playground.demo --port $(DEMO_PORT)

# Benchmarks (never part of `make test`): every one, side by side, in under 15 minutes; results
# in bench/results/latest.json. `bench-quick` is CI's smoke of each (well under a minute).
bench: $(STAMP)
	$(BIN)/python -m bench all

bench-quick: $(STAMP)
	$(BIN)/python -m bench all --quick --output bench/results/quick.json

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
