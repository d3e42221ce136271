"""Durable client journeys: the journey as a DBOS Transact workflow, its port calls checkpointed steps or exactly-once
keyed calls."""
