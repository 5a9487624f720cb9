"""`make bench`: forewarn extract next to bare spaCy `nlp.pipe`, as whole processes.

Corpus: the news articles of ../shared/eval/attribution_articles.dev.jsonl when that file
is there (read in place, never copied), else the project's own test fixtures repeated.
Each side runs in its own subprocess, timed from start to exit (interpreter, imports, model
and gazetteer loads, extraction: what a user waits for), with its load and extraction also
timed inside; peak RSS is the process's own; both count the sentences they parsed. The
sides run alternately, each `BENCH_ROUNDS` times (default 2), and the fastest run of each
is reported: the machine's noise is a few percent either way. A first forewarn run may also
write the place tables' derived file (forewarn.data.derived), as a user's first run does.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "eval" / "attribution_articles.dev.jsonl"
FALLBACK_FIXTURES = ROOT / "tests" / "fixtures"
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "300"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))


def load_texts(limit: int) -> tuple[list[str], str]:
    if DEFAULT_CORPUS.exists():
        texts = []
        with DEFAULT_CORPUS.open(encoding="utf-8") as handle:
            for line in handle:
                texts.append(json.loads(line)["text"])
                if len(texts) == limit:
                    break
        return texts, f"{DEFAULT_CORPUS.name} (first {len(texts)} articles)"
    fixtures = sorted(p.read_text(encoding="utf-8") for p in FALLBACK_FIXTURES.glob("*.txt"))
    texts = (fixtures * (limit // max(len(fixtures), 1) + 1))[:limit]
    return texts, f"tests/fixtures/*.txt repeated to {len(texts)} articles"


def run_side(side: str) -> None:
    """Child process: time one side and print a JSON line."""
    texts, _ = load_texts(ARTICLES)
    started = time.perf_counter()
    sentences = 0
    if side == "spacy":
        from forewarn.nlp import load_base_model

        nlp = load_base_model()
        loaded = time.perf_counter()
        for doc in nlp.pipe(texts, batch_size=32):
            sentences += sum(1 for _ in doc.sents)
    else:
        from spacy.language import Language

        from forewarn.extractor import Extractor
        from forewarn.records import Article

        parsed = [0]

        @Language.component("bench_sentence_count")
        def count_sentences(doc):  # the last component: sees what the parser was given
            parsed[0] += sum(1 for _ in doc.sents)
            return doc

        extractor = Extractor()
        extractor.nlp.add_pipe("bench_sentence_count")
        loaded = time.perf_counter()
        articles = (
            Article(id=str(i), title=None, published="2016-01-01", text=t)
            for i, t in enumerate(texts)
        )
        for _ in extractor.extract_many(articles):
            pass
        sentences = parsed[0]
    finished = time.perf_counter()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    words = sum(len(t.split()) for t in texts)
    print(
        json.dumps(
            {
                "side": side,
                "articles": len(texts),
                "words": words,
                "sentences": sentences,
                "load_s": round(loaded - started, 2),
                "seconds": round(finished - loaded, 2),
                "peak_rss_mib": round(peak_kib / 1024, 1),
            }
        )
    )


def run_process(side: str) -> dict:
    """One whole process of ``side``: its own report plus its wall time, start to exit."""
    started = time.perf_counter()
    output = subprocess.run(
        [sys.executable, __file__, side], check=True, capture_output=True, text=True
    ).stdout
    row = json.loads(output.strip().splitlines()[-1])
    row["process_s"] = round(time.perf_counter() - started, 2)
    return row


def main() -> None:
    _, corpus = load_texts(ARTICLES)
    runs: dict[str, list[dict]] = {"spacy": [], "forewarn": []}
    for _ in range(ROUNDS):
        for side in runs:
            runs[side].append(run_process(side))
    best = {side: min(rows, key=lambda row: row["process_s"]) for side, rows in runs.items()}
    spacy_side, forewarn_side = best["spacy"], best["forewarn"]
    print(f"corpus: {corpus}, {spacy_side['words']} words")
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; fastest of {ROUNDS} alternate runs a side"
    )
    header = ("process s", "load s", "extract s", "articles/s", "sentences", "peak RSS MiB")
    print(f"{'':24}" + "".join(f"{h:>14}" for h in header))
    for name, row in (("spaCy nlp.pipe (bare)", spacy_side), ("forewarn extract", forewarn_side)):
        cells = (
            row["process_s"],
            row["load_s"],
            row["seconds"],
            round(row["articles"] / row["seconds"], 2),
            row["sentences"],
            row["peak_rss_mib"],
        )
        print(f"{name:24}" + "".join(f"{c:>14}" for c in cells))
    for side, rows in runs.items():
        print(f"{side} process seconds, every run: {[row['process_s'] for row in rows]}")
    whole = forewarn_side["process_s"] / spacy_side["process_s"]
    inner = forewarn_side["seconds"] / spacy_side["seconds"]
    print(f"time ratio forewarn / spaCy, whole processes: {whole:.2f} (target <= 1.0)")
    print(f"time ratio forewarn / spaCy, extraction alone: {inner:.2f}")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        run_side(sys.argv[1])
    else:
        main()
