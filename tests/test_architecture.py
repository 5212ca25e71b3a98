"""The model core never imports Qt or the GUI; the CLI never imports the GUI."""
import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "pyqtgraph", "studio.gui")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if node.level:
                # resolve relative imports against the file's package
                pkg = path.relative_to(ROOT).with_suffix("").parts[:-node.level]
                mod = ".".join(pkg + ((mod,) if mod else ()))
            names.add(mod)
    return names


def test_core_sources_never_import_qt_or_gui():
    bad = []
    for f in (ROOT / "studio" / "core").rglob("*.py"):
        for name in _imports(f):
            if any(name == x or name.startswith(x + ".") for x in FORBIDDEN):
                bad.append(f"{f.relative_to(ROOT)} imports {name}")
    assert not bad, "\n".join(bad)


def test_importing_core_and_cli_loads_no_qt():
    code = (
        "import importlib, pkgutil, sys, studio.core, studio.cli\n"
        "for m in pkgutil.walk_packages(studio.core.__path__, 'studio.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "import studio.cli.photo, studio.cli.train, studio.cli.faces, studio.cli.models, studio.cli.video, studio.cli.bench\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph') or m.startswith('studio.gui')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stdout + res.stderr


def test_import_contracts_hold():
    """Layering declared in pyproject.toml ([tool.importlinter]), function-level imports included."""
    import shutil

    beside = Path(sys.executable).parent / "lint-imports"  # the interpreter's own scripts, whatever PATH says
    exe = str(beside) if beside.exists() else shutil.which("lint-imports")
    assert exe, "import-linter is part of the test extra: pip install -e '.[test]'"
    res = subprocess.run([exe, "--no-cache"], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stdout[-3000:]
    assert "5 kept, 0 broken" in res.stdout


def test_no_import_cycles_between_modules():
    import grimp  # comes with import-linter

    graph = grimp.build_graph("studio")
    cycles = sorted({tuple(sorted((m, d))) for m in graph.modules for d in graph.find_modules_directly_imported_by(m)
                     if d != m and graph.chain_exists(importer=d, imported=m)})
    assert not cycles, cycles


def test_no_module_grows_past_500_lines():
    big = [(str(p.relative_to(ROOT)), n) for p in (ROOT / "studio").rglob("*.py")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500]
    assert not big, big
