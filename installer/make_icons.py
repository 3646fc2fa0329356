"""Render the app icon's SVG into the raster sizes and container formats the platforms want.

The SVG (``resources/icons/app.svg``) is the one source. Window managers, the Linux icon theme,
Windows (.ico, embedded in the .exe for Explorer and the taskbar) and macOS (.icns in the .app)
each want raster images, which are generated here and committed, so a build machine needs
neither Inkscape nor ImageMagick. Qt renders the SVG (the same renderer the app uses at run
time); Pillow writes .ico and .icns.

Run: ``python installer/make_icons.py`` (needs PySide6 and Pillow; works offscreen).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "app.svg"
TARGET = ROOT / "resources" / "icons" / "app"

#: Sizes of the hicolor icon theme and of Windows' shell; 512 and 1024 feed the .icns.
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZE = 1024


def render(renderer: QSvgRenderer, size: int, target: Path) -> None:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    if not image.save(str(target)):  # format from the .png suffix
        raise SystemExit(f"could not write {target}")


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE} is not a valid SVG")
    TARGET.mkdir(parents=True, exist_ok=True)
    for size in PNG_SIZES:
        render(renderer, size, TARGET / f"app-{size}.png")
    big = TARGET / "app-1024.png"
    render(renderer, ICNS_SIZE, big)
    with Image.open(big) as image:
        rgba = image.convert("RGBA")
        rgba.save(TARGET / "app.ico", sizes=[(s, s) for s in ICO_SIZES])
        rgba.save(TARGET / "app.icns")
    big.unlink()  # only the .icns needs it; 1 MB not worth shipping twice
    for path in sorted(TARGET.iterdir()):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
