"""The integration event an evaluation raises: QcPassed or QcFailed, by its verdict."""
from __future__ import annotations

from typing import Union

from aicmo.qc.api import QcFailed, QcPassed, QcVerdict
from aicmo.qc.internal.ids import event_id_for
from aicmo.qc.internal.model import Evaluation
from aicmo.shared.ids import CorrelationId

__all__ = ["verdict_event"]


def verdict_event(evaluation: Evaluation) -> Union[QcPassed, QcFailed]:
    common = {
        "occurred_at": evaluation.evaluated_at,
        # the request carries no flow id; a client's journey is the flow, so its id stands in
        "correlation_id": CorrelationId(evaluation.client_id),
        "qc_result_id": evaluation.qc_result_id,
        "client_id": evaluation.client_id,
        "creative_set_id": evaluation.creative_set_id,
    }
    if evaluation.verdict is QcVerdict.QC_APPROVED:
        return QcPassed(event_id=event_id_for(evaluation.qc_result_id, "QcPassed"), **common)
    return QcFailed(event_id=event_id_for(evaluation.qc_result_id, "QcFailed"),
                    failing_creative_ids=evaluation.failing_creative_ids, **common)
