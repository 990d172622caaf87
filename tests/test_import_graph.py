"""The house's shape, read from the source: apps import downwards only, no module imports
itself back through others, and no project module is imported inside a function.

Layers, lowest first: lms (accounts, notices, storage) ← courses ← certificates ← demo.
courses learns of certificates only through its signals (courses/signals.py). Python
would run an import circle or an import hidden in a function without complaint; this
test is where they are refused.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["lms", "courses", "certificates", "demo"]
APPS = [app for app in LAYERS if (ROOT / app).is_dir()]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
    }


MODULES = project_modules()


def resolve(name: str) -> str | None:
    """The project module an import names (a module, or the package holding the name)."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(module: str, path: Path):
    """(imported module, line, inside a function's body, inside AppConfig.ready) for each project import."""
    tree = ast.parse(path.read_text(), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]

    def visit(node, in_function=False, in_ready=False):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                for alias in child.names:
                    target = resolve(alias.name)
                    if target:
                        yield target, child.lineno, in_function, in_ready
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    base = ".".join([*package.split(".")[: len(package.split(".")) - child.level + 1], base]).strip(".")
                for alias in child.names:
                    target = resolve(f"{base}.{alias.name}") if f"{base}.{alias.name}" in MODULES else resolve(base)
                    if target:
                        yield target, child.lineno, in_function, in_ready
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                yield from visit(child, True, in_ready or child.name == "ready")
            else:
                yield from visit(child, in_function, in_ready)

    yield from visit(tree)


GRAPH = {module: list(imports_of(module, path)) for module, path in MODULES.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), or one importing itself."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def connect(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph[node]:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found


def test_the_graph_was_read():
    """Guard against a test that passes because it read nothing."""
    assert {"lms.models", "courses.models.pages", "certificates.issuance"} <= set(MODULES)
    assert "courses.models" in {target for target, *_ in GRAPH["certificates.issuance"]}


def test_no_import_circle():
    graph = {module: {target for target, *_ in edges if target != module} for module, edges in GRAPH.items()}
    # A package's __init__ importing its own submodules is how Django finds models, not a circle:
    # the submodule importing the package back is what would close one.
    assert cycles(graph) == []


def test_apps_import_downwards_only():
    upward = [
        f"{module}:{line} imports {target}"
        for module, edges in GRAPH.items()
        for target, line, *_ in edges
        if LAYERS.index(target.split(".")[0]) > LAYERS.index(module.split(".")[0])
    ]
    assert upward == []


def test_no_project_module_is_imported_inside_a_function():
    """Except in AppConfig.ready(), where Django requires it: receivers and checks that need
    the models loaded are connected there (the comment at each says which)."""
    hidden = [
        f"{module}:{line} imports {target}"
        for module, edges in GRAPH.items()
        for target, line, in_function, in_ready in edges
        if in_function and not in_ready
    ]
    assert hidden == []


@pytest.mark.parametrize("app", APPS)
def test_no_module_is_over_400_lines(app):
    """Single-purpose modules: a module past ~400 lines is doing two things (migrations aside)."""
    long = {
        module: lines
        for module, path in MODULES.items()
        if module.split(".")[0] == app and (lines := len(path.read_text().splitlines())) > 420
    }
    assert long == {}
