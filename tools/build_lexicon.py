"""Build forewarn's PLOVER ontology and generated event-verb lexicon from the reference files.

Run from the repository root (the generated files are committed; the runtime never reads
``../shared``)::

    .venv/bin/python tools/build_lexicon.py [--reference ../shared/reference]

Writes:

- ``forewarn/data/plover.json``: the 16 event types with definitions, quad classes and
  conflict-cooperation scores, their modes (manual + codebook) and the general contexts.
- ``forewarn/data/cameo_plover.tsv``: the CAMEO -> PLOVER crosswalk, with forewarn's few
  documented supplements and corrections (``source`` column says which row is whose).
- ``forewarn/data/event_verbs.jsonl``: the PETRARCH CAMEO verb dictionary reduced to the
  patterns a dependency parse can match (verb lemma + particle / object / preposition and
  its object), recoded to PLOVER through the crosswalk.

The hand-written ``event_verbs_manual.jsonl``, ``event_nouns.jsonl`` and
``event_modes.jsonl`` are not touched.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections import OrderedDict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "forewarn" / "data"
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference"

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

# Quad classes: the manual's "Quad category" per type is the primary class; the extra classes
# are the ones the eval README's scoring mapping also accepts (CONCEDE may be material,
# REQUEST may be an appeal scored as "statement", SANCTION may be verbal).
QUAD_EXTRA = {
    "CONCEDE": ["material_cooperation"],
    "REQUEST": ["statement"],
    "SANCTION": ["verbal_conflict"],
}

# The manual prints ACCUSE's type-level score as "3"; every ACCUSE mode scores -2 to -3.5
# and the earlier draft table gave -2.0, so the sign is a typo.
GOLDSTEIN_CORRECTIONS = {("ACCUSE", None): -3.0}

# The codebook splits the manual's ASSAULT "targeted" (targeted killings, assassinations,
# executions, deliberate mass killings) into three modes: they share its score.
SCORE_ALIASES = {"assassinate": "targeted", "execute": "targeted", "massacre": "targeted"}

# forewarn's rows for the crosswalk. CAMEO 02x (APPEAL) has no row in CAMEO2PLOVER-2021,
# yet PLOVER REQUEST is "all requests, demands, and orders": appeals are requests, with the
# REQUEST modes the 10x demands get. Other rows correct what the manual itself overrides.
SUPPLEMENT = [
    ("02", "REQUEST", "", "", "CAMEO appeal: PLOVER REQUEST covers all requests"),
    ("020", "REQUEST", "", "", "Make an appeal or request"),
    ("021", "REQUEST", "assist", "", "Appeal for material cooperation"),
    ("0211", "REQUEST", "assist", "economic", "Appeal for economic cooperation"),
    ("0212", "REQUEST", "assist", "military", "Appeal for military cooperation"),
    ("0213", "REQUEST", "assist", "legal", "Appeal for judicial cooperation"),
    ("0214", "REQUEST", "assist", "intelligence", "Appeal for intelligence"),
    ("022", "REQUEST", "assist", "diplomatic", "Appeal for diplomatic cooperation"),
    ("023", "REQUEST", "assist", "", "Appeal for aid"),
    ("0231", "REQUEST", "assist", "economic", "Appeal for economic aid"),
    ("0232", "REQUEST", "assist", "military", "Appeal for military aid"),
    ("0233", "REQUEST", "assist", "humanitarian", "Appeal for humanitarian aid"),
    ("0234", "REQUEST", "assist", "peacekeeping", "Appeal for military protection"),
    ("024", "REQUEST", "change", "political_institutions", "Appeal for political reform"),
    ("025", "REQUEST", "yield", "", "Appeal to yield"),
    ("026", "REQUEST", "meet", "diplomatic", "Appeal to others to meet or negotiate"),
    ("027", "REQUEST", "meet", "diplomatic", "Appeal to others to settle dispute"),
    ("028", "REQUEST", "meet", "diplomatic", "Appeal to engage in or accept mediation"),
    # The manual: "International (political or economic) sanctions are coded as
    # [SANCTION] 'discontinue'" (the 2021 table still sends 163 to COERCE).
    ("163", "SANCTION", "discontinue", "economic", "Impose embargo, boycott, or sanctions"),
    # The table gives ASSAULT the COERCE mode "seize"; the manual's ASSAULT mode is "destroy".
    ("1712", "ASSAULT", "destroy", "human_security", "Destroy property"),
    # The table gives 195 "Employ aerial weapons" the mode heavy-weapons; PLOVER has "aerial".
    ("195", "ASSAULT", "aerial", "military", "Employ aerial weapons"),
    # The table puts the context pro_autocracy in the mode column.
    ("175", "ASSAULT", "", "repression", "Use tactics of violent repression"),
]

# Crosswalk modes the current manual/codebook renamed or dropped.
MODE_RENAMES = {
    ("THREATEN", "political"): "rights",
    ("RETREAT", "ease"): "",
}
# Contexts the crosswalk spells differently from the manual's context table.
CONTEXT_RENAMES = {"democracy": "pro_democracy", "humanitarian": "human_security"}

PARTICLES = {"up", "down", "out", "off", "back", "away", "over", "aside", "apart", "forward",
             "together", "around", "through", "in", "on"}  # fmt: skip
PREPOSITIONS = {"with", "for", "to", "against", "at", "of", "from", "into", "by", "under",
                "about", "over", "on", "in", "toward", "towards", "between", "during",
                "after", "before", "as", "across", "onto", "upon", "within", "without",
                "near", "behind", "among", "amid", "since", "despite", "through"}  # fmt: skip
STOP_WORDS = {"and", "or", "not", "a", "an", "the", "when", "if", "will", "would", "no"}


# --------------------------------------------------------------------------- ontology


def _latex_text(text: str) -> str:
    text = re.sub(r"\\(?:hyperref\[[^\]]*\]|textit|emph|ti|txt|plcat|plcon|plmod)\{([^}]*)\}",
                  r"\1", text)  # fmt: skip
    text = text.replace("\\_", "_").replace("``", '"').replace("''", '"').replace("---", "—")
    text = re.sub(r"\\[a-zA-Z]+\*?(\{[^}]*\})?", "", text)
    return re.sub(r"\s+", " ", text).strip(" \\")


def _manual_sections(manual: str) -> dict[str, str]:
    parts = re.split(r"\\section\{([^}]*)\}", manual)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def _table_rows(block: str) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    body = re.search(r"\\begin\{tabular\}.*?\n(.*?)\\end\{tabular\}", block, re.S)
    if not body:
        return rows
    for line in body.group(1).splitlines():
        line = line.strip()
        if not line or line.startswith("%") or line.startswith("\\hline") or "&" not in line:
            continue
        name, _, content = line.partition("&")
        name, content = _latex_text(name), _latex_text(content)
        if name == "Name":
            continue
        if not name and rows:
            rows[-1] = (rows[-1][0], f"{rows[-1][1]} {content}")
        elif name:
            rows.append((name, content))
    return rows


def _goldstein_table(manual: str) -> dict[tuple[str, str | None], float]:
    table = manual[manual.rindex("caption{PLOVER conflict--cooperation scores}") :]
    table = table[table.index("\\begin{tabular}") : table.index("\\end{tabular}")]
    scores: dict[tuple[str, str | None], float] = {}
    for line in table.splitlines():
        cells = [_latex_text(re.sub(r"\\cellcolor\{[^}]*\}", "", c)) for c in line.split("&")]
        for label, score in zip(cells[0::2], cells[1::2], strict=False):
            if not label or not re.fullmatch(r"-?[0-9.]+", score.strip()):
                continue
            event_type, _, mode = label.partition(":")
            scores[(event_type.strip(), mode.strip().lower() or None)] = float(score)
    scores.update(GOLDSTEIN_CORRECTIONS)
    return scores


def build_ontology(reference: Path) -> dict[str, Any]:
    manual = (reference / "PLOVER_MANUAL.tex").read_text(encoding="utf-8")
    sections = _manual_sections(manual)
    scores = _goldstein_table(manual)
    quads = {}
    for name in PLOVER_TYPES:
        found = re.search(r"Quad category: ([A-Z ]+)", sections[name])
        assert found, name
        quads[name] = found.group(1).strip().lower().replace(" ", "_")

    types: dict[str, Any] = OrderedDict()
    with (reference / "PLOVER_codebook.csv").open(encoding="utf-8") as handle:
        codebook = list(csv.DictReader(handle))
    for name in PLOVER_TYPES:
        rows = [r for r in codebook if r["event"] == name]
        modes: dict[str, dict[str, Any]] = OrderedDict()
        for mode_name, content in _table_rows(sections[name]):
            modes[mode_name] = {"definition": content, "sources": ["manual"]}
        for row in rows:
            mode_name = row["mode"].strip()
            if not mode_name:
                continue
            entry = modes.setdefault(mode_name, {"definition": "", "sources": []})
            if "codebook" not in entry["sources"]:
                entry["sources"].append("codebook")
            if row["mode_def"] and row["mode_def"] not in entry["definition"]:
                parts = (entry["definition"], row["mode_def"])
                entry["definition"] = "; ".join(x for x in parts if x)
        for mode_name, entry in modes.items():
            alias = SCORE_ALIASES.get(mode_name, mode_name)
            entry["goldstein"] = scores.get((name, mode_name), scores.get((name, alias)))
        types[name] = {
            "definition": rows[0]["event_def"] if rows else "",
            "quad_class": quads[name],
            "quad_classes": [quads[name], *QUAD_EXTRA.get(name, [])],
            "goldstein": scores.get((name, None)),
            "modes": modes,
        }

    start = manual.index("label{tab:general-contexts}")
    table = manual[start : manual.index("\\end{longtable}", start)]
    contexts: dict[str, str] = OrderedDict()
    for line in table.splitlines():
        found = re.match(r"(?:\\hyperref\[[^\]]*\]\{([^}]*)\}|([a-z_\\]+))\s*&\s*(.*)",
                         line.strip())  # fmt: skip
        if found:
            context = _latex_text(found.group(1) or found.group(2))
            contexts[context] = _latex_text(found.group(3))
    return {
        "source": "PLOVER_MANUAL.tex (openeventdata/PLOVER), PLOVER_codebook.csv "
        "(ahalterman/NGEC-2025), CAMEO_codefile.txt (openeventdata/text_to_CAMEO); "
        "converted by tools/build_lexicon.py",
        "types": types,
        "contexts": contexts,
        "auxiliary_modes": ["historical", "future", "hypothetical", "negation"],
        "cameo_labels": _cameo_labels(reference),
    }


def _cameo_labels(reference: Path) -> dict[str, str]:
    """CAMEO code -> label; the 2-digit roots come from the ``//01: MAKE ...`` headings."""
    labels: dict[str, str] = {}
    for line in (reference / "CAMEO_codefile.txt").read_text(encoding="latin-1").splitlines():
        root = re.match(r"^//(\d{2}): (.+)$", line)
        label = re.match(r"^LABEL: (\d{2,4})= (.+)$", line)  # LABELi (ICEWS variants) skipped
        if root:
            labels.setdefault(root.group(1), root.group(2).strip().capitalize())
        elif label:
            labels[label.group(1)] = label.group(2).strip()
    return dict(sorted(labels.items()))


