# The project's two promises: `make run` builds everything locally, `make test` checks everything.
PYTHON ?= python3.11
UV_VERSION := 0.13.9
VENV := .venv
BIN := $(VENV)/bin
SOURCE := data/thelook.duckdb

export SQLMESH__DISABLE_ANONYMIZED_ANALYTICS := 1

.PHONY: run test bigquery-check review dashboard benchmark backtest clean

run: $(VENV)/.installed $(SOURCE)
	$(BIN)/sqlmesh plan prod --auto-apply --no-prompts --test-changed-only
	@echo "Marts built in data/warehouse.duckdb (schema marts); source in $(SOURCE)."
	@echo "Look:  $(BIN)/sqlmesh fetchdf 'select * from marts.customer_metrics limit 5'"
	@echo "Or open the dashboard: make dashboard, then http://localhost:8501"

test: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/sqlmesh format --check
	$(BIN)/sqlmesh lint
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/sqlmesh test
	$(BIN)/thelook bigquery-check
	$(BIN)/pytest

# Every statement the project sends to BigQuery, analysed offline by ZetaSQL (BigQuery's analyzer).
bigquery-check: $(VENV)/.installed
	$(BIN)/thelook bigquery-check

# A Markdown review of what environment ENV changes against prod, to paste into a pull request.
review: $(VENV)/.installed
	@test -n "$(ENV)" || { echo "make review: say which environment, e.g. make review ENV=dev" >&2; exit 2; }
	@$(BIN)/thelook review $(ENV)

$(SOURCE): | $(VENV)/.installed
	$(BIN)/thelook generate --out $(SOURCE)

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync --quiet --compile-bytecode --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --editable .
	touch $@

benchmark: $(VENV)/.installed
	$(BIN)/python benchmarks/generator.py
	$(BIN)/python benchmarks/scale.py
	$(BIN)/python benchmarks/dashboard.py

# The dashboard of environment ENV (prod unless given) on http://localhost:PORT.
dashboard: $(VENV)/.installed
	$(BIN)/thelook dashboard --env $(or $(ENV),prod) --port $(or $(PORT),8501)

# The out-of-time backtest of the scoring marts, on faithful and planted-browsing sources.
backtest: $(VENV)/.installed
	$(BIN)/python benchmarks/backtest.py

clean:
	rm -rf data .cache logs
