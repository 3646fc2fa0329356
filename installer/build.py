"""Build the one-folder application for this platform and pack it the way this platform installs.

    python installer/build.py            # bundle + platform package, into installer/dist/
    python installer/build.py --bundle-only

Linux: ``dist/workbench/`` and ``dist/compliance-workbench-<version>-linux-<arch>.tar.gz`` (the
bundle plus the .desktop file, icons and install/uninstall scripts).
macOS: ``dist/Compliance Workbench.app`` and, through ``macos/make_dmg.sh``, a .dmg.
Windows: ``dist\\workbench\\`` and, when Inno Setup's ``ISCC`` is on PATH, the setup .exe.

Prints the build time, the bundle size and its biggest parts, because size creeps up one
dependency at a time and nobody notices unless every build says it.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

import bundle_rules  # noqa: E402

import workbench  # noqa: E402

DIST = HERE / "dist"
WORK = HERE / "build"
BUNDLE = DIST / bundle_rules.EXECUTABLE
LINUX_FILES = HERE / "linux"


def mib(size: int) -> str:
    return f"{size / 2**20:,.1f} MiB"


def run_pyinstaller() -> float:
    """Run PyInstaller on the spec; returns the seconds it took."""
    if importlib.util.find_spec("PyInstaller") is None:
        raise SystemExit(
            "PyInstaller is not installed: pip install -e '.[installer]' (or pip install "
            "pyinstaller) in the environment that has the application's dependencies."
        )
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK),
            str(HERE / "workbench.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    return time.perf_counter() - started


def largest_parts(root: Path, count: int = 8) -> list[tuple[int, str]]:
    """The biggest top-level entries of the bundle's library folder, by total size."""
    internal = root / "_internal"
    base = internal if internal.is_dir() else root
    sizes: list[tuple[int, str]] = []
    for entry in base.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            size = bundle_rules.folder_size(str(entry))
        else:
            size = entry.lstat().st_size
        sizes.append((size, entry.name))
    return sorted(sizes, reverse=True)[:count]


def linux_tarball(version: str) -> Path:
    """The bundle, desktop integration and install scripts in one versioned tarball."""
    arch = platform.machine() or "unknown"
    stem = f"{bundle_rules.DESKTOP_ID}-{version}-linux-{arch}"
    target = DIST / f"{stem}.tar.gz"
    icons = ROOT / "resources" / "icons"

    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        # No build machine's user names in a file that goes to customers.
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(BUNDLE, arcname=f"{stem}/{bundle_rules.EXECUTABLE}", filter=normalise)
        for name in ("install.sh", "uninstall.sh", f"{bundle_rules.DESKTOP_ID}.desktop"):
            tar.add(LINUX_FILES / name, arcname=f"{stem}/{name}", filter=normalise)
        tar.add(icons / "app.svg", arcname=f"{stem}/icons/app.svg", filter=normalise)
        for png in sorted((icons / "app").glob("app-*.png")):
            tar.add(png, arcname=f"{stem}/icons/{png.name}", filter=normalise)
    return target


def package(version: str) -> list[Path]:
    """The platform's installable artefact(s) from the built bundle."""
    if sys.platform.startswith("linux"):
        return [linux_tarball(version)]
    if sys.platform == "darwin":
        subprocess.run(["bash", str(HERE / "macos" / "make_dmg.sh")], check=True)
        return sorted(DIST.glob("*.dmg"))
    if sys.platform == "win32":
        iscc = shutil.which("ISCC") or shutil.which("iscc")
        if not iscc:
            print("Inno Setup's ISCC is not on PATH: the setup program was not built.")
            return []
        subprocess.run(
            [iscc, f"/DAppVersion={version}", str(HERE / "windows" / "workbench.iss")],
            check=True,
        )
        return sorted(DIST.glob("*-setup.exe"))
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--bundle-only", action="store_true", help="stop after the one-folder bundle"
    )
    args = parser.parse_args(argv)
    version = workbench.__version__
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the spec imports the About module

    seconds = run_pyinstaller()
    if not (BUNDLE.is_dir() or any(DIST.glob("*.app"))):
        raise SystemExit(f"PyInstaller finished but {BUNDLE} is missing.")
    size = bundle_rules.folder_size(str(BUNDLE))
    print(f"\nCompliance Workbench {version} for {sys.platform}-{platform.machine()}")
    print(f"  build time     {seconds:,.0f} s")
    print(f"  bundle         {BUNDLE.relative_to(ROOT)}  {mib(size)}")
    for part_size, name in largest_parts(BUNDLE):
        print(f"    {mib(part_size):>12}  {name}")
    if not args.bundle_only:
        for artefact in package(version):
            print(f"  package        {artefact.relative_to(ROOT)}  {mib(artefact.stat().st_size)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
