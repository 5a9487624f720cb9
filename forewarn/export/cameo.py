"""Events as CAMEO-coded rows laid out like the GDELT 2.0 event table.

One row per event, all 61 columns of the GDELT 2.0 event table in GDELT's order
(:data:`CAMEO_COLUMNS`), so that tools reading GDELT files by position read these too. What
forewarn does not know is left empty, as GDELT leaves it: the known-group, ethnic, religion and
second/third type codes, ``AvgTone``, and the actors' own geography (``Actor1Geo_*``,
``Actor2Geo_*``). The columns forewarn fills:

- ``GLOBALEVENTID``: ``event.id`` (a string, "<article id>#e1", not GDELT's integer).
- ``SQLDATE`` (YYYYMMDD), ``MonthYear`` (YYYYMM), ``Year`` (integers, as GDELT's) and
  ``FractionDate`` (the year plus its elapsed fraction, 4 decimals): the event's date, a month
  or a year as its first day, else the article's publication date (CAMEO rows have no
  precision field; the csv, parquet and plover formats carry ``date_precision``).
- ``Actor1*`` / ``Actor2*``: the first actor and the first recipient. ``Code`` is country plus
  sector, CAMEO style (``RUSMIL``; ``IGO`` for a sector without a country; empty when both are
  unknown), ``CountryCode`` the ISO 3166-1 alpha-3 country (CAMEO's country codes are ISO
  alpha-3), ``Type1Code`` the sector.
- ``IsRootEvent``: 1 when the event's evidence starts in the article's first paragraph (before
  its first line break), GDELT's proxy for importance.
- ``EventCode`` / ``EventBaseCode`` / ``EventRootCode``: see :func:`cameo_code`.
- ``QuadClass``: from the PLOVER type's quad class (1 verbal cooperation, 2 material
  cooperation, 3 verbal conflict, 4 material conflict), not from the CAMEO root.
- ``GoldsteinScale``: Goldstein-like, not Goldstein (1992): the PLOVER manual's
  conflict-cooperation score (-10..+10) of the event's PLOVER type and mode
  (:func:`forewarn.ontology.goldstein`), which the manual built from the CAMEO Goldstein
  scores to be comparable with them.
- ``NumMentions``, ``NumSources``, ``NumArticles``: 1 (one event from one article).
- ``ActionGeo_*``: the event's location. ``Type`` 1 country, 2 US state, 3 US city or place,
  4 other city or place (a district or a sea too), 5 other first-order division, 0 when the
  event has no location; ``CountryCode`` ISO 3166-1 alpha-3 (GDELT uses FIPS 10-4);
  ``ADM1Code`` / ``ADM2Code`` GeoNames division codes (``UA.07``, not GDELT's FIPS ``UP07``);
  ``FeatureID`` the GeoNames id.
- ``DATEADDED``: the publication date, YYYYMMDD as an integer (GDELT 2.0 writes the
  YYYYMMDDHHMMSS of its crawl; forewarn knows the day).
- ``SOURCEURL``: the article URL, else its source name (GDELT: "URL or citation").

Negated and non-asserted events get rows too (one row per event, as in the other formats);
GDELT has no column for that, so filter on ``negated`` and ``modality`` in the csv or parquet
export when it matters.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from functools import cache, lru_cache

from forewarn.export.fields import coded_day, parse_day, quad_number
from forewarn.export.geo import place_info
from forewarn.ontology import PloverCoding, cameo_codes, cameo_to_plover, goldstein
from forewarn.records import Actor, Article, Document, Event, Place

__all__ = ["CAMEO_COLUMNS", "cameo_code", "cameo_rows"]

_ACTOR_FIELDS = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO_FIELDS = (
    "Type",
    "FullName",
    "CountryCode",
    "ADM1Code",
    "ADM2Code",
    "Lat",
    "Long",
    "FeatureID",
)
CAMEO_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{field}" for field in _ACTOR_FIELDS),
    *(f"Actor2{field}" for field in _ACTOR_FIELDS),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{field}" for field in _GEO_FIELDS),
    *(f"Actor2Geo_{field}" for field in _GEO_FIELDS),
    *(f"ActionGeo_{field}" for field in _GEO_FIELDS),
    "DATEADDED",
    "SOURCEURL",
)

# GDELT's quad class of a CAMEO root code: 01-05 verbal cooperation, 06-08 material
# cooperation, 09-13 verbal conflict, 14-20 material conflict.
_ROOT_QUAD_LIMITS = (5, 8, 13, 20)

# GDELT geography types; US places have their own.
_GEO_TYPE = {"country": 1, "admin1": 5}
_US_GEO_TYPE = {"country": 1, "admin1": 2}
_OTHER_PLACE, _OTHER_US_PLACE = 4, 3


def _root_quad(code: str) -> int:
    root = int(code[:2])
    return next(quad for quad, limit in enumerate(_ROOT_QUAD_LIMITS, 1) if root <= limit)


@cache
def _codes_by_type() -> dict[str, list[tuple[str, PloverCoding]]]:
    by_type: dict[str, list[tuple[str, PloverCoding]]] = defaultdict(list)
    for code in cameo_codes():
        # Two-digit roots are skipped: GDELT writes a root event as the root's "not specified
        # below" code (18 -> 180), which has its own row.
        if not code.isdigit() or len(code) < 3:
            continue
        coding = cameo_to_plover(code)
        if coding is not None:
            by_type[coding.event_type].append((code, coding))
    return dict(by_type)


@lru_cache(maxsize=4096)
def cameo_code(event_type: str, mode: str | None, context: tuple[str, ...] = ()) -> str:
    """The CAMEO event code of a PLOVER coding, by reversing ``forewarn/data/cameo_plover.tsv``.

    Among the codes the crosswalk maps to ``event_type``, in order of preference:

    1. a code of the same mode (a mode-less event: a code without a mode); failing that, a
       code without a mode, since a code of another mode would assert a means the event does
       not have;
    2. the code sharing most of the event's contexts (ASSAULT ``heavy-weapons`` + military:
       194; PROTEST ``demo`` + rights_freedoms: 1413);
    3. a root's "not specified below" code (CAMEO's three-digit codes ending in 0: AGREE 030,
       ASSAULT 180), the most general;
    4. the code adding fewest contexts the event does not have;
    5. a code whose CAMEO root falls in the same GDELT quad class as the PLOVER type (a
       REQUEST is a CAMEO 10x demand, not a 02x appeal);
    6. the shorter code: equally supported, the more general code claims no detail the event
       lacks (PROTEST ``demo`` alone: 141, not 1411); then the lower code.

    ``cameo_to_plover(cameo_code(t, m, c)).event_type == t`` for every PLOVER type.
    """
    wanted = set(context)
    quad = quad_number(event_type)

    def preference(entry: tuple[str, PloverCoding]) -> tuple:
        code, coding = entry
        theirs = set(coding.context)
        return (
            coding.mode != mode,
            coding.mode is not None,
            -len(theirs & wanted),
            not (len(code) == 3 and code.endswith("0")),
            len(theirs - wanted),
            _root_quad(code) != quad,
            len(code),
            code,
        )

    return min(_codes_by_type()[event_type], key=preference)[0]


def _actor(actor: Actor | None) -> list[str]:
    if actor is None:
        return [""] * len(_ACTOR_FIELDS)
    country, sector = actor.country or "", actor.sector or ""
    return [country + sector, actor.name, country, "", "", "", "", sector, "", ""]


def _full_name(place: Place, country_name: str | None) -> str:
    parts: list[str] = []
    for part in (place.name, place.admin1, country_name):
        if part and part not in parts:
            parts.append(part)
    return ", ".join(parts)


def _action_geo(place: Place | None) -> list[object]:
    if place is None:
        return [0] + [""] * (len(_GEO_FIELDS) - 1)
    info = place_info(place)
    us = place.country == "USA"
    geo_type = (_US_GEO_TYPE if us else _GEO_TYPE).get(
        info.kind, _OTHER_US_PLACE if us else _OTHER_PLACE
    )
    return [
        geo_type,
        _full_name(place, info.country_name),
        place.country or "",
        info.admin1_code or "",
        info.admin2_code or "",
        "" if place.lat is None else place.lat,
        "" if place.lon is None else place.lon,
        "" if place.geonameid is None else place.geonameid,
    ]


def _dates(day: date | None) -> list[object]:
    if day is None:
        return ["", "", "", ""]
    elapsed = day.timetuple().tm_yday - 1
    days_in_year = date(day.year, 12, 31).timetuple().tm_yday
    return [
        int(day.strftime("%Y%m%d")),
        int(day.strftime("%Y%m")),
        day.year,
        round(day.year + elapsed / days_in_year, 4),
    ]


def _is_root_event(event: Event, article: Article) -> int:
    first_break = article.text.find("\n")
    return int(first_break == -1 or event.evidence.start < first_break)


def cameo_rows(document: Document) -> Iterator[list[object]]:
    """One GDELT-2.0-layout row per event of ``document``, values in :data:`CAMEO_COLUMNS`
    order; unknown values are empty strings (see the module docstring)."""
    article = document.article
    published = parse_day(article.published)
    date_added = int(published.strftime("%Y%m%d")) if published else ""
    for event in document.events:
        code = cameo_code(event.event_type, event.mode, tuple(event.context))
        score = goldstein(event.event_type, event.mode)
        yield [
            event.id,
            *_dates(coded_day(event, article)),
            *_actor(event.actor[0] if event.actor else None),
            *_actor(event.recipient[0] if event.recipient else None),
            _is_root_event(event, article),
            code,
            code[:3],
            code[:2],
            quad_number(event.event_type),
            "" if score is None else score,
            1,
            1,
            1,
            "",
            *[""] * (2 * len(_GEO_FIELDS)),
            *_action_geo(event.location),
            date_added,
            article.url or article.source or "",
        ]
