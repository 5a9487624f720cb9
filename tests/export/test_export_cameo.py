"""CAMEO/GDELT-style rows: GDELT 2.0 columns, valid CAMEO codes that map back to the event."""

from __future__ import annotations

import re

import pytest

from forewarn.export import CAMEO_COLUMNS, cameo_code, cameo_rows
from forewarn.ontology import PLOVER_TYPES, cameo_label, cameo_to_plover, modes_for


def as_dicts(document):
    return [dict(zip(CAMEO_COLUMNS, row, strict=True)) for row in cameo_rows(document)]


def test_columns_are_gdelt_2_event_table_columns():
    assert len(CAMEO_COLUMNS) == 61
    assert CAMEO_COLUMNS[:6] == (
        "GLOBALEVENTID",
        "SQLDATE",
        "MonthYear",
        "Year",
        "FractionDate",
        "Actor1Code",
    )
    assert CAMEO_COLUMNS[25:35] == (
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
    )
    assert CAMEO_COLUMNS[-10:] == (
        "ActionGeo_Type",
        "ActionGeo_FullName",
        "ActionGeo_CountryCode",
        "ActionGeo_ADM1Code",
        "ActionGeo_ADM2Code",
        "ActionGeo_Lat",
        "ActionGeo_Long",
        "ActionGeo_FeatureID",
        "DATEADDED",
        "SOURCEURL",
    )


def test_every_row_is_complete_with_a_code_that_maps_back(documents):
    for document in documents:
        events = {event.id: event for event in document.events}
        for row in cameo_rows(document):
            assert len(row) == len(CAMEO_COLUMNS)
            fields = dict(zip(CAMEO_COLUMNS, row, strict=True))
            code = fields["EventCode"]
            assert cameo_label(code), f"{code} is not a CAMEO code"
            assert cameo_to_plover(code).event_type == events[fields["GLOBALEVENTID"]].event_type
            assert fields["EventBaseCode"] == code[:3]
            assert fields["EventRootCode"] == code[:2]
            assert re.fullmatch(r"20\d{6}", str(fields["SQLDATE"]))
            assert fields["DATEADDED"] == 20250310
            assert (fields["NumMentions"], fields["NumSources"], fields["NumArticles"]) == (1, 1, 1)


def test_assault_row(assault):
    document, event = assault
    [row] = [r for r in as_dicts(document) if r["GLOBALEVENTID"] == event.id]
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == (20250310, 202503, 2025)
    assert 2025.18 < row["FractionDate"] < 2025.19
    assert row["Actor1Code"] == "RUSMIL"
    assert row["Actor1CountryCode"] == "RUS" and row["Actor1Type1Code"] == "MIL"
    assert row["EventRootCode"] in ("18", "19", "20")
    assert row["QuadClass"] == 4
    assert row["GoldsteinScale"] <= -9
    assert row["IsRootEvent"] == 1
    assert row["ActionGeo_CountryCode"] == "UKR"
    assert row["ActionGeo_FullName"].startswith("Kharkiv")
    assert row["ActionGeo_Type"] == 4  # a city outside the US
    assert row["ActionGeo_FeatureID"] == event.location.geonameid
    assert row["ActionGeo_ADM1Code"].startswith("UA.")
    assert row["SOURCEURL"] == "https://news.example.org/shelling"


def test_month_date_is_its_first_day_and_missing_values_are_empty(hand_built):
    [row] = as_dicts(hand_built)
    assert row["SQLDATE"] == 20240501
    assert row["Actor1Code"] == "HUNGOV"
    assert row["Actor2Code"] == "" and row["Actor2Name"] == ""
    assert row["ActionGeo_Type"] == 0 and row["ActionGeo_FullName"] == ""
    assert row["SOURCEURL"] == ""
    assert row["QuadClass"] == 1


@pytest.mark.parametrize("event_type", PLOVER_TYPES)
def test_every_type_and_mode_has_a_code_of_that_type(event_type):
    for mode in (None, *sorted(modes_for(event_type))):
        code = cameo_code(event_type, mode)
        assert len(code) in (3, 4)
        assert cameo_to_plover(code).event_type == event_type


@pytest.mark.parametrize(
    ("event_type", "mode", "context", "code"),
    [
        ("ASSAULT", "heavy-weapons", ("military",), "194"),
        ("ASSAULT", None, (), "180"),
        ("ASSAULT", "drone", (), "180"),  # a mode the crosswalk lacks: the type's generic code
        ("PROTEST", "demo", (), "141"),  # not the more specific 1411..1414
        ("PROTEST", "demo", ("rights_freedoms",), "1413"),
        ("AGREE", None, (), "030"),  # the root's generic code, though the crosswalk gives it
        # a context ("diplomatic") the event lacks
        ("CONSULT", None, (), "040"),
        ("CONSULT", "visit", (), "042"),
        ("REQUEST", None, (), "100"),  # CAMEO 10 (demand) is verbal conflict, as REQUEST is
        ("SANCTION", "discontinue", ("economic",), "163"),
    ],
)
def test_code_choice(event_type, mode, context, code):
    assert cameo_code(event_type, mode, context) == code
