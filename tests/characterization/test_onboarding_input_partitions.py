"""Onboarding input partitions (spec section 1): every intake field at its edges.

Each request is a complete base request with one field (or one alias set) changed. What is
pinned per case is what the client would see: the refusal (pydantic's errors as a user reads
them) or the intake, the brief, the missing fields and the completeness findings. The base
intake and brief are pinned whole once; each case pins the fields that differ from them, so
any change to any field of any case shows.
"""
from __future__ import annotations

import copy
import json
from typing import Any, get_args

import pytest
from pydantic import ValidationError

from aicmo.domain import ClientIntake
from aicmo.domain import intake as intake_module
from backend.services import qc_rules
from backend.services.onboarding import create_client, load_intake
from tests.characterization.spec_rules import onboarding as spec

pytestmark = [pytest.mark.aicmo_evidence(module="onboarding", suite="characterization"), pytest.mark.legacy_internals("onboarding", "qc", "domain")]

MISSING = object()  # the key is absent from the request

BASE_REQUEST: dict[str, Any] = {
    "brand_name": "Harbour Lights Bakery",
    "website": "https://Harbour-Lights.example",
    "industry": "Artisan bakery",
    "geography": "United Kingdom",
    "product_service": "Sourdough subscriptions",
    "offers": ["First loaf free", "Office breakfast boxes"],
    "target_audiences": ["Young families", "Office managers"],
    "primary_customer": "Office managers in Leeds",
    "pain_points": ["Stale supermarket bread", "No time to bake"],
    "desired_outcomes": ["More subscriptions", "Repeat orders"],
    "primary_goal": "sales",
    "timeline": "60 Days",
    "budget": "£4,000 a Month",
    "constraints": "No paid video",
    "must_include": "Our bakers' names",
    "do_not_do": "No discount codes",
    "pack": "full_funnel",
    "contact_email": "Owner@Harbour-Lights.example",
}
TEXT_FIELDS = [
    "brand_name", "website", "industry", "geography", "product_service", "primary_customer",
    "timeline", "budget", "constraints", "must_include", "do_not_do", "contact_email",
]


def _mixed_case(text: str) -> str:
    return "".join(c.upper() if i % 2 else c.lower() for i, c in enumerate(text))


def _text_variants(value: str) -> dict[str, Any]:
    return {
        "missing": MISSING, "null": None, "empty": "", "whitespace": "   ", "padded": f"  {value}\t",
        "upper": value.upper(), "lower": value.lower(), "mixed": _mixed_case(value),
        "unicode": "Çafé Zürich — 東京 ☕", "number": 7,
    }


def _list_variants(items: list[str]) -> dict[str, Any]:
    first, second = items
    return {
        "missing": MISSING, "null": None, "empty": [], "string_not_list": first,
        "one": [first], "duplicates": [first, first, second], "reversed": [second, first],
        "empty_string_first": ["", first], "only_empty_string": [""], "whitespace_item": ["   ", second],
        "padded_items": [f" {first} ", f"{second}  "], "upper_items": [first.upper(), second.upper()],
        "mixed_items": [_mixed_case(first), _mixed_case(second)], "unicode_items": ["Café owners", "東京の家族"],
        "null_inside": [first, None], "number_inside": [first, 3], "dict_not_list": {"a": first},
    }


def _request(**changes: Any) -> dict[str, Any]:
    request = dict(BASE_REQUEST)
    for field, value in changes.items():
        if value is MISSING:
            request.pop(field, None)
        else:
            request[field] = value
    return request


def _errors(refused: ValidationError) -> list[dict[str, Any]]:
    """The refusal as a user reads it: where, which kind, the message and the input given."""
    return [
        {"loc": list(e["loc"]), "type": e["type"], "msg": e["msg"], "input": e["input"]}
        for e in refused.errors(include_url=False)
    ]


def _base() -> tuple[dict[str, Any], dict[str, Any]]:
    intake = ClientIntake.from_request(BASE_REQUEST)
    return intake.model_dump(mode="json"), intake.to_brief()


def _outcome(request: dict[str, Any]) -> dict[str, Any]:
    """What onboarding makes of a request, as differences from the base intake and brief."""
    given = copy.deepcopy(request)
    base_intake, base_brief = _base()
    try:
        intake = ClientIntake.from_request(request)
    except ValidationError as refused:
        outcome: dict[str, Any] = {"refused": _errors(refused)}
    else:
        dumped, brief = intake.model_dump(mode="json"), intake.to_brief()
        missing = intake.missing_fields()
        outcome = {
            "intake": {k: v for k, v in dumped.items() if base_intake[k] != v},
            "brief": {k: v for k, v in brief.items() if base_brief.get(k, MISSING) != v},
            "missing_fields": missing,
            "findings": qc_rules.intake_findings(missing),
        }
    # from_request works on a copy: the caller's request is never changed
    assert request == given
    return outcome


