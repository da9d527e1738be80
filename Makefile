# The project's two promises: `make run` builds everything locally, `make test` checks everything.
PYTHON ?= python3.11
UV_VERSION := 0.13.9
VENV := .venv
BIN := $(VENV)/bin
SOURCE := data/thelook.duckdb

# Every target here works on the local gateway, named explicitly: an exported SQLMESH_GATEWAY
# (say, bigquery) never sends a laptop's plan to a shared prod. Production changes through
# `sqlmesh --gateway bigquery plan`, typed on purpose, or the CI/CD bot.
LOCAL := --gateway local
SQLMESH := $(BIN)/sqlmesh $(LOCAL)

export SQLMESH__DISABLE_ANONYMIZED_ANALYTICS := 1

.PHONY: run test browser bigquery-check review dashboard benchmark backtest clean

# The models' unit tests are `make test`'s: a build from scratch would run every one of them.
run: $(VENV)/.installed $(SOURCE)
	$(SQLMESH) plan prod --auto-apply --no-prompts --skip-tests
	@echo "Marts built in data/warehouse.duckdb (schema marts); source in $(SOURCE)."
	@echo "Look:  $(SQLMESH) fetchdf 'select * from marts.customer_metrics limit 5'"
	@echo "Or open the dashboard: make dashboard, then http://127.0.0.1:8501"

# The models' unit tests, SQLMesh's linter and the offline BigQuery check run inside pytest
# (tests/project/test_model_unit_tests.py, test_linter.py, test_bigquery_check.py), on its
# workers beside everything else.
test: $(VENV)/.installed browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(SQLMESH) format --check
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	SQLMESH_GATEWAY=local $(BIN)/pytest

# Debian's Chromium for the dashboard's browser tests: installed through apt as root or with
# sudo, or one line saying what to run.
browser:
	@scripts/install-chromium

# Every statement the project sends to BigQuery, analysed offline by ZetaSQL (BigQuery's analyzer).
bigquery-check: $(VENV)/.installed
	$(BIN)/thelook bigquery-check

# A Markdown review of what environment ENV changes against prod, to paste into a pull request.
review: $(VENV)/.installed
	@test -n "$(ENV)" || { echo "make review: say which environment, e.g. make review ENV=dev" >&2; exit 2; }
	@$(BIN)/thelook review $(LOCAL) $(ENV)

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

# The dashboard of environment ENV (prod unless given) on http://127.0.0.1:PORT, this machine only.
dashboard: $(VENV)/.installed
	$(BIN)/thelook dashboard $(LOCAL) --env $(or $(ENV),prod) --port $(or $(PORT),8501)

# The out-of-time backtest of the scoring marts, on faithful and planted-browsing sources.
backtest: $(VENV)/.installed
	$(BIN)/python benchmarks/backtest.py

clean:
	rm -rf data .cache logs
