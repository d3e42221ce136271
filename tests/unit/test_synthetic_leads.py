"""Synthetic leads: varied, stable by number, and read by the very reader `aicmo acquire` uses."""
from __future__ import annotations

import io

from aicmo.orchestration import bootstrap
from aicmo.orchestration.synthetic_leads import (
    leads_csv_text,
    synthetic_lead,
    synthetic_leads,
    synthetic_replies,
    write_replies_csv,
)


def test_lead_n_of_a_seed_is_the_same_whatever_the_count():
    assert leads_csv_text(4, 1000).startswith(leads_csv_text(4, 10))
    assert synthetic_lead(4, 7) == list(synthetic_leads(4, 8))[7]
    assert synthetic_lead(4, 7) != synthetic_lead(5, 7)


def test_the_file_reads_as_leads_and_varies_what_the_rules_read(tmp_path):
    leads_file, replies_file = tmp_path / "leads.csv", tmp_path / "replies.csv"
    leads_file.write_text(leads_csv_text(9, 400), encoding="utf-8")
    buffer = io.StringIO()
    write_replies_csv(buffer, synthetic_replies(9, list(synthetic_leads(9, 400))))
    replies_file.write_text(buffer.getvalue(), encoding="utf-8")
    given = bootstrap.acquisition_files().read_acquisition_input(None, leads_file, replies_file)
    assert 400 == len(given.leads)
    profiles = given.leads
    assert {p.company_size for p in profiles} >= {None, *{p.company_size for p in profiles if p.company_size}}
    assert len({p.company_size for p in profiles}) == 6  # five bands and none
    assert len({p.title for p in profiles}) > 15
    assert any(not p.email for p in profiles) and any("@" not in p.email for p in profiles if p.email)
    assert any(p.decision_maker for p in profiles) and any(not p.decision_maker for p in profiles)
    assert len(given.replies) > 60
    assert {r.received_at.utcoffset().total_seconds() for r in given.replies} >= {0.0, 7200.0, -18000.0}
