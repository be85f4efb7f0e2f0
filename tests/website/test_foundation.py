"""The foundation (`website/`) knows no app: reading and guides build on it, never the other
way round. Each app brings its API fields, JSON-LD, feeds, home sections, OAI kinds and search
kinds in its own modules; only the settings, the URL conf and the demo loader put the site
together and may name the apps.

The check reads the code (imports, model labels, `apps.get_model` calls), not docstrings,
so an example in a docstring is fine and a new `"reading.ShelfPage"` in a dict is not."""

import ast
import re
from pathlib import Path

import pytest

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
FOUNDATION = ROOT / "website"
# what assembles the site (and the migrations' frozen states) names the apps by design
ASSEMBLY = (
    "settings/",
    "urls.py",
    "home/demo.py",
    "home/demo_accounts.py",
    "home/management/commands/load_demo.py",
)


def project_apps():
    """The installed apps that live in this project but outside the foundation."""
    labels = set()
    for config in apps.get_app_configs():
        path = Path(config.path)
        inside = ROOT in path.parents and not path.relative_to(ROOT).parts[0].startswith(".")
        if inside and FOUNDATION not in (path, *path.parents):
            labels.add(config.name.split(".")[0])
    return labels


def docstrings(tree):
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def names_of_apps(source, app_names):
    """(line, what) for each place the code names an app: an import, a model label or an
    `apps.get_model("app", ...)`."""
    tree = ast.parse(source)
    skip = docstrings(tree)
    label = re.compile(rf"^({'|'.join(app_names)})\.[A-Za-z_]+$")
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in app_names:
                    found.append((node.lineno, f"import {alias.name}"))
        elif isinstance(node, ast.ImportFrom):
            if node.module and node.module.split(".")[0] in app_names and node.level == 0:
                found.append((node.lineno, f"from {node.module} import …"))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
            and (label.match(node.value) or node.value in app_names)
        ):
            found.append((node.lineno, repr(node.value)))
    return found


def foundation_modules():
    for path in sorted(FOUNDATION.rglob("*.py")):
        relative = path.relative_to(FOUNDATION).as_posix()
        if "migrations" not in path.parts and not relative.startswith(ASSEMBLY):
            yield path


def test_the_project_has_apps_beside_the_foundation():
    assert {"reading", "guides"} <= project_apps()


def test_no_module_of_the_foundation_names_an_app():
    app_names = project_apps()
    offences = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path in foundation_modules()
        for line, what in names_of_apps(path.read_text(encoding="utf-8"), app_names)
    ]
    assert offences == []


@pytest.mark.parametrize(
    "source",
    [
        "from reading.models import Book\n",
        "import guides.models\n",
        'KINDS = {"reading.shelfpage": 1}\n',
        'from django.apps import apps\nBook = apps.get_model("reading", "Book")\n',
    ],
)
def test_the_check_finds_each_way_of_naming_an_app(source):
    assert names_of_apps(source, {"reading", "guides"})


def test_a_docstring_may_give_an_example():
    source = '"""Use `?type=reading.ShelfPage`."""\n\ndef f():\n    """reading.Book"""\n'
    assert names_of_apps(source, {"reading", "guides"}) == []
