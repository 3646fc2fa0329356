"""The shipped equipment catalogue and model-code lookup.

The shipped CSV is checked cell by cell; lookups are checked against spellings taken from real
installed-base exports (separators, case, full-width, brand and vendor prefixes, trailing
remarks) and against the demo catalogue, which must agree with the reference catalogue.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from workbench.domain.enums import EquipmentCategory
from workbench.importers.equipment_catalogue import (
    COLUMNS,
    Catalogue,
    CatalogueEntry,
    CatalogueError,
    canonical_vendor,
    code_key,
    lookup_model,
    read_catalogue,
    shipped_catalogue,
)
from workbench.paths import resource

SHIPPED = resource("reference", "equipment_catalogue.csv")
DEMO_MODELS = resource("demo", "models.csv")


def _entry(
    typed: str, vendor: str | None = None, catalogue: Catalogue | None = None
) -> CatalogueEntry:
    """The entry ``typed`` resolves to; fails the test when it resolves to nothing."""
    entry = (catalogue or shipped_catalogue()).lookup(typed, vendor)
    assert entry is not None, typed
    return entry


def _shipped_rows() -> list[dict[str, str]]:
    with SHIPPED.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_shipped_row_parses_with_a_valid_category_and_a_source() -> None:
    rows = _shipped_rows()
    catalogue = shipped_catalogue()
    assert len(catalogue.entries) == len(rows) > 250
    slugs = {c.value for c in EquipmentCategory}
    for row, entry in zip(rows, catalogue.entries, strict=True):
        assert row["category"] in slugs, row
        assert entry.category.value == row["category"]
        assert entry.confidence in {"C", "S", "U"}
        assert entry.source and entry.family and entry.patterns
        assert entry.vendor == row["vendor"]


def test_the_file_is_utf8_with_the_documented_header() -> None:
    first = SHIPPED.read_bytes().decode("utf-8").splitlines()[0]
    assert tuple(first.split(",")) == COLUMNS


def test_categories_cover_the_process_steps_the_rules_name() -> None:
    used = {e.category for e in shipped_catalogue().entries}
    # "unknown" is what an import gives a model nobody knows: no catalogue row has it.
    assert used == set(EquipmentCategory) - {EquipmentCategory.UNKNOWN}


def test_only_helios_is_claimed_by_two_vendors() -> None:
    """A spelling shared by two rows can never resolve; only one such name is kept, on purpose."""
    owners: dict[str, set[tuple[str, str]]] = {}
    for entry in shipped_catalogue().entries:
        for pattern in entry.patterns:
            if not pattern.startswith("re:"):
                owners.setdefault(pattern, set()).add((entry.vendor, entry.model_code))
    shared = {p: o for p, o in owners.items() if len(o) > 1}
    assert set(shared) == {"Helios*"}
    assert {v for v, _ in shared["Helios*"]} == {"Mattson Technology", "Thermo Fisher Scientific"}


@pytest.mark.parametrize(
    ("typed", "vendor", "model_code", "category"),
    [
        ("NXT:2000i", "ASML", "NXT:2000i", "duv_immersion"),
        ("NXT 2000i", "ASML", "NXT:2000i", "duv_immersion"),
        ("NXT-2000I", "ASML", "NXT:2000i", "duv_immersion"),
        ("nxt2000i", "ASML", "NXT:2000i", "duv_immersion"),
        ("TWINSCAN NXT:2000i", "ASML", "NXT:2000i", "duv_immersion"),
        ("ASML NXT:2000i", "ASML", "NXT:2000i", "duv_immersion"),
        ("ＮＸＴ：２０００ｉ", "ASML", "NXT:2000i", "duv_immersion"),
        ("NXT:1980Di (refurb)", "ASML", "NXT:1980Di", "duv_immersion"),
        ("TWINSCAN NXT:1970Ci - relocated", "ASML", "NXT:1970Ci", "duv_immersion"),
        ("NXE:3400C", "ASML", "NXE:3400C", "euv_litho"),
        ("EXE:5000", "ASML", "EXE:5000", "euv_litho"),
        ("XT:1460K", "ASML", "XT:1460K", "duv_dry_arf"),
        ("NXT:1460K", "ASML", "NXT:1460K", "duv_dry_arf"),
        ("XT 860M", "ASML", "XT:860M", "krf_litho"),
        ("YieldStar 385", "ASML", "YieldStar 385", "metrology"),
        ("HMI eScan1100", "ASML", "HMI eScan 1100", "inspection"),
        ("NSR-S635E", "Nikon", "NSR-S635E", "duv_immersion"),
        ("NSR S322F", "Nikon", "NSR-S322F", "duv_dry_arf"),
        ("FPA-6300ES6a", "Canon", "FPA-6300ES6a", "krf_litho"),
        ("Canon FPA-5550iZ2", "Canon", "FPA-5550iZ2", "iline_litho"),
        ("LITHIUS Pro Z", "TEL", "CLEAN TRACK LITHIUS Pro Z", "track"),
        ("Tactras Vigus", "TEL", "Tactras Vigus", "etch_dielectric"),
        ("Triase+", "TEL", "Trias e+", "cvd"),
        ("TELINDY+", "TEL", "TELINDY PLUS", "anneal"),
        ("CELLESTA-i", "TEL", "CELLESTA-i", "clean"),
        ("Lam Kiyo", "Lam Research", "Kiyo", "etch_conductor"),
        ("2300 Flex", "Lam Research", "Flex", "etch_dielectric"),
        ("Sym3", "Applied Materials", "Centris Sym3", "etch_conductor"),
        ("Centura Epi", "Applied Materials", "Centura Epi", "epitaxy"),
        ("Surfscan SP7", "KLA", "Surfscan SP7", "inspection"),
        ("KLA 2950", "KLA", "2950", "inspection"),
        ("TSURUGI-C²", "Kokusai", "TSURUGI-C2", "ald"),
        ("SUPRA V+", "PSK", "SUPRA Vplus", "clean"),
        ("Purion H", "Axcelis", "Purion H", "implant"),
    ],
)
def test_typed_models_resolve(typed: str, vendor: str, model_code: str, category: str) -> None:
    entry = lookup_model(typed)
    assert entry is not None, typed
    assert (entry.vendor, entry.model_code, entry.category.value) == (vendor, model_code, category)
    assert entry.exact


@pytest.mark.parametrize(
    ("typed", "vendor", "family_code", "category"),
    [
        ("NXT:1980Gi", "ASML", "NXT:1980i", "duv_immersion"),
        ("NXT:2200i", "ASML", "NXT:2xxx", "duv_immersion"),
        ("NXE:4000F", "ASML", "NXE", "euv_litho"),
        ("2935", "KLA", "29xx", "inspection"),
        ("Surfscan SP5", "KLA", "Surfscan", "inspection"),
        ("SP3", "KLA", "Surfscan", "inspection"),
        ("Centura DPS II", "Applied Materials", "Centura DPS", "etch_conductor"),
        ("Purion H200", "Axcelis", "Purion", "implant"),
        ("CG5000", "Hitachi High-Tech", "CG series", "metrology"),
        ("Helios XP", "Mattson Technology", "Helios XP", "anneal"),
        ("NSR-S625E", "Nikon", "NSR-S6xx", "duv_immersion"),
        ("AT:850", "ASML", "AT", "other"),
        ("LSA201", "Veeco", "LSA", "anneal"),
        ("ETS-88", "Teradyne", "ETS-364", "test"),
    ],
)
def test_unlisted_models_resolve_to_their_family(
    typed: str, vendor: str, family_code: str, category: str
) -> None:
    entry = lookup_model(typed)
    assert entry is not None, typed
    assert (entry.vendor, entry.model_code, entry.category.value) == (vendor, family_code, category)
    assert not entry.exact


@pytest.mark.parametrize(
    ("typed", "exact"),
    [
        ("Kiyo", True),
        ("Kiyo GX", False),  # a Kiyo the catalogue does not list: keep the code as typed
        ("Kiyo (chamber B)", True),
        ("NXT:1980Di, fab 2", True),
        ("NXT:1980Di refurbished", False),
        ("NXT:1980Di / spare", True),
    ],
)
def test_more_words_after_a_code_make_it_a_family_match(typed: str, exact: bool) -> None:
    entry = _entry(typed)
    assert entry.model_code in {"Kiyo", "NXT:1980Di"}
    assert entry.exact is exact


def test_an_exact_code_beats_its_family_and_a_longer_family_beats_a_shorter() -> None:
    assert _entry("NXT:1980Di").model_code == "NXT:1980Di"
    assert _entry("NXT:1985Di").model_code == "NXT:19xx"
    assert _entry("Centura").category is EquipmentCategory.OTHER


def test_whole_words_only() -> None:
    """ "NXT:1460K" is not "XT:1460K" with an N in front, and a code does not run into a word."""
    assert _entry("NXT:1460K").model_code == "NXT:1460K"
    assert lookup_model("XNXT:2000i") is None
    assert _entry("NXT:2000ix").model_code == "NXT:2xxx"


@pytest.mark.parametrize(
    "typed",
    [
        "Helios",  # Mattson's RTP and Thermo Fisher's FIB-SEM share the name
        "Helios 5 UX",
        "Kiyo / Flex",  # two rows match equally
        "ASML Kiyo",  # the text names one vendor and the model is another's
        "",
        "   ",
        "(refurb)",
        "XYZ-9000",
        "NSR",
        "TWINSCAN",
        "ASML",
        "Atomic layer deposition",  # not the AT family, nor any other
        "Dual-chamber tool",
    ],
)
def test_unknown_and_ambiguous_text_resolves_to_nothing(typed: str) -> None:
    assert lookup_model(typed) is None


def test_a_vendor_narrows_the_candidates_through_its_aliases() -> None:
    fib = lookup_model("Helios", vendor="FEI Company")
    rtp = lookup_model("Helios", vendor="mattson")
    assert fib is not None and fib.vendor == "Thermo Fisher Scientific"
    assert rtp is not None and rtp.category is EquipmentCategory.ANNEAL
    assert lookup_model("Kiyo", vendor="Lam") is not None
    assert lookup_model("Kiyo", vendor="AMAT") is None
    assert lookup_model("Kiyo", vendor="Nobody Inc.") is None
    assert lookup_model("ASML NXT:2000i", vendor="ASML Netherlands B.V.") is not None
    assert lookup_model("ASML NXT:2000i", vendor="Nikon") is None


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("AMAT", "Applied Materials"),
        ("Applied Materials, Inc.", "Applied Materials"),
        ("Tokyo Electron Ltd.", "TEL"),
        ("東京エレクトロン株式会社", "TEL"),
        ("Lam", "Lam Research"),
        ("LAM RESEARCH CORPORATION", "Lam Research"),
        ("KLA-Tencor", "KLA"),
        ("Hitachi High-Technologies Corporation", "Hitachi High-Tech"),
        ("Hitachi Kokusai Electric", "Kokusai"),
        ("Dainippon Screen Mfg. Co., Ltd.", "SCREEN"),
        ("ASM", "ASM International"),
        ("ASML Holding N.V.", "ASML"),
        ("株式会社ニコン", "Nikon"),
        ("キヤノン", "Canon"),
        ("北方华创", "Naura"),
        ("Tokyo Seimitsu", "Accretech"),
        ("Ultratech", "Veeco"),
        ("ＫＬＡ", "KLA"),
    ],
)
def test_vendor_aliases(typed: str, canonical: str) -> None:
    assert canonical_vendor(typed) == canonical


@pytest.mark.parametrize("typed", ["", "Inc.", "Acme Tools", "ASM Pacific", "Hitachi Kokusai X"])
def test_unknown_vendors(typed: str) -> None:
    assert canonical_vendor(typed) is None


def test_every_demo_model_resolves_to_its_own_vendor_and_category() -> None:
    """The demo catalogue and the reference catalogue must tell the same story."""
    with DEMO_MODELS.open(encoding="utf-8", newline="") as handle:
        demo = list(csv.DictReader(handle))
    assert len(demo) > 40
    for row in demo:
        expected = (row["vendor"], row["code"], row["category"])
        by_code = _entry(row["code"])
        assert by_code.exact, row["code"]
        assert (by_code.vendor, by_code.model_code, by_code.category.value) == expected
        by_name = _entry(row["name"])  # "Kiyo conductor etch": the code and more words
        assert (by_name.vendor, by_name.model_code, by_name.category.value) == expected
        assert lookup_model(row["code"], vendor=row["vendor"]) == lookup_model(row["code"])
        assert canonical_vendor(row["vendor"]) == row["vendor"]


def test_lookups_are_memoised() -> None:
    shipped_catalogue().lookup.cache_clear()
    for _ in range(3):
        lookup_model("NXT:1980Di")
    info = shipped_catalogue().lookup.cache_info()
    assert (info.misses, info.hits) == (1, 2)


def test_code_keys_ignore_separators_case_and_width() -> None:
    assert code_key("NXT:2000i") == code_key("ｎｘｔ－２０００Ｉ") == "nxt2000i"
    assert code_key("Triase+") == code_key("Trias e plus")


HEADER = ",".join(COLUMNS)


def _write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "catalogue.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_a_small_catalogue_resolves_by_pattern_kind(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "Acme,ACME Corp,AB1-100,AB1-100,AB1,cvd,,S,test",
        "Acme,,AB1,AB1-*,AB1,pvd,,U,test",
        'Acme,,ZX,"re:zx\\d{2}",ZX,etch_conductor,L1;L2 [U],S,test',
        "Other,,AB1-1,AB1-1*,AB1 one,ald,,U,test",
    )
    catalogue = read_catalogue(path)
    assert _entry("ab1 100", catalogue=catalogue).category is EquipmentCategory.CVD
    assert _entry("AB1-200", catalogue=catalogue).category is EquipmentCategory.PVD
    assert _entry("AB1-150", catalogue=catalogue).vendor == "Other"
    assert _entry("AB1-150", vendor="acme", catalogue=catalogue).category is EquipmentCategory.PVD
    zx = catalogue.lookup("ZX42")
    assert zx is not None and zx.lists == ("L1", "L2 [U]") and not zx.exact
    assert catalogue.lookup("ZX421") is None
    assert catalogue.canonical_vendor("Acme Corp.") == "Acme"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Acme,,AB,AB,AB,plasma,,S,src", "row 2, column category: 'plasma' is not a category slug"),
        ("Acme,,AB,AB,AB,cvd,,X,src", "row 2, column confidence: 'X' is not C, S or U"),
        ("Acme,,AB,,AB,cvd,,S,src", "row 2, column patterns: is empty"),
        ("Acme,,AB,AB,AB,cvd,,S,", "row 2, column source: is empty"),
        ("Acme,,AB,A*B,AB,cvd,,S,src", "row 2, column patterns: 'A*B' may only end in '*'"),
        ("Acme,,AB,A*,AB,cvd,,S,src", "fewer than two letters or digits"),
        ("Acme,,AB,re:(,AB,cvd,,S,src", "is not a regular expression"),
        ("Acme,,AB,AT:*,AB,cvd,,S,src", "'AT:*' is too short a family stem"),
        ("Acme,,AB,AB,AB,cvd,S,src", "row 2: 8 cells, not 9"),
    ],
)
def test_bad_cells_are_named(tmp_path: Path, row: str, message: str) -> None:
    with pytest.raises(CatalogueError, match=message.replace("(", r"\(").replace("*", r"\*")):
        read_catalogue(_write(tmp_path, row))


def test_duplicates_and_conflicting_aliases_are_refused(tmp_path: Path) -> None:
    twice = _write(tmp_path, "Acme,,AB,AB,AB,cvd,,S,s", "Acme,,ab,AB-2,AB,cvd,,S,s")
    with pytest.raises(CatalogueError, match="row 3, column model_code: 'ab' is listed twice"):
        read_catalogue(twice)
    clash = _write(tmp_path, "Acme,Zed,AB,AB,AB,cvd,,S,s", "Zed Tools,ZED,CD,CD,CD,cvd,,S,s")
    with pytest.raises(CatalogueError, match="'ZED' is already an alias of Acme"):
        read_catalogue(clash)


def test_a_wrong_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.csv"
    path.write_text("vendor,model\nASML,NXT:2000i\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="the header must be vendor,vendor_aliases"):
        read_catalogue(path)
