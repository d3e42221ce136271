"""The shell completes module names and formats: in process through Click's completion machinery, and in a
process of its own as bash asks for them (`_AICMO_COMPLETE=complete_bash`, COMP_WORDS, COMP_CWORD)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
import typer
from typer._click.shell_completion import ShellComplete

from aicmo.cli import app
from aicmo.shared.modules import MODULES
from aicmo.strangler.ratchet.formats import FORMATS

# `aicmo` in a process, reporting on stderr whether completing imported the database layer, the migration
# machinery or a checker
COMPLETING = (
    "import sys\n"
    "from aicmo.cli import app\n"
    "try:\n"
    "    app(prog_name='aicmo')\n"
    "finally:\n"
    "    heavy = sorted({m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'grimp')\n"
    "                    or m.startswith(('aicmo.strangler', 'aicmo.orchestration', 'backend'))})\n"
    "    print('heavy:', ','.join(heavy), file=sys.stderr)\n"
)


class _Asked(ShellComplete):
    """Click's completion, asked in process: the shell-specific parts (reading COMP_WORDS, printing) are unused."""

    def source_vars(self) -> dict:
        return {}

    def get_completion_args(self) -> tuple[list[str], str]:
        raise NotImplementedError

    def format_completion(self, item) -> str:
        return item.value


def completions(words: list[str], incomplete: str) -> list[str]:
    completer = _Asked(typer.main.get_command(app), {}, "aicmo", "_AICMO_COMPLETE")
    return [item.value for item in completer.get_completions(words, incomplete)]


@pytest.mark.parametrize("words", [
    ["migrate", "promote"], ["migrate", "rollback"], ["migrate", "rollout"], ["migrate", "override"],
    ["migrate", "diverge"], ["migrate", "history"], ["shadow", "report"], ["contracts", "check"],
    ["contracts", "check", "qc"], ["contracts", "update"],
], ids=" ".join)
def test_a_module_argument_offers_the_ten_modules(words):
    assert list(MODULES) == completions(words, "")


def test_what_is_typed_narrows_the_modules():
    assert ["client_review", "cam"] == sorted(completions(["migrate", "history"], "c"), reverse=True)
    assert ["qc"] == completions(["shadow", "report"], "q")
    assert [] == completions(["migrate", "history"], "ads")


def test_a_modules_later_arguments_are_not_modules():
    """PERCENT after the module is no module: nothing from the module list is offered there."""
    assert not set(MODULES) & set(completions(["migrate", "rollout", "qc"], ""))


FORMAT_OPTIONS = [
    (["migrate", "status", "--format"], ["text", "json"]),
    (["migrate", "history", "qc", "--format"], ["text", "json"]),
    (["shadow", "report", "--format"], ["text", "json"]),
    (["contracts", "check", "--format"], ["text", "json"]),
    (["boundaries", "check", "--format"], list(FORMATS)),
    (["ownership", "check", "--format"], list(FORMATS)),
]


@pytest.mark.parametrize(("words", "expected"), FORMAT_OPTIONS, ids=[" ".join(words) for words, _ in FORMAT_OPTIONS])
def test_a_format_option_offers_its_choices(words, expected):
    assert expected == completions(words, "")


def _bash_completes(line: str) -> subprocess.CompletedProcess:
    words = line.split(" ")
    env = {**os.environ, "_AICMO_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    return subprocess.run([sys.executable, "-c", COMPLETING], env=env, capture_output=True, text=True, timeout=60)


def test_bash_gets_the_modules_without_the_database_layer_being_imported():
    """As the script `_AICMO_COMPLETE=source_bash aicmo` installs asks: one name a line, exit 0, and neither
    SQLAlchemy, grimp, legacy nor the strangler's or the orchestration's code imported to answer."""
    shown = _bash_completes("aicmo migrate history ")
    assert (0, list(MODULES)) == (shown.returncode, shown.stdout.split())
    assert "heavy: \n" == shown.stderr
    assert ["billing"] == _bash_completes("aicmo migrate promote bi").stdout.split()


def test_bash_gets_a_completion_script():
    shown = subprocess.run([sys.executable, "-c", COMPLETING], env={**os.environ, "_AICMO_COMPLETE": "source_bash"},
                           capture_output=True, text=True, timeout=60)
    assert 0 == shown.returncode and "complete -o default -F _aicmo_completion aicmo" in shown.stdout
