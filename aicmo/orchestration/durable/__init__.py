"""Durable client journeys: the journey as a DBOS Transact workflow, each port call a checkpointed step."""