def test_the_spec_constants_are_legacy_constants():
    """L-03: the eight required fields; section 1: the goal and pack value sets."""
    assert list(spec.REQUIRED_FIELDS) == intake_module.REQUIRED_FIELDS
    assert len(spec.REQUIRED_FIELDS) == spec.REQUIRED_FIELD_COUNT
    assert get_args(intake_module.PrimaryGoal) == spec.PRIMARY_GOALS
    assert get_args(intake_module.Pack) == spec.PACKS


def test_the_base_request(snapshot_json):
    """L-01/L-03: the complete base request every partition changes one field of."""
    intake, brief = _base()
    assert snapshot_json == {"intake": intake, "brief": brief, "missing_fields": ClientIntake.from_request(BASE_REQUEST).missing_fields()}


def test_each_text_field_at_its_edges(snapshot_json):
    """L-01 defaults by `or`, L-03 completeness, Q-01 brand: missing, null, empty, padded, cased, unicode."""
    table = {
        field: {name: _outcome(_request(**{field: value})) for name, value in _text_variants(BASE_REQUEST[field]).items()}
        for field in TEXT_FIELDS
    }
    assert snapshot_json == table


def test_each_list_field_at_its_edges(snapshot_json):
    """L-01 primary customer from the first audience, L-03 empty lists: duplicates, order, empties, non-lists."""
    table = {
        field: {name: _outcome(_request(**{field: value})) for name, value in _list_variants(BASE_REQUEST[field]).items()}
        for field in spec.LIST_FIELDS
    }
    assert snapshot_json == table


def test_the_primary_customer_falls_back_on_the_first_audience(snapshot_json):
    """L-01: no primary customer takes the first audience as given (even "" or padded), else the default."""
    cases = {
        "no_customer": _request(primary_customer=MISSING),
        "empty_customer": _request(primary_customer=""),
        "whitespace_customer": _request(primary_customer="  "),
        "no_customer_no_audiences": _request(primary_customer=MISSING, target_audiences=[]),
        "no_customer_first_audience_empty": _request(primary_customer=None, target_audiences=["", "Office managers"]),
        "no_customer_first_audience_padded": _request(primary_customer=None, target_audiences=["  Young families ", "x"]),
        "no_customer_duplicate_audiences": _request(primary_customer=None, target_audiences=["Office managers", "Office managers"]),
        "no_customer_audience_alias": _request(primary_customer=None, target_audiences=MISSING) | {"audience": "Night owls"},
    }
    table = {name: _outcome(request) for name, request in cases.items()}
    assert table["no_customer"]["brief"]["primary_customer"] == BASE_REQUEST["target_audiences"][0]
    assert table["no_customer_no_audiences"]["brief"]["primary_customer"] == spec.DEFAULT_PRIMARY_CUSTOMER
    assert snapshot_json == table


def test_primary_goal_in_every_case_and_padding(snapshot_json):
    """L-01: "other" and no goal become "Growth"; only the exact lower-case goals are accepted."""
    variants: dict[str, Any] = {"missing": MISSING, "null": None, "empty": "", "unknown": "growth hacking"}
    for goal in spec.PRIMARY_GOALS:
        variants |= {
            goal: goal, f"{goal}_upper": goal.upper(), f"{goal}_title": goal.title(),
            f"{goal}_padded": f" {goal} ", f"{goal}_trailing_space": f"{goal} ",
        }
    table = {name: _outcome(_request(primary_goal=value)) for name, value in variants.items()}
    assert table[spec.GOAL_REPLACED_BY_DEFAULT]["brief"]["primary_goal"] == spec.DEFAULT_GOAL
    assert snapshot_json == table


def test_pack_known_unknown_and_cased(snapshot_json):
    """Section 1 (L-04 service_key, L-13 calendar length): three exact pack names; missing defaults, anything else is refused."""
    variants: dict[str, Any] = {"missing": MISSING, "null": None, "empty": "", "unknown": "mega_pack"}
    for pack in spec.PACKS:
        variants |= {pack: pack, f"{pack}_upper": pack.upper(), f"{pack}_title": pack.title(), f"{pack}_padded": f" {pack} "}
    assert snapshot_json == {name: _outcome(_request(pack=value)) for name, value in variants.items()}


