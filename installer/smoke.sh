#!/usr/bin/env bash
# Smoke check of the built Linux application, run the way a user without Python would run it.
#
#   installer/smoke.sh [TARBALL | BUNDLE_DIR]     (default: the tarball in installer/dist/)
#
# A tarball is unpacked and installed with its own install.sh into a throwaway HOME; a bundle
# folder is run in place. Every command runs under `env -i` (no virtual environment, no
# PYTHONPATH, PATH=/usr/bin:/bin). As root, the checks also run in a private mount namespace in
# which the source tree's workbench/ and resources/ folders, ./.venv*, and any folder listed in
# SMOKE_HIDE (colon-separated: the Python the bundle was built with, say) are covered by empty
# tmpfs mounts, so the bundle cannot be quietly using them.
#
# Checks: --version; demo data into a temporary SQLite file; evaluate --scenario in-force; a
# PDF and a workbook of that run (if this build has the `report` command); with SMOKE_PG_URL
# (the URL of an EMPTY PostgreSQL database) demo and evaluate there too; the window rendered
# offscreen with `gui --screenshot`. Then the cold start: wall time of `gui --screenshot` on
# the demo book (process start to PNG written and exit), first with the page cache dropped
# when that is allowed, then warm, and the time of `--version` (interpreter + imports only).
# Exit 0 when every check passed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
GOAL_SECONDS=${SMOKE_GOAL_SECONDS:-2}
# The version the source says, read before the source is hidden.
want=${SMOKE_WANT_VERSION:-$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$root/workbench/__init__.py" 2>/dev/null || true)}
export SMOKE_WANT_VERSION=$want

if [ "${1:-}" = "--inner" ]; then
  shift
  inner=1
else
  inner=0
fi

target=${1:-}
if [ -z "$target" ]; then
  target=$(ls -t "$here"/dist/compliance-workbench-*-linux-*.tar.gz 2>/dev/null | head -n 1 || true)
  [ -n "$target" ] || target=$here/dist/workbench
fi
if [ ! -e "$target" ]; then
  echo "smoke: nothing to test at $target; build first: python installer/build.py" >&2
  exit 1
fi

# Re-run inside a private mount namespace where the development files are hidden.
if [ "$inner" = 0 ] && [ "$(id -u)" = 0 ] && command -v unshare >/dev/null \
  && unshare --mount --propagation private true 2>/dev/null; then
  exec unshare --mount --propagation private -- "$0" --inner "$target"
fi
if [ "$inner" = 1 ]; then
  hidden=()
  IFS=: read -r -a extra <<<"${SMOKE_HIDE:-}"
  for dir in "$root/workbench" "$root/resources" "$root"/.venv* "${extra[@]}"; do
    if [ -n "$dir" ] && [ -d "$dir" ]; then
      mount -t tmpfs -o size=1m,mode=0755 none "$dir"
      hidden+=("$dir")
    fi
  done
  echo "smoke: hidden from the app: ${hidden[*]:-(nothing)}"
else
  echo "smoke: not root or no mount namespace here: development folders stay visible" \
    "(env -i still removes the virtual environment from the environment)"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
home=$tmp/home
mkdir -p "$home"
failures=0
pass() { echo "  ok    $*"; }
fail() { echo "  FAIL  $*"; failures=$((failures + 1)); }

if [ -f "$target" ]; then
  tar -xzf "$target" -C "$tmp"
  unpacked=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d -name 'compliance-workbench-*' | head -n 1)
  if env -i HOME="$home" PATH=/usr/bin:/bin sh "$unpacked/install.sh" >"$tmp/install.log" 2>&1; then
    pass "install.sh into a clean HOME"
  else
    fail "install.sh: $(cat "$tmp/install.log")"
  fi
  exe=$home/.local/bin/workbench
  desktop=$home/.local/share/applications/compliance-workbench.desktop
  if [ -f "$desktop" ] && [ -f "$home/.local/share/icons/hicolor/256x256/apps/compliance-workbench.png" ]; then
    pass "menu entry and icons installed"
    if command -v desktop-file-validate >/dev/null; then
      if desktop-file-validate "$desktop"; then pass "installed .desktop file validates"; else fail "installed .desktop file"; fi
    fi
  else
    fail "menu entry or icon missing after install"
  fi
else
  exe=$target/workbench
fi

run() {  # run ARGS...: the app in a clean environment; output in $tmp/out, $tmp/err
  env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 XDG_RUNTIME_DIR="$tmp" \
    "$exe" "$@" >"$tmp/out" 2>"$tmp/err"
}
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

echo "smoke: testing $exe"
db=$tmp/book.sqlite3
if run --version && grep -q "^workbench [0-9]" "$tmp/out"; then
  got=$(cat "$tmp/out")
  if [ -z "$want" ] || [ "$got" = "workbench $want" ]; then pass "--version: $got"; else fail "--version says '$got', source says $want"; fi
