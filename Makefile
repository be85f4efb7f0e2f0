PORT ?= 8000
PY := .venv/bin/python
# Two workers: the machine has two cores. PYTEST_ARGS="-n 0" runs in one process.
PYTEST_ARGS ?= -n 2

.PHONY: help setup run test test-sqlite lint format bench messages demo

help:  ## List the targets
	@grep -E '^[a-z-]+:.*##' Makefile | sed 's/:.*## /\t/'

setup:  ## Install system packages (as root) and the project into .venv
	scripts/setup.sh

run: export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)
run: export TASKS_BACKEND ?= database
run: setup  ## Quick start: SQLite, demo content, a task worker, http://127.0.0.1:$(PORT)
	$(PY) manage.py migrate --no-input -v 0 && $(PY) manage.py load_demo
	$(PY) manage.py db_worker --queue-name '*' -v 0 & trap 'kill $$!' EXIT; $(PY) manage.py runserver 127.0.0.1:$(PORT)

test:  ## The whole suite against a throwaway PostgreSQL 15 server
	WITH_TEST_PACKAGES=1 scripts/setup.sh
	scripts/with-postgres.sh $(PY) -m pytest $(PYTEST_ARGS)

test-sqlite: setup  ## The whole suite on SQLite
	DATABASE_URL=sqlite:///:memory: $(PY) -m pytest $(PYTEST_ARGS)

lint:  ## Ruff lint and format check
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

format:  ## Ruff format and autofix
	.venv/bin/ruff format . && .venv/bin/ruff check --fix .

messages:  ## Refresh the translation catalogues
	$(PY) manage.py makemessages -l zh_Hans -l en --no-location --ignore=.venv --ignore=tests --ignore=node_modules
	# Sorted by msgid and without source lines, so that parallel changes rarely touch the same lines.
	for po in website/locale/*/LC_MESSAGES/django.po; do msgcat --sort-output -o $$po $$po; done
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

bench:  ## Benchmarks: print figures and write them to benchmarks/results/
	WITH_TEST_PACKAGES=1 scripts/setup.sh
	scripts/with-postgres.sh $(PY) benchmarks/run.py
