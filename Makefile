# Sinau: `make run` serves the demo, `make test` runs every check. Both set up what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.txt | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in emails and the QR code on certificates point here: the address `make run` serves on.
SITE_URL ?= http://$(HOST):$(PORT)
# How often `make run`'s loop runs the periodic commands (cron's job in production).
PERIODIC_SECONDS ?= 300
# The local PostgreSQL that `make test` uses when DATABASE_URL is not set.
LOCAL_PG_URL ?= postgres://postgres@127.0.0.1:5432/sinau
PYTEST_WORKERS ?= 2
# Tests marked xdist_group (concurrency, browser) run one after another on one worker;
# --no-loadscope-reorder keeps pytest-django's order (transactional tests last), so a
# test that flushes the database never runs before one that expects its migrated data.
PYTEST := $(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup --no-loadscope-reorder

# lms/settings.py gives production's values unless the environment says otherwise. The local
# demo and the manage.py steps here say otherwise: DEBUG on (plain HTTP, cookies not
# Secure-only, no HSTS, localhost only, emails printed, demo data allowed) and a key that is
# published here, so refused with DEBUG off. The tests set theirs in tests/environment.py.
run messages check-migrations: export DJANGO_DEBUG := 1
run messages check-migrations: export DJANGO_SECRET_KEY := insecure-local-demo-key-published-in-the-makefile

.PHONY: run setup test lint check-migrations messages bench clean

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP) messages

messages: $(STAMP)
	$(PY) manage.py compilemessages --ignore=.venv -v 0

run: setup
	$(PY) manage.py migrate --noinput -v 0
	SITE_URL="$(SITE_URL)" $(PY) manage.py seed_demo --if-empty
	@# Renders the demo's due certificates here (their QR codes point at SITE_URL), not in the worker.
	SITE_URL="$(SITE_URL)" $(PY) manage.py seed_certificate_demo
	@echo "Task worker and periodic commands started in the background; site on $(SITE_URL)/ (admin: /admin/)"
	@# The worker is restarted whenever it exits (a crash, a lost database): without --no-reload a
	@# crashed worker thread would leave the autoreloader's process alive and idle for ever.
	@# run_worker is db_worker with a heartbeat: a task of a killed worker is queued again (lms/workers.py).
	@export SITE_URL="$(SITE_URL)"; set -m; \
	while true; do $(PY) manage.py run_worker --no-reload; echo "run_worker exited; restarting" >&2; sleep 1; done & worker=$$!; \
	while true; do $(PY) manage.py issue_due_certificates; $(PY) manage.py send_session_reminders; $(PY) manage.py lapse_unconfirmed_asn -v 0; $(PY) manage.py prune_personal_data -v 0; sleep $(PERIODIC_SECONDS); done & periodic=$$!; \
	trap 'kill -- -$$worker -$$periodic 2>/dev/null' EXIT INT TERM; \
	SITE_URL="$(SITE_URL)" $(PY) manage.py runserver $(HOST):$(PORT)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates

check-migrations: $(STAMP)
	env -u DATABASE_URL $(PY) manage.py makemigrations --check --dry-run -v 1

# Fast suite on SQLite, then the whole suite (concurrency and browser tests
# included) on PostgreSQL when DATABASE_URL is set or a local server answers.
test: setup lint check-migrations
	env -u DATABASE_URL $(PYTEST) -m "not browser" -q
	@url="$${DATABASE_URL:-}"; \
	if [ -z "$$url" ] && pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then url="$(LOCAL_PG_URL)"; fi; \
	if [ -n "$$url" ]; then \
		echo "== whole suite on PostgreSQL"; \
		DATABASE_URL="$$url" $(PYTEST) -q; \
	elif [ "$${CI:-}" = "true" ]; then \
		echo "CI=true but no PostgreSQL answers on 127.0.0.1:5432 and DATABASE_URL is unset" >&2; exit 1; \
	else \
		echo "== PostgreSQL not found: skipped the PostgreSQL run (set DATABASE_URL or start a local server)"; \
	fi

bench: setup
	@found=0; for script in bench/*/run.py; do \
		[ -e "$$script" ] || continue; found=1; echo "== $$script"; $(PY) $$script || exit 1; \
	done; [ $$found = 1 ] || echo "No benchmarks yet."

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
