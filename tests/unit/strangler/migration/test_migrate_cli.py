"""`aicmo migrate`: status, promote, rollback and report over the strangler tables, on each backend."""
from __future__ import annotations

import attrs
import pytest
from typer.testing import CliRunner

from aicmo.cli import app
from aicmo.strangler.evidence import EvidenceRecorder
from aicmo.strangler.schema import open_database

runner = CliRunner()


COMMIT = "5afe" * 10  # the commit the commands see as running (AICMO_COMMIT)


@pytest.fixture
def url(database, tmp_path, monkeypatch):
    """The test's database, once per backend, with the running commit named."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AICMO_COMMIT", COMMIT)
    monkeypatch.delenv("AICMO_GATE_MIN_COMPARISONS", raising=False)
    return database.url


def migrate(url, *args):
    return runner.invoke(app, ["migrate", *args, "--database-url", url])


def test_promote_rollback_and_status(url):
    """A promotion and a rollback are shown with who and why; the status lists every module."""
    assert 0 == migrate(url, "promote", "qc", "--reason", "start shadowing", "--who", "ana").exit_code
    result = migrate(url, "status")
    assert 0 == result.exit_code
    assert "shadow" in result.output and "retention" in result.output
    rolled = migrate(url, "rollback", "qc", "--reason", "noisy diffs", "--who", "bo")
    assert (0, "qc: shadow -> legacy\n") == (rolled.exit_code, rolled.output)


def test_a_closed_gate_exits_1_naming_the_missing_evidence(url):
    """shadow -> new without evidence is refused in one line."""
    migrate(url, "promote", "qc", "--reason", "shadow")
    result = migrate(url, "promote", "qc", "--reason", "go")
    assert 1 == result.exit_code
    assert "characterization suite: no run recorded" in result.output
    assert "shadow comparisons: 0 of 200" in result.output


def _evidence(url, comparisons=3):
    recorder = EvidenceRecorder(open_database(url))
    recorder.record_suite_run("qc", "characterization", "new", True, database=recorder.database, commit=COMMIT)
    recorder.record_suite_run("qc", "contract", "new", True, database=recorder.database, commit=COMMIT)
    for _ in range(comparisons):
        recorder.record_comparison("qc", True)


def test_the_gate_opens_on_recorded_evidence(url, monkeypatch):
    """Evidence recorded through the API lets the CLI promote to new, with the configured floor of comparisons."""
    monkeypatch.setenv("AICMO_GATE_MIN_COMPARISONS", "3")
    migrate(url, "promote", "qc", "--reason", "shadow")
    _evidence(url)
    result = migrate(url, "promote", "qc", "--reason", "green")
    assert (0, "qc: shadow -> new\n") == (result.exit_code, result.output)


def test_the_flag_may_raise_the_configured_floor_but_never_lower_it(url, monkeypatch):
    """Floor 3: --min-comparisons 2 is bad input (exit 2, nothing written); 4 raises the bar past the evidence (exit 1)."""
    monkeypatch.setenv("AICMO_GATE_MIN_COMPARISONS", "3")
    migrate(url, "promote", "qc", "--reason", "shadow")
    _evidence(url)
    lowered = migrate(url, "promote", "qc", "--reason", "fewer please", "--min-comparisons", "2")
    assert 2 == lowered.exit_code
    assert "below the configured floor of 3" in lowered.output
    raised = migrate(url, "promote", "qc", "--reason", "more please", "--min-comparisons", "4")
    assert 1 == raised.exit_code
    assert "shadow comparisons: 3 of 4" in raised.output
    assert "| qc | shadow |" in migrate(url, "report").output


def test_the_default_floor_comes_from_the_project_configuration(url):
    """Without the environment, the floor is pyproject's (or 200): 199 is refused as too low."""
    from aicmo.strangler.migration.gate_settings import configured_min_comparisons

    floor = configured_min_comparisons()
    assert 2 == migrate(url, "promote", "qc", "--reason", "x", "--min-comparisons", str(floor - 1)).exit_code


def _configured_floor(tmp_path, monkeypatch, gate: str) -> None:
    """The repository's configuration with another [tool.aicmo.gate], as the running package's (AICMO_PYPROJECT)."""
    from pathlib import Path

    from aicmo.shared.config_file import PYPROJECT_ENV

    text = (Path(__file__).resolve().parents[4] / "pyproject.toml").read_text(encoding="utf-8")
    assert "[tool.aicmo.gate]\nmin_comparisons = 200\n" in text
    (tmp_path / "configured.toml").write_text(text.replace("[tool.aicmo.gate]\nmin_comparisons = 200\n", gate))
    monkeypatch.setenv(PYPROJECT_ENV, str(tmp_path / "configured.toml"))


