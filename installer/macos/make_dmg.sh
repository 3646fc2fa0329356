#!/usr/bin/env bash
# macOS only: pack "Compliance Workbench.app" (built by `python installer/build.py`, which calls
# this script afterwards) into a compressed, read-only disk image with an Applications link,
# the usual drag-to-install layout:
#   installer/dist/compliance-workbench-<version>-macos-<arch>.dmg
#
# Signing and notarisation need the company's Developer ID and are left to the release
# machine; set CODESIGN_IDENTITY to sign the .app (deep, hardened runtime) before packing,
# then notarise the .dmg with `xcrun notarytool submit --wait` and `xcrun stapler staple`.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dist=$here/dist
app="$dist/Compliance Workbench.app"
[ "$(uname -s)" = Darwin ] || { echo "make_dmg.sh runs on macOS only (hdiutil)." >&2; exit 1; }
[ -d "$app" ] || { echo "No app bundle at $app: run python installer/build.py first." >&2; exit 1; }

version=$(/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$app/Contents/Info.plist")
arch=$(uname -m)
dmg="$dist/compliance-workbench-$version-macos-$arch.dmg"

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$app"
  codesign --verify --deep --strict "$app"
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
rm -f "$dmg"
hdiutil create -volname "Compliance Workbench $version" -srcfolder "$stage" -fs HFS+ \
  -format UDZO -imagekey zlib-level=9 -ov "$dmg"
hdiutil verify "$dmg"
echo "$dmg"
