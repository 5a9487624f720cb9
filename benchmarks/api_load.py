"""`make bench`: the JSON API under load (target: every list endpoint p99 < 300 ms).

A SQLite store of ``BENCH_API_EVENTS`` synthetic events (default 100,000; the reports of
benchmarks/incident_attach.py, attached to incidents as an ingest does) is served by
``forewarn serve --workers BENCH_API_WORKERS`` (default: one per core) as its own process;
``BENCH_API_CLIENTS`` clients (default 50, httpx async, in this process) ask for the first
page of every list endpoint, round-robin, with and without a filter, for
``BENCH_API_SECONDS`` seconds (default 30) in each of two runs:

- the desk: each client asks every ``BENCH_API_INTERVAL`` seconds (default 1: 50 clients
  offer 50 requests a second), as analysts clicking through pages would. A request's time
  runs from when it was due, so a server that falls behind is charged for the wait;
- saturation: each client asks again as soon as it has its answer (a closed loop). The
  latency is then set by the throughput: 50 clients / requests per second.

Prints p50 and p99 per endpoint, the errors (any status but 200, any failed request) and the
requests per second of each run. ``BENCH_API_STORE`` keeps the store at that path (built
there if missing, reused otherwise).
"""

from __future__ import annotations

import asyncio
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx
from incident_attach import synthetic_documents
from sqlalchemy import select

from forewarn.analysis.resolve import attach_events
from forewarn.store import open_store
from forewarn.store.schema import events
from forewarn.store.writer import write_documents

TOTAL = int(os.environ.get("BENCH_API_EVENTS", "100000"))
CLIENTS = int(os.environ.get("BENCH_API_CLIENTS", "50"))
SECONDS = float(os.environ.get("BENCH_API_SECONDS", "30"))
INTERVAL = float(os.environ.get("BENCH_API_INTERVAL", "1"))
WORKERS = int(os.environ.get("BENCH_API_WORKERS", str(os.cpu_count() or 1)))
KEPT_STORE = os.environ.get("BENCH_API_STORE")
TARGET_P99_MS = 300
ARTICLES_PER_BATCH = 200
EVENTS_PER_ARTICLE = 4

ENDPOINTS = [
    "/api/events",
    "/api/events?type=ASSAULT",
    "/api/events?actor=AAX&since=2022",
    "/api/claims",
    "/api/incidents",
    "/api/incidents?type=PROTEST&country=ABX",
    "/api/actors",
    "/api/alerts",
]


def build_store(path: Path) -> None:
    batches = TOTAL // (ARTICLES_PER_BATCH * EVENTS_PER_ARTICLE)
    with open_store(str(path)) as store:
        for batch in range(batches):
            documents = synthetic_documents(ARTICLES_PER_BATCH, batch, batches)
            with store.transaction() as connection:
                written = write_documents(connection, [(d, None) for d in documents], "bench")
                new = select(events.c.id).where(
                    events.c.article_id.in_([w.article_id for w in written])
                )
                attach_events(connection, list(connection.execute(new).scalars()))


Timings = dict[str, list[float]]
Errors = dict[str, list[str]]


async def client(
    http: httpx.AsyncClient,
    offset: int,
    start: float,
    deadline: float,
    timings: Timings,
    errors: Errors,
    paced: bool,
) -> None:
    """Ask for the endpoints in turn from ``start`` to ``deadline``: every INTERVAL seconds
    (``paced``, from a random moment of the first interval) or back to back."""
    turn = offset
    due = start + (random.Random(offset).uniform(0, INTERVAL) if paced else 0)
    while True:
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        if time.monotonic() >= deadline:
            return
        path = ENDPOINTS[turn % len(ENDPOINTS)]
        turn += 1
        started = due if paced else time.monotonic()
        due = started + INTERVAL if paced else 0
        try:
            response = await http.get(path)
        except httpx.HTTPError as problem:
            errors[path].append(type(problem).__name__)
            continue
        timings[path].append((time.monotonic() - started) * 1000)
        if response.status_code != 200:
            errors[path].append(str(response.status_code))


