"""The acquisition's output written page by page: the bytes of ``stable_json(acquisition_output(...))``, bounded memory.

A run of 100,000 leads would otherwise hold every Lead DTO, every next action and the whole
output dict at once. Here each page of leads (``PAGE``) has its next actions planned, is read
back through ``cam.get_leads``, rendered and encoded, then dropped; the summary's counts are
added up on the way. The document is the one ``stable_json`` writes (sorted keys, indent 2,
non-ASCII kept, a trailing newline): its top-level keys are written in sorted order
(campaign, conversions, leads, replies, summary), each part encoded on its own and indented
to its depth, which is exactly how the encoder nests it (no string holds a raw newline).
"""
from __future__ import annotations

import json
from collections import Counter
from typing import Any, TextIO

from aicmo.orchestration.acquisition import AcquiredRun, planned_pages
from aicmo.orchestration.acquisition_output import (
    campaign_part,
    conversions_part,
    lead_part,
    qualification_status,
    replies_part,
    summary_part,
)

__all__ = ["PAGE", "encoded", "write_acquisition_output"]

PAGE = 1000


_ENCODER = json.JSONEncoder(sort_keys=True, indent=2, ensure_ascii=False, default=str)


def encoded(value: Any, depth: int) -> str:
    """``value`` as stable_json encodes it at ``depth`` levels of nesting (json indents every line after the first)."""
    text = _ENCODER.encode(value)
    return text.replace("\n", "\n" + "  " * depth) if depth else text


def write_acquisition_output(cam: Any, run: AcquiredRun, handle: TextIO) -> dict[str, Any]:
    """Plan the next actions and write the output, a page of leads at a time; the small part kept: campaign and summary."""
    campaign = campaign_part(run.campaign, run.batch)
    handle.write("{\n")
    handle.write(f'  "campaign": {encoded(campaign, 1)},\n')
    handle.write(f'  "conversions": {encoded(conversions_part(run.conversions), 1)},\n')
    handle.write('  "leads": [')
    statuses: Counter = Counter()
    first = True
    for page, actions in planned_pages(cam, run, PAGE):
        # read after planning, as the whole run read its leads after planning them all
        rendered = []
        for lead in cam.get_leads(page):
            statuses[qualification_status(lead)] += 1
            lead_id = str(lead.lead_id)
            rendered.append(lead_part(lead, run.outreach.get(lead_id), actions[lead_id]))
        if rendered:
            # the page encoded as one list (one encoder call, not one a lead) without its brackets: "[\n" and "\n  ]"
            handle.write(("\n" if first else ",\n") + encoded(rendered, 1)[2:-4])
            first = False
    handle.write("]" if first else "\n  ]")
    handle.write(",\n")
    handle.write(f'  "replies": {encoded(replies_part(run.replies), 1)},\n')
    summary = summary_part(len(run.lead_ids), statuses, run.outreach.values(), run.replies, len(run.conversions),
                           run.efficiency)
    handle.write(f'  "summary": {encoded(summary, 1)}\n')
    handle.write("}\n")
    return {"campaign": campaign, "summary": summary}
