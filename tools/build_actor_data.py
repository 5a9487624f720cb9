"""Build forewarn/data/actors/countries.jsonl from reference facts (run by hand, output committed).

Sources, each kept for what it is good at:

- pycountry (ISO 3166-1): the list of countries, their ISO names, common and official names;
- GeoNames countryInfo (CC BY 4.0, ../shared/reference/geonames_countryInfo.txt): the short English
  name and the capital (used as a metonym for the government, "Moscow said");
- Phoenix.Countries.actors.txt (MIT, Open Event Data Alliance): spelling variants of country names.

Hand-curated knowledge (demonyms, "the US", "the Kremlin", ...) is not generated here: it lives in
forewarn/data/actors/country_names.jsonl, merged by id at load time, so re-running this script never
clobbers it. The runtime never reads ../shared.

Usage: .venv/bin/python tools/build_actor_data.py [--reference ../shared/reference]
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from pathlib import Path

import pycountry

__all__ = ["build_countries", "main"]

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "forewarn" / "data" / "actors" / "countries.jsonl"

# Capitals shared with common first names or with other well-known places: as metonyms they would
# turn "Victoria said" into a government statement. They stay places (the place gazetteer's job).
AMBIGUOUS_CAPITALS = frozenset(
    {"victoria", "kingston", "hamilton", "stanley", "georgetown", "san jose", "saint john's",
     "st. john's", "the valley", "road town", "castries", "basseterre", "douglas", "jamestown",
     "avarua", "alofi", "adamstown", "flying fish cove", "west island", "kingstown", "plymouth",
     "charlotte amalie", "victoria, mahe", "papeete", "noumea", "mata-utu", "hagatna", "saipan",
     "pago pago", "gustavia", "marigot", "philipsburg", "willemstad", "kralendijk",
     "the settlement",
     "king edward point", "port-aux-francais", "longyearbyen", "mariehamn", "st peter port",
     "saint helier", "nuuk", "torshavn", "gibraltar", "monaco", "san marino", "vatican city",
     "east jerusalem", "luxembourg", "singapore", "kuwait city", "djibouti", "panama city",
     "mexico city",
     "guatemala city", "belize", "brazzaville", "kinshasa"}
)  # fmt: skip
# City-states and "X City" capitals are dropped because the country name itself covers them, and
# Brazzaville/Kinshasa are re-added by hand with the right Congo in country_names.jsonl.

PHOENIX_HEADER = re.compile(r"^([A-Z][A-Z0-9_.'()-]+?)_?\s*(\[([A-Z]{3})\])?\s*(#.*)?$")
PHOENIX_CODE = re.compile(r"\[([A-Z]{3,})(?:\s+[<>]?[\d-]+)?\]")


def fold(text: str) -> str:
    """Lowercase ASCII form used to compare names across sources."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", text.replace("_", " ")).strip().lower()


def read_geonames(path: Path) -> dict[str, tuple[str, str]]:
    """ISO3 -> (short English name, capital) from countryInfo.txt."""
    facts: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) > 5 and len(cols[1]) == 3:
            facts[cols[1]] = (cols[4], cols[5])
    return facts


def read_phoenix_country_aliases(path: Path, known: dict[str, set[str]]) -> dict[str, set[str]]:
    """Aliases of the country-level blocks whose header is a known name of that country.

    Blocks such as TRANSNISTRIA [MDA] or persons carry a country code too; requiring the header to
    be a name we already know for the code keeps them out.
    """
    aliases: dict[str, set[str]] = {}
    lines = path.read_text(encoding="latin-1").splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line or line[0] in "#+\t " or "CountryInfo" in line:
            i += 1
            continue
        header = line.split("#")[0].strip()
        block = [header]
        codes = PHOENIX_CODE.findall(header)
        i += 1
        while i < len(lines) and lines[i][:1] in ("+", "\t", " "):
            text = lines[i].split("#")[0]
            if text.startswith("+"):
                block.append(text[1:].strip())
            codes += PHOENIX_CODE.findall(text)
            i += 1
        country_codes = [c for c in codes if len(c) == 3 and c in known]
        if not country_codes:
            continue
        code = country_codes[-1]
        head = fold(PHOENIX_CODE.sub("", header))
        if head not in known[code]:
            continue
        aliases.setdefault(code, set()).update(a for a in block[1:] if a)
    return aliases


