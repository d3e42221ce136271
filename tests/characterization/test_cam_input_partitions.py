"""CAM input-space partitions (spec section 10): every field of the leads file, the replies file, the
campaign file and the reply entry point, through legacy's own readers.

Each case is a small input; its outcome (what legacy read, or the error as the user sees it)
is pinned. The CSV readers strip header names and cells but do not fold case; cam has no
field aliases, so an alias-looking header is just a missing or an ignored column.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable

import pytest
from pydantic import ValidationError

from aicmo.domain import LeadSnapshot
from backend.db.models import OutreachAttemptRow
from backend.services.cam import replies
from backend.services.cam.campaigns import EXAMPLE_CAMPAIGN, create_campaign_row, load_campaign
from backend.services.cam.leads_io import LEAD_COLUMNS, insert_lead, read_leads_csv, read_replies_csv

pytestmark = [pytest.mark.aicmo_evidence(module="cam", suite="characterization"), pytest.mark.legacy_internals("cam", "domain")]

HEADER = ",".join(LEAD_COLUMNS)
GOOD = "Ann Lee,ann@x.com,Xco,CEO,51-200,software,100,US,North America,yes,no,1,0,TRUE,false,$5k,Q2,Slow sales"


def _outcome(read: Callable[[Path], Any], path: Path) -> Any:
    """What the reader gave, or the error as the user sees it (type and message)."""
    try:
        return read(path)
    except Exception as exc:  # a reader crash is behaviour too: pin its type
        return f"{type(exc).__name__}: {exc}"


def _read_each(tmp_path: Path, name: str, cases: dict[str, str], read: Callable[[Path], Any], encoding: str = "utf-8") -> dict[str, Any]:
    table = {}
    for case, content in cases.items():
        path = tmp_path / name
        path.write_text(content, encoding=encoding)
        table[case] = _outcome(read, path)
    return table


def _row(**cells: str) -> str:
    """GOOD with some cells replaced (quoted when they hold a comma, a quote or a newline)."""
    values = dict(zip(LEAD_COLUMNS, GOOD.split(",")))
    for column, value in cells.items():
        values[column] = '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\n') else value
    return ",".join(values[c] for c in LEAD_COLUMNS)


def test_leads_file_headers(tmp_path, snapshot_json):
    """Section 10: header names are trimmed, never case-folded; missing columns are all named; extras are ignored."""
    upper, title = HEADER.upper(), ",".join(c.title() for c in LEAD_COLUMNS)
    padded = ",".join(f"  {c} " for c in LEAD_COLUMNS)
    reordered = ",".join(reversed(LEAD_COLUMNS))
    cases = {
        "canonical": f"{HEADER}\n{GOOD}\n",
        "upper case": f"{upper}\n{GOOD}\n",
        "title case": f"{title}\n{GOOD}\n",
        "one column upper": f"{HEADER.replace('email', 'Email')}\n{GOOD}\n",
        "padded": f"{padded}\n{GOOD}\n",
        "bom and padded": f"\ufeff{padded}\n{GOOD}\n",
        "reordered": f"{reordered}\n{','.join(reversed(GOOD.split(',')))}\n",
        "missing pain_points": f"{HEADER.rsplit(',', 1)[0]}\n{GOOD.rsplit(',', 1)[0]}\n",
        "missing several": "name,company,title,revenue\nAnn,Xco,CEO,100\n",
        "alias e-mail alone": f"{HEADER.replace('email', 'e-mail')}\n{GOOD}\n",
        "alias e-mail with email": f"{HEADER},e-mail\n{GOOD},other@x.com\n",
        "unknown extra column": f"{HEADER},score\n{GOOD},0.99\n",
        "duplicated column (the later wins)": f"{HEADER},name\n{GOOD},Bob\n",
        "empty file": "",
        "header only": f"{HEADER}\n",
        "blank lines between rows": f"{HEADER}\n\n{GOOD}\n\n\n{GOOD.replace('Ann Lee', 'Bo')}\n",
        "crlf line ends": f"{HEADER}\r\n{GOOD}\r\n",
        "fewer cells than columns": f"{HEADER}\nAnn,ann@x.com\n",
        "more cells than columns (reader crash)": f"{HEADER}\n{GOOD},surplus\n",
        "semicolon separated": f"{HEADER.replace(',', ';')}\n{GOOD.replace(',', ';')}\n",
    }
    assert snapshot_json == _read_each(tmp_path, "leads.csv", cases, read_leads_csv)


BOOL_SPELLINGS = ["true", "True", "TRUE", "yes", "Yes", "YES", "1", " yes ", "false", "False", "FALSE", "no", "No", "NO", "0", "", "   "]
BAD_BOOLS = ["y", "n", "t", "f", "2", "-1", "on", "off", "ja", "1.0", "truth", "✓"]


def test_leads_file_booleans_spelt_every_way(tmp_path, snapshot_json):
    """Section 10: true/yes/1 and false/no/0/empty in any case and padding; anything else names file, row and column."""
    good = "\n".join(_row(**{column: spelling for column in ("job_change", "budget_authority")}) for spelling in BOOL_SPELLINGS)
    cases = {"every good spelling, one a row": f"{HEADER}\n{good}\n"}
    cases.update({f"bad {bad!r} in funded": f"{HEADER}\n{GOOD}\n{_row(funded=bad)}\n" for bad in BAD_BOOLS})
    table = _read_each(tmp_path, "leads.csv", cases, read_leads_csv)
    table["every good spelling, one a row"] = [
        [spelling, lead.job_change, lead.budget_authority] for spelling, lead in zip(BOOL_SPELLINGS, table["every good spelling, one a row"])
    ]
    assert snapshot_json == table


MULTI_LINE = 'line one\nline "two"'
CR_CELL = "one\r\ntwo\rthree"


def test_leads_file_sizes_revenues_and_text_cells(tmp_path, snapshot_json):
    """Section 10: the five size bands only; revenue as Python reads a float (finite only); text cells trimmed; unicode kept."""
    cases = {f"size {size!r}": f"{HEADER}\n{_row(company_size=size)}\n" for size in ["1-10", "11-50", "1000+", " 201-1000 ", "", "51 - 200", "1001+", "small", "51-200\u00a0"]}
    revenues = ["", "  ", "0", "-5", "-0", "1e6", "1E6", "1_000", "\u0661\u0662\u0663", " 12.5 ", "1,000", "$100", "0x10", "nan", "NaN", "inf", "-inf", "Infinity", "lots"]
    cases.update({f"revenue {revenue!r}": f"{HEADER}\n{_row(revenue=revenue)}\n" for revenue in revenues})
    cases.update({
        "text cells empty": f"{HEADER}\n{_row(name='', email='', company='', title='')}\n",
        "optional cells empty or blank": f"{HEADER}\n{_row(industry='', country='  ', region='', budget=' ', timeline='', pain_points='')}\n",
        "cells padded and cased": f"{HEADER}\n{_row(name='  ANN  lee ', email=' Ann@X.COM ', industry=' SoftWare ', country=' us ', pain_points='  slow  ')}\n",
        "unicode": f"{HEADER}\n{_row(name='Zoë Ångström', company='Ölwerk 北京', title='Directrice Générale', pain_points='Leads 📉, churn ↑')}\n",
        "quoted newline and quotes": f"{HEADER}\n{_row(pain_points=MULTI_LINE, company='Acme, Inc.')}\n",
        # newline="" keeps a quoted cell's own line ends as written: CRLF and a lone CR stay in the value
        "crlf file, quoted crlf and cr inside a cell": f"{HEADER}\r\n{_row(pain_points=CR_CELL)}\r\n",
    })
    assert snapshot_json == _read_each(tmp_path, "leads.csv", cases, read_leads_csv)


def test_leads_file_with_several_problems(tmp_path, snapshot_json):
    """Section 10: one error per file: the first bad row, and in it booleans (in column order), then revenue, then size."""
    cases = {
        "bool, revenue and size in one row": f"{HEADER}\n{_row(hiring='maybe', funded='perhaps', revenue='lots', company_size='huge')}\n",
        "revenue and size": f"{HEADER}\n{_row(revenue='lots', company_size='huge')}\n",
        "row 2 bad, row 3 worse": f"{HEADER}\n{GOOD}\n{_row(company_size='huge')}\n{_row(job_change='x')}\n",
        "missing columns and bad cells": f"name,email,funded\nAnn,ann@x.com,perhaps\n",
    }
    assert snapshot_json == _read_each(tmp_path, "leads.csv", cases, read_leads_csv)


RECEIVED = [
    "2026-01-15T11:30:00", "2026-01-15 11:30:00", "2026-01-15T11:30:00Z", "2026-01-15T11:30:00+00:00",
    "2026-01-15T11:30:00+01:00", "2026-01-15T11:30:00-05:30", "2026-01-15T11:30:00+05:30", "2026-01-15T11:30:00+0100",
    "2026-01-15T11:30:00 +01:00", "2026-01-15T11:30:00.5", "2026-01-15T11:30:00.123456-05:00", "2026-01-15T11:30:00.123456789Z",
    "2026-01-15", "2026-01-15T11", "20260115T113000", "2026-W03-4", "2026-01-15T23:59:59.999999+14:00",
    "2026-01-15T24:00:00", "2026-02-30T10:00:00", "15/01/2026 11:30", "yesterday", "",
]


def test_replies_file_times(tmp_path, snapshot_json):
    """Section 10: ISO times as Python reads them; naive means UTC; the offset is kept; anything else names the cell."""
    table = {}
    for value in RECEIVED:
        path = tmp_path / "replies.csv"
        path.write_text(f"email,received_at,body\nana@x.io,{value},Hi\n", encoding="utf-8")
        read = _outcome(read_replies_csv, path)
        table[repr(value)] = read if isinstance(read, str) else [read[0]["received_at"].isoformat(), str(read[0]["received_at"].utcoffset())]
    path = tmp_path / "replies.csv"
    path.write_text("email,received_at,body\nana@x.io,2026-01-15T11:30:00,5,Hi\n", encoding="utf-8")
    table["comma decimal, unquoted (reader crash)"] = _outcome(read_replies_csv, path)
    assert snapshot_json == table


def test_replies_file_headers_emails_and_bodies(tmp_path, snapshot_json):
    """Section 10: headers trimmed not folded; an empty (or blank) e-mail names its row; bodies trimmed, may be empty."""
    t = "2026-01-15T11:30:00Z"
    cases = {
        "canonical": f"email,received_at,body\nana@x.io,{t},Yes\n",
        "upper header": f"EMAIL,RECEIVED_AT,BODY\nana@x.io,{t},Yes\n",
        "padded header with bom": f"\ufeff email , received_at , body \nana@x.io,{t},Yes\n",
        "missing body column": f"email,received_at\nana@x.io,{t}\n",
        "missing two columns": "email\nana@x.io\n",
        "alias from": f"from,received_at,body\nana@x.io,{t},Yes\n",
        "extra column": f"email,received_at,body,subject\nana@x.io,{t},Yes,Re: hi\n",
        "email upper and padded": f"email,received_at,body\n  ANA@X.IO  ,{t},Yes\n",
        "email empty": f"email,received_at,body\n,{t},Yes\n",
        "email blank": f"email,received_at,body\n   ,{t},Yes\n",
        "email empty in row 2": f"email,received_at,body\nana@x.io,{t},Yes\n,{t},No\n",
        "email and time both bad": f"email,received_at,body\n,never,Yes\n",
        "body empty": f"email,received_at,body\nana@x.io,{t},\n",
        "body cell missing": f"email,received_at,body\nana@x.io,{t}\n",
        "body padded, quoted, multi-line, unicode": f'email,received_at,body\nana@x.io,{t},"  Oui, merci !\nÀ bientôt 👋  "\n',
        "header only": "email,received_at,body\n",
        "empty file": "",
    }
    assert snapshot_json == _read_each(tmp_path, "replies.csv", cases, read_replies_csv)


def _campaign(data: Any) -> Any:
    """The campaign legacy validated, or its validation errors (location and message, the words a user reads)."""
    try:
        return load_campaign(data).model_dump(mode="json")
    except ValidationError as exc:
        return [f"{'.'.join(str(p) for p in error['loc']) or '(root)'}: {error['msg']}" for error in exc.errors()]


def test_campaign_file_fields(snapshot_json):
    """Section 10: each campaign field missing, null, empty and mistyped; every mode spelling; several errors at once."""
    base = {"name": "C"}
    cases: dict[str, Any] = {"no file (bundled example)": None, "empty object": {}, "name only": base}
    cases.update({f"name {value!r}": {"name": value} for value in (None, "", "  ", 5, ["C"])})
    cases.update({f"mode {value!r}": {**base, "mode": value} for value in ("LIVE", "SIMULATION", "live", "Live", "simulation", "SIM", " LIVE", "", None)})
    cases.update({f"channels {value!r}": {**base, "channels": value} for value in ([], None, ["LinkedIn", "email"], "email", [""], ["email", "email"])})
    cases.update({f"max_emails_per_day {value!r}": {**base, "max_emails_per_day": value} for value in ("20", 20.0, 20.5, -1, 0, None, True, "twenty")})
    targets = {"missing": None, "null": None, "{}": {}, "unknown key": {"sizes": ["51-200"]}, "sizes as text": {"company_sizes": "51-200"},
               "sizes null": {"company_sizes": None}, "range": {"revenue_range": [1, 2]}, "reversed range": {"revenue_range": [2, 1]},
               "one bound": {"revenue_range": [1]}, "three bounds": {"revenue_range": [1, 2, 3]}, "range as text": {"revenue_range": ["1e6", "5e7"]},
               "range object": {"revenue_range": {"low": 1, "high": 2}}, "duplicate roles": {"target_roles": ["CMO", "CMO", " cmo "]}}
    for label, value in targets.items():
        cases[f"targets {label}"] = base if label == "missing" else {**base, "targets": value}
    cases.update({f"competitor_domains {value!r}": {**base, "competitor_domains": value} for value in (None, [], ["RivalCMO.com", "rivalcmo.com"])})
    cases.update({f"block_free_mail {value!r}": {**base, "block_free_mail": value} for value in ("yes", "true", 1, "1", "no", "off", None, "maybe", 2)})
    cases["unknown top-level key"] = {**base, "budget": 5}
    cases["several errors at once"] = {"mode": "live", "max_emails_per_day": "many", "targets": {"revenue_range": [1]}}
    cases["bundled example spelled out"] = EXAMPLE_CAMPAIGN
    assert snapshot_json == {case: _campaign(data) for case, data in cases.items()}


def test_the_reply_entry_point_fields(legacy_session, snapshot_json):
    """L-39/Q-22: the sender matched trimmed and case-folded; naive or aware times kept in memory, stored as clock time; None body is ''."""
    row = create_campaign_row(legacy_session, load_campaign(None))
    lead = insert_lead(legacy_session, row.id, LeadSnapshot(name="Ana", email="Ana.Lima@Acme.io"))  # held: in-memory values stay
    nameless = insert_lead(legacy_session, row.id, LeadSnapshot(name="No address"))  # a lead whose e-mail is empty
    cases = {
        "exact": ("Ana.Lima@Acme.io", datetime(2026, 1, 15, 11, 30, tzinfo=timezone.utc), "Away"),
        "lower, padded, +01:00": ("  ana.lima@acme.io ", datetime(2026, 1, 15, 11, 30, 0, 500000, tzinfo=timezone(timedelta(hours=1))), "Out of office"),
        "upper, naive": ("ANA.LIMA@ACME.IO", datetime(2026, 1, 15, 11, 30), "Automatic reply"),
        "unknown sender": ("bob@acme.io", datetime(2026, 1, 15, 11, 30, tzinfo=timezone(timedelta(hours=-5))), "Away"),
        "empty sender": ("", datetime(2026, 1, 15, 11, 30, tzinfo=timezone.utc), "yes"),
        "None body": ("ana.lima@acme.io", datetime(2026, 1, 15, 11, 30, tzinfo=timezone.utc), None),
        "blank body of 11 spaces": ("ana.lima@acme.io", datetime(2026, 1, 15, 11, 30, tzinfo=timezone.utc), " " * 11),
    }
    table = {}
    for case, (email, received_at, body) in cases.items():
        reply = replies.process_reply(legacy_session, email, received_at, body)
        table[case] = {
            "reply": {k: getattr(reply, k) for k in ("email", "lead_id", "body", "category", "confidence", "received_at", "processed_at")},
            "to the lead with no address": reply.lead_id == nameless.id,
            # the reply time lands on an attribute that is no column
            "lead": {"next_action_at": lead.next_action_at, "tags": lead.tags, "status": lead.status,
                     "last_replied_at": lead.last_replied_at, "last_reply_at (no column)": getattr(lead, "last_reply_at", "unset")},
        }
    legacy_session.expire_all()  # read back what the tables hold
    table["stored replies"] = [[r.email, r.received_at, r.body] for r in legacy_session.query(replies.ReplyRow).order_by(replies.ReplyRow.id)]
    table["stored lead"] = {"next_action_at": lead.next_action_at, "last_replied_at": lead.last_replied_at}
    assert snapshot_json == table


def test_the_acquire_entry_point_fields(legacy_session, snapshot_json):
    """Section 10/L-39: acquire called directly: batch defaults to single scoring, no channels means e-mail, a reply without body is ''."""
    import warnings

    from backend.services.cam.acquisition import acquire

    campaign = load_campaign({**EXAMPLE_CAMPAIGN, "channels": []})
    lead = LeadSnapshot(name="Ana Lima", email="ana@acme.com", company="Acme", title="VP Marketing", company_size="51-200",
                        industry="software", revenue=2e6, country="US", decision_maker=True, budget="$1k", timeline="Q1")
    received = datetime(2026, 1, 15, 11, 0, tzinfo=timezone.utc)
    reply_dicts = [{"email": "ana@acme.com", "received_at": received}, {"email": "nobody@acme.com", "received_at": received, "body": "Yes"}]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = acquire(legacy_session, campaign, [lead], reply_dicts)
    legacy_session.expire_all()
    assert [] == [str(w.message) for w in caught]  # a reply from an unknown sender looks up no lead at all
    assert snapshot_json == {
        "result": result,
        "attempt channels": [a.channel for a in legacy_session.query(OutreachAttemptRow)],
        "stored replies": [[r.email, r.body, r.category] for r in legacy_session.query(replies.ReplyRow).order_by(replies.ReplyRow.id)],
    }