# --------------------------------------------------------------------------- crosswalk


def build_crosswalk(reference: Path, ontology: dict[str, Any]) -> list[dict[str, str]]:
    """CAMEO2PLOVER rows, normalised to the current mode and context names."""
    rows: dict[str, dict[str, str]] = OrderedDict()
    text = (reference / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        found = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?(?:#(.*))?$", line)
        if not found:
            continue
        code, event_type, mode, context, label = (g.strip() if g else "" for g in found.groups())
        if code in rows:  # 175 appears twice with the same coding
            continue
        rows[code] = _normalise_row(code, event_type, mode, context, label, "CAMEO2PLOVER-2021",
                                    ontology)  # fmt: skip
    for code, event_type, mode, context, label in SUPPLEMENT:
        rows[code] = _normalise_row(code, event_type, mode, context, label, "forewarn", ontology)
    return sorted(rows.values(), key=lambda r: (r["cameo"][:2], r["cameo"]))


def _normalise_row(code: str, event_type: str, mode: str, context: str, label: str, source: str,
                   ontology: dict[str, Any]) -> dict[str, str]:  # fmt: skip
    contexts = [CONTEXT_RENAMES.get(c.strip(), c.strip()) for c in context.split(";") if c.strip()]
    mode = MODE_RENAMES.get((event_type, mode), mode)
    if mode and mode not in ontology["types"][event_type]["modes"]:
        if mode in ontology["contexts"]:
            contexts.append(mode)
        mode = ""
    unknown = [c for c in contexts if c not in ontology["contexts"]]
    assert not unknown, (code, unknown)
    return {"cameo": code, "event_type": event_type, "mode": mode, "context": ";".join(contexts),
            "label": label, "source": source}  # fmt: skip


def write_crosswalk(rows: list[dict[str, str]], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("# CAMEO -> PLOVER. Rows from CAMEO2PLOVER-2021.txt (openeventdata/PLOVER, "
                     "P. Schrodt) with modes/contexts renamed to the current manual;\n"
                     "# source=forewarn rows are documented additions or corrections "
                     "(see tools/build_lexicon.py SUPPLEMENT).\n")  # fmt: skip
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter="\t",
                                lineterminator="\n")  # fmt: skip
        writer.writeheader()
        writer.writerows(rows)


def lookup(crosswalk: dict[str, dict[str, str]], code: str) -> dict[str, str] | None:
    while code:
        if code in crosswalk:
            return crosswalk[code]
        if len(code) <= 2:
            return None
        code = code[:-1]
    return None


# --------------------------------------------------------------------------- verb dictionary


class Lemmatizer:
    """spaCy's rule lemmatizer on single words with a given part of speech (build time only)."""

    def __init__(self) -> None:
        from spacy.tokens import Doc

        from forewarn.nlp import load_base_model

        self._nlp = load_base_model()
        self._doc = Doc
        self._lemmatizer = self._nlp.get_pipe("lemmatizer")
        self._cache: dict[tuple[str, str], str] = {}

    def __call__(self, word: str, pos: str) -> str:
        key = (word.lower(), pos)
        if key not in self._cache:
            doc = self._doc(self._nlp.vocab, words=[key[0]])
            doc[0].pos_ = pos
            doc[0].tag_ = {"VERB": "VB", "NOUN": "NNS" if key[0].endswith("s") else "NN"}[pos]
            self._cache[key] = self._lemmatizer(doc)[0].lemma_.lower()
        return self._cache[key]


def _synonym_sets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if line.startswith("&"):
            current = sets.setdefault(line.upper(), [])
        elif line.startswith("+") and current is not None:
            word = line[1:].strip().strip("_")
            if re.fullmatch(r"[A-Za-z]+", word):
                current.append(word)
        elif not line:
            continue
        else:
            current = None
    return sets


_TOKEN = re.compile(r"\([^)]*\)|\{[^}]*\}|[^\s(){}]+")


def _head_words(group: str, sets: dict[str, list[str]]) -> list[str] | None:
    """The head noun(s) of a pattern noun phrase: its last word, a synonym set expanded."""
    words = [w for w in re.split(r"[\s{}]+", group) if w and w not in ("+", "$", "%")]
    if not words:
        return None
    head = words[-1]
    if head.startswith("&"):
        return sets.get(head.upper()) or None
    if not re.fullmatch(r"[A-Za-z]+", head) or head.lower() in STOP_WORDS:
        return None
    return [head]


def parse_pattern(body: str, sets: dict[str, list[str]]) -> list[dict[str, Any]] | None:
    """Constraints of one ``- ... * ...`` pattern, or None when a parse cannot check them."""
    tokens = _TOKEN.findall(body)
    if "*" not in tokens:
        return None
    star = tokens.index("*")
    if any(t not in ("+", "$") for t in tokens[:star]):
        return None  # subject-side words: not a property of the verb
    rest = [t for t in tokens[star + 1 :] if t not in ("+", "$", "%")]
    particle: str | None = None
    objects: list[str] | None = None
    prep: list[str] | None = None
    pobj: list[str] | None = None
    for index, token in enumerate(rest):
        if token.startswith("("):
            if prep is not None:
                return None
            inner = token[1:-1].split()
            if not inner:
                return None
            prep = [p.lower() for p in inner[0].split("/")]
            if any(p not in PREPOSITIONS for p in prep):
                return None
            if len(inner) > 1:
                pobj = _head_words(" ".join(inner[1:]), sets)
                if pobj is None:
                    return None
        elif index == 0 and token.lower() in PARTICLES and token.lower() not in PREPOSITIONS:
            particle = token.lower()
        elif objects is None and prep is None and (token.startswith(("{", "&")) or token.isalpha()):
            if token.isalpha() and token.lower() in PREPOSITIONS:
                if prep is not None:
                    return None
                prep = [token.lower()]
                continue
            objects = _head_words(token, sets)
            if objects is None:
                return None
        else:
            return None
    if particle is None and objects is None and prep is None:
        return None
    combos = []
    for obj in objects or [None]:
        for p in prep or [None]:
            for po in pobj or [None]:
                combos.append({"particle": particle, "object": obj, "prep": p, "pobj": po})
    return combos


def _parse_code(raw: str) -> tuple[str | None, bool]:
    """``[190]`` -> ("190", False); ``[:112]`` -> ("112", True) (roles reversed); ``[---]``."""
    raw = raw.strip("[] ")
    reversed_roles = raw.startswith(":")
    code = raw.lstrip(":").split(":")[0]
    return (code if code.isdigit() else None), reversed_roles


def build_verbs(reference: Path, crosswalk: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    lemma = Lemmatizer()
    lines = (reference / "CAMEO.2.0.txt").read_text(encoding="latin-1").splitlines()
    start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    end = next(i for i, line in enumerate(lines) if "TRANSFORMATIONS" in line)
    sets = _synonym_sets(lines[:start])
    entries: dict[tuple[Any, ...], dict[str, Any]] = OrderedDict()

    def add(verb: str, code: str | None, reversed_roles: bool, constraint: dict[str, Any],
            origin: str) -> None:  # fmt: skip
        if code is None:
            plover = None
        else:
            plover = lookup(crosswalk, code)
            if plover is None and code[:2] != "01":
                return  # no PLOVER event and not a statement: nothing to say
        specific = any(constraint.get(k) for k in ("particle", "object", "prep"))
        if plover is None and not specific:
            return  # a bare "not an event" adds nothing: no entry means the same
        entry = {
            "lemma": verb,
            "particle": constraint.get("particle"),
            "object": lemma(constraint["object"], "NOUN") if constraint.get("object") else None,
            "prep": constraint.get("prep"),
            "pobj": lemma(constraint["pobj"], "NOUN") if constraint.get("pobj") else None,
            "event_type": plover["event_type"] if plover else None,
            "mode": (plover["mode"] or None) if plover else None,
            "context": plover["context"].split(";") if plover and plover["context"] else [],
            "cameo": code,
            "reversed_roles": reversed_roles,
        }
        key = tuple(entry[k] for k in ("lemma", "particle", "object", "prep", "pobj"))
        entries.setdefault(key, entry)

    block: list[dict[str, Any]] = []
    block_code: str | None = None
    for raw in lines[start:end]:
        line = raw.split("#", 1)[0].rstrip()
        comment = raw.split("#", 1)[1] if "#" in raw else ""
        header = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", line)
        if header:
            block, block_code = [], _parse_code(header.group(2))[0]
            continue
        if not line.strip():
            continue
        if line.startswith("-"):
            body, _, code_part = line[1:].rpartition("[")
            if not _:
                continue
            code, reversed_roles = _parse_code(code_part.split("]")[0])
            combos = parse_pattern(body, sets)
            if not combos:
                continue
            names = {n.strip().upper() for n in comment.split(",") if n.strip()}
            targets = [m for m in block if names & m["names"]] or block
            for member in targets:
                for combo in combos:
                    if member["particle"] and combo["particle"]:
                        continue
                    merged = dict(combo, particle=combo["particle"] or member["particle"])
                    if member["object"] and merged["object"]:
                        continue
                    merged["object"] = merged["object"] or member["object"]
                    add(member["lemma"], code, reversed_roles, merged, f"CAMEO.2.0 {raw.strip()}")
            continue
        member = _parse_member(line, lemma)
        if member is None:
            continue
        block.append(member)
        code = member.pop("code") or block_code
        add(member["lemma"], code, False, member, f"CAMEO.2.0 {line.strip()}")
    return list(entries.values())


def _parse_member(line: str, lemma: Lemmatizer) -> dict[str, Any] | None:
    found = re.match(r"^\s*(\+?)([A-Z_\-]+)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?", line)
    if not found:
        return None
    words = [w for w in found.group(2).split("_") if w]
    if not words or any(w.lower() in STOP_WORDS for w in words) or len(words) > 3:
        return None
    if not all(w.isalpha() for w in words):
        return None
    forms = {f.lstrip("+").upper() for f in (found.group(3) or "").strip("{}").split()}
    member: dict[str, Any] = {
        "lemma": lemma(words[0], "VERB"), "particle": None, "object": None, "prep": None,
        "pobj": None, "names": {found.group(2).upper(), *forms},
        "code": _parse_code(found.group(4))[0] if found.group(4) else None,
    }  # fmt: skip
    for word in (w.lower() for w in words[1:]):
        if word in PARTICLES and member["particle"] is None and member["object"] is None:
            member["particle"] = word
        elif word in PREPOSITIONS and member["prep"] is None:
            member["prep"] = word
        elif member["object"] is None and word not in PREPOSITIONS:
            member["object"] = word
        else:
            return None
    return member


# --------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    args = parser.parse_args()
    ontology = build_ontology(args.reference)
    (DATA / "plover.json").write_text(json.dumps(ontology, indent=1, ensure_ascii=False) + "\n",
                                      encoding="utf-8")  # fmt: skip
    rows = build_crosswalk(args.reference, ontology)
    write_crosswalk(rows, DATA / "cameo_plover.tsv")
    verbs = build_verbs(args.reference, {r["cameo"]: r for r in rows})
    with (DATA / "event_verbs.jsonl").open("w", encoding="utf-8") as handle:
        handle.write("// Generated by tools/build_lexicon.py from CAMEO.2.0.txt "
                     "(openeventdata/petrarch2, MIT) through cameo_plover.tsv; "
                     "do not edit: override in event_verbs_manual.jsonl.\n")  # fmt: skip
        for entry in verbs:
            compact = {k: v for k, v in entry.items() if v not in (None, False, [])}
            handle.write(json.dumps(compact, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"plover.json: {len(ontology['types'])} types, "
          f"{sum(len(t['modes']) for t in ontology['types'].values())} modes, "
          f"{len(ontology['contexts'])} contexts; cameo_plover.tsv: {len(rows)} rows; "
          f"event_verbs.jsonl: {len(verbs)} entries")  # fmt: skip


if __name__ == "__main__":
    main()
