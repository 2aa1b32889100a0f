#!/usr/bin/env bash
# The action's scan step (action.yml): picks the commits the event adds, scans them (JSON
# report, annotations, job summary), writes the SARIF report of every commit reachable from the
# checked-out one for code scanning (see below), and sets the step outputs
# (findings, exit-code, range, sarif-file, json-file). The exit code is an output, not this
# step's status: code scanning gets the SARIF before the action's last step fails the job.
#
# Reads what GitHub sets (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_SHA, GITHUB_REF,
# GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP), the inputs as INPUT_FAIL_ON, INPUT_PATH,
# INPUT_RANGE, INPUT_ANNOTATIONS, and VAULTSWEEP (the binary; default: the action's build).
# Runs in the checked-out repository. .ci/github-action runs it on temporary repositories.
set -euo pipefail
vs=${VAULTSWEEP:-$HOME/.cache/vaultsweep-action/bin/vaultsweep}
here=$(cd "$(dirname "$0")" && pwd)
out="${RUNNER_TEMP:-/tmp}/vaultsweep"
mkdir -p "$out"
zero=0000000000000000000000000000000000000000
output() { echo "$1=$2" >>"$GITHUB_OUTPUT"; }
event() { python3 -c 'import json, sys
v = json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."):
    v = v.get(k) if isinstance(v, dict) else None
print(v if isinstance(v, str) else "")' "$GITHUB_EVENT_PATH" "$1"; }
have() { git cat-file -e "$1^{commit}" 2>/dev/null; }
fetch() { git fetch --quiet --no-tags origin "$@" 2>/dev/null; }

case "${INPUT_FAIL_ON:-}" in
  "") fail=() ;;
  none) fail=(--fail-on critical) ;; # exit 1 is ignored below
  critical | high | medium | low) fail=(--fail-on "$INPUT_FAIL_ON") ;;
  *)
    echo "::error title=vaultsweep::fail-on must be critical, high, medium, low or none, not '$INPUT_FAIL_ON'"
    output exit-code 2
    exit 0
    ;;
esac

# A shallow clone hides the commits between the base and the head: fetch the history.
if [ "$(git rev-parse --is-shallow-repository)" = true ]; then
  echo "::notice title=vaultsweep::shallow clone: fetching the history (set fetch-depth: 0 on actions/checkout to skip this)"
  fetch --unshallow || true
fi

# The commits to scan.
range=${INPUT_RANGE:-}
if [ -z "$range" ]; then
  case "$GITHUB_EVENT_NAME" in
    pull_request | pull_request_target)
      base=$(event pull_request.base.sha) head=$(event pull_request.head.sha)
      have "$head" || fetch "$head" || true
      have "$base" || fetch "$base" || true
      range="$base..$head"
      ;;
    merge_group)
      range="$(event merge_group.base_sha)..$(event merge_group.head_sha)"
      ;;
    push)
      before=$(event before) after=$(event after)
      default=$(event repository.default_branch)
      if [ "$after" = "$zero" ]; then
        range="" # a deleted branch: nothing new
      elif [ "$before" != "$zero" ] && { have "$before" || fetch "$before"; }; then
        range="$before..$after"
      elif [ -n "$default" ] && [ "${GITHUB_REF:-}" != "refs/heads/$default" ] &&
        fetch "+refs/heads/$default:refs/remotes/origin/$default"; then
        range="origin/$default..$after" # a new branch (or the old tip is gone): what the default branch lacks
      else
        range=$after # the first push of the default branch: every commit
      fi
      ;;
    *)
      range=$GITHUB_SHA # schedule, workflow_dispatch…: every commit reachable from the checkout
      ;;
  esac
fi
output range "$range"
if [ -z "$range" ]; then
  echo "vaultsweep: the push deleted a branch; nothing to scan"
  echo "### vaultsweep: nothing to scan (a deleted branch)" >>"${GITHUB_STEP_SUMMARY:-/dev/null}"
  output findings 0
  output exit-code 0
  exit 0
fi
echo "vaultsweep: scanning commits $range"

scan() { # RANGE ARG...
  local revs=$1
  shift
  "$vs" scan --history --range "$revs" ${fail[@]+"${fail[@]}"} "$@" -- "${INPUT_PATH:-.}"
}
set +e
scan "$range" --quiet --format json --output "$out/vaultsweep.json"
rc=$?
# Code scanning takes each upload as the whole state of the analysed commit: alerts missing
# from a later upload are closed as fixed. So the SARIF covers every commit reachable from the
# checked-out one; a pull request then shows as new exactly the secrets its commits add (the
# fingerprints do not depend on location), and an alert stays open while its secret is in the
# history.
scan "$GITHUB_SHA" --quiet --format sarif --output "$out/vaultsweep.sarif"
rc_sarif=$?
if [ "${INPUT_ANNOTATIONS:-true}" = true ]; then
  scan "$range" --format github
else
  scan "$range" --color never
fi
rc_log=$?
set -e
if [ "$rc_sarif" -eq 2 ] || [ "$rc_log" -eq 2 ]; then rc=2; fi
if [ "${INPUT_FAIL_ON:-}" = none ] && [ "$rc" -eq 1 ]; then rc=0; fi
echo "vaultsweep: exit $rc"

if [ -s "$out/vaultsweep.sarif" ]; then output sarif-file "$out/vaultsweep.sarif"; fi
if [ -s "$out/vaultsweep.json" ]; then
  output json-file "$out/vaultsweep.json"
  output findings "$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))))' "$out/vaultsweep.json")"
  python3 "$here/summary.py" "$out/vaultsweep.json" "$range" "$rc" "${INPUT_FAIL_ON:-}" \
    "$out/vaultsweep.sarif" "$GITHUB_SHA" >>"${GITHUB_STEP_SUMMARY:-/dev/null}"
else
  output findings 0
fi
output exit-code "$rc"
