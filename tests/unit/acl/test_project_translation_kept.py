"""The project row's translation is kept per the row's values: never a stale or another row's answer."""
from __future__ import annotations

import datetime as dt
import json
import types

import pytest
from pydantic import TypeAdapter

from acl._support.errors import TranslationError
from acl._support.idempotency import _to_json
from acl._support.project_rows import _project_step_by_step, project_from_row
from backend.db.models import CampaignRow
from tests.port_suites.builders import journey
from tests.unit.acl.test_translation_errors import corrupt

INTAKE = '{"brand_name": "Kept Co", "pack": "quick_social"}'
ONE, TWO = "0b7e7c4e-0000-4000-8000-000000000001", "0b7e7c4e-0000-4000-8000-000000000002"
MOMENT = dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.timezone.utc)


def _row(**values) -> CampaignRow:
    columns = dict(id=ONE, name="Kept Co", description="d", project_state="CREATED", service_key="quick_social",
                   intake_json=INTAKE, created_at=MOMENT, updated_at=MOMENT)
    return CampaignRow(**{**columns, **values})


@pytest.mark.parametrize("column, value", [
    ("name", "Renamed"), ("description", "d [Approved: x]"), ("project_state", "INTAKE_COMPLETE"),
    ("intake_json", '{"brand_name": "Other Co", "pack": "quick_social"}'),
    ("updated_at", MOMENT + dt.timedelta(seconds=1)), ("id", TWO),
])
def test_a_changed_column_is_translated_afresh(column, value):
    """The planted fault: a second read of a changed row must not answer the first read's project."""
    before = project_from_row(_row())
    after = project_from_row(_row(**{column: value}))
    assert after == _project_step_by_step(_row(**{column: value})) != before


def test_the_same_instant_in_another_offset_keeps_its_offset():
    later_zone = MOMENT.astimezone(dt.timezone(dt.timedelta(hours=2)))
    naive = MOMENT.replace(tzinfo=None)
    stamps = [project_from_row(_row(updated_at=moment)).updated_at for moment in (MOMENT, later_zone, naive)]
    assert [dt.timedelta(0), dt.timedelta(hours=2), dt.timedelta(0)] == [s.utcoffset() for s in stamps]


def test_a_row_that_does_not_translate_raises_every_time_and_translates_once_repaired():
    bad = '{"brand_name": ["not", "text"]}'
    for _ in range(2):
        with pytest.raises(TranslationError):
            project_from_row(_row(intake_json=bad))
    assert "Kept Co" == project_from_row(_row()).intake.brand_name


def test_a_project_corrupted_between_two_reads_is_refused_on_the_second(ports, memory_db):
    client = journey(ports).project.client_id
    ports.onboarding.get_project(client)
    corrupt(memory_db, CampaignRow, str(client), intake_json='{"brand_name": ["not", "text"]}')
    with pytest.raises(TranslationError):
        ports.onboarding.get_project(client)


def test_a_stored_result_is_the_json_of_the_result(ports, memory_db):
    """The idempotency record keeps the result's JSON data, as reading back the JSON text would give it."""
    outcome = journey(ports)
    for name in ("project", "drafted", "creatives", "calendar", "review", "package", "billing", "proposal",
                 "report", "retention"):
        value = getattr(outcome, name)

        assert json.loads(TypeAdapter(type(value)).dump_json(value)) == _to_json(_command_returning(value), value), name


def _command_returning(value):
    """A command whose declared return type is the value's, as each of an adapter's commands declares its DTO."""

    def command():
        return value

    # a code object of its own: the declared type is read once per command's code
    fresh = types.FunctionType(command.__code__.replace(co_name=type(value).__name__), globals(), closure=command.__closure__)
    fresh.__annotations__ = {"return": type(value)}
    return fresh
