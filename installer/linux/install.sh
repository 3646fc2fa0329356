#!/bin/sh
# Installs Compliance Workbench from this unpacked tarball, for one user (default) or for all
# users (--system, as root). Puts the application folder in place, a `workbench` command on
# PATH, the start-menu entry and the icons. Run ./uninstall.sh (same option) to remove them.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
id=compliance-workbench

if [ "${1:-}" = "--system" ]; then
  prefix=/opt/$id
  bin=/usr/local/bin
  share=/usr/local/share
else
  prefix=${XDG_DATA_HOME:-$HOME/.local/share}/$id/app
  bin=$HOME/.local/bin
  share=${XDG_DATA_HOME:-$HOME/.local/share}
fi

rm -rf "$prefix"
mkdir -p "$prefix" "$bin" "$share/applications"
cp -a "$here/workbench/." "$prefix/"
ln -sf "$prefix/workbench" "$bin/workbench"

# The menu entry names the executable by absolute path: a desktop session's PATH often lacks
# ~/.local/bin.
sed -e "s|^Exec=workbench |Exec=$prefix/workbench |" -e "s|^TryExec=workbench\$|TryExec=$prefix/workbench|" \
  "$here/$id.desktop" > "$share/applications/$id.desktop"
chmod 644 "$share/applications/$id.desktop"

for png in "$here"/icons/app-*.png; do
  size=${png##*/app-}
  size=${size%.png}
  mkdir -p "$share/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$share/icons/hicolor/${size}x${size}/apps/$id.png"
done
mkdir -p "$share/icons/hicolor/scalable/apps"
cp "$here/icons/app.svg" "$share/icons/hicolor/scalable/apps/$id.svg"

# Refresh menu and icon caches where the tools exist; a missing tool only delays the icon.
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$share/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true

echo "Installed Compliance Workbench in $prefix"
echo "Start it from the applications menu, or run: $bin/workbench"
