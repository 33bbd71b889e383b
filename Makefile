# Two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app wsgi

.PHONY: run test install assets db clean

run: install assets db
	@echo "Cumulus draait op http://127.0.0.1:5000 — log in met een rolnaam en wachtwoord 'demo'."
	$(FLASK) run --host 127.0.0.1 --port 5000

test: install assets
	CUMULUS_ENV=test $(PY) -m pytest
	@if [ -n "$$TEST_POSTGRES_URL" ]; then \
		echo "== The suite again on PostgreSQL and a real Redis + rq worker =="; \
		CUMULUS_ENV=test TEST_DATABASE_URL="$$TEST_POSTGRES_URL" TEST_REDIS_URL="$$TEST_REDIS_URL" \
			TEST_PRODUCTION_DATABASE_URL="$$TEST_PRODUCTION_DATABASE_URL" $(PY) -m pytest -m "not browser"; \
	else \
		echo "(TEST_POSTGRES_URL not set: the PostgreSQL pass was skipped; .ci/run sets it)"; \
	fi

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

assets: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

db: install
	mkdir -p instance
	$(FLASK) migrate
	$(FLASK) deploy
	$(FLASK) seed

clean:
	rm -rf $(VENV) node_modules app/static/vendor instance
