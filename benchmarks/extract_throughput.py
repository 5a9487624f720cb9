"""`make bench`: forewarn extract articles/s and peak memory next to bare spaCy `nlp.pipe`.

Corpus: the news articles of ../shared/eval/attribution_articles.dev.jsonl when that file
is there (read in place, never copied), else the project's own test fixtures repeated.
Each side runs in its own subprocess so that peak RSS is its own. Warm-up (model load) is
excluded from the timed part and reported separately.
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
    if side == "spacy":
        from forewarn.nlp import load_base_model

        nlp = load_base_model()
        loaded = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32):
            pass
    else:
        from forewarn.extractor import Extractor
        from forewarn.records import Article

        extractor = Extractor()
        loaded = time.perf_counter()
        articles = (
            Article(id=str(i), title=None, published="2016-01-01", text=t)
            for i, t in enumerate(texts)
        )
        for _ in extractor.extract_many(articles):
            pass
    finished = time.perf_counter()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    words = sum(len(t.split()) for t in texts)
    print(
        json.dumps(
            {
                "side": side,
                "articles": len(texts),
                "words": words,
                "load_s": round(loaded - started, 2),
                "seconds": round(finished - loaded, 2),
                "articles_per_s": round(len(texts) / (finished - loaded), 2),
                "peak_rss_mib": round(peak_kib / 1024, 1),
            }
        )
    )


def main() -> None:
    _, corpus = load_texts(ARTICLES)
    results = {}
    for side in ("spacy", "forewarn"):
        output = subprocess.run(
            [sys.executable, __file__, side], check=True, capture_output=True, text=True
        ).stdout
        results[side] = json.loads(output.strip().splitlines()[-1])
    spacy_side, forewarn_side = results["spacy"], results["forewarn"]
    ratio = forewarn_side["seconds"] / spacy_side["seconds"]
    print(f"corpus: {corpus}, {spacy_side['words']} words")
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    print(f"{'':24}{'articles/s':>12}{'seconds':>10}{'load s':>9}{'peak RSS MiB':>14}")
    for name, row in (("spaCy nlp.pipe (bare)", spacy_side), ("forewarn extract", forewarn_side)):
        print(
            f"{name:24}{row['articles_per_s']:>12}{row['seconds']:>10}{row['load_s']:>9}"
            f"{row['peak_rss_mib']:>14}"
        )
    print(f"time ratio forewarn / spaCy: {ratio:.2f} (target <= 1.5)")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        run_side(sys.argv[1])
    else:
        main()
