"""Curated reference data: loads whole, cross-checked; invalid data of each kind is refused by name."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import ROOT

from ilo_kg.reference import ReferenceError, load_reference


def test_reference_loads():
    ref = load_reference(ROOT / "data" / "reference")
    assert len(ref.countries) == 52
    assert sum(c.member_state for c in ref.countries) == 51
    kosovo = next(c for c in ref.countries if c.alpha3 == "XKX")
    assert not kosovo.member_state and kosovo.m49 is None and "Kosovo*" in kosovo.aliases
    assert {c.code for c in ref.conventions} >= {"C155", "C187", "MLC2006", "C029"}
    assert [g.goal for g in ref.sdgs] == list(range(1, 18))
    mlc = next(c for c in ref.conventions if c.code == "MLC2006")
    assert mlc.verified.startswith("no")  # the verified flags are kept as data
    albania = next(c for c in ref.countries if c.alpha3 == "ALB")
    assert "Albanian" in albania.demonyms and "Albanian" not in albania.aliases


def test_demonyms_link_but_are_not_labels(kg):
    from tests.conftest import ID, values

    labels = {
        v for (v,) in values(kg, f"SELECT ?l WHERE {{ <{ID}country/ALB> skos:altLabel|skos:prefLabel ?l }}")
    }
    assert "Albanian" not in labels and "Albania" in labels


CASES = [
    ("countries.csv", ",ALB,", ",ALB1,", r"countries\.csv:2: column 'iso_alpha3'"),
    ("countries.csv", ",Q222,", ",222,", r"countries\.csv:2: column 'wikidata_qid'"),
    ("countries.csv", ",Budapest,", ",Atlantis,", r"ilo_office 'Atlantis' is not an office"),
    ("countries.csv", ",AL,ALB,", ",AM,ALB,", r"duplicate alpha2 'AM'"),
    ("conventions.csv", "C155,", "C15X,", r"conventions\.csv:\d+: column 'code'"),
    (
        "sdgs.csv",
        "http://metadata.un.org/sdg/3,",
        "http://metadata.un.org/sdg/4,",
        r"does not end with the goal number 3",
    ),
    ("organizations.csv", ",eu-institution,", ",alien,", r"type 'alien' is not one of"),
    ("organizations.csv", ",SWE,", ",SWX,", r"country 'SWX' unknown"),
    (
        "offices.yaml",
        "parent: regional-office-for-europe-and-central-asia\n    coverage_name: Budapest",
        "parent: nowhere\n    coverage_name: Budapest",
        r"parent 'nowhere' is not an office",
    ),
    (
        "offices.yaml",
        "type: dwt-co\n    city: Budapest",
        "type: embassy\n    city: Budapest",
        r"type 'embassy' is not one of",
    ),
    (
        "themes.csv",
        "child-labour,Child labour,child labour,international-labour-standards",
        "child-labour,Child labour,child labour,no-such-theme",
        r"broader 'no-such-theme' is not a theme",
    ),
    ("country_aliases.csv", "KGZ,Kyrgyz Republic,name", "KGZ,Kyrgyz Republic,nickname", r"column 'kind'"),
    ("projects.csv", "SCORE,", ",", r"projects\.csv:2: column 'name' is empty"),
]


@pytest.mark.parametrize(("file", "old", "new", "message"), CASES)
def test_invalid_reference_data_is_refused(tmp_path: Path, file: str, old: str, new: str, message: str):
    folder = tmp_path / "reference"
    shutil.copytree(ROOT / "data" / "reference", folder)
    path = folder / file
    text = path.read_text()
    assert old in text, f"fixture text not found in {file}"
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(ReferenceError, match=message):
        load_reference(folder)


def test_missing_and_garbled_files(tmp_path: Path):
    folder = tmp_path / "reference"
    shutil.copytree(ROOT / "data" / "reference", folder)
    (folder / "sdgs.csv").unlink()
    with pytest.raises(ReferenceError, match=r"sdgs\.csv: reference file is missing"):
        load_reference(folder)
    shutil.copy(ROOT / "data" / "reference" / "sdgs.csv", folder / "sdgs.csv")
    (folder / "offices.yaml").write_text("offices: [unclosed")
    with pytest.raises(ReferenceError, match=r"offices\.yaml: cannot read YAML"):
        load_reference(folder)
    (folder / "offices.yaml").write_text("just: text\n")
    with pytest.raises(ReferenceError, match=r"expected top-level keys"):
        load_reference(folder)
    shutil.copy(ROOT / "data" / "reference" / "offices.yaml", folder / "offices.yaml")
    (folder / "themes.csv").write_bytes(b"key,label\n\xff\xfe")
    with pytest.raises(ReferenceError, match=r"themes\.csv: not UTF-8"):
        load_reference(folder)