def _without(*fields: str) -> dict[str, Any]:
    return _request(**{f: MISSING for f in fields})


def test_aliases_alone_together_and_with_the_canonical_fields(snapshot_json):
    """L-02: brand before company (an empty brand alias still wins and becomes "Unknown", Q-01), canonical fields win, audience as a list."""
    no_brand = _without("brand_name")
    no_audience = _without("target_audiences")
    no_goal = _without("primary_goal")
    bare = _without("brand_name", "target_audiences", "primary_goal")
    cases = {
        "brand_alone": no_brand | {"brand": "Alias Brand"},
        "company_alone": no_brand | {"company": "Alias Company"},
        "brand_and_company": no_brand | {"brand": "Alias Brand", "company": "Alias Company"},
        "company_then_brand_key_order": no_brand | {"company": "Alias Company", "brand": "Alias Brand"},
        "brand_with_canonical": _request() | {"brand": "Alias Brand"},
        "company_with_canonical": _request() | {"company": "Alias Company"},
        "brand_with_canonical_null": _request(brand_name=None) | {"brand": "Alias Brand"},
        "brand_with_canonical_empty": _request(brand_name="") | {"brand": "Alias Brand"},
        "brand_empty_company_given": no_brand | {"brand": "", "company": "Alias Company"},
        "brand_null_company_given": no_brand | {"brand": None, "company": "Alias Company"},
        "brand_whitespace": no_brand | {"brand": "   "},
        "brand_padded_unicode": no_brand | {"brand": "  Brød & Co ☕ "},
        "brand_not_text": no_brand | {"brand": 12},
        "brand_zero": _request(brand_name=0),
        "brand_false": _request(brand_name=False),
        "audience_alone": no_audience | {"audience": "Night owls"},
        "audience_with_canonical": _request() | {"audience": "Night owls"},
        "audience_with_canonical_empty": _request(target_audiences=[]) | {"audience": "Night owls"},
        "audience_empty": no_audience | {"audience": ""},
        "audience_whitespace": no_audience | {"audience": "  "},
        "audience_null": no_audience | {"audience": None},
        "audience_as_list": no_audience | {"audience": ["Night owls", "Early birds"]},
        "goal_alone": no_goal | {"goal": "leads"},
        "goal_other": no_goal | {"goal": "other"},
        "goal_cased": no_goal | {"goal": "Leads"},
        "goal_padded": no_goal | {"goal": " leads"},
        "goal_null": no_goal | {"goal": None},
        "goal_empty": no_goal | {"goal": ""},
        "goal_with_canonical": _request() | {"goal": "awareness"},
        "goal_with_canonical_null": _request(primary_goal=None) | {"goal": "awareness"},
        "all_aliases": bare | {"brand": "Alias Brand", "company": "Alias Company", "audience": "Night owls", "goal": "engagement"},
        "all_aliases_with_canonical": _request() | {"brand": "Alias Brand", "company": "Alias Company", "audience": "Night owls", "goal": "engagement"},
        "aliases_only": {"company": "Alias Company", "audience": "Night owls", "goal": "awareness"},
    }
    assert snapshot_json == {name: _outcome(request) for name, request in cases.items()}


def test_an_empty_object_and_near_empty_objects(snapshot_json):
    """L-01 every default, Q-01 "Unknown", L-03 all eight required fields missing at once, in order."""
    cases = {"empty": {}, "only_unknown_keys": {"Brand_Name": "Cased Key", "BRAND": "Upper Alias", "notes": "x"}, "only_pack": {"pack": "quick_social"}}
    table = {}
    for name, request in cases.items():
        intake = ClientIntake.from_request(request)
        missing = intake.missing_fields()
        table[name] = {"intake": intake, "brief": intake.to_brief(), "missing_fields": missing, "findings": qc_rules.intake_findings(missing)}
    brief = table["empty"]["brief"]
    assert (brief["industry"], brief["product_service"], brief["primary_goal"], brief["primary_customer"], brief["timeline"]) == (
        spec.DEFAULT_INDUSTRY, spec.DEFAULT_PRODUCT_SERVICE, spec.DEFAULT_GOAL, spec.DEFAULT_PRIMARY_CUSTOMER, spec.DEFAULT_TIMELINE,
    )
    assert brief["brand_name"] == spec.UNKNOWN_BRAND
    assert table["empty"]["missing_fields"] == list(spec.REQUIRED_FIELDS)[1:]  # the brand is never missing
    assert snapshot_json == table


