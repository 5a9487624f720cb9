"""The ``forewarn_actors`` spaCy component: actor mentions as ``doc.spans["actors"]``.

Every name, alias, adjective and metonym of the actor gazetteer is matched in the text (agent
nouns are not: they are resolved from whole noun phrases when the Document is assembled). The
model's named entities fill the gaps, so that a person or organisation the gazetteer does not
know is still a mention claims and pronouns can point to.

Spans, sorted by start and never overlapping:

1. gazetteer matches, the longest winning an overlap; labels COUNTRY, METONYM, IGO, GROUP,
   INSTITUTION, MEDIA, REGION or PERSON, ``span.id_`` the gazetteer id;
2. a model PERSON entity that contains a matched person alias ("Sergey Viktorovich Lavrov")
   becomes that person's span, stretched to the whole entity;
3. a model PERSON, ORG, NORP or GPE entity that no match touches, labelled PERSON (for PERSON)
   or UNKNOWN, with an empty id.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from forewarn.gazetteer.actors import ActorGazetteer, is_case_sensitive

__all__ = [
    "ACTOR_LABELS",
    "SPAN_KEY",
    "ActorRuler",
    "actor_label_over",
    "actor_spans",
    "make_actor_ruler",
]

SPAN_KEY = "actors"

if not Doc.has_extension("forewarn_actor_spans"):
    Doc.set_extension("forewarn_actor_spans", default=None)


def actor_spans(doc: Doc) -> list[Span]:
    """``doc.spans[SPAN_KEY]`` in order, as a list made once per span group: a SpanGroup
    builds a new Span on every access, and the event rules scan it for every candidate."""
    return _actor_index(doc)[1]


def actor_label_over(doc: Doc, start: int, end: int) -> str | None:
    """The label of the first gazetteer actor (one with an id) overlapping tokens
    ``start:end``; model entities the ruler only copied have no id."""
    bounds, spans = _actor_index(doc)
    for (span_start, span_end), span in zip(bounds, spans, strict=True):
        if span_start >= end:
            break  # sorted by start: no later span reaches back
        if start < span_end and span.id_:
            return span.label_
    return None


def _actor_index(doc: Doc) -> tuple[list[tuple[int, int]], list[Span]]:
    group = doc.spans.get(SPAN_KEY)
    if group is None:
        return [], []
    cached = doc._.forewarn_actor_spans
    if cached is None or cached[0] is not group or len(cached[2]) != len(group):
        spans = list(group)
        cached = (group, [(span.start, span.end) for span in spans], spans)
        doc._.forewarn_actor_spans = cached
    return cached[1], cached[2]


ACTOR_LABELS = frozenset(
    {
        "COUNTRY",
        "METONYM",
        "IGO",
        "GROUP",
        "INSTITUTION",
        "MEDIA",
        "REGION",
        "PERSON",
        "UNKNOWN",
    }
)
# Model entity types that can be actors when the gazetteer does not know them.
_ENTITY_LABELS = {"PERSON": "PERSON", "ORG": "UNKNOWN", "NORP": "UNKNOWN", "GPE": "UNKNOWN"}
_KEY_SEPARATOR = "\t"


class ActorRuler:
    """Matches the actor gazetteer's forms; built once per pipeline, then only reads."""

    def __init__(self, nlp: Language, name: str, extra_files: Sequence[str | Path] = ()) -> None:
        self.name = name
        self.gazetteer = ActorGazetteer.load(tuple(Path(f) for f in extra_files))
        # Short acronyms ("US", "IS", "AP") are words in lowercase: they match by exact text.
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        lower: dict[str, list[str]] = defaultdict(list)
        exact: dict[str, list[str]] = defaultdict(list)
        for surface, label, actor_id in self.gazetteer.entries():
            key = f"{label}{_KEY_SEPARATOR}{actor_id}"
            (exact if is_case_sensitive(surface) else lower)[key].append(surface)
        self._add(nlp, self.matcher, lower)
        self._add(nlp, self.exact_matcher, exact)

    @staticmethod
    def _add(nlp: Language, matcher: PhraseMatcher, forms: dict[str, list[str]]) -> None:
        surfaces = [s for group in forms.values() for s in group]
        tokenizer: Any = nlp.tokenizer  # spaCy's Tokenizer, typed as a plain callable
        docs = iter(tokenizer.pipe(surfaces))
        for key, group in forms.items():
            matcher.add(key, [next(docs) for _ in group])

    def __call__(self, doc: Doc) -> Doc:
        spans = filter_spans(self._matches(doc))
        spans = _extend_people(doc, spans)
        taken = {i for span in spans for i in range(span.start, span.end)}
        for ent in doc.ents:
            label = _ENTITY_LABELS.get(ent.label_)
            if label is not None and taken.isdisjoint(range(ent.start, ent.end)):
                spans.append(Span(doc, ent.start, ent.end, label=label))
        doc.spans[SPAN_KEY] = sorted(spans, key=lambda s: (s.start, s.end))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    def _matches(self, doc: Doc) -> list[Span]:
        spans = []
        strings = doc.vocab.strings
        for matcher in (self.matcher, self.exact_matcher):
            for match_id, start, end in matcher(doc):
                # A lowercase stretch ("turkey", "the white house" in a quote of a tweet) is
                # rarely the name; news text capitalises names.
                if not any(ch.isupper() for ch in doc[start:end].text):
                    continue
                label, actor_id = strings[match_id].split(_KEY_SEPARATOR, 1)
                spans.append(Span(doc, start, end, label=label, span_id=actor_id))
        return spans


def _extend_people(doc: Doc, spans: list[Span]) -> list[Span]:
    """Stretch a matched person alias to the model's PERSON entity around it."""
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        inside = [s for s in spans if s.start >= ent.start and s.end <= ent.end]
        person = next((s for s in inside if s.label_ == "PERSON"), None)
        if person is None or (person.start, person.end) == (ent.start, ent.end):
            continue
        spans = [s for s in spans if s not in inside]
        spans.append(Span(doc, ent.start, ent.end, label="PERSON", span_id=person.id_))
    return spans


@Language.factory(
    "forewarn_actors",
    default_config={"extra_files": []},
    assigns=["doc.spans"],
)
def make_actor_ruler(nlp: Language, name: str, extra_files: list[str]) -> ActorRuler:
    """The component; ``extra_files`` are user actor files (``--actors``), as for the gazetteer."""
    return ActorRuler(nlp, name, extra_files)
