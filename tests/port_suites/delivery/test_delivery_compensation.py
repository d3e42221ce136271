"""withdraw_package: delivery's compensation of deliver_package; the zip is moved aside."""
from __future__ import annotations

import hashlib
import os

import pytest

from aicmo.delivery.api import PackageStatus
from aicmo.shared.compensation import CompensationStatus
from tests.port_suites.builders import UNKNOWN

pytestmark = pytest.mark.aicmo_evidence(module="delivery", suite="contract")


def digest(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def test_a_withdrawn_package_is_marked_and_its_zip_moved_aside(ports, outcome):
    """The row says withdrawn and names the moved zip; the delivered path is empty; the bytes are kept."""
    package = outcome.package
    delivered_bytes = digest(package.path)
    result = ports.delivery.withdraw_package(package.package_id, "withdraw")
    after = ports.delivery.get_package(package.package_id)
    assert (CompensationStatus.COMPENSATED, PackageStatus.WITHDRAWN) == (result.status, after.status)
    assert not os.path.exists(package.path)
    assert (after.path.endswith(".withdrawn"), delivered_bytes) == (True, digest(after.path))


def test_withdrawing_twice_withdraws_once(ports, outcome):
    """The same key answers as the first call; another key finds it ALREADY_COMPENSATED and moves nothing."""
    package_id = outcome.package.package_id
    first = ports.delivery.withdraw_package(package_id, "withdraw")
    aside = ports.delivery.get_package(package_id).path
    assert first == ports.delivery.withdraw_package(package_id, "withdraw")
    assert CompensationStatus.ALREADY_COMPENSATED is ports.delivery.withdraw_package(package_id, "withdraw-again").status
    assert (aside, True) == (ports.delivery.get_package(package_id).path, os.path.exists(aside))


def test_a_zip_already_gone_still_withdraws_the_package(ports, outcome):
    """Planted: the zip was moved but the row's commit was lost (a crash); withdrawal finishes the row."""
    package = outcome.package
    os.replace(package.path, f"{package.path}.{package.package_id}.withdrawn")
    result = ports.delivery.withdraw_package(package.package_id, "withdraw")
    after = ports.delivery.get_package(package.package_id)
    assert (CompensationStatus.COMPENSATED, PackageStatus.WITHDRAWN, True) == (result.status, after.status, os.path.exists(after.path))


def test_withdrawing_an_unknown_package_is_a_no_op(ports):
    """A package that was never delivered: NOTHING_TO_COMPENSATE, not an error."""
    assert CompensationStatus.NOTHING_TO_COMPENSATE is ports.delivery.withdraw_package(UNKNOWN, "withdraw").status
