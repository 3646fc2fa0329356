# Sourced by scripts/app and scripts/test: one short line per setup step, nothing else unless
# a step fails. A step's own output goes to a log; on failure that log is printed and the
# script stops, so the first thing a new user reads is what went wrong, not pages of noise.
#
#   step "Installing the application" cmd args...
#
# prints "Installing the application ... done (12 s)" (or "... FAILED (12 s)" and the log).

step_log_dir=${STEP_LOG_DIR:-$(mktemp -d)}

step() {
  local label=$1 log started status
  shift
  log="$step_log_dir/step-$(date +%s%N).log"
  started=$SECONDS
  printf '%s ... ' "$label"
  status=0
  "$@" >"$log" 2>&1 || status=$?
  if [ "$status" -eq 0 ]; then
    printf 'done (%d s)\n' $((SECONDS - started))
    return 0
  fi
  printf 'FAILED (%d s)\n' $((SECONDS - started))
  echo "---- output of: $*" >&2
  cat "$log" >&2
  echo "---- (exit status $status; full log: $log)" >&2
  exit "$status"
}
