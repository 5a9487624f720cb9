"""`make bench`: `forewarn ingest` into SQLite next to bare spaCy, and Ray with 2 workers vs 1.

Corpus (built in a temporary folder, never in the repo): the 924 PolNeAR news articles of
../shared/eval/attribution_articles.dev.jsonl as one JSONL batch, plus the 77 news pages of
../shared/eval/ingest_pages (HTML, gzip) — 1,001 articles in two input formats.
``BENCH_ARTICLES=N`` takes the first N instead. Each side runs in its own process so that
its peak RSS is its own; model loading is timed apart where the side allows it.
"""

from __future__ import annotations

import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "1001"))
_ID_DATE_RE = re.compile(r"_(\d{4}-\d{2}-\d{2})_")


def build_corpus(folder: Path, limit: int) -> tuple[list[Path], str]:
    """Write the corpus files into ``folder``; return the input paths and a description."""
    polnear = EVAL / "attribution_articles.dev.jsonl"
    pages = EVAL / "ingest_pages.dev.jsonl"
    if not polnear.exists():
        sys.exit(f"{polnear}: not found (the benchmark corpus comes from ../shared/eval)")
    batch = folder / "polnear.jsonl"
    written = 0
    with polnear.open(encoding="utf-8") as source, batch.open("w", encoding="utf-8") as out:
        for line in source:
            if written == limit:
                break
            row = json.loads(line)
            dated = _ID_DATE_RE.search(row["id"])
            record = {"id": row["id"], "text": row["text"]}
            if dated:
                record["published"] = dated.group(1)
            out.write(json.dumps(record) + "\n")
            written += 1
    html_dir = folder / "pages"
    html_dir.mkdir()
    pages_written = 0
    if pages.exists():
        with pages.open(encoding="utf-8") as source:
            for line in source:
                if written + pages_written == limit:
                    break
                row = json.loads(line)
                shutil.copy(EVAL / row["file"], html_dir / Path(row["file"]).name)
                pages_written += 1
    description = (
        f"{written} PolNeAR articles (JSONL) + {pages_written} news pages (HTML .gz) "
        f"= {written + pages_written} articles"
    )
    return [batch, html_dir], description


def corpus_texts(paths: list[Path]) -> list[str]:
    """The cleaned article texts, as the ingest sees them (for the bare spaCy side)."""
    from forewarn.pipeline import PreparedInput, prepare_inputs

    return [item.article.text for item in prepare_inputs(paths) if isinstance(item, PreparedInput)]


def run_side(side: str, paths: list[Path], db: str) -> dict:
    """Child process: run one side, return its measurements."""
    if side == "spacy":
        texts = corpus_texts(paths)
        started = time.perf_counter()
        from forewarn.nlp import load_base_model

        nlp = load_base_model()
        loaded = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32):
            pass
        count = len(texts)
    else:
        from forewarn.pipeline import LocalEngine, ingest
        from forewarn.settings import Settings
        from forewarn.store import open_store

        started = time.perf_counter()
        if side == "ingest":
            from forewarn.extractor import Extractor

            engine = LocalEngine(Extractor())
        else:
            from forewarn.scale.ray_engine import RayEngine

            engine = RayEngine(Settings(), workers=int(side.removeprefix("ray")))
        loaded = time.perf_counter()
        with open_store(db) as store:
            summary = ingest(paths, store, engine, max_input_bytes=Settings().max_input_bytes)
        count = summary.new
    finished = time.perf_counter()
    return {
        "side": side,
        "articles": count,
        "load_s": round(loaded - started, 2),
        "seconds": round(finished - loaded, 2),
        "articles_per_s": round(count / (finished - loaded), 2),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="forewarn-bench-") as tmp:
        folder = Path(tmp)
        paths, description = build_corpus(folder, ARTICLES)
        results = {}
        for side in ("spacy", "ingest", "ray1", "ray2"):
            db = str(folder / f"{side}.db")
            arguments = [sys.executable, __file__, side, db, *map(str, paths)]
            output = subprocess.run(arguments, check=True, capture_output=True, text=True)
            results[side] = json.loads(output.stdout.strip().splitlines()[-1])
            print(f"  {side}: {results[side]}", file=sys.stderr)
    print(f"corpus: {description}")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"{'':34}{'articles':>9}{'articles/s':>12}{'seconds':>10}{'load s':>9}{'RSS MiB':>9}")
    labels = {
        "spacy": "spaCy nlp.pipe (bare)",
        "ingest": "forewarn ingest → SQLite",
        "ray1": "forewarn ingest --engine ray (1)",
        "ray2": "forewarn ingest --engine ray (2)",
    }
    for side, label in labels.items():
        row = results[side]
        print(
            f"{label:34}{row['articles']:>9}{row['articles_per_s']:>12}{row['seconds']:>10}"
            f"{row['load_s']:>9}{row['peak_rss_mib']:>9}"
        )
    ratio = results["ingest"]["seconds"] / results["spacy"]["seconds"]
    speedup = results["ray1"]["seconds"] / results["ray2"]["seconds"]
    print(f"time ratio ingest / spaCy: {ratio:.2f} (target <= 1.5, ambition <= 1.0)")
    print(f"Ray speed-up 2 workers / 1: {speedup:.2f}")
    print("(Ray RSS is the driver's; each worker holds its own model, ~1 GB.)")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        side, db, *inputs = sys.argv[1:]
        print(json.dumps(run_side(side, [Path(p) for p in inputs], db)))
    else:
        main()
