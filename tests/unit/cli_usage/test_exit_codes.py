"""Bad input exits 2 on every command, with a message on stderr and nothing written.

Each line is an operator's mistake; the command must refuse it as bad input (2) — never as a failed
run or a refused change (1), never with a traceback — and leave the folder it ran in as it was (no
database file created, no output written). The database named, `none.db`, does not exist: a command
that opened it before checking its input would create it.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from aicmo.cli import app

REPOSITORY = Path(__file__).resolve().parents[3]
runner = CliRunner()

BAD_INPUT: list[tuple[str, int]] = [
    # the root command
    ("nosuch", 2),
    ("--nosuch", 2),
    # worker
    ("worker --database-url sqlite://", 2),
    ("worker --database-url nonsense://x", 2),
    ("worker --concurrency 0", 2),
    ("worker --grace -1", 2),
    # demo and run
    ("demo --at noon", 2),
    ("demo --route qc=sideways", 2),
    ("demo --route qc", 2),
    ("demo --json {tmp}/a-file/result.json", 2),
    ("demo --out-dir {tmp}/a-file", 2),
    ("demo --legacy-flow --route qc=new", 2),
    ("run", 2),
    ("run {tmp}/missing.json", 2),
    ("run {tmp}/broken.json", 2),
    ("run {tmp}/intake.json --json {tmp}", 2),
    ("run {tmp}/intake.json --queue --legacy-flow", 2),
    # acquire
    ("acquire {tmp}/missing.csv", 2),
    ("acquire {tmp}/leads.csv", 2),
    ("acquire {tmp}/leads.csv --campaign {tmp}/broken.json", 2),
    ("acquire {tmp}/leads.csv --batch-size 0", 2),
    # traffic
    ("traffic --journeys 0", 2),
    ("traffic --acquisitions -1", 2),
    ("traffic --route qc=sideways", 2),
    ("traffic --out-dir {tmp}/a-file", 2),
    # contracts
    ("contracts check marketing", 2),
    ("contracts check --format yaml", 2),
    ("contracts check --dir {tmp}/no-such-folder", 2),
    ("contracts update marketing", 2),
    ("contracts update --dir {tmp}/a-file", 2),
    ("contracts docs --output {tmp}", 2),
    # db
    ("db upgrade --database-url nonsense://x", 2),
    ("db current", 2),
    # journeys
    ("journeys list --status LOST", 2),
    ("journeys show nosuch", 2),
    ("journeys resume nosuch", 2),
    ("journeys resume nosuch --json {tmp}", 2),
    ("journeys cancel nosuch", 2),
    # the PR gate
    ("check --format xml", 2),
    ("check --base main", 2),
    ("check --root {tmp}", 2),
    ("check --sarif {tmp}/missing-folder/report.sarif --no-suites --root {repo}", 2),
    # boundaries and ownership
    ("boundaries check --format xml", 2),
    ("boundaries check --root {tmp}", 2),
    ("boundaries baseline --root {repo}", 2),
    ("boundaries baseline --accept-new --root {repo}", 2),
    ("boundaries graph --root {tmp}", 2),
    ("ownership check --format xml", 2),
    ("ownership check --root {tmp}", 2),
    ("ownership baseline --accept-new --reason ' ' --root {repo}", 2),
    # migrate
    ("migrate status", 2),
    ("migrate status --format yaml", 2),
    ("migrate promote marketing --reason go", 2),
    ("migrate promote qc --reason ' '", 2),
    ("migrate promote qc --reason go --min-comparisons 0", 2),
    ("migrate rollback marketing --reason back", 2),
    ("migrate rollout qc 150 --reason more", 2),
    ("migrate rollout qc 101 --reason more", 2),
    ("migrate rollout qc half --reason more", 2),
    ("migrate rollout marketing 50 --reason more", 2),
    ("migrate override qc acme sideways --reason pin", 2),
    ("migrate override qc acme deleted --reason pin", 2),
    ("migrate override qc ' ' legacy --reason pin", 2),
    ("migrate override marketing acme legacy --reason pin", 2),
    ("migrate kill-switch maybe --reason test", 2),
    ("migrate diverge qc no-such-divergence --reason intended", 2),
    ("migrate diverge marketing rounding --reason intended", 2),
    ("migrate history marketing", 2),
    ("migrate history qc --format yaml", 2),
    ("migrate report", 2),
    # shadow
    ("shadow replay nosuch", 2),
    ("shadow replay cam", 2),
    ("shadow replay qc --limit -1", 2),
    ("shadow report marketing", 2),
    ("shadow report --limit -1", 2),
    ("shadow report --format csv", 2),
    ("shadow report --database-url nonsense://x", 2),
]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """The command's working folder: a few input files, and a database URL naming a file that does not exist."""
    (tmp_path / "a-file").write_text("not a folder\n")
    (tmp_path / "broken.json").write_text("{\n")
    (tmp_path / "intake.json").write_text('{"brand_name": "Acme"}\n')
    (tmp_path / "leads.csv").write_text("name\nAna\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AICMO_DATABASE_URL", f"sqlite:///{tmp_path / 'none.db'}")
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


def _contents(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"" for p in sorted(folder.rglob("*"))}


def _args(line: str, folder: Path) -> list[str]:
    import shlex

    return shlex.split(line.format(tmp=folder, repo=REPOSITORY))


@pytest.mark.parametrize(("line", "code"), BAD_INPUT, ids=[line for line, _ in BAD_INPUT])
def test_bad_input_exits_2_says_why_and_writes_nothing(folder, line, code):
    before = _contents(folder)
    shown = runner.invoke(app, _args(line, folder))
    assert code == shown.exit_code, (shown.stdout, shown.stderr, shown.exception)
    assert shown.exception is None or isinstance(shown.exception, SystemExit), shown.exception
    assert shown.stderr.strip(), "bad input is explained on stderr"
    assert "Traceback" not in shown.stderr
    assert before == _contents(folder), "bad input wrote something"


def test_every_command_has_bad_input_in_the_table():
    """A new command cannot be left out: each command without subcommands is exercised by some line above."""
    from tests.unit.cli_usage.command_tree import command_paths

    paths = command_paths()
    leaves = [words for words in paths if words and not any(len(other) > len(words) and other[:len(words)] == words
                                                            for other in paths)]
    covered = {tuple(line.split(" ")[:len(words)]) for line, _ in BAD_INPUT for words in leaves}
    assert [] == [" ".join(words) for words in leaves if words not in covered]
