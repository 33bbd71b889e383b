# Two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app wsgi

.PHONY: run test audit install assets db clamd clean

run: install assets db
	@[ -n "$$CLAMD_SOCKET" ] || echo "LET OP: CLAMD_SOCKET is niet ingesteld; uploads worden niet op virussen gescand (zie 'make clamd')."
	@echo "Cumulus draait op http://127.0.0.1:5000 — log in met een rolnaam en wachtwoord 'demo'."
	$(FLASK) run --host 127.0.0.1 --port 5000

test: install assets
	bash scripts/test.sh

# Known vulnerabilities in the installed Python packages and the served npm packages (CI runs it).
audit: install assets
	bash scripts/audit.sh

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

assets: node_modules/.package-lock.json app/static/build/modeler.js

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

# The modeler and publication-diff bundles (git-ignored): rebuilt when their sources or the packages change.
app/static/build/modeler.js: node_modules/.package-lock.json scripts/build-modeler.mjs $(wildcard app/static/js/modeler/*) \
		$(wildcard app/static/js/publicatie/*) $(wildcard app/static/js/dmn/*) $(wildcard app/static/js/shared/*)
	node scripts/build-modeler.mjs

db: install
	mkdir -p instance
	$(FLASK) migrate
	$(FLASK) deploy
	$(FLASK) seed

# A local ClamAV daemon (Debian clamav-daemon) with the repo's signature set; prints the socket for CLAMD_SOCKET.
clamd:
	@scripts/clamd.sh start

clean:
	rm -rf $(VENV) node_modules app/static/vendor app/static/build instance
