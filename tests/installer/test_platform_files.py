"""Static checks of the per-platform installer files, and the Linux install scripts for real.

The Windows and macOS files cannot be run here; these tests pin what they must agree on with
the rest of the project (names, icon paths, the app id the window sets) so a rename anywhere
fails here rather than on a release machine.
"""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
sys.path.insert(0, str(INSTALLER))

import bundle_rules  # noqa: E402

DESKTOP = INSTALLER / "linux" / f"{bundle_rules.DESKTOP_ID}.desktop"
ISS = INSTALLER / "windows" / "workbench.iss"
SPEC = INSTALLER / "workbench.spec"
APPLICATION = ROOT / "workbench" / "ui" / "application.py"


def _constant(source: Path, name: str) -> str:
    """A string constant's value, read without importing the module (which needs Qt)."""
    match = re.search(rf'^{name} = "([^"]+)"', source.read_text(encoding="utf-8"), re.M)
    assert match, f"{name} not found in {source.name}"
    return match.group(1)


def _desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


# -- Linux --------------------------------------------------------------------------------------


def test_desktop_file_names_the_app_and_icon() -> None:
    entry = _desktop_entry(DESKTOP)
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == bundle_rules.EXECUTABLE
    assert entry["Icon"] == bundle_rules.DESKTOP_ID
    assert entry["Terminal"] == "false"
    # the running window announces this name, which is how task bars find the icon
    assert _constant(APPLICATION, "DESKTOP_FILE_NAME") == DESKTOP.stem


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils absent")
def test_desktop_file_validates() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""  # no warnings either


@pytest.mark.parametrize("script", ["linux/install.sh", "linux/uninstall.sh", "smoke.sh"])
def test_shell_scripts_parse(script: str) -> None:
    shell = "bash" if script == "smoke.sh" else "sh"
    subprocess.run([shell, "-n", str(INSTALLER / script)], check=True)


def _unpacked_tarball(base: Path) -> Path:
    """What build.py packs, with a stand-in executable instead of the real bundle."""
    stem = base / "compliance-workbench-9.9.9-linux-x86_64"
    (stem / "workbench" / "_internal").mkdir(parents=True)
    exe = stem / "workbench" / "workbench"
    exe.write_text("#!/bin/sh\necho stand-in\n", encoding="utf-8")
    exe.chmod(0o755)
    for name in ("install.sh", "uninstall.sh", DESKTOP.name):
        shutil.copy2(INSTALLER / "linux" / name, stem / name)
    (stem / "icons").mkdir()
    shutil.copy2(ROOT / "resources" / "icons" / "app.svg", stem / "icons" / "app.svg")
    for png in (ROOT / "resources" / "icons" / "app").glob("app-*.png"):
        shutil.copy2(png, stem / "icons" / png.name)
    return stem


def test_install_and_uninstall_for_one_user(tmp_path: Path) -> None:
    stem = _unpacked_tarball(tmp_path / "unpacked")
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    subprocess.run(["sh", str(stem / "install.sh")], env=env, check=True, capture_output=True)

    share = home / ".local" / "share"
    prefix = share / "compliance-workbench" / "app"
    command = home / ".local" / "bin" / "workbench"
    assert command.is_symlink() and command.resolve() == (prefix / "workbench").resolve()
    run = subprocess.run([str(command)], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "stand-in"
    installed = share / "applications" / DESKTOP.name
    entry = _desktop_entry(installed)
    assert entry["Exec"] == f"{prefix}/workbench gui"  # absolute: menus lack ~/.local/bin
    assert entry["TryExec"] == f"{prefix}/workbench"
    for size in (16, 48, 256):
        assert (
            share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "compliance-workbench.png"
        ).is_file()
    assert (
        share / "icons" / "hicolor" / "scalable" / "apps" / "compliance-workbench.svg"
    ).is_file()
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(installed)], check=True)

    keep = share / "ComplianceWorkbench" / "workbench.sqlite3"  # the user's database
    keep.parent.mkdir(parents=True)
    keep.write_bytes(b"data")
    subprocess.run(["sh", str(stem / "uninstall.sh")], env=env, check=True, capture_output=True)
    assert not prefix.exists() and not command.exists() and not installed.exists()
    assert not list((share / "icons").rglob("compliance-workbench.*"))
    assert keep.read_bytes() == b"data"


