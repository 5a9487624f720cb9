"""The base model's two rule components, applied by lookup instead of token by token.

``en_core_web_sm`` ends with an attribute ruler (179 token patterns that set POS, morphology
and some lemmas from the tagger's fine tags) and a rule lemmatizer. They cost a fifth of the
model's time on news text: spaCy's ``Matcher`` tries every pattern at every token, and the
lemmatizer makes a Python ``Token`` for every word to look up a lemma it has already cached.
The components here keep the original objects and their data and give the same annotations
(``tests/test_model_rules.py`` compares them with spaCy's): the ruler's patterns are indexed
by the word or the tag they require, and lemmas are looked up per (word, POS, morphology) in
arrays. Patterns beyond what the index understands keep spaCy's own matcher.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any, cast

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from thinc.types import Ints2d

__all__ = ["IndexedAttributeRuler", "CachedLemmatizer", "speed_up_rule_components"]

# One token's attributes as the patterns read them, in this order.
_READ = [TAG, LOWER, DEP, IS_SPACE]
_FIELD = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
# The attributes a rule is indexed by, most selective first.
_INDEXED = ("LOWER", "TAG", "DEP")
TokenAttributes = tuple[int, int, int, int]
TokenTest = Callable[[TokenAttributes], bool]
# Distinct (tag, word, label, space) tuples remembered before starting afresh: a long-running
# server meets new words without end.
_REMEMBERED_TOKENS = 200_000
# (attribute ruler rule id, the Matcher key, one test per token of the pattern)
Rule = tuple[int, int, tuple[TokenTest, ...]]


class IndexedAttributeRuler:
    """spaCy's ``AttributeRuler`` with its matching done from an index of its patterns."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self.vocab = ruler.vocab
        # Rules by a value their first token must have (the word, else the tag, else the
        # dependency label); a token only tries the rules of its own values.
        self.index: tuple[dict[int, list[Rule]], ...] = tuple(defaultdict(list) for _ in _INDEXED)
        self.anywhere: list[Rule] = []
        self._first_matches: dict[TokenAttributes, list[Rule]] = {}
        for rule_id, pattern in enumerate(ruler.patterns):
            for tokens in cast(list[list[dict[str, Any]]], pattern["patterns"]):
                self._add(rule_id, tokens)

    def _add(self, rule_id: int, tokens: list[dict[str, Any]]) -> None:
        key = self.vocab.strings.add(str(rule_id))
        rule = (rule_id, key, tuple(self._token_test(spec) for spec in tokens))
        for field, name in enumerate(_INDEXED):
            value = tokens[0].get(name)
            if isinstance(value, dict) and list(value) == ["IN"]:
                values = value["IN"]
            elif isinstance(value, str):
                values = [value]
            else:
                continue
            for member in values:
                self.index[field][self.vocab.strings.add(member)].append(rule)
            return
        self.anywhere.append(rule)

    def _token_test(self, spec: dict[str, Any]) -> TokenTest:
        tests = [self._attribute_test(name, value) for name, value in spec.items()]
        return lambda token: all(test(token) for test in tests)

    def _attribute_test(self, name: str, value: Any) -> TokenTest:
        if name not in _FIELD:
            raise _Unsupported(name)
        field = _FIELD[name]
        if isinstance(value, bool):
            return lambda token: bool(token[field]) is value
        if isinstance(value, str):
            wanted = self.vocab.strings.add(value)
            return lambda token: token[field] == wanted
        (operator, operand), *rest = value.items()
        if rest or operator not in ("IN", "NOT_IN", "REGEX"):
            raise _Unsupported(f"{name} {operator}")
        if operator == "REGEX":
            regex = re.compile(operand)
            strings = self.vocab.strings
            return lambda token: regex.search(strings[token[field]]) is not None
        members = frozenset(self.vocab.strings.add(item) for item in operand)
        if operator == "IN":
            return lambda token: token[field] in members
        return lambda token: token[field] not in members

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """What ``AttributeRuler.match`` returns: (rule id, key, start, end), sorted."""
        tokens = [tuple(row) for row in doc.to_array(_READ).tolist()]
        matches = []
        for i, token in enumerate(tokens):
            for rule_id, key, tests in self._starting_at(token):
                end = i + len(tests)
                if end <= len(tokens) and all(
                    tests[n](tokens[i + n]) for n in range(1, len(tests))
                ):
                    matches.append((rule_id, key, i, end))
        matches.sort()
        return matches

    def _starting_at(self, token: TokenAttributes) -> list[Rule]:
        """The rules whose first token ``token`` matches: a token's attributes repeat (the
        same word, tag and label), so the answer is remembered."""
        rules = self._first_matches.get(token)
        if rules is None:
            lowers, tags, deps = self.index
            candidates = (
                *lowers.get(token[1], ()),
                *tags.get(token[0], ()),
                *deps.get(token[2], ()),
                *self.anywhere,
            )
            rules = [rule for rule in candidates if rule[2][0](token)]
            if len(self._first_matches) >= _REMEMBERED_TOKENS:
                self._first_matches.clear()
            self._first_matches[token] = rules
        return rules

    def __call__(self, doc: Doc) -> Doc:
        self.ruler.set_annotations(doc, self.match(doc))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)


class CachedLemmatizer:
    """spaCy's rule ``Lemmatizer``, its cache read for whole documents at once."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        keys = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = keys[:, 3].copy()
        strings = doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(keys.tolist()):
            if lemma and not self.lemmatizer.overwrite:
                continue
            found = self.lemmas.get((orth, pos, morph))
            if found is None:
                found = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                self.lemmas[(orth, pos, morph)] = found
            lemmas[i] = found
        doc.from_array([LEMMA], cast(Ints2d, lemmas.reshape(-1, 1)))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)


class _Unsupported(Exception):
    """A pattern the index cannot test: keep spaCy's matcher."""


@Language.factory("forewarn_attribute_ruler")
def make_indexed_attribute_ruler(nlp: Language, name: str, source: str) -> Any:
    ruler = nlp.get_pipe(source)
    if not isinstance(ruler, AttributeRuler):
        return ruler
    try:
        return IndexedAttributeRuler(ruler)
    except _Unsupported:
        return ruler


@Language.factory("forewarn_lemmatizer")
def make_cached_lemmatizer(nlp: Language, name: str, source: str) -> Any:
    lemmatizer = nlp.get_pipe(source)
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule":
        return lemmatizer
    return CachedLemmatizer(lemmatizer)


def speed_up_rule_components(nlp: Language) -> None:
    """Put the indexed ruler and the cached lemmatizer in place of the model's own, under
    the same names (a model without them is left as it is)."""
    for name, factory in (
        ("attribute_ruler", "forewarn_attribute_ruler"),
        ("lemmatizer", "forewarn_lemmatizer"),
    ):
        if name not in nlp.pipe_names:
            continue
        faster = f"{factory}_for_{name}"
        nlp.add_pipe(factory, name=faster, after=name, config={"source": name})
        nlp.remove_pipe(name)
        nlp.rename_pipe(faster, name)
