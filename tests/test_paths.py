"""The one resource helper finds the shipped data in a checkout, a wheel and a frozen bundle."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench import paths

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _no_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WORKBENCH_RESOURCES", raising=False)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)


def _layout(base: Path, *, wheel: bool, source: bool, frozen: bool) -> dict[str, Path]:
    """A site with the chosen layouts present; each resources folder holds a marker file."""
    package = base / "site" / "workbench"
    package.mkdir(parents=True)
    folders = {
        "wheel": package / paths.PACKAGED_NAME,
        "source": base / "site" / "resources",
        "frozen": base / "bundle" / "_internal" / "resources",
    }
    for name, wanted in (("wheel", wheel), ("source", source), ("frozen", frozen)):
        if wanted:
            (folders[name] / "rules").mkdir(parents=True)
            (folders[name] / "rules" / f"{name}.yaml").write_text("x", encoding="utf-8")
    return {"package": package, **folders}


def test_source_tree_finds_the_checkouts_resources() -> None:
    assert paths.resources_dir().resolve() == (ROOT / "resources").resolve()
    assert sorted(paths.resource("rules").glob("*.yaml"))
    assert paths.resource("reference", "ORIGIN.md").is_file()


def test_resource_joins_parts_under_the_directory() -> None:
    assert paths.resource("icons", "app.svg") == paths.resources_dir() / "icons" / "app.svg"


def test_wheel_layout_uses_package_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # site-packages/resources exists too (another distribution's): the package's own wins
    layout = _layout(tmp_path, wheel=True, source=True, frozen=False)
    monkeypatch.setattr(paths, "_PACKAGE_DIR", layout["package"])
    assert paths.resources_dir() == layout["wheel"]
    assert paths.resource("rules", "wheel.yaml").is_file()


def test_source_layout_without_package_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    layout = _layout(tmp_path, wheel=False, source=True, frozen=False)
    monkeypatch.setattr(paths, "_PACKAGE_DIR", layout["package"])
    assert paths.resources_dir() == layout["source"]


def test_frozen_layout_uses_meipass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    layout = _layout(tmp_path, wheel=True, source=True, frozen=True)
    monkeypatch.setattr(paths, "_PACKAGE_DIR", layout["package"])
    monkeypatch.setattr(sys, "_MEIPASS", str(layout["frozen"].parent), raising=False)
    assert paths.resources_dir() == layout["frozen"]
    assert paths.resource("rules", "frozen.yaml").is_file()


def test_override_wins_even_when_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    layout = _layout(tmp_path, wheel=True, source=True, frozen=True)
    monkeypatch.setattr(paths, "_PACKAGE_DIR", layout["package"])
    monkeypatch.setattr(sys, "_MEIPASS", str(layout["frozen"].parent), raising=False)
    monkeypatch.setenv("WORKBENCH_RESOURCES", str(tmp_path / "edited"))
    # a mistyped override must fail at the lookup, not fall back to the shipped data
    assert paths.resources_dir() == tmp_path / "edited"


def test_nothing_found_names_the_source_tree_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    layout = _layout(tmp_path, wheel=False, source=False, frozen=False)
    monkeypatch.setattr(paths, "_PACKAGE_DIR", layout["package"])
    assert paths.resources_dir() == layout["source"]


@given(wheel=st.booleans(), source=st.booleans(), frozen=st.booleans())
def test_first_existing_layout_in_priority_order_wins(
    wheel: bool, source: bool, frozen: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        layout = _layout(Path(folder), wheel=wheel, source=source, frozen=frozen)
        patch.setattr(paths, "_PACKAGE_DIR", layout["package"])
        patch.setattr(sys, "_MEIPASS", str(layout["frozen"].parent), raising=False)
        present = [
            name for name, on in (("frozen", frozen), ("wheel", wheel), ("source", source)) if on
        ]
        expected = layout[present[0]] if present else layout["source"]
        assert paths.resources_dir() == expected
