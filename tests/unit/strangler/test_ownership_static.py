"""`aicmo ownership check` on a small planted tree: each kind of write to another module's table is found."""
from __future__ import annotations

import textwrap

import pytest
from typer.testing import CliRunner

from aicmo.cli_support.ownership_cmd import app
from aicmo.strangler.boundaries import load_config
from aicmo.strangler.ownership import check

PYPROJECT = """
[tool.aicmo]
modules = { billing = [], delivery = ["billing"] }
legacy_tables = { billing_invoices = "billing" }

[tool.aicmo.boundaries]
packages = ["ledger"]
module_prefix = "ledger"

[tool.aicmo.ownership]
baseline = "ownership-baseline.json"
"""

MODELS = '''
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


class InvoiceRow(Base):
    __tablename__ = "billing_invoices"


def make_invoice() -> InvoiceRow:
    return InvoiceRow()
'''

HEADER = """
from sqlalchemy import delete, insert, select, text, update
from ledger.billing.internal.models import InvoiceRow, make_invoice
from aicmo.shared.persistence.ownership import register_table

register_table("delivery_notes", "delivery")
"""


@pytest.fixture
def ledger(tmp_path):
    """A tree with billing's invoice model and an empty delivery module."""
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    for package in ("ledger", "ledger/billing", "ledger/billing/internal", "ledger/delivery"):
        (tmp_path / package).mkdir(parents=True)
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "ledger/billing/internal/models.py").write_text(MODELS)
    return tmp_path


def plant(root, body):
    (root / "ledger/delivery/service.py").write_text(HEADER + textwrap.dedent(body))
    return [(f.rule, f.key) for f in check(load_config(root))]


@pytest.mark.parametrize(
    "body",
    [
        "def work(session):\n    session.add(InvoiceRow(id='1'))\n",
        "def work(session):\n    invoice = make_invoice()\n    session.add(invoice)\n",
        "def work(session, row: InvoiceRow):\n    row.status = 'paid'\n",
        "def work(session, rows: list[InvoiceRow]):\n    for row in [r for r in rows if r]:\n        row.total += 1\n",
        "def work(session):\n    row = session.get(InvoiceRow, '1')\n    row.status = 'void'\n",
        "def work(session):\n    for row in session.scalars(select(InvoiceRow)):\n        setattr(row, 'status', 'x')\n",
        "def work(session):\n    session.delete(session.get(InvoiceRow, '1'))\n",
        "def work(session):\n    session.execute(update(InvoiceRow).values(status='x'))\n",
        "def work(session):\n    session.execute(insert(InvoiceRow), [{'id': '1'}])\n",
        "def work(session):\n    session.execute(delete(InvoiceRow))\n",
        "def work(session):\n    session.execute(InvoiceRow.__table__.update())\n",
        "def work(session):\n    session.query(InvoiceRow).filter_by(id='1').delete()\n",
        "def work(session):\n    session.bulk_insert_mappings(InvoiceRow, [{'id': '1'}])\n",
        "def work(session):\n    session.execute(text('UPDATE billing_invoices SET status = 1'))\n",
    ],
    ids=["add-new", "add-returned", "attribute", "loop-comprehension", "get", "setattr", "delete-object",
         "update-stmt", "insert-stmt", "delete-stmt", "core-table", "query-delete", "bulk", "raw-sql"],
)
def test_a_write_to_another_modules_table_is_found(ledger, body):
    """delivery writing billing's table is a foreign-write finding keyed by function and table."""
    assert [("foreign-write", "foreign-write:ledger.delivery.service.work->billing_invoices")] == plant(ledger, body)


def test_reads_and_own_tables_are_not_findings(ledger):
    """Selecting another module's rows, and writing a table the module registered, pass."""
    body = """
    def read(session):
        return list(session.scalars(select(InvoiceRow)))

    def note(session):
        session.execute(text("INSERT INTO delivery_notes (id) VALUES (1)"))
    """
    assert [] == plant(ledger, body)


def test_a_table_without_an_owner_is_found(ledger):
    """A mapped table that nobody registered is a finding where it is declared."""
    (ledger / "ledger/billing/internal/extra.py").write_text(
        "class NoteRow:\n    __tablename__ = 'stray_notes'\n\ndef make():\n    return NoteRow()\n"
    )
    assert [("unowned-table", "unowned-table:stray_notes")] == plant(ledger, "")


def test_a_table_with_two_owners_is_found(ledger):
    """Registering billing's table to delivery is a finding."""
    assert [("two-owners", "two-owners:billing_invoices")] == plant(ledger, 'register_table("billing_invoices", "delivery")\n')


def _declare_owner(root, table: str, owner: str) -> None:
    declared = 'legacy_tables = { billing_invoices = "billing" }'
    (root / "pyproject.toml").write_text(PYPROJECT.replace(declared, f'legacy_tables = {{ billing_invoices = "billing", {table} = "{owner}" }}'))


def test_the_owners_are_the_checked_projects_configuration(ledger):
    """A legacy table declared to delivery in [tool.aicmo.legacy_tables]: billing writing it is a foreign write."""
    (ledger / "ledger/billing/ledger.py").write_text("from sqlalchemy import text\n\n\ndef close(session):\n"
                                                     "    session.execute(text('UPDATE ledger_entries SET closed = 1'))\n")
    assert [] == plant(ledger, "")  # no owner declared: a raw write to an unknown table is nobody's
    _declare_owner(ledger, "ledger_entries", "delivery")
    assert [("foreign-write", "foreign-write:ledger.billing.ledger.close->ledger_entries")] == plant(ledger, "")
    _declare_owner(ledger, "ledger_entries", "billing")
    assert [] == plant(ledger, "")


def test_a_table_the_configuration_and_the_code_give_two_owners_is_found(ledger):
    """[tool.aicmo.legacy_tables] says billing, the code registers it to delivery: a two-owners finding."""
    _declare_owner(ledger, "delivery_notes", "billing")
    assert [("two-owners", "two-owners:delivery_notes")] == plant(ledger, "")


def test_the_ownership_command_refuses_a_bad_owner_in_the_configuration(ledger):
    """An owner that is not a module is bad input: exit 2 naming the key."""
    _declare_owner(ledger, "ledger_entries", "shipping")
    result = CliRunner().invoke(app, ["check", "--root", str(ledger)])
    assert 2 == result.exit_code
    assert "tool.aicmo.legacy_tables.ledger_entries: owner 'shipping' is not a module" in result.output


def test_the_ownership_command_ratchets_like_the_boundaries_one(ledger):
    """A new foreign write exits 1; after --accept-new --reason it passes; removing it leaves a stale entry."""
    runner = CliRunner()
    plant(ledger, "def work(row: InvoiceRow):\n    row.status = 'x'\n")
    root = ["--root", str(ledger)]
    assert 1 == runner.invoke(app, ["check", *root]).exit_code
    assert 0 == runner.invoke(app, ["baseline", "--accept-new", "--reason", "Q-12", *root]).exit_code
    assert 0 == runner.invoke(app, ["check", *root]).exit_code
    plant(ledger, "")
    result = runner.invoke(app, ["check", *root])
    assert 1 == result.exit_code and "stale baseline entry" in result.output
    assert 0 == runner.invoke(app, ["baseline", "--prune", *root]).exit_code
    assert 0 == runner.invoke(app, ["check", *root]).exit_code
