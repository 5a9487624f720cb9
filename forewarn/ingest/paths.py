"""Which files the inputs name: paths as given, folders walked, glob patterns expanded.

Folders and recursive patterns (``crawl/**/*.warc.gz``) follow links to folders, as a reader
of a crawl expects, but enter each real folder once, known by its device and inode: a link
back up the tree (``ln -s . loop``) neither repeats files nor walks forever. Everything is
streamed: a folder is listed when the walk reaches it, not all before the first file is read.
A folder that cannot be listed is an :class:`InputFailure` naming it, and the walk goes on.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from forewarn.ingest.inputs import InputFailure, describe_os_error

__all__ = ["STDIN", "expand_patterns", "unreadable", "walk_files"]

# The path that names standard input, as in most Unix tools ("./-" names a file called "-").
STDIN = "-"

_GLOB_RE = re.compile(r"[*?\[]")
_RECURSIVE = "**"


def expand_patterns(paths: Sequence[str | Path]) -> Iterator[Path | InputFailure]:
    """Paths as given, with glob patterns the shell did not expand (quoted ones) expanded.

    A pattern with ``**`` is matched against the files of a loop-safe walk of the folder
    before its first wildcard (:func:`walk_files`), so it finds what naming that folder would;
    other patterns go to :func:`glob.glob`, which does not descend into folders.
    """
    for given in paths:
        path = Path(given)
        if str(given) == STDIN or os.path.lexists(path) or not _GLOB_RE.search(str(given)):
            yield path
            continue
        found = False
        for match in _glob(str(given)):
            found = found or isinstance(match, Path)
            yield match
        if not found:
            yield InputFailure(str(given), f"{given}: no file matches this pattern", "failed")


def _glob(pattern: str) -> Iterator[Path | InputFailure]:
    parts = Path(pattern).parts
    if _RECURSIVE not in parts:
        yield from (Path(match) for match in sorted(glob.glob(pattern)))
        return
    fixed = next(index for index, part in enumerate(parts) if _GLOB_RE.search(part))
    folder = Path(*parts[:fixed]) if fixed else Path()
    if not folder.is_dir():
        return
    for item in walk_files(folder):
        # An unreadable folder is reported whether or not its files would have matched.
        if isinstance(item, InputFailure) or _parts_match(
            item.relative_to(folder).parts, parts[fixed:]
        ):
            yield item


def _parts_match(names: tuple[str, ...], patterns: tuple[str, ...]) -> bool:
    """Whether a relative path's names match a pattern's parts; ``**`` spans 0 or more names."""
    if not patterns:
        return not names
    if patterns[0] == _RECURSIVE:
        return any(_parts_match(names[skip:], patterns[1:]) for skip in range(len(names) + 1))
    return (
        bool(names)
        and fnmatch.fnmatchcase(names[0], patterns[0])
        and _parts_match(names[1:], patterns[1:])
    )


def walk_files(
    folder: Path, seen: set[tuple[int, int]] | None = None
) -> Iterator[Path | InputFailure]:
    """The files under ``folder`` in sorted order, hidden ones left out, as they are found."""
    seen = set() if seen is None else seen
    try:
        info = folder.stat()
        if (info.st_dev, info.st_ino) in seen:
            return
        seen.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as problem:
        yield unreadable(folder, problem)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = folder / entry.name
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError as problem:
            yield unreadable(child, problem)
            continue
        if is_dir:
            yield from walk_files(child, seen)
        elif is_file:
            yield child


def unreadable(path: str | Path, problem: OSError) -> InputFailure:
    """The failure of a file or folder the system would not let us read."""
    return InputFailure(
        str(path), f"{path}: cannot be read ({describe_os_error(problem)})", "failed"
    )