def test_the_floor_is_read_from_the_gate_configuration(url, tmp_path, monkeypatch):
    """[tool.aicmo.gate] min_comparisons = 3: --min-comparisons 2 is below it (exit 2, named)."""
    _configured_floor(tmp_path, monkeypatch, "[tool.aicmo.gate]\nmin_comparisons = 3\n")
    migrate(url, "promote", "qc", "--reason", "shadow")
    lowered = migrate(url, "promote", "qc", "--reason", "fewer please", "--min-comparisons", "2")
    assert 2 == lowered.exit_code
    assert "below the configured floor of 3" in lowered.output


def test_a_bad_gate_configuration_is_bad_input(url, tmp_path, monkeypatch):
    """min_comparisons = 0 exits 2 naming the key; nothing is promoted."""
    _configured_floor(tmp_path, monkeypatch, "[tool.aicmo.gate]\nmin_comparisons = 0\n")
    refused = migrate(url, "promote", "qc", "--reason", "shadow")
    assert 2 == refused.exit_code
    assert "tool.aicmo.gate.min_comparisons: Input should be greater than or equal to 1" in refused.output
    assert "| qc | legacy |" in migrate(url, "report").output


def test_promoting_a_module_without_a_new_implementation_is_refused(url):
    """promote a module still on legacy only: exit 1 naming why; it stays on legacy and later runs keep working."""
    from aicmo.orchestration.bootstrap import NEW_IMPLEMENTATIONS
    from aicmo.shared.modules import MODULES

    unmigrated = [m for m in MODULES if m not in NEW_IMPLEMENTATIONS]
    if not unmigrated:
        pytest.skip("every module has a new implementation")
    module = unmigrated[0]
    result = migrate(url, "promote", module, "--reason", f"shadow {module}")
    assert 1 == result.exit_code
    assert f"{module} has no new implementation" in result.output
    assert f"| {module} | legacy |" in migrate(url, "report").output


def test_deletion_needs_confirm_and_the_checklist(url, monkeypatch):
    """new -> deleted: without --confirm refused; with it, the real deletion checklist is read and its blockers named."""
    import aicmo.cli_support.migrate_cmd as command

    monkeypatch.setenv("AICMO_GATE_MIN_COMPARISONS", "3")
    migrate(url, "promote", "qc", "--reason", "shadow")
    _evidence(url)
    assert 0 == migrate(url, "promote", "qc", "--reason", "green").exit_code
    unconfirmed = migrate(url, "promote", "qc", "--reason", "delete")
    assert (1, True) == (unconfirmed.exit_code, "--confirm" in unconfirmed.output)
    monkeypatch.setattr(command, "_deletion_blockers", lambda module: [f"still imported by acl/{module}_user.py"])
    blocked = migrate(url, "promote", "qc", "--reason", "delete", "--confirm")
    assert 1 == blocked.exit_code
    assert "deletion refused: still imported by acl/qc_user.py" in blocked.output
    monkeypatch.setattr(command, "_deletion_blockers", lambda module: [])
    assert 0 == migrate(url, "promote", "qc", "--reason", "delete", "--confirm").exit_code


def test_an_illegal_step_exits_1(url):
    """Rolling back from legacy is refused."""
    result = migrate(url, "rollback", "qc", "--reason", "oops")
    assert 1 == result.exit_code
    assert "nothing to roll back" in result.output


@pytest.mark.parametrize("args", [
    ("promote", "marketing", "--reason", "x"),
    ("promote", "qc", "--reason", " "),
    ("promote", "qc"),
])
def test_bad_input_exits_2(url, args):
    """An unknown module, an empty reason or a missing --reason is bad input."""
    assert 2 == migrate(url, *args).exit_code


def test_a_malformed_database_url_exits_2():
    """The URL is checked before anything is opened."""
    assert 2 == runner.invoke(app, ["migrate", "status", "--database-url", "not a url"]).exit_code


def test_the_report_is_a_markdown_table_on_stdout_or_in_a_file(url, tmp_path):
    """One row per module; --output writes the same text to a file."""
    migrate(url, "promote", "qc", "--reason", "shadow qc", "--who", "ana")
    shown = migrate(url, "report")
    assert 0 == shown.exit_code
    assert shown.output.startswith("| Module | Route |")
    assert "| qc | shadow | 100% | 0 | – |" in shown.output
    assert 0 == migrate(url, "report", "--output", "status.md").exit_code
    assert shown.output == (tmp_path / "status.md").read_text(encoding="utf-8")


def test_the_database_url_comes_from_the_environment(url, monkeypatch):
    """AICMO_DATABASE_URL is the default, like the other commands."""
    monkeypatch.setenv("AICMO_DATABASE_URL", url)
    assert 0 == runner.invoke(app, ["migrate", "promote", "qc", "--reason", "env"]).exit_code
    assert "| qc | shadow |" in migrate(url, "report").output


