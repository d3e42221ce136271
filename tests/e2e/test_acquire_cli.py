"""`aicmo acquire`: the acquisition run end to end through the command."""
from __future__ import annotations

import json
import sqlite3

import pytest

from tests.e2e.conftest import EXAMPLES, tree_digest

LEADS = EXAMPLES / "leads.csv"
REPLIES = EXAMPLES / "replies.csv"
IN_WINDOW = "2026-01-15T10:00:00Z"


def test_acquire_scores_qualifies_sends_and_converts(aicmo, workdir):
    """The example run qualifies leads, sends within the warm-up cap and converts a positive reply."""
    result = aicmo("acquire", LEADS, "--replies", REPLIES, "--at", IN_WINDOW, "--json", "a.json")
    assert 0 == result.exit_code, result.output
    data = json.loads((workdir / "a.json").read_text())
    summary = data["summary"]
    assert 32 == summary["leads"]
    assert 5 == summary["sent"]  # L-38: day-one email warm-up allows 5
    assert summary["qualified"] > summary["sent"]
    assert 1 <= summary["conversions"]
    assert {"AUTO_REPLY", "OOO", "NEGATIVE", "POSITIVE", "NEUTRAL", "UNKNOWN"} == {
        c for c, n in summary["replies"].items() if n
    }
    with sqlite3.connect(workdir / "aicmo.db") as conn:
        assert 32 == conn.execute("select count(*) from cam_leads").fetchone()[0]
        # L-41: the converted lead became a client project
        assert summary["conversions"] == conn.execute(
            "select count(*) from cam_campaigns where kind = 'project'"
        ).fetchone()[0]


def test_batch_scoring_qualifies_nobody(aicmo, workdir):
    """Q-16: --batch ignores the campaign's targets, so no lead reaches 0.70."""
    result = aicmo("acquire", LEADS, "--batch", "--at", IN_WINDOW, "--json", "-")
    assert 0 == result.exit_code, result.output
    data = json.loads(result.stdout)
    assert 0 == data["summary"]["qualified"]
    assert max(lead["lead_score"] for lead in data["leads"]) <= 0.68


def test_acquire_reproducible_output_is_stable(aicmo, workdir, monkeypatch):
    """Two reproducible runs in fresh folders give identical JSON."""
    outputs = []
    for name in ("one", "two"):
        folder = workdir / name
        folder.mkdir()
        monkeypatch.chdir(folder)
        assert 0 == aicmo("acquire", LEADS, "--replies", REPLIES, "--reproducible", "--json", "a.json").exit_code
        outputs.append((folder / "a.json").read_bytes())
    assert outputs[0] == outputs[1]


BAD_FILES = {
    "leads_missing_columns": ("leads.csv", "name,email\nAna,ana@x.io\n", "missing required columns"),
    "leads_bad_revenue": (
        "leads.csv",
        LEADS.read_text().splitlines()[0] + "\n"
        + "Ana,ana@x.io,X,CEO,11-50,software,lots,US,North America,true,false,false,false,true,true,,,\n",
        "column revenue",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_leads_file_exits_2_and_writes_nothing(aicmo, workdir, case):
    """A malformed leads file is refused with the file and column named."""
    name, content, expected = BAD_FILES[case]
    (workdir / name).write_text(content)
    before = tree_digest(workdir)
    result = aicmo("acquire", name)
    assert 2 == result.exit_code
    assert expected in result.stderr and name in result.stderr
    assert before == tree_digest(workdir)


def test_bad_campaign_file_exits_2(aicmo, workdir):
    """A campaign with an unknown mode is refused before anything is written."""
    (workdir / "campaign.json").write_text('{"name": "X", "mode": "TURBO", "channels": ["email"]}')
    result = aicmo("acquire", LEADS, "--campaign", "campaign.json")
    assert 2 == result.exit_code
    assert "campaign.json" in result.stderr and "mode" in result.stderr
    assert {"campaign.json"} == set(tree_digest(workdir))


def test_missing_replies_file_exits_2(aicmo, workdir):
    """A missing replies file is named."""
    result = aicmo("acquire", LEADS, "--replies", "nope.csv")
    assert 2 == result.exit_code
    assert "nope.csv: file not found" in result.stderr
    assert {} == tree_digest(workdir)


@pytest.mark.parametrize("flow", [[], ["--legacy-flow"]], ids=["runner", "legacy_flow"])
def test_an_out_of_office_reply_is_followed_up_in_its_own_offset(aicmo, workdir, flow):
    """L-39: received 11:10+01:00, the next action is 7 days later at 11:10+01:00 (the same instant, the same offset)."""
    result = aicmo("acquire", LEADS, "--replies", REPLIES, "--at", IN_WINDOW, "--json", "-", *flow)
    assert 0 == result.exit_code, result.output
    by_email = {lead["email"]: lead for lead in json.loads(result.stdout)["leads"]}
    assert "2026-01-22T11:10:00+01:00" == by_email["daniel.reyes@cloudnest.io"]["next_action_at"]
    assert "2026-01-18T10:05:00+00:00" == by_email["chloe.nguyen@ledgerline.com"]["next_action_at"]
