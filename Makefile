# The two commands: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DEBUG ?= 1

.PHONY: run test lint format worker beat bench profile loadtest clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

# Migrates, loads demo data into an empty database, prints the logins and serves
# http://127.0.0.1:8000; without DATABASE_URL it runs its own PostgreSQL (see localism/dev.py).
run: $(VENV)/.installed
	$(BIN)/python -m localism.dev 127.0.0.1:8000

# The whole suite; on a machine without Redis or Chromium their tests are skipped
# with the reason shown. CI sets REQUIRE_SERVICES=1 so that nothing is skipped.
# It ends with the 25 slowest tests, the ones to look at when the suite grows slow.
test: $(VENV)/.installed-test
	DEBUG=0 $(BIN)/python -m pytest -n $${TEST_WORKERS:-2} --dist loadgroup --durations=25 $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

worker: $(VENV)/.installed
	$(BIN)/celery -A localism worker --loglevel=info

beat: $(VENV)/.installed
	$(BIN)/celery -A localism beat --loglevel=info --schedule=.data/celerybeat-schedule

clean:
	rm -rf $(VENV) .data .pytest_cache

# Seeds a large data set once (SCALE=small for a tenth) and prints the server time
# and query count of each key page; figures also go to .data/bench.json.
# ONLY=directory measures one app's pages alone (figures in .data/bench-only.json).
bench: $(VENV)/.installed-test
	$(BIN)/python -m devtools.benchrun $${SCALE:-full} $(if $(ONLY),--only $(ONLY))

# Where one page's time goes, on the bench database: URL=/places/norwich/ (SIGNED_IN=email to ask for it signed in).
profile: $(VENV)/.installed-test
	$(if $(URL),,$(error Give the page: make profile URL=/places/norwich/))
	$(BIN)/python -m devtools.benchrun $${SCALE:-full} --profile "$(URL)" $(if $(SIGNED_IN),--as "$(SIGNED_IN)")

# gunicorn on the bench database, driven over loopback for DURATION seconds (default 30): requests
# per second, median and 95th percentile latency and errors per page; also in .data/loadtest.json.
loadtest: $(VENV)/.installed
	$(BIN)/python -m devtools.loadtest $(or $(DURATION),30) $(if $(ALONE),--alone $(ALONE))