def clean_phoenix_alias(raw: str) -> str | None:
    """A Phoenix alias as news text would spell it, or None when it would mislead a matcher."""
    text = raw.replace("_", " ").strip()
    if not text or any(ch in text for ch in "(),/"):
        return None
    if "." not in text and len(text) <= 3:  # US, UK...: curated by hand, case-sensitively
        return None
    if text.upper().startswith("THE "):
        return None
    if "." in text:
        return text
    return " ".join(w.capitalize() if w.isalpha() else w for w in text.lower().split())


# Words that say nothing about which country a name denotes; an alias sharing only these with the
# country's names (e.g. "South Congo" for "Republic of the Congo") is not trusted.
GENERIC_NAME_WORDS = frozenset(
    {"republic", "democratic", "united", "state", "states", "kingdom", "islands", "island",
     "north", "south", "east", "west", "federation", "people's", "peoples", "saint", "great",
     "federal", "arab", "islamic", "socialist", "plurinational", "bolivarian", "of", "the", "and"}
)  # fmt: skip


def is_name_variant(alias: str, names: set[str]) -> bool:
    """True when ``alias`` spells one of ``names`` (shared 4-letter word stem).

    Phoenix's country blocks also list cities and provinces (Goma, Kazan, Vladimir): as government
    aliases they would turn places and first names into states, so only name variants are kept.
    """
    stems = {
        w[:4]
        for n in names
        for w in re.split(r"[\s-]+", n)
        if len(w) >= 4 and w not in GENERIC_NAME_WORDS
    }
    words = [w for w in re.split(r"[\s-]+", fold(alias)) if w not in GENERIC_NAME_WORDS]
    return bool(words) and all(len(w) >= 4 and w[:4] in stems for w in words)


def build_countries(reference: Path) -> list[dict]:
    geonames = read_geonames(reference / "geonames_countryInfo.txt")
    entries: dict[str, dict] = {}
    known: dict[str, set[str]] = {}
    for c in pycountry.countries:
        short = geonames.get(c.alpha_3, (None, None))[0]
        name = short or getattr(c, "common_name", None) or c.name
        names = [name, getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)]
        entries[c.alpha_3] = {"name": name, "names": [n for n in names if n]}
    for code, (short, _capital) in geonames.items():
        entries.setdefault(code, {"name": short, "names": [short]})
    for code, entry in entries.items():
        known[code] = {fold(n) for n in entry["names"]}
    phoenix = read_phoenix_country_aliases(reference / "Phoenix.Countries.actors.txt", known)

    rows = []
    for code in sorted(entries):
        entry = entries[code]
        capital = geonames.get(code, (None, ""))[1]
        metonyms = []
        if capital and fold(capital) not in AMBIGUOUS_CAPITALS and fold(capital) not in known[code]:
            metonyms.append(capital)
        folded_metonyms = {fold(m) for m in metonyms}
        aliases: list[str] = []
        seen = {fold(entry["name"])}
        candidates = entry["names"][1:] + sorted(
            a
            for a in (clean_phoenix_alias(r) for r in phoenix.get(code, ()))
            if a and is_name_variant(a, known[code])
        )
        for alias in candidates:
            key = fold(alias)
            if key in seen or key in folded_metonyms:
                continue
            seen.add(key)
            aliases.append(alias)
        rows.append(
            {
                "id": f"country:{code}",
                "kind": "country",
                "name": entry["name"],
                "country": code,
                "sector": "GOV",
                "aliases": aliases,
                "metonyms": metonyms,
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=ROOT.parent / "shared" / "reference")
    args = parser.parse_args()
    rows = build_countries(args.reference)
    header = {
        "_comment": "generated by tools/build_actor_data.py from pycountry, GeoNames countryInfo "
        "(CC BY 4.0) and Phoenix.Countries.actors.txt (MIT, Open Event Data Alliance); "
        "do not edit: add names in country_names.jsonl"
    }
    with OUT.open("w", encoding="utf-8") as out:
        out.write(json.dumps(header, ensure_ascii=False) + "\n")
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} countries to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