else
  fail "--version: $(cat "$tmp/err")"
fi

if run --db "$db" demo; then pass "demo: $(tail -n 1 "$tmp/out")"; else fail "demo: $(tail -n 3 "$tmp/err")"; fi

run_id=""
if run --db "$db" evaluate --scenario in-force --json; then
  run_id=$(grep -o '"run": *[0-9]*' "$tmp/out" | head -n 1 | grep -o '[0-9]*$' || true)
  hits=$(grep -o '"hits": *[0-9]*' "$tmp/out" | head -n 1 | grep -o '[0-9]*$' || true)
  if [ -n "$run_id" ] && [ "${hits:-0}" -gt 0 ]; then
    pass "evaluate --scenario in-force: run $run_id, $hits hits"
  else
    fail "evaluate printed no run or no hits"
  fi
else
  fail "evaluate: $(tail -n 3 "$tmp/err")"
fi

if run report --help; then
  if [ -n "$run_id" ] && run --db "$db" report pdf --run "$run_id" --out "$tmp/report.pdf" \
    && [ "$(head -c 5 "$tmp/report.pdf")" = "%PDF-" ]; then
    detail=$(pdfinfo "$tmp/report.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 " pages" }' || true)
    pass "report pdf: $(stat -c %s "$tmp/report.pdf") bytes ${detail}"
    if command -v pdftotext >/dev/null; then
      pdftotext -l 2 "$tmp/report.pdf" "$tmp/report.txt"
      if grep -q "(in-force)" "$tmp/report.txt"; then pass "report pdf names the scenario"; else fail "report pdf does not name the scenario"; fi
    fi
  else
    fail "report pdf: $(tail -n 3 "$tmp/err")"
  fi
  if [ -n "$run_id" ] && run --db "$db" report xlsx --run "$run_id" --out "$tmp/report.xlsx" \
    && [ "$(head -c 2 "$tmp/report.xlsx")" = "PK" ]; then
    pass "report xlsx: $(stat -c %s "$tmp/report.xlsx") bytes"
  else
    fail "report xlsx: $(tail -n 3 "$tmp/err")"
  fi
else
  echo "  skip  report pdf/xlsx: this build has no 'report' command"
fi

if [ -n "${SMOKE_PG_URL:-}" ]; then  # an empty PostgreSQL database: the ADBC/Arrow read path
  if run --db "$SMOKE_PG_URL" demo && run --db "$SMOKE_PG_URL" evaluate --scenario in-force --json \
    && grep -q '"hits": *[1-9]' "$tmp/out"; then
    pass "PostgreSQL: demo and evaluate"
  else
    fail "PostgreSQL: $(tail -n 3 "$tmp/err")"
  fi
fi

shot() {  # shot NAME: render the window offscreen; prints the wall time
  local start end
  start=$(now)
  env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 XDG_RUNTIME_DIR="$tmp" QT_QPA_PLATFORM=offscreen \
    "$exe" --db "$db" gui --screenshot "$tmp/$1.png" >"$tmp/out" 2>"$tmp/err"
  end=$(now)
  elapsed "$start" "$end"
}

cache=cold
if ! { sync && echo 3 >/proc/sys/vm/drop_caches; } 2>/dev/null; then
  cache="page cache not droppable here, so after the runs above"
fi
first=$(shot first) || true
if [ -s "$tmp/first.png" ] && [ "$(head -c 4 "$tmp/first.png" | tail -c 3)" = "PNG" ]; then
  pass "gui --screenshot offscreen: $(stat -c %s "$tmp/first.png") bytes PNG"
  [ -z "${SMOKE_KEEP_SCREENSHOT:-}" ] || cp "$tmp/first.png" "$SMOKE_KEEP_SCREENSHOT"
else
  fail "gui --screenshot: $(tail -n 5 "$tmp/err")"
fi
warm=()
for i in 1 2 3; do warm+=("$(shot "warm$i")"); done
start=$(now)
run --version
version_time=$(elapsed "$start" "$(now)")

best=$(printf '%s\n' "${warm[@]}" | sort -n | head -n 1)
echo "smoke: start to shown window (gui --screenshot wall time): first ${first}s ($cache)," \
  "warm ${warm[*]} s; --version ${version_time}s"
if awk -v t="$best" -v g="$GOAL_SECONDS" 'BEGIN { exit !(t < g) }'; then
  pass "warm start under the ${GOAL_SECONDS}s goal"
else
  echo "  note  warm start ${best}s is over the ${GOAL_SECONDS}s goal"
fi

if [ "$failures" -gt 0 ]; then
  echo "smoke: $failures check(s) failed"
  exit 1
fi
echo "smoke: all checks passed"