async def load(base: str, paced: bool) -> tuple[Timings, Errors]:
    timings: Timings = defaultdict(list)
    errors: Errors = defaultdict(list)
    # Every client (its own connection) is made before the clock starts: making 50 takes
    # about a second here, which would otherwise send their first requests in one burst.
    clients = [httpx.AsyncClient(base_url=base, timeout=30) for _ in range(CLIENTS)]
    try:
        # Warm-up, not measured: every endpoint asked by every client once, so that each
        # server process has its modules loaded, its connections open and the alerts stored.
        await asyncio.gather(
            *(c.get(ENDPOINTS[n % len(ENDPOINTS)], timeout=600) for n, c in enumerate(clients))
        )
        start = time.monotonic()
        deadline = start + SECONDS
        await asyncio.gather(
            *(
                client(http, n, start, deadline, timings, errors, paced)
                for n, http in enumerate(clients)
            )
        )
    finally:
        for http in clients:
            await http.aclose()
    return timings, errors


def serve(path: Path, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "forewarn", "serve", "--db", str(path), "--port", str(port)]
        + ["--workers", str(WORKERS)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=60)
            return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("forewarn serve did not start")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="forewarn-api-") as folder:
        path = Path(KEPT_STORE) if KEPT_STORE else Path(folder) / "api.db"
        if not path.exists():
            started = time.perf_counter()
            build_store(path)
            took = time.perf_counter() - started
            print(f"store: {TOTAL:,} events in {took:.0f} s", file=sys.stderr)
        port = _free_port()
        server = serve(path, port)
        try:
            runs = [
                (f"the desk: a request every {INTERVAL:g} s per client", True),
                ("saturation: back to back", False),
            ]
            results = []
            for title, paced in runs:
                cpu_before = _cpu_seconds(server.pid), _own_cpu_seconds()
                load_before = os.getloadavg()[0]
                outcome = asyncio.run(load(f"http://127.0.0.1:{port}", paced))
                cpu = (
                    _cpu_seconds(server.pid) - cpu_before[0],
                    _own_cpu_seconds() - cpu_before[1],
                )
                results.append((title, outcome, cpu, load_before, os.getloadavg()[0]))
        finally:
            server.terminate()
            server.wait(timeout=30)
    for title, (timings, errors), cpu, load_before, load_after in results:
        answered = sum(len(times) for times in timings.values())
        print(
            f"\nAPI load, {title}: {CLIENTS} clients for {SECONDS:.0f} s, {TOTAL:,} events "
            f"(SQLite), {WORKERS} server process(es): {answered / SECONDS:.0f} requests/s; "
            f"CPU a request: server {cpu[0] / max(answered, 1) * 1000:.1f} ms "
            f"({cpu[0] / SECONDS:.2f} cores), clients {cpu[1] / max(answered, 1) * 1000:.1f} "
            f"ms ({cpu[1] / SECONDS:.2f} cores); load average {load_before:.1f} before, "
            f"{load_after:.1f} after"
        )
        print(f"{'endpoint':44}{'requests':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
        for path in ENDPOINTS:
            times = sorted(timings[path])
            p50 = statistics.median(times) if times else float("nan")
            p99 = times[int(len(times) * 0.99)] if times else float("nan")
            flag = "" if p99 < TARGET_P99_MS else f"  (over {TARGET_P99_MS} ms)"
            print(f"{path:44}{len(times):>9}{p50:>9.1f}{p99:>9.1f}{len(errors[path]):>8}{flag}")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of process ``pid`` and its children (uvicorn's workers), from /proc
    (Linux; 0 elsewhere): a run's server CPU per request, whatever else the machine runs."""
    total = 0.0
    try:
        pids = [pid] + [
            int(child)
            for task in Path(f"/proc/{pid}/task").iterdir()
            for child in (task / "children").read_text().split()
        ]
        for one in pids:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        return 0.0
    return total


def _own_cpu_seconds() -> float:
    """User + system CPU of this process (the clients) so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


if __name__ == "__main__":
    main()
