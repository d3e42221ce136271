"""Varied leads and replies from a seed: acquisition traffic for cam's shadow comparisons, and large files.

As the synthetic intakes do for journeys, these vary every field the acquisition rules read:
titles of every seniority (and the words that only look like one), company sizes, industries,
revenues, regions, the six signals, budget and timeline phrases, pain points; e-mails that are
valid, free-mail, role accounts, malformed or repeated; replies of every category, in several
offsets and formats. Lead `n` of a seed is the same whatever the count asked for, so a file of
100,000 leads starts with the file of 1,000.
"""
from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterator
from typing import Any, TextIO

__all__ = ["LEAD_COLUMNS", "REPLY_COLUMNS", "synthetic_lead", "synthetic_leads", "synthetic_replies", "write_leads_csv",
           "write_replies_csv"]

LEAD_COLUMNS = ("name", "email", "company", "title", "company_size", "industry", "revenue", "country", "region",
                "job_change", "funded", "hiring", "recent_activity", "decision_maker", "budget_authority", "budget",
                "timeline", "pain_points")
REPLY_COLUMNS = ("email", "received_at", "body")

_FIRST = ("Ana", "Ben", "Chloe", "Dev", "Elif", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kemi", "Lena", "Marco", "Noor")
_LAST = ("Moreno", "Carter", "Osei", "Schmidt", "Tanaka", "Silva", "Nowak", "Haddad", "Iyer", "Berg", "Quinn", "Adeyemi")
_COMPANIES = ("BrightPay", "Stackly", "Northwind", "Copperleaf", "Lumen", "Vector", "Kestrel", "Juniper", "Atlas", "Quill")
_TITLES = (
    "CEO", "CFO", "CTO", "CMO", "Chief Marketing Officer", "Co-Founder", "President", "VP Marketing", "SVP Revenue",
    "Director of Marketing", "Head of Growth", "Marketing Manager", "Team Lead", "Senior Analyst", "Analyst",
    "Coordinator", "Headhunter", "Factory Manager", "Doctor of Operations", "Growth Hacker", "",
)
_SIZES = ("1-10", "11-50", "51-200", "201-1000", "1000+", "")
_INDUSTRIES = ("software", "fintech", "saas", "healthcare", "retail", "education", "manufacturing", "")
_PLACES = (("US", "North America"), ("UK", "Europe"), ("DE", "Europe"), ("IN", "Asia"), ("BR", "South America"), ("", ""))
_REVENUES = ("", "250000", "1200000", "5000000", "12000000", "30000000", "250000000")
_BUDGETS = ("", "$10k/month", "5000 USD", "tight", "no budget yet", "€20k per quarter", "TBD")
_TIMELINES = ("", "Q1 2026", "90 days", "this month", "next year", "ASAP", "someday")
_PAINS = ("", "Low demo-to-deal conversion", "Weak brand awareness", "Slow pipeline; high churn", "no pain")
_DOMAINS = ("{company}.io", "{company}.com", "gmail.com", "yahoo.com", "{company}.co.uk")
_REPLIES = (
    "Yes, sounds good. Can we set up a call next week?", "Sounds good, let's talk.", "I'm interested, tell me more.",
    "Automatic reply: I am away from the office until Monday.", "I am out of office until January 20th.",
    "We are not interested, please stop.", "Please unsubscribe me from this list.", "No thanks.",
    "Could you send pricing details?", "Thanks!", "", "Yesterday was busy; I'll read it later.",
)
_OFFSETS = ("Z", "+02:00", "-05:00", "+05:30")


def _flag(rng: random.Random) -> str:
    return rng.choice(("true", "false", "false", "yes", "0", ""))


def synthetic_lead(seed: int, number: int) -> dict[str, str]:
    """Row `number` of a leads file of `seed`, as its CSV cells."""
    rng = random.Random(f"lead:{seed}:{number}")
    first, last, company = rng.choice(_FIRST), rng.choice(_LAST), rng.choice(_COMPANIES)
    local = rng.choice((f"{first}.{last}", f"{first[0]}{last}", "info", "sales", f"{first}+{number}")).lower()
    domain = rng.choice(_DOMAINS).format(company=company.lower())
    email = rng.choices((f"{local}{number}@{domain}", f"{local}@{domain}", f"{local}{number}-at-{domain}", ""),
                        weights=(85, 8, 5, 2))[0]
    country, region = rng.choice(_PLACES)
    return {
        "name": f"{first} {last}" if rng.random() < 0.95 else "",
        "email": email.upper() if rng.random() < 0.03 else email,
        "company": f"{company} {number % 997}",
        "title": rng.choice(_TITLES),
        "company_size": rng.choice(_SIZES),
        "industry": rng.choice(_INDUSTRIES),
        "revenue": rng.choice(_REVENUES),
        "country": country,
        "region": region,
        **{signal: _flag(rng) for signal in ("job_change", "funded", "hiring", "recent_activity", "decision_maker",
                                             "budget_authority")},
        "budget": rng.choice(_BUDGETS),
        "timeline": rng.choice(_TIMELINES),
        "pain_points": rng.choice(_PAINS),
    }


def synthetic_leads(seed: int, count: int) -> Iterator[dict[str, str]]:
    return (synthetic_lead(seed, number) for number in range(count))


def synthetic_replies(seed: int, leads: list[dict[str, str]], share: float = 0.3) -> list[dict[str, str]]:
    """Replies from about ``share`` of the leads (and one from a stranger), on 2026-01-15 in several offsets."""
    rng = random.Random(f"replies:{seed}")
    replies = []
    for number, lead in enumerate(leads):
        if lead["email"] and rng.random() < share:
            stamp = f"2026-01-15T{9 + number % 8:02d}:{number % 60:02d}:00{rng.choice(_OFFSETS)}"
            replies.append({"email": lead["email"], "received_at": stamp, "body": rng.choice(_REPLIES)})
    replies.append({"email": f"stranger{seed}@unknown-domain.org", "received_at": "2026-01-15T12:00:00Z",
                    "body": "Yes, interested! Who are you?"})
    return replies


def _write(out: TextIO, columns: tuple[str, ...], rows: Any) -> int:
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    written = 0
    for row in rows:
        writer.writerow(row)
        written += 1
    return written


def write_leads_csv(out: TextIO, seed: int, count: int) -> int:
    """A leads file of `count` rows, streamed: memory does not grow with the count."""
    return _write(out, LEAD_COLUMNS, synthetic_leads(seed, count))


def write_replies_csv(out: TextIO, replies: list[dict[str, str]]) -> int:
    return _write(out, REPLY_COLUMNS, replies)


def leads_csv_text(seed: int, count: int) -> str:
    buffer = io.StringIO()
    write_leads_csv(buffer, seed, count)
    return buffer.getvalue()
