"""change counters: the stored alerts' inputs, the actors' links

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 18:00:00.000000

The stored alerts are computed from the incidents and from the days the articles were
published. Triggers count every change to either, in the changing transaction, so that
"have the alerts' inputs changed since they were computed?" is one row read: the web API
reads the stored alerts without taking SQLite's write lock, and without the 60-second
window the old fingerprint (incidents' count, id sum and last update stamp) had to leave
for a writer whose stamps were older than its commit. A second counter does the same for
the actors' counts (their events and claims), which a Database then keeps in memory until
the counter moves.

A later migration that rebuilds a watched table (SQLite's batch mode copies a table into a
new one) drops its triggers: it must create them again (``create_change_triggers``);
tests/store/test_change_counters.py checks that every change is counted.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# What each counter counts: (table, the triggers' events). "alert_inputs": what the stored
# alerts are computed from (incidents, the days articles were published) and the links from
# their incidents to claims; "actor_links": what actor counts are made of.
WATCHED = {
    "alert_inputs": (
        ("incidents", ("INSERT", "UPDATE", "DELETE")),
        ("incident_events", ("INSERT", "UPDATE", "DELETE")),
        ("articles", ("INSERT", "UPDATE OF published", "DELETE")),
        # an alert lists the claims behind its incidents: a claim gone, an event's claim unset
        ("claims", ("DELETE",)),
        ("events", ("UPDATE OF claim_id",)),
    ),
    "actor_links": (
        ("actors", ("INSERT", "UPDATE", "DELETE")),
        ("event_actors", ("INSERT", "UPDATE", "DELETE")),
        ("claims", ("INSERT", "UPDATE OF speaker_id", "DELETE")),
    ),
}


def _bump(counter: str) -> str:
    return f"UPDATE change_counters SET value = value + 1 WHERE name = '{counter}'"


def _sqlite_trigger(counter: str, table: str, kind: str) -> str:
    return f"tr_{table}_{kind.split()[0].lower()}_counts_{counter}"


def create_change_triggers() -> None:
    """The triggers that bump the counters (see the module's docstring)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION forewarn_count_change() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN UPDATE change_counters SET value = value + 1 "
            "WHERE name = TG_ARGV[0]; RETURN NULL; END $$"
        )
        for counter, tables in WATCHED.items():
            for table, kinds in tables:
                # One bump per statement: a batch's thousand inserts cost one row update.
                op.execute(
                    f"CREATE TRIGGER tr_{table}_counts_{counter} AFTER {' OR '.join(kinds)} "
                    f"ON {table} FOR EACH STATEMENT "
                    f"EXECUTE FUNCTION forewarn_count_change('{counter}')"
                )
        return
    for counter, tables in WATCHED.items():
        for table, kinds in tables:
            for kind in kinds:
                op.execute(
                    f"CREATE TRIGGER {_sqlite_trigger(counter, table, kind)} AFTER {kind} "
                    f"ON {table} BEGIN {_bump(counter)}; END"
                )


def drop_change_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for counter, tables in WATCHED.items():
            for table, _ in tables:
                op.execute(f"DROP TRIGGER IF EXISTS tr_{table}_counts_{counter} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS forewarn_count_change()")
        return
    for counter, tables in WATCHED.items():
        for table, kinds in tables:
            for kind in kinds:
                op.execute(f"DROP TRIGGER IF EXISTS {_sqlite_trigger(counter, table, kind)}")


def upgrade() -> None:
    counters = op.create_table(
        "change_counters",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_change_counters")),
    )
    op.bulk_insert(counters, [{"name": counter, "value": 0} for counter in WATCHED])
    create_change_triggers()


def downgrade() -> None:
    drop_change_triggers()
    op.drop_table("change_counters")
