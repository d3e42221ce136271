"""Port bundles with one module on its new implementation, every other port on the legacy ACL.

The tests' stand-in for the router's `new` route until the composition root wires routes.
"""
from __future__ import annotations

import dataclasses

from aicmo.orchestration import bootstrap
from aicmo.orchestration.ports import ModulePorts
from aicmo.shared.clock import SystemClock


def ports_with_new_qc(*, legacy_view: bool = True) -> ModulePorts:
    """qc on its new implementation, on a fresh in-memory database of its own.

    With ``legacy_view`` the legacy columns of QC results are kept in sync (spec Q-09), so the
    legacy readers see what they saw with the ACL.
    """
    from acl.qc.legacy_view_sync import QcWithLegacyView
    from aicmo.qc.internal.bootstrap import build_qc

    legacy = bootstrap.legacy_ports()
    # SystemClock reads datetime.now, which the fixed_clock fixture freezes as it does for legacy
    qc = build_qc("sqlite://", SystemClock(), production=legacy.production)
    return dataclasses.replace(legacy, qc=QcWithLegacyView(qc) if legacy_view else qc)
