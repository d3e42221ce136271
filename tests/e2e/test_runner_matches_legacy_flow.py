"""The journey and acquisition runners over the ports print the very JSON the legacy operator flow printed."""
from __future__ import annotations

import csv
import datetime as dt
import json

import pytest

from tests.characterization import corpus
from tests.e2e.conftest import EXAMPLES

CORPUS = corpus.CORPUS
INTAKE_FILES = sorted(EXAMPLES.glob("intake_*.json"))
CAMPAIGNS = corpus.campaigns()


def both_ways(aicmo, *args: str) -> tuple[tuple[int, str], tuple[int, str]]:
    """(exit code, stdout) of the command by the runner, then by --legacy-flow, each on a fresh database."""
    common = ["--database-url", "sqlite://", "--reproducible", "--json", "-"]
    runner = aicmo(*args, *common)
    legacy = aicmo(*args, *common, "--legacy-flow")
    return (runner.exit_code, runner.stdout), (legacy.exit_code, legacy.stdout)


@pytest.mark.parametrize("intake_file", INTAKE_FILES, ids=lambda p: p.stem)
def test_every_example_intake_gives_the_legacy_json(aicmo, intake_file):
    """`aicmo run` of each example intake: same exit code and byte-identical reproducible JSON."""
    runner, legacy = both_ways(aicmo, "run", intake_file, "--out-dir", "out")
    assert 0 == legacy[0]
    assert legacy == runner


def test_the_demo_gives_the_legacy_json(aicmo):
    """`aicmo demo`: same exit code and byte-identical reproducible JSON."""
    runner, legacy = both_ways(aicmo, "demo", "--out-dir", "out")
    assert 0 == legacy[0]
    assert legacy == runner


@pytest.mark.parametrize("intake_id", corpus.intake_ids())
def test_every_corpus_intake_gives_the_legacy_json(aicmo, workdir, intake_id):
    """`aicmo run` of each characterization corpus intake: byte-identical reproducible JSON."""
    path = workdir / f"{intake_id}.json"
    path.write_text(json.dumps(corpus.intake(intake_id)), encoding="utf-8")
    runner, legacy = both_ways(aicmo, "run", path, "--out-dir", "out")
    assert 0 == legacy[0]
    assert legacy == runner


@pytest.mark.parametrize("batch", [False, True], ids=["single", "batch"])
def test_the_example_acquisition_gives_the_legacy_json(aicmo, batch):
    """`aicmo acquire` of the example files (with and without --batch): byte-identical reproducible JSON."""
    args = ["acquire", EXAMPLES / "leads.csv", "--replies", EXAMPLES / "replies.csv", "--campaign", EXAMPLES / "campaign.json"]
    runner, legacy = both_ways(aicmo, *args, *(["--batch"] if batch else []))
    assert 0 == legacy[0]
    assert json.loads(legacy[1])["summary"]["conversions"] > 0 or batch
    assert legacy == runner


@pytest.mark.parametrize("batch", [False, True], ids=["single", "batch"])
def test_small_batches_give_the_legacy_json(aicmo, batch):
    """Batches of 3 leads (each its own transaction) change nothing the run prints, scoring mode either way."""
    args = ["acquire", CORPUS / "leads.csv", "--replies", CORPUS / "replies.csv", *(["--batch"] if batch else [])]
    common = ["--database-url", "sqlite://", "--reproducible", "--json", "-"]
    legacy = aicmo(*args, *common, "--legacy-flow")
    batched = aicmo(*args, *common, "--batch-size", "3")
    assert 0 == legacy.exit_code
    assert len(corpus.leads()) > 3 * 3
    assert (legacy.exit_code, legacy.stdout) == (batched.exit_code, batched.stdout)


@pytest.mark.parametrize("campaign_id", sorted(CAMPAIGNS))
def test_every_corpus_campaign_gives_the_legacy_json(aicmo, workdir, campaign_id):
    """`aicmo acquire` of the corpus leads and replies under each corpus campaign: byte-identical JSON."""
    args = ["acquire", CORPUS / "leads.csv", "--replies", CORPUS / "replies.csv"]
    if CAMPAIGNS[campaign_id] is not None:
        path = workdir / f"{campaign_id}.json"
        path.write_text(json.dumps(CAMPAIGNS[campaign_id]), encoding="utf-8")
        args += ["--campaign", path]
    runner, legacy = both_ways(aicmo, *args)
    assert 0 == legacy[0]
    assert legacy == runner


def _follow_up_offsets(replies_file) -> set[str]:
    """The offsets, as written in the file, of the replies that set a next action (auto reply, out of office)."""
    from backend.services.cam.replies import FOLLOW_UP_DELAY, classify_reply

    with open(replies_file, newline="", encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if classify_reply(row["body"])[0] in FOLLOW_UP_DELAY]
    moments = [dt.datetime.fromisoformat(row["received_at"]) for row in rows]
    return {"naive" if moment.tzinfo is None else moment.isoformat()[-6:] for moment in moments}


@pytest.mark.legacy_internals("cam")  # legacy's reply classifier picks the replies that set a next action
def test_the_acquisition_replies_carry_several_offsets_and_naive_times():
    """The runs above see a dropped or relabelled reply offset only if auto replies and out-of-offices carry them."""
    assert {"naive", "+00:00", "+01:00", "-05:00", "+05:30"} <= _follow_up_offsets(CORPUS / "replies.csv")
    assert "+01:00" in _follow_up_offsets(EXAMPLES / "replies.csv")