def test_rollout_override_and_kill_switch_are_audited_changes(url):
    """Each command changes routing and leaves an audit row."""
    from sqlalchemy import select

    from aicmo.strangler.routes import RouteChangeRow

    migrate(url, "promote", "qc", "--reason", "shadow")
    assert 0 == migrate(url, "rollout", "qc", "30", "--reason", "a third").exit_code
    assert 0 == migrate(url, "override", "qc", "acme", "legacy", "--reason", "hold acme").exit_code
    assert 0 == migrate(url, "kill-switch", "on", "--reason", "incident").exit_code
    assert "Kill switch engaged" in migrate(url, "report").output
    with open_database(url)() as session:
        assert ["route", "rollout", "override", "kill_switch"] == list(session.scalars(select(RouteChangeRow.kind).order_by(RouteChangeRow.id)))


@pytest.mark.parametrize("args, code", [
    (("rollout", "qc", "150", "--reason", "x"), 2),
    (("override", "qc", "acme", "new", "--reason", "x"), 1),
    (("override", "qc", "acme", "sideways", "--reason", "x"), 2),
    (("kill-switch", "maybe", "--reason", "x"), 2),
])
def test_refused_and_malformed_routing_changes(url, args, code):
    """An override past the gate is refused by the state (1); a value no state allows is bad input (2)."""
    assert code == migrate(url, *args).exit_code


BAD_CHANGES = [
    ("rollout", "qc", "150", "--reason", "x"),
    ("rollout", "qc", "101", "--reason", "x"),
    ("rollout", "ads", "50", "--reason", "x"),
    ("override", "qc", "acme", "deleted", "--reason", "x"),
    ("override", "qc", " ", "legacy", "--reason", "x"),
    ("override", "ads", "acme", "legacy", "--reason", "x"),
    ("promote", "ads", "--reason", "x"),
    ("rollback", "ads", "--reason", "x"),
    ("diverge", "ads", "x", "--reason", "y"),
    ("diverge", "qc", "no-such-divergence", "--reason", "y"),
]


@pytest.mark.parametrize("args", BAD_CHANGES, ids=lambda args: "-".join(args[:3]))
def test_bad_input_to_a_change_exits_2_in_one_line_writing_nothing(url, args):
    """A rollout outside 0-100, an unknown module, an empty tenant, a tenant sent to deleted: exit 2,
    one line on stderr, no route row and no audit row."""
    from sqlalchemy import func, select

    from aicmo.strangler.routes import ModuleRouteRow, RouteChangeRow

    result = runner.invoke(app, ["migrate", *args, "--database-url", url])
    assert 2 == result.exit_code, result.output
    assert 1 == len(result.output.strip().splitlines()) and result.output.startswith("error:")
    with open_database(url)() as session:
        written = [session.scalar(select(func.count()).select_from(t)) for t in (ModuleRouteRow, RouteChangeRow)]
    assert [0, 0] == written


@pytest.mark.parametrize("args", BAD_CHANGES, ids=lambda args: "-".join(args[:3]))
def test_bad_input_does_not_create_an_sqlite_database(tmp_path, args):
    """Checked before the database is opened: a database file that did not exist is not made."""
    target = tmp_path / "never.db"
    assert 2 == runner.invoke(app, ["migrate", *args, "--database-url", f"sqlite:///{target}"]).exit_code
    assert not target.exists()


@pytest.fixture
def qc_names_rounding_fix(monkeypatch):
    """qc's descriptor as if its new implementation tagged mismatches `rounding-fix`."""
    from aicmo.orchestration import bootstrap

    monkeypatch.setitem(bootstrap.DESCRIPTORS, "qc", attrs.evolve(bootstrap.DESCRIPTORS["qc"], divergences={"rounding-fix": "why"}))


def test_a_declared_divergence_is_listed_in_the_report(url, qc_names_rounding_fix):
    """`migrate diverge` records the divergence with its reason; the report lists it."""
    result = migrate(url, "diverge", "qc", "rounding-fix", "--reason", "legacy rounds half down", "--who", "ana")
    assert 0 == result.exit_code
    assert "- qc / rounding-fix: legacy rounds half down" in migrate(url, "report").output
    assert 2 == migrate(url, "diverge", "ads", "x", "--reason", "y").exit_code


@pytest.mark.parametrize("name", ["", "rounding-fixx", "anything"])
def test_an_empty_or_unknown_divergence_name_is_bad_input(url, qc_names_rounding_fix, name):
    """Only a name qc's new implementation can tag is accepted: exit 2, nothing declared."""
    result = migrate(url, "diverge", "qc", name, "--reason", "legacy rounds half down")
    assert 2 == result.exit_code
    assert "Declared divergences" not in migrate(url, "report").output


def test_a_divergence_can_be_withdrawn(url, qc_names_rounding_fix):
    """--withdraw removes it from the report; withdrawing it again is bad input."""
    migrate(url, "diverge", "qc", "rounding-fix", "--reason", "legacy rounds half down")
    assert 0 == migrate(url, "diverge", "qc", "rounding-fix", "--withdraw", "--reason", "reverted").exit_code
    assert "rounding-fix" not in migrate(url, "report").output
    assert 2 == migrate(url, "diverge", "qc", "rounding-fix", "--withdraw", "--reason", "again").exit_code
