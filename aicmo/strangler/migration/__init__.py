"""Migrating a module: the audited, gated route changes and the status of every module."""
from aicmo.strangler.migration.changes import (
    change_route,
    check_module,
    check_override,
    check_rollout,
    current_route,
    promote_module,
    rollback_module,
    set_kill_switch,
    set_rollout,
    set_tenant_override,
)
from aicmo.strangler.migration.errors import ChangeRefused, InvalidChange, PromotionRefused, UnknownModule
from aicmo.strangler.migration.policy import PromotionPolicy
from aicmo.strangler.migration.report import markdown_report
from aicmo.strangler.migration.status import ModuleStatus, declared_divergences, migration_status, status_document

__all__ = [
    "ChangeRefused",
    "InvalidChange",
    "ModuleStatus",
    "PromotionPolicy",
    "PromotionRefused",
    "UnknownModule",
    "change_route",
    "check_module",
    "check_override",
    "check_rollout",
    "current_route",
    "declared_divergences",
    "markdown_report",
    "migration_status",
    "promote_module",
    "rollback_module",
    "set_kill_switch",
    "set_rollout",
    "set_tenant_override",
    "status_document",
]
