"""`forewarn eval acled` and `forewarn eval location` on small gold files written here."""

from __future__ import annotations

import json
from datetime import date

import pytest

from forewarn.evaluation import TASKS
from forewarn.evaluation.acled import acled_date, haversine_km, score_acled
from forewarn.evaluation.location import score_location


def _write(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_tasks_are_registered():
    assert {"acled", "location"} <= set(TASKS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("9-May-20", date(2020, 5, 9)), ("23 December 2022", date(2022, 12, 23))],
)
def test_acled_date_formats(text, expected):
    assert acled_date(text) == expected


def test_acled_date_rejects_other_text():
    with pytest.raises(ValueError, match="event_date"):
        acled_date("sometime in May")


def test_haversine():
    assert haversine_km(0, 0, 0, 0) == 0
    # one degree of latitude is about 111 km
    assert haversine_km(50, 30, 51, 30) == pytest.approx(111.2, abs=0.5)


def test_score_acled(tmp_path, extractor):
    gold = _write(
        tmp_path / "acled.jsonl",
        [
            {
                "id": "a1",
                "text": "On 9 May 2020, 300 workers protested in Haifa city over unpaid wages.",
                "event_date": "9-May-20",
                "event_type": "Protests",
                "iso3": "ISR",
                "country": "Israel",
                "latitude": 32.8,
                "longitude": 35.0,
            },
            {
                "id": "a2",
                "text": "On 3 March 2022, gunmen attacked a police post in Kandahar province.",
                "event_date": "03 March 2022",
                "event_type": "Battles",
                "iso3": None,
                "country": "Afghanistan",
                "latitude": 31.6,
                "longitude": 65.7,
            },
        ],
    )
    metrics = score_acled(gold, extractor)
    assert metrics["notes"] == 2 and metrics["type_rows"] == 2
    assert metrics["type_recall"] == 1.0
    assert metrics["date_accuracy"] == 1.0
    assert metrics["country_accuracy"] == 1.0
    assert metrics["within_50km"] == 1.0


def test_score_location(tmp_path, extractor):
    text = "Gunmen killed two men in Nablus on Friday."
    quiet = "The minister resigned on Friday."
    weather = "The weather stayed warm in Nablus."
    gold = _write(
        tmp_path / "location.jsonl",
        [
            {
                "id": "l1",
                "text": text,
                "verb": {"start": 7, "end": 13, "text": "killed"},
                "locations": [{"start": 25, "end": 31, "text": "Nablus"}],
            },
            {
                "id": "l2",
                "text": quiet,
                "verb": {"start": 13, "end": 21, "text": "resigned"},
                "locations": [],
            },
            {
                # asked directly, the verb's place is found; but the pipeline has no event
                # at "stayed", so a user gets no place: wrong end to end
                "id": "l3",
                "text": weather,
                "verb": {"start": 12, "end": 18, "text": "stayed"},
                "locations": [{"start": 27, "end": 33, "text": "Nablus"}],
            },
        ],
    )
    metrics = score_location(gold, extractor.nlp)
    assert metrics["rows"] == 3
    assert metrics["overlap"] == 2 and metrics["both_empty"] == 1
    assert metrics["location_accuracy"] == 1.0
    assert metrics["events_at_verb"] == 2
    assert metrics["end_to_end_accuracy"] == round(2 / 3, 4)


def test_score_acled_reads_legacy_country_codes(tmp_path, extractor):
    # older ACLED exports code Romania "ROM"; ISO 3166 (and forewarn) say "ROU"
    row = {
        "id": "r1",
        "text": "On 6 May 2020, locals protested in Cluj-Napoca against illegal logging.",
        "event_date": "6-May-20",
        "event_type": "Protests",
        "iso3": "ROM",
        "country": "Romania",
        "latitude": 46.77,
        "longitude": 23.6,
    }
    metrics = score_acled(_write(tmp_path / "acled.jsonl", [row]), extractor)
    assert metrics["country_accuracy"] == 1.0


def test_score_acled_dead_counts_and_folds(tmp_path, extractor):
    def note(row_id: str, text: str, fatalities: int) -> dict:
        return {
            "id": row_id,
            "text": text,
            "event_date": "9-May-20",
            "event_type": "Battles",
            "iso3": "AFG",
            "country": "Afghanistan",
            "latitude": 31.6,
            "longitude": 65.7,
            "fatalities": str(fatalities),
        }

    rows = [
        note("d1", "On 9 May 2020, gunmen attacked a post in Kandahar, killing 3 police.", 3),
        note("d2", "On 9 May 2020, an airstrike killed 12 militants in Kandahar province.", 4),
        note("d3", "On 9 May 2020, gunmen attacked a police post in Kandahar province.", 2),
        note("d4", "On 9 May 2020, gunmen attacked a police post in Kandahar province.", 0),
    ]
    metrics = score_acled(_write(tmp_path / "acled.jsonl", rows), extractor)
    assert metrics["fatal_notes"] == 3 and metrics["non_fatal_notes"] == 1
    assert metrics["dead_detected"] == round(2 / 3, 4)
    assert metrics["dead_exact"] == 0.5
    assert metrics["no_invented_dead"] == 1.0
    folds = metrics["folds"]
    assert sorted(folds) == ["0", "1"]
    assert sum(fold["notes"] for fold in folds.values()) == 4
    assert sum(fold["fatal_notes"] for fold in folds.values()) == 3


def test_folds_are_stable_and_split_by_id():
    from forewarn.evaluation.folds import fold_of, split_folds

    ids = [f"row-{n}" for n in range(200)]
    # the first byte of SHA-1, modulo 2: the same on every run and machine
    assert [fold_of(i) for i in ("a", "b", "row-1")] == [fold_of(i) for i in ("a", "b", "row-1")]
    assert fold_of("a") == 0x86 % 2  # sha1("a") starts with 86
    halves = split_folds([{"id": i} for i in ids])
    assert sorted(r["id"] for half in halves for r in half) == sorted(ids)
    assert all(60 < len(half) < 140 for half in halves)
    assert split_folds(["x", "y"], ids=["a", "a"]) == [["x", "y"], []]
