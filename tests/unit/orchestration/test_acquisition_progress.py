"""How far an acquisition run has got: a bar on a terminal, line messages elsewhere, thinned for a long run."""
from __future__ import annotations

import io

from rich.console import Console

from aicmo.cli_support.acquisition_progress_bar import progress_shown
from aicmo.orchestration.durable import acquisition_progress
from aicmo.orchestration.durable.acquisition_progress import LINES, reporter


def _report_all(report, total: int, batch: int) -> None:
    for done in range(batch, total + batch, batch):
        report(min(done, total), total, "C")


def test_a_short_run_says_every_batch(capsys):
    _report_all(reporter(), 32, 8)
    assert capsys.readouterr().err.splitlines() == [f"{n} of 32 leads committed to campaign C" for n in (8, 16, 24, 32)]


def test_a_long_run_says_about_a_hundred_lines_and_always_the_last(capsys):
    _report_all(reporter(), 100_000, 250)  # 400 batches
    lines = capsys.readouterr().err.splitlines()
    assert LINES // 2 <= len(lines) <= LINES + 1
    assert lines[0] == "250 of 100000 leads committed to campaign C"
    assert lines[-1] == "100000 of 100000 leads committed to campaign C"


def _terminal() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=True, width=120), out


def test_a_terminal_gets_a_bar_of_leads_with_rate_and_no_line_messages(capsys):
    console, drawn = _terminal()
    with progress_shown(console, 1000, 250):
        assert not isinstance(reporter(), acquisition_progress._Lines)
        _report_all(reporter(), 1000, 250)
    assert "1000/1000" in drawn.getvalue() and "leads/s" in drawn.getvalue() and "campaign C" in drawn.getvalue()
    assert "committed" not in capsys.readouterr().err
    assert isinstance(reporter(), acquisition_progress._Lines)  # the bar is gone with the run


def test_no_terminal_or_a_single_batch_keeps_the_line_messages(capsys):
    not_a_terminal = Console(file=io.StringIO(), force_terminal=False)
    with progress_shown(not_a_terminal, 1000, 250):
        _report_all(reporter(), 1000, 250)
    assert "1000 of 1000 leads committed" in capsys.readouterr().err
    console, drawn = _terminal()
    with progress_shown(console, 200, 250):
        assert isinstance(reporter(), acquisition_progress._Lines)
    assert drawn.getvalue() == ""