def _missing_in(representation: str, field: str) -> dict[str, Any]:
    empty = [] if field in spec.LIST_FIELDS else ""
    return _request(**{field: {"absent": MISSING, "null": None, "empty": empty}[representation]})


def test_completeness_with_one_missing_field_and_with_several(snapshot_json):
    """L-03: each required field missing alone (absent, null, empty), several at once, all; whitespace is present."""
    table: dict[str, Any] = {}
    for field in spec.REQUIRED_FIELDS:
        for representation in ("absent", "null", "empty"):
            table[f"{field} {representation}"] = _outcome(_missing_in(representation, field))
    several = _request(website="", industry=None, pain_points=[], desired_outcomes=MISSING)
    table["four at once"] = _outcome(several)
    table["four at once, reversed key order"] = _outcome(dict(reversed(list(several.items()))))
    table["all but the brand"] = _outcome(_request(**{f: MISSING for f in spec.REQUIRED_FIELDS}))
    table["whitespace everywhere"] = _outcome(
        _request(**{f: ["  "] if f in spec.LIST_FIELDS else "  " for f in spec.REQUIRED_FIELDS})
    )
    for field in spec.REQUIRED_FIELDS[1:]:  # a missing brand becomes "Unknown", never a finding
        findings = table[f"{field} absent"]["findings"]
        assert [(f["severity"], f["message"]) for f in findings] == [(spec.MISSING_FIELD_SEVERITY, f"missing field '{field}'")]
    assert snapshot_json == table


def test_the_brief_is_a_copy_of_the_intake_lists():
    """L-01: the brief's lists are copies; changing them leaves the intake as it was."""
    intake = ClientIntake.from_request(BASE_REQUEST)
    brief = intake.to_brief()
    for field in spec.LIST_FIELDS:
        brief[field].append("added to the brief")
    assert intake.model_dump(mode="json") == _base()[0]


@pytest.mark.fixed_clock("2026-02-28T23:59:59.987654Z")
def test_creating_clients_from_edge_intakes_writes_whole_rows(legacy_session, db_effects, snapshot_json):
    """L-04/Q-02: name and description from the brand as given (padded, unicode, none), service_key = pack."""
    intakes = {
        "padded_brand": ClientIntake.from_request(_request(brand_name="  Harbour Lights  ", pack="quick_social")),
        "unicode_brand": ClientIntake.from_request(_request(brand_name="Brød & Café — 東京 ☕")),
        "no_brand_model": ClientIntake(),
        "empty_brand_model": ClientIntake(brand_name="", pack="full_funnel"),
        "alias_request": ClientIntake.from_request({"company": "Alias Company", "goal": "other"}),
    }
    table = {}
    for name, intake in intakes.items():
        campaign, effects = db_effects(lambda: create_client(legacy_session, intake), legacy_session)
        assert load_intake(campaign) == intake
        # the returned row as the caller holds it (an aware UTC instant), then what the table stored
        table[name] = {"returned": campaign, "effects": effects}
    assert snapshot_json == table


def test_the_brief_of_an_intake_built_without_a_request(snapshot_json):
    """L-01: an intake model built directly (as load_intake does) gets the brief defaults, "Unknown" brand included."""
    intakes = {
        "no brand": ClientIntake(),
        "empty brand": ClientIntake(brand_name="", primary_goal="other", primary_customer=""),
        "whitespace brand": ClientIntake(brand_name="  ", target_audiences=["", "Second"]),
    }
    table = {name: intake.to_brief() for name, intake in intakes.items()}
    assert table["no brand"]["brand_name"] == table["empty brand"]["brand_name"] == spec.UNKNOWN_BRAND
    assert snapshot_json == table


def test_an_intake_loads_back_from_the_row(snapshot_json):
    """L-04: the stored intake JSON reads back; no JSON or an empty object reads as the default intake."""
    class Row:
        def __init__(self, intake_json: Any):
            self.intake_json = intake_json

    stored = ClientIntake.from_request(_request(brand_name=" Padded ", offers=["a", "a"]))
    table = {
        "stored": load_intake(Row(stored.model_dump_json())),
        "none": load_intake(Row(None)),
        "empty_text": load_intake(Row("")),
        "empty_object": load_intake(Row("{}")),
        "alias_keys_are_not_read": load_intake(Row(json.dumps({"brand": "Alias", "goal": "leads"}))),
    }
    assert table["stored"] == stored
    assert snapshot_json == table
