#!/bin/sh
# Removes what install.sh put in place (same --system option). The user's database and settings
# (~/.local/share/ComplianceWorkbench, ~/.config/Compliance Workbench) are left alone.
set -eu
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
if [ -L "$bin/workbench" ] && [ "$(readlink "$bin/workbench")" = "$prefix/workbench" ]; then
  rm -f "$bin/workbench"
fi
rm -rf "$prefix"
[ "${1:-}" = "--system" ] || rmdir "$(dirname "$prefix")" 2>/dev/null || true
rm -f "$share/applications/$id.desktop"
rm -f "$share"/icons/hicolor/*/apps/$id.png "$share/icons/hicolor/scalable/apps/$id.svg"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$share/applications" || true
echo "Removed Compliance Workbench from $prefix (your databases are kept)."
