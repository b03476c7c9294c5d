#!/usr/bin/env bash
# run.sh DIR [LOCKSTEP_BIN]
#
# Runs `lockstep init` then `lockstep check` on every app under DIR (one exported app per
# subfolder, named owner__name) and prints a Markdown table: app | init | errors | warnings |
# top codes.  DIR is never modified: each app is copied to a scratch folder first.
#
# Environment:
#   LOCKSTEP_BIN  the binary (default: second argument, else `lockstep` on PATH)
#   OUT           results folder (default ./realworld-results)
#   SCRATCH       scratch folder for the copies (default: a fresh temporary folder)
#   APPS          optional space-separated list of app folder names to run (default: all)
#   TIMEOUT       seconds per lockstep invocation (default 120)
#   KEEP_SCRATCH  1 to keep the copies after the run (default: removed per app)
#
# Per app, under $OUT/<app>/: init.stdout init.stderr init.rc, check.json check.json.stderr
# check.rc, check.txt check.txt.stderr, contract/ and lockstep.toml (what init wrote).
# $OUT/summary.tsv holds one line per app; $OUT/table.md the table printed on stdout.
set -u

usage() { echo "usage: $0 DIR [LOCKSTEP_BIN]" >&2; exit 2; }
[ $# -ge 1 ] || usage
DIR=$1
[ -d "$DIR" ] || { echo "$0: $DIR is not a folder" >&2; exit 2; }
DIR=$(cd "$DIR" && pwd)
BIN=${2:-${LOCKSTEP_BIN:-lockstep}}
if [[ "$BIN" == */* ]]; then BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN"); fi
command -v "$BIN" >/dev/null 2>&1 || { echo "$0: lockstep binary not found: $BIN" >&2; exit 2; }
OUT=${OUT:-./realworld-results}
SCRATCH=${SCRATCH:-$(mktemp -d)}
TIMEOUT=${TIMEOUT:-120}
KEEP_SCRATCH=${KEEP_SCRATCH:-0}
mkdir -p "$OUT" "$SCRATCH"
OUT=$(cd "$OUT" && pwd); SCRATCH=$(cd "$SCRATCH" && pwd)

case "$SCRATCH/" in "$DIR"/*) echo "$0: SCRATCH must not be inside DIR" >&2; exit 2;; esac

export NO_COLOR=1
: > "$OUT/summary.tsv"
printf '# binary: %s\n# version: %s\n# date: %s\n' "$BIN" \
  "$("$BIN" --version 2>&1 | head -1)" "$(date -u +%FT%TZ)" > "$OUT/run-info.txt"

# summarize check.json -> "errors<TAB>warnings<TAB>top codes"
summarize() {
  python3 - "$1" <<'PY'
import json, sys, collections
try:
    with open(sys.argv[1]) as f:
        d = json.load(f)
    s = d.get("summary", {})
    c = collections.Counter(x.get("code", "?") for x in d.get("findings", [])
                            if x.get("severity") in ("error", "warning"))
    top = ", ".join(f"{k} ×{v}" for k, v in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
    print(f"{s.get('errors', '?')}\t{s.get('warnings', '?')}\t{top or '-'}")
except Exception as e:
    print(f"?\t?\t(no JSON: {type(e).__name__})")
PY
}

apps=()
if [ -n "${APPS:-}" ]; then
  for a in $APPS; do apps+=("$a"); done
else
  for p in "$DIR"/*/; do apps+=("$(basename "$p")"); done
fi

rows=()
tot_e=0; tot_w=0; n_fail=0
for app in "${apps[@]}"; do
  src="$DIR/$app"
  [ -d "$src" ] || { echo "$0: no app folder $src" >&2; continue; }
  res="$OUT/$app"; copy="$SCRATCH/$app"
  rm -rf "$res" "$copy"; mkdir -p "$res"
  cp -a "$src" "$copy"

  # init
  start=$(date +%s.%N)
  timeout "$TIMEOUT" "$BIN" init "$copy" >"$res/init.stdout" 2>"$res/init.stderr"
  irc=$?
  echo "$irc" > "$res/init.rc"
  if [ "$irc" = 0 ]; then init=ok
  elif [ "$irc" = 124 ]; then init="TIMEOUT"; n_fail=$((n_fail+1))
  else init="FAIL($irc)"; n_fail=$((n_fail+1)); fi
  [ -d "$copy/contract" ] && cp -a "$copy/contract" "$res/contract"
  [ -f "$copy/lockstep.toml" ] && cp "$copy/lockstep.toml" "$res/lockstep.toml"

  # check, JSON then text
  timeout "$TIMEOUT" "$BIN" check "$copy" --format json >"$res/check.json" 2>"$res/check.json.stderr"
  crc=$?
  echo "$crc" > "$res/check.rc"
  timeout "$TIMEOUT" "$BIN" check "$copy" --color never >"$res/check.txt" 2>"$res/check.txt.stderr"
  secs=$(printf "%.1f" "$(echo "$(date +%s.%N) - $start" | bc 2>/dev/null || echo 0)")

  IFS=$'\t' read -r errs warns top < <(summarize "$res/check.json")
  case "$crc" in
    0|1) ;;
    124) top="check TIMEOUT; $top" ;;
    *) top="check exit $crc; $top" ;;
  esac
  [[ "$errs" =~ ^[0-9]+$ ]] && tot_e=$((tot_e+errs))
  [[ "$warns" =~ ^[0-9]+$ ]] && tot_w=$((tot_w+warns))
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$app" "$irc" "$crc" "$errs" "$warns" "$top" "$secs" >> "$OUT/summary.tsv"
  rows+=("| $app | $init | $errs | $warns | $top |")
  echo "done: $app init=$irc check=$crc errors=$errs warnings=$warns (${secs}s)" >&2
  [ "$KEEP_SCRATCH" = 1 ] || rm -rf "$copy"
done

{
  echo "| app | init | errors | warnings | top codes |"
  echo "| --- | --- | ---: | ---: | --- |"
  for r in "${rows[@]}"; do echo "$r"; done
  echo "| **total (${#rows[@]} apps, $n_fail init failures)** | | **$tot_e** | **$tot_w** | |"
} | tee "$OUT/table.md"
