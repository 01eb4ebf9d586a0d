"""The house by stage: each package imports only from the stages before it,
and nothing imports in a loop."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import REPO

PACKAGE = REPO / "briefing"
# bottom to top: a stage may import the ones before it (and the top-level
# modules every stage shares); ``length`` foresees how long a script will
# last once voiced and mixed, so it stands above tts and mix, beside the pipeline
# modules every stage shares: models, errors, files, config, option, resources, ffmpeg, cachedir)
STAGES = ("patches", "french", "sources", "facts", "script", "tts", "mix", "publish", "length", "pipeline", "daily", "cli")
SHARED = {"__version__", "models", "errors", "files", "config", "option", "resources", "ffmpeg", "cachedir"}


def _imports(path: Path) -> set[str]:
    """The briefing modules ``path`` imports, at run time (what only type checkers read is left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for statement in block.body
        for node in ast.walk(statement)
    }
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("briefing"):
            parts = node.module.split(".")
            found |= {f"{node.module}.{a.name}" if len(parts) == 1 else node.module for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("briefing")}
    return found


def _stage(module: str) -> str | None:
    """The stage ``module`` belongs to; None for a shared module."""
    name = module.split(".")[1]
    assert name in STAGES or name in SHARED, f"{module}: in no stage: add it to the layout"
    return name if name in STAGES else None


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_imports_only_the_stages_before_it(stage):
    allowed = {None, *STAGES[: STAGES.index(stage) + 1]}
    paths = list((PACKAGE / stage).rglob("*.py")) if (PACKAGE / stage).is_dir() else [PACKAGE / f"{stage}.py"]
    upward = {
        (path.relative_to(PACKAGE).as_posix(), module)
        for path in paths
        for module in _imports(path)
        if _stage(module) not in allowed
    }
    assert upward == set()


def test_shared_modules_import_no_stage_at_load():
    """(but the patches of the libraries they wire, at the very bottom)"""
    for name in SHARED - {"config", "__version__"}:
        path = PACKAGE / f"{name}.py"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        modules = {n.module for n in top if isinstance(n, ast.ImportFrom) and n.module} | {
            a.name for n in top if isinstance(n, ast.Import) for a in n.names
        }
        assert not {m for m in modules if m.startswith("briefing.") and _stage(m) not in (None, "patches")}, name


def test_evaluation_code_is_not_in_the_wheel():
    assert not (PACKAGE / "evaluation.py").exists()
    assert (REPO / "tests" / "evaluation.py").exists()
