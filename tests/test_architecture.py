"""The architecture stays visible: layers, Streamlit only in the app, environment only in the
composition roots, a small public surface per package, no dispatch by module name."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = [p for pkg in ("graph", "loaders", "ontology") for p in (ROOT / pkg).rglob("*.py")]
ROOTS = ROOT / "graph" / "cli"  # the command line is a composition root


def test_import_contracts_hold():
    exe = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(exe)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: str(p.relative_to(ROOT)))
def test_library_reads_no_environment(path):
    if path.parent == ROOTS:
        return
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"os\.environ|getenv\(", text), f"{path} reads the environment"


ROOMS = sorted(p.parent.name for p in (ROOT / "graph").glob("*/__init__.py"))


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: str(p.relative_to(ROOT)))
def test_library_reaches_no_module_by_name(path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"import_module\(|__import__\(", text), path


@pytest.mark.parametrize("pkg", ["graph", "loaders", "ontology", "app_lib",
                                 *(f"graph/{room}" for room in ROOMS)])
def test_packages_declare_their_public_surface(pkg):
    init = ROOT / pkg / "__init__.py"
    tree = ast.parse(init.read_text(encoding="utf-8"))
    names = [t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets
             if isinstance(t, ast.Name)]
    assert "__all__" in names, f"{pkg}/__init__.py has no __all__"


def test_graph_api_names_resolve():
    import graph

    for name in graph.__all__:
        assert getattr(graph, name) is not None, name