# -- icons --------------------------------------------------------------------------------------


def test_icon_files_cover_every_platform() -> None:
    icons = ROOT / "resources" / "icons" / "app"
    with Image.open(icons / "app.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(icons / "app.icns") as icns:
        assert icns.format == "ICNS"
        assert max(icns.info["sizes"])[0] >= 512
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        with Image.open(icons / f"app-{size}.png") as png:
            assert png.size == (size, size)
            assert png.mode == "RGBA"


# -- Windows ------------------------------------------------------------------------------------


def _iss_defines() -> dict[str, str]:
    text = ISS.read_text(encoding="utf-8")
    return dict(re.findall(r'^#define (\w+) "([^"]*)"', text, re.M))


def test_inno_script_agrees_with_the_bundle_and_the_app() -> None:
    defines = _iss_defines()
    assert defines["AppExe"] == f"{bundle_rules.EXECUTABLE}.exe"
    assert defines["AppGuiExe"] == f"{bundle_rules.GUI_EXECUTABLE}.exe"
    assert defines["AppUserModelId"] == _constant(APPLICATION, "WINDOWS_APP_ID")
    assert defines["Bundle"] == rf"..\dist\{bundle_rules.EXECUTABLE}"
    text = ISS.read_text(encoding="utf-8")
    icon = re.search(r"^SetupIconFile=(.+)$", text, re.M)
    assert icon and (ISS.parent / icon.group(1).replace("\\", "/")).is_file()


def test_inno_script_has_menu_entry_verbs_and_uninstaller() -> None:
    text = ISS.read_text(encoding="utf-8")
    assert re.search(r"^\[Icons\]\s*\nName: \"\{autoprograms\}", text, re.M)
    for ext in (".yaml", ".yml"):
        for verb, command in (("Validate", "rules validate"), ("Import", "rules import")):
            key = rf"SystemFileAssociations\{ext}\shell\ComplianceWorkbench.{verb}"
            assert f'Subkey: "Software\\Classes\\{key}"; ValueType: string; ValueName: ""' in text
            assert f'{key}\\command"' in text and f'"" {command} ""%1""' in text
    # every verb key is removed again by the uninstaller
    for line in text.splitlines():
        if re.search(r'shell\\ComplianceWorkbench\.\w+"; ValueType: string; ValueName: ""', line):
            assert "uninsdeletekey" in line
    assert "ChangesAssociations=yes" in text
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", text, re.M)


# -- PyInstaller spec and macOS -----------------------------------------------------------------


def test_spec_uses_the_shared_rules_and_ships_resources_and_migrations() -> None:
    text = SPEC.read_text(encoding="utf-8")
    compile(text, str(SPEC), "exec")
    assert "excludes=[*bundle_rules.EXCLUDED_MODULES, *bundle_rules.QT_EXCLUDED_MODULES]" in text
    assert "bundle_rules.filter_toc(a.binaries)" in text
    assert 'str(ROOT / "resources"), "resources"' in text  # what paths.py expects in _MEIPASS
    assert '"workbench/storage/migrations"' in text
    assert "copy_metadata" in text  # the About dialog reads versions and licences from it


def test_spec_info_plist_for_macos() -> None:
    text = SPEC.read_text(encoding="utf-8")
    for key in ("CFBundleShortVersionString", "CFBundleIdentifier", "NSHighResolutionCapable"):
        assert key in text or key == "CFBundleIdentifier"
    assert "bundle_identifier=bundle_rules.BUNDLE_IDENTIFIER" in text
    assert 'icon=str(ICONS / "app.icns")' in text


def test_dmg_script_uses_hdiutil() -> None:
    script = INSTALLER / "macos" / "make_dmg.sh"
    subprocess.run(["bash", "-n", str(script)], check=True)
    text = script.read_text(encoding="utf-8")
    assert "hdiutil create" in text and "hdiutil verify" in text
    assert "ln -s /Applications" in text
