"""Which modules an `aicmo` command imports: the real command run in a process of its own.

The child runs the command as the console script does and, on its way out, writes the names
in ``sys.modules``: what the command's path pulled in, start-up included. The start-up tests
hold these names against what each path must not load, and the start-up benchmark counts them.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Optional, Sequence

__all__ = ["CommandImports", "command_imports", "among"]

# argv: the file for the module names, then modules to import first (none, but for a test that plants an
# eager import), then the command's own arguments after "--"
_CHILD = """
import atexit, importlib, json, sys
target = sys.argv[1]
split = sys.argv.index("--")
preload, args = sys.argv[2:split], sys.argv[split + 1:]
atexit.register(lambda: open(target, "w", encoding="utf-8").write(json.dumps(sorted(sys.modules))))
for name in preload:
    importlib.import_module(name)
from aicmo.cli import app
sys.argv = ["aicmo", *args]
app()
"""


@dataclass(frozen=True)
class CommandImports:
    returncode: int
    stdout: str
    stderr: str
    modules: frozenset[str]


def command_imports(args: Sequence[str], cwd: Optional[Path] = None, env: Optional[Mapping[str, str]] = None,
                    also_import: Sequence[str] = (), timeout: float = 300) -> CommandImports:
    """`aicmo ARGS` in a child process: its exit code, its output, and every module it had imported at exit.

    ``also_import`` names modules the child imports before the command starts: what an eager
    import at the top of the command's code would do.
    """
    with tempfile.TemporaryDirectory() as folder:
        names = Path(folder) / "modules.json"
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(names), *also_import, "--", *args],
            cwd=cwd, env=dict(env) if env is not None else dict(os.environ),
            capture_output=True, text=True, timeout=timeout,
        )
        modules = frozenset(json.loads(names.read_text(encoding="utf-8"))) if names.exists() else frozenset()
    return CommandImports(done.returncode, done.stdout, done.stderr, modules)


def among(modules: Iterable[str], packages: Iterable[str]) -> list[str]:
    """The modules that are one of ``packages`` or inside one of them, sorted."""
    packages = tuple(packages)
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in packages))
