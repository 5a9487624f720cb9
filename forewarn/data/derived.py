"""Tables built from data files, kept on disk between processes.

Building the place gazetteer's tables from its TSV files takes over a second per process
(normalising 320,000 names); reading them back from a ``marshal`` file takes a quarter of
that. A derived file is named after a SHA-256 of the files it was built from, the module that
builds it, forewarn's version and Python's, so a changed data file, builder or upgrade
builds afresh; the file is written
under a temporary name and renamed, so concurrent processes never read half of one.
``marshal`` holds only plain values (no classes, no code run on load).

Where: ``$FOREWARN_CACHE_DIR``, else ``$XDG_CACHE_HOME/forewarn``, else
``~/.cache/forewarn``. ``FOREWARN_CACHE_DIR=`` (empty) turns the files off; a directory that
cannot be written is skipped silently (every process then builds its own tables).
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from forewarn import __version__
from forewarn.data import data_path

__all__ = ["cache_dir", "derived"]

T = TypeVar("T")


def cache_dir() -> Path | None:
    """Where derived tables are kept, or None when turned off."""
    configured = os.environ.get("FOREWARN_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "forewarn"


def derived(
    name: str,
    sources: Sequence[str],
    build: Callable[[], T],
    to_plain: Callable[[T], Any],
    from_plain: Callable[[Any], T],
) -> T:
    """``build()``'s value, read from the derived file of the data files ``sources`` when
    one is there, else built and written for the next process."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{_fingerprint(sources, build)}.marshal"
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of small tuples, none of them garbage
    try:
        return from_plain(marshal.loads(path.read_bytes()))
    except (OSError, ValueError, EOFError, TypeError, IndexError, KeyError):
        pass  # absent, unreadable or not what this version writes: built again below
    finally:
        if collecting:
            gc.enable()
    value = build()
    _write(path, marshal.dumps(to_plain(value)), stale=f"{name}-*.marshal")
    return value


def _fingerprint(sources: Sequence[str], build: Callable[[], Any]) -> str:
    digest = hashlib.sha256(f"{__version__}|{sys.version}".encode())
    builder = getattr(sys.modules.get(build.__module__), "__file__", None)
    if builder is not None:
        digest.update(Path(builder).read_bytes())
    for source in sources:
        digest.update(source.encode())
        digest.update(data_path(source).read_bytes())
    return digest.hexdigest()[:24]


def _write(path: Path, content: bytes, stale: str) -> None:
    """Write ``content`` to ``path`` whole or not at all, and drop older derived files of
    the same table; a read-only home or a full disk leaves the next process to build."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(stale):
            if old != path:
                old.unlink(missing_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
