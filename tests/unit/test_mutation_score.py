"""The mutation score's verdict: unlisted survivors, stale equivalents and a low score each fail the run."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def score():
    sys.path.insert(0, str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location("mutation_score", BENCHMARKS / "mutation_score.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name)
    sys.path.remove(str(BENCHMARKS))


def mutants(score, killed: int, survived: tuple[str, ...] = (), timed_out: int = 0):
    made = [score.Mutant(f"backend.services.billing.x_tax_rate__mutmut_{n}", "killed", "backend/services/billing.py", "billing") for n in range(killed)]
    made += [score.Mutant(f"backend.services.billing.x_slow__mutmut_{n}", "timed out", "backend/services/billing.py", "billing") for n in range(timed_out)]
    made += [score.Mutant(name, "survived", "backend/services/billing.py", "billing") for name in survived]
    return made


def test_a_listed_survivor_above_the_goal_passes(score):
    """98 caught of 100, the two survivors listed as equivalent: no problem; timeouts count as caught."""
    figures = score.assess(mutants(score, 97, ("a", "b"), timed_out=1), {"a": ("billing.toml", "r"), "b": ("billing.toml", "r")})
    assert [] == figures["problems"]
    assert (0.98, 97, 1, 2, 2) == (figures["caught_share"], figures["killed"], figures["timed_out"], figures["survived"], figures["equivalent"])


def test_an_unlisted_survivor_is_a_problem(score):
    """A survivor nobody explained fails the run, named."""
    figures = score.assess(mutants(score, 99, ("a",)), {})
    assert ["survives and is not listed as equivalent: a (survived)"] == figures["problems"]


def test_a_listed_mutant_that_is_caught_is_a_problem(score):
    """An equivalence claim that a test disproves must go."""
    figures = score.assess(mutants(score, 100), {"backend.services.billing.x_tax_rate__mutmut_3": ("billing.toml", "r")})
    assert ["listed as equivalent but caught: backend.services.billing.x_tax_rate__mutmut_3"] == figures["problems"]


def test_a_listed_mutant_mutmut_does_not_make_is_a_problem(score):
    """A name that matches no mutant (a typo, or another mutmut version) is stale."""
    figures = score.assess(mutants(score, 100), {"nope": ("billing.toml", "r")})
    assert ["listed as equivalent but mutmut generates no such mutant: nope"] == figures["problems"]


def test_below_the_goal_fails_even_when_every_survivor_is_listed(score):
    """96% caught is below the 97% goal, whatever the reasons."""
    names = tuple(f"s{n}" for n in range(4))
    figures = score.assess(mutants(score, 96, names), {n: ("billing.toml", "r") for n in names})
    assert ["caught 96.0% of the mutants, below the 97% goal"] == figures["problems"]


def test_a_legacy_file_belongs_to_its_module(score):
    """The owner of a mutated file comes from the boundaries' legacy map; the god module is its own."""
    legacy_map = {"backend.services.cam": "cam", "backend": "legacy-infra", "aicmo.operator_services": "orchestration"}
    assert "cam" == score.owner_of("backend/services/cam/scoring.py", legacy_map)
    assert "domain" == score.owner_of("aicmo/domain/intake.py", legacy_map)
    assert "orchestration" == score.owner_of("aicmo/operator_services.py", legacy_map)
