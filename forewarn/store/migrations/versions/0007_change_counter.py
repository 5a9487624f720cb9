"""a change counter for the stored alerts' inputs

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 18:00:00.000000

The stored alerts are computed from the incidents and from the days the articles were
published. Triggers count every change to either, in the changing transaction, so that
"have the alerts' inputs changed since they were computed?" is one row read: the web API
reads the stored alerts without taking SQLite's write lock, and without the 60-second
window the old fingerprint (incidents' count, id sum and last update stamp) had to leave
for a writer whose stamps were older than its commit.

A later migration that rebuilds ``incidents`` or ``articles`` (SQLite's batch mode copies a
table into a new one) drops their triggers: it must create them again
(``create_change_triggers``); tests/store/test_alerts.py checks every change is counted.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

COUNTER = "alert_inputs"
# (table, the SQLite trigger's events): every change to an incident; an article added,
# removed or published on another day.
_WATCHED = (
    ("incidents", ("INSERT", "UPDATE", "DELETE")),
    ("articles", ("INSERT", "UPDATE OF published", "DELETE")),
)
_BUMP = f"UPDATE change_counters SET value = value + 1 WHERE name = '{COUNTER}'"


def create_change_triggers() -> None:
    """The triggers that count changes to the alerts' inputs (see the module's docstring)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION forewarn_count_alert_inputs() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN {_BUMP}; RETURN NULL; END $$"
        )
        for table, _ in _WATCHED:
            # One bump per statement: a batch's thousand inserts cost one row update.
            op.execute(
                f"CREATE TRIGGER tr_{table}_count_changes AFTER INSERT OR UPDATE OR DELETE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION forewarn_count_alert_inputs()"
            )
        return
    for table, kinds in _WATCHED:
        for kind in kinds:
            name = f"tr_{table}_{kind.split()[0].lower()}_count_changes"
            op.execute(f"CREATE TRIGGER {name} AFTER {kind} ON {table} BEGIN {_BUMP}; END")


def drop_change_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, _ in _WATCHED:
            op.execute(f"DROP TRIGGER IF EXISTS tr_{table}_count_changes ON {table}")
        op.execute("DROP FUNCTION IF EXISTS forewarn_count_alert_inputs()")
        return
    for table, kinds in _WATCHED:
        for kind in kinds:
            op.execute(f"DROP TRIGGER IF EXISTS tr_{table}_{kind.split()[0].lower()}_count_changes")


def upgrade() -> None:
    counters = op.create_table(
        "change_counters",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_change_counters")),
    )
    op.bulk_insert(counters, [{"name": COUNTER, "value": 0}])
    create_change_triggers()


def downgrade() -> None:
    drop_change_triggers()
    op.drop_table("change_counters")
