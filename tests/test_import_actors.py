"""PETRARCH actors, agents and discards importer: converted entries, reported issues (file and line), loadability."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from coder import load_codebook
from coder.codebook.importers.common import ImportResult
from coder.codebook.importers.petrarch_actors import (
    display_name,
    import_actors,
    import_agents,
    import_discards,
    initials_of,
    tabari_date,
)
from coder.match.actors import ActorCodes
from tests.conftest import DATA, SHARED

FIXTURES = DATA / "petrarch"
PETRARCH = SHARED / "data" / "petrarch2"


def issues_at(result) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for issue in result.issues:
        out.setdefault(issue.line, []).append(f"{issue.kind}: {issue.message}")
    return out


@pytest.fixture(scope="module")
def actors():
    return import_actors(FIXTURES / "faults.actors.txt")


def section(result, name):
    (data,) = result.files.values()
    return data[name]


def actor(result, first_name):
    return next(a for a in section(result, "actors") if a["names"][0] == first_name)


# ------------------------------------------------------------------ names and dates

@pytest.mark.parametrize("raw, shown", [
    ("UNITED_STATES_", "United States"),
    ("US", "US"),
    ("U.S.", "U.S."),
    ("NATO", "NATO"),
    ("BBC", "BBC"),
    ("ISLAMIC_REPUBLIC_OF_AFGHANISTAN", "Islamic Republic of Afghanistan"),
    ("ABU_BAKR_AL-BAGHDADI", "Abu Bakr al-Baghdadi"),
    ("AL-QAEDA", "Al-Qaeda"),
    ("JOHN_MCCLOY_", "John McCloy"),
    ("CONOR_O'BRIEN", "Conor O'Brien"),
    ("WOMEN'S_FEDERATION", "Women's Federation"),
    ("GEORGE_W._BUSH", "George W. Bush"),
    ("ST._PETERSBURG", "St. Petersburg"),
    ("13TH_BRIGADE", "13th Brigade"),
    ("MS-13", "MS-13"),
    ("ROBERT_BYRD", "Robert Byrd"),
    ("ABDULLAH_GÜL", "Abdullah Gül"),
    ("LOUIS_XIV", "Louis XIV"),
    ("UN_Secy_Gen", "UN Secy Gen"),        # words in mixed case stay as written
])
def test_display_name(raw, shown):
    assert display_name(raw) == shown


def test_a_one_word_name_that_spells_another_names_initials_stays_in_capitals():
    initials = initials_of(["AFGHAN_NATIONAL_SECURITY_FORCES", "ANSF"])
    assert display_name("ANSF", initials) == "ANSF"
    assert display_name("ANWAR_AS_SADAT", initials_of(["ANWAR_SADAT"])) == "Anwar as Sadat"


@pytest.mark.parametrize("digits, day", [
    ("090120", dt.date(2009, 1, 20)), ("300101", dt.date(2030, 1, 1)), ("310101", dt.date(1931, 1, 1)),
    ("000101", dt.date(2000, 1, 1)), ("19950601", dt.date(1995, 6, 1)),
])
def test_tabari_dates(digits, day):
    assert tabari_date(digits) == day


@pytest.mark.parametrize("digits", ["2004017", "201005011", "1920030320", "20101340", "090230"])
def test_bad_tabari_dates(digits):
    with pytest.raises(ValueError):
        tabari_date(digits)


# ------------------------------------------------------------------ actors

def test_country_level_entries_become_countries(actors):
    assert section(actors, "countries") == [
        {"code": "USA", "names": ["U.S.", "American"]},      # "United States" is defined again at line 24
        {"code": "USA", "names": ["United States"]},
    ]


def test_dated_codes_keep_their_order_and_the_default_code_comes_last(actors):
    obama = actor(actors, "Barack Obama")
    assert obama == {
        "names": ["Barack Obama", "President Obama"],
        "kind": "person",
        "codes": [
            {"code": "USAELI", "from": dt.date(1961, 8, 4), "until": dt.date(2009, 1, 19)},
            {"code": "USAGOV", "from": dt.date(2009, 1, 20)},
            {"code": "USAELI"},
        ],
    }
    sam = actor(actors, "Sam Gamgee")   # default on the name line, dated code under it
    assert sam["codes"] == [{"code": "HOBGOV", "from": dt.date(2012, 11, 9), "until": dt.date(2013, 1, 19)},
                            {"code": "HOB"}]


def test_synonyms_acronyms_and_kinds(actors):
    nato = actor(actors, "North Atlantic Treaty Organization")
    assert nato["names"] == ["North Atlantic Treaty Organization", "NATO", "Nat"]
    assert nato["kind"] == "organisation"
    assert nato["codes"] == [{"code": "IGOWSTNAT"}]


def test_a_bare_date_is_read_as_from(actors):
    assert actor(actors, "John Doe")["codes"] == [{"code": "USAGOV", "from": dt.date(1982, 1, 1)}]


def test_every_fault_is_reported_with_its_file_and_line(actors):
    assert {i.file for i in actors.issues} == {"faults.actors.txt"}
    found = issues_at(actors)
    expected = {
        2: ("skipped", "before any actor entry"),                  # stray + line
        5: ("skipped", "is defined again at line 24 with the same codes"),
        14: ("changed", "lower-case code 'hob' upper-cased"),
        16: ("skipped", "bad date"),
        17: ("skipped", "the entry has no code"),                  # code-less name
        20: ("changed", "'#' inside"),
        21: ("skipped", "unknown construct"),
        22: ("skipped", "not a coder actor code"),
        23: ("changed", "read as 'from 1982-01-01'"),
    }
    for line, (kind, words) in expected.items():
        assert any(msg.startswith(kind) and words in msg for msg in found.get(line, [])), (line, found.get(line))
    assert any("none of its codes could be read" in m for m in found[22])
    assert set(found) == set(expected)


def test_counts(actors):
    assert actors.counts["countries"] == 2
    assert actors.counts["actors"] == 4
    assert actors.counts["names"] == 3 + 2 + 1 + 3 + 1
    assert actors.counts["codes"] == 3 + 2 + 1 + 1


def test_a_name_whose_entries_clash_gets_one_entry_with_all_their_codes(tmp_path):
    path = tmp_path / "two.actors.txt"
    path.write_text("ABDULLAH_ [JORGOV >990207]\nABDULLAH_ [SAUGOV >050801]\nABDULLAH_ [AFGELI]\n"
                    "KING_ABDULLAH_ [JORGOV]\nHUSSEIN_ [JORGOV <990207]\nHUSSEIN_ [XYZGOV >990208]\n")
    result = import_actors(path)
    assert [(a["names"], a["codes"]) for a in section(result, "actors")] == [
        (["King Abdullah"], [{"code": "JORGOV"}]),
        (["Hussein"], [{"code": "JORGOV", "until": dt.date(1999, 2, 7)}]),    # dates apart: both entries stay
        (["Hussein"], [{"code": "XYZGOV", "from": dt.date(1999, 2, 8)}]),
        (["Abdullah"], [{"code": "SAUGOV", "from": dt.date(2005, 8, 1)}, {"code": "JORGOV", "from": dt.date(1999, 2, 7)},
                        {"code": "AFGELI"}])]                                  # clash: the latest dated first
    assert [(i.line, i.kind) for i in result.issues] == [(1, "changed"), (2, "changed"), (3, "changed")]


# ------------------------------------------------------------------ agents and discards

def test_agents():
    result = import_agents(FIXTURES / "faults.agents.txt")
    assert result.files == {"agents/faults.agents.yaml": {"agents": {
        "LEG": ["congressman", "congresswoman"],          # "congressmen" is generated by coder
        "GGS": ["golden goose", "golden geese"],          # an irregular plural stays
        "MIL": ["soldier"],
        "COP": ["=police"],                               # "{}": no plural, "polices" is a verb
        "IGO~": ["peacekeeper"],
        "GOVFRM": ["foreign minister"],
        "UAF": ["assailant"],
        "BUS": ["CEO"],
    }}}
    found = issues_at(result)
    assert sorted(found) == [8, 9, 10, 13]
    assert "no [code]" in found[8][0] and "!UNKNOWN!" in found[9][0]
    assert "defined again at line 11" in found[10][0] and "not a coder agent code" in found[13][0]
    assert result.counts["agents"] == 10


def test_discards():
    result = import_discards(FIXTURES / "faults.discards.txt")
    assert result.files == {"discards/faults.discards.yaml": {"discards": {
        "sentence": ["years later", "group a", "euro qualifier"],
        "story": ["World Golf Championships", "ESPN2"],
    }}}
    assert result.issues == [] and result.counts["discards"] == 5


# ------------------------------------------------------------------ the output loads

def test_the_converted_files_load_as_a_codebook(tmp_path, actors):
    result = ImportResult().merge(actors).merge(import_agents(FIXTURES / "faults.agents.txt"))
    result.merge(import_discards(FIXTURES / "faults.discards.txt"))
    (tmp_path / "codebook.yaml").write_text('codebook: {name: imported, version: "1"}\n')
    for rel, data in result.files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    book = load_codebook(tmp_path)
    obama = next(a for a in book.actors if "Barack Obama" in a.names)
    codes = ActorCodes.of(0, obama)
    assert codes.code_at(dt.date(2009, 1, 19)) == "USAELI"
    assert codes.code_at(dt.date(2009, 1, 20)) == "USAGOV"
    assert codes.code_at(None) == "USAGOV"    # coder: an undated story takes the first open-ended code
    assert book.agents["IGO~"] == ("peacekeeper",)


@pytest.mark.skipif(not PETRARCH.is_dir(), reason="../shared/data/petrarch2 is not present")
def test_the_petrarch_validation_actors():
    result = import_actors(PETRARCH / "PETR.Validate.actors.txt")
    gollum = actor(result, "Gollum")
    assert gollum["names"] == ["Gollum", "Smeagol", "Slinker", "Stinker"]
    assert gollum["codes"] == [
        {"code": "HOB", "until": dt.date(1995, 6, 1)},
        {"code": "HOBGOV", "from": dt.date(1995, 6, 1), "until": dt.date(1999, 8, 15)},
        {"code": "HOBREB", "from": dt.date(1999, 8, 16)},
    ]
    assert {"code": "AUS", "names": ["Australia", "Australian"]} in section(result, "countries")


def test_a_latin1_dictionary_is_read_and_reported(tmp_path):
    from coder.codebook.importers.petrarch_actors import import_actors

    path = tmp_path / "old.actors.txt"
    path.write_bytes("CAF\xc9_NOIR [CMR]\nFRANCE [FRA]\n".encode("latin-1"))
    result = import_actors(path)
    names = [n for section in result.files.values() for key in ("actors", "countries")
             for entry in section.get(key, []) for n in entry["names"]]
    assert "Café Noir" in names or "Cafe Noir" in names or any("Caf" in n for n in names)
    assert any(i.line == 1 and "not UTF-8" in i.message for i in result.issues)
