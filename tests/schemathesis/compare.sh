#!/usr/bin/env bash
# compare.sh [LOCKSTEP_BIN]
#
# Runs Schemathesis and `lockstep test` side by side on the fixture app with its planted defects
# (crates/lockstep/tests/data/probe, FIXTURE_DEFECTS=1 and defects.sql), and prints which of
# the sixteen defects each found and how long each ran.
#
# Schemathesis (PyPI `schemathesis`, `st` on PATH) reads the OpenAPI document that
# `lockstep export openapi` writes, with the same credentials, under a time budget
# (BUDGET seconds, default 60). lockstep runs `lockstep test --base-url ... --db ...`.
#
# Needs: PostgreSQL server binaries (a throwaway cluster is started in a temporary folder, as
# the `postgres` user when run as root), Node 20, `pg` in target/ts-tools (as .ci/run installs
# it), and the lockstep binary (default target/debug/lockstep).
#
# Environment: BUDGET (seconds, default 60), OUT (results folder, default a temporary one),
# DEFECTS (1, the default: the defective app; 0: its corrected twin, where neither tool should
# find anything).
DEFECTS=${DEFECTS:-1}
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
BIN=${1:-${LOCKSTEP_BIN:-$ROOT/target/debug/lockstep}}
BUDGET=${BUDGET:-60}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
FIXTURE=$ROOT/crates/lockstep/tests/data/probe
command -v st >/dev/null || { echo "$0: Schemathesis not found: python3 -m pip install schemathesis" >&2; exit 2; }
[ -x "$BIN" ] || { echo "$0: lockstep binary not found: $BIN (cargo build -p lockstep)" >&2; exit 2; }
[ -f target/ts-tools/node_modules/pg/package.json ] || { echo "$0: npm install --prefix target/ts-tools pg" >&2; exit 2; }

export STRIPE_WEBHOOK_SECRET=whsec_compare_c2VjcmV0
export GITHUB_WEBHOOK_SECRET=gh_compare_secret
export LOCKSTEP_TEST_AUTH="Bearer 00000000-0000-4000-8000-000000000001"

# A throwaway Postgres, reachable through a Unix socket only.
PGBIN=$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDIR=$(mktemp -d)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres: "$PGDIR"
PORT=$((40000 + $$ % 20000))
as_pg "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -o "-p $PORT -k $PGDIR -c listen_addresses='' -c fsync=off" -l "$PGDIR/log" -w start >/dev/null
SERVER_PID=
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
  as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGDIR"
}
trap cleanup EXIT
DB="host=$PGDIR port=$PORT user=postgres dbname=postgres"
PSQL=("$PGBIN/psql" -q -X -v ON_ERROR_STOP=1 -h "$PGDIR" -p "$PORT" -U postgres -d postgres)
"${PSQL[@]}" -c "create role anon nologin; create role authenticated nologin; create role service_role nologin;"
# The Supabase prelude the tests apply, taken from its one definition.
python3 -c "
import re
text = open('crates/lockstep_sql/src/supabase.rs').read()
print(re.search(r'pub const PRELUDE: &str = r\"(.*?)\";', text, re.S).group(1))
" > "$OUT/prelude.sql"
"${PSQL[@]}" -f "$OUT/prelude.sql" 2>/dev/null
"${PSQL[@]}" -f "$FIXTURE/schema.sql"
[ "$DEFECTS" = 1 ] && "${PSQL[@]}" -f "$FIXTURE/defects.sql"

# The fixture app with its defects, on a free loopback port.
FIXTURE_DEFECTS=$DEFECTS PORT=0 DATABASE_URL="$DB" NODE_PATH="$ROOT/target/ts-tools/node_modules" \
  node "$FIXTURE/server.cjs" > "$OUT/server.out" 2> "$OUT/server.err" &
SERVER_PID=$!
for _ in $(seq 1 100); do grep -q listening "$OUT/server.out" 2>/dev/null && break; sleep 0.1; done
BASE="http://127.0.0.1:$(sed -n 's/^listening on //p' "$OUT/server.out")"

"$BIN" export openapi "$FIXTURE" --out "$OUT/openapi.json" 2>/dev/null

now() { date +%s.%N; }
t0=$(now)
# From the results folder: Schemathesis keeps state in `.schemathesis/` where it runs.
(cd "$OUT" && st run "$OUT/openapi.json" --url "$BASE" -H "Authorization: $LOCKSTEP_TEST_AUTH" \
  --max-time "$BUDGET" --generation-database none --no-color --report junit --report-junit-path "$OUT/schemathesis.xml" \
  > "$OUT/schemathesis.txt" 2>&1) || true
t1=$(now)
"$BIN" test "$FIXTURE" --base-url "$BASE" --db "$DB" --format json --junit "$OUT/lockstep.xml" \
  > "$OUT/lockstep.json" 2> "$OUT/lockstep.err" || true
t2=$(now)

python3 - "$OUT" "$t0" "$t1" "$t2" <<'PY'
import json, re, sys
out, t0, t1, t2 = sys.argv[1], *map(float, sys.argv[2:5])
st_secs, ls_secs = t1 - t0, t2 - t1
# defect -> (operation, Schemathesis check, text the failure must contain or None)
#           and (lockstep code, lockstep target)
DEFECTS = [
    ("D1 undeclared status (422)", ("POST /api/notes", "st103 undocumented status code", "received: 422"), ("test/undeclared-status", "POST /api/notes")),
    ("D2 missing field createdAt", ("POST /api/notes", "st108 response violates schema", "createdat"), ("test/response-shape", "POST /api/notes")),
    ("D3 key in the other casing", ("GET /api/notes/{id}", "st108 response violates schema", "ownerid"), ("test/response-shape", "GET /api/notes/{id}")),
    ("D4 envelope became an array", ("GET /api/notes", "st108 response violates schema", "is not of type .object."), ("test/response-shape", "GET /api/notes")),
    ("D5 500 on unknown enum value", ("GET /api/notes", "st101 server error", "note_status"), ("test/server-error", "GET /api/notes")),
    ("D6 no 401 without credentials", ("GET /api/notes/{id}", "st401 api accepts requests without authentication", None), ("test/auth-not-enforced", "GET /api/notes/{id}")),
    ("D7 unverified webhook", None, ("test/webhook-bad-signature-accepted", "webhook POST /api/webhooks/github")),
    ("D8 stale timestamps accepted", None, ("test/webhook-stale-accepted", "webhook POST /api/webhooks/stripe")),
    ("D9 webhook processed twice", None, ("test/webhook-duplicate-processed", "webhook POST /api/webhooks/stripe")),
    ("D10 policy shows others' rows", None, ("test/rls-select", "Note (public.notes)")),
    ("D11 missing insert check", None, ("test/rls-insert", "Note (public.notes)")),
    ("D12 body where 204 declared", ("DELETE /api/notes/{id}", "st103 undocumented status code", "received: 200"), ("test/body-on-no-content", "DELETE /api/notes/{id}")),
    ("D13 RLS not enabled", None, ("test/rls-not-enabled", "Payment (public.payments)")),
    ("D14 500 on a NUL character", ("POST /api/notes", "st101 server error", "0x00"), ("test/server-error", "POST /api/notes")),
    ("D15 valid page size refused", ("GET /api/notes", "st202 schema-valid request rejected", "limit"), ("test/valid-refused", "GET /api/notes")),
    ("D16 no 405 for undeclared method", (r"\w+ /api/notes(/\{id\})?", "st204 wrong response to undeclared method", None), ("test/undeclared-method", "/api/notes")),
]
# Schemathesis: each failure's text, by the operation it concerns. The text report lists
# failures under a heading per operation, and the stateful ones under "Stateful tests": their
# operation is read from the curl reproducer.
def operation_of(method, url):
    path = re.sub(r"^https?://[^/]+", "", url.strip("'")).split("?")[0]
    path = re.sub(r"^/api/notes/[^/]+$", "/api/notes/{id}", path)
    return f"{method} {path}"

st_failures = {}
text = open(f"{out}/schemathesis.txt", errors="replace").read()
section = None
for block in re.split(r"\n(?=_{3,} .+ _{3,}\n|\d+\. Test Case ID:)", text):
    heading = re.fullmatch(r"_{3,} (.+?) _{3,}", block.strip())
    if heading:
        section = heading.group(1)
        continue
    if not block.lstrip().startswith(tuple("0123456789")) or section is None:
        continue
    operation = section
    curl = re.search(r"curl -X (\w+) .*?(https?://\S+)", block)
    if section == "Stateful tests" and curl:
        operation = operation_of(curl.group(1), curl.group(2))
    st_failures.setdefault(operation, []).append(block)
report = json.load(open(f"{out}/lockstep.json"))
ls_failures = {(f["code"], r["target"]) for r in report["results"] for f in r["failures"]}

def st_found(spec):
    if spec is None:
        return False
    operation, check, text = spec
    blobs = [b for op, found in st_failures.items() if re.fullmatch(operation, op) for b in found]
    for blob in blobs:
        low = blob.lower()
        if re.search(check, low) and (text is None or re.search(text.lower(), low)):
            return True
    return False

print(f"| defect | Schemathesis ({st_secs:.1f} s) | lockstep test ({ls_secs:.1f} s) |")
print("| --- | --- | --- |")
counts = [0, 0]
for name, st_spec, ls_spec in DEFECTS:
    a, b = st_found(st_spec), ls_spec in ls_failures
    counts[0] += a; counts[1] += b
    print(f"| {name} | {'found' if a else ('not testable' if st_spec is None else 'missed')} | {'found' if b else 'missed'} |")
print(f"| **total** | **{counts[0]} / {len(DEFECTS)}** | **{counts[1]} / {len(DEFECTS)}** |")
print()
print("Schemathesis failing operations:", ", ".join(sorted(st_failures)) or "none")
print("lockstep test:", ", ".join(f"{v} {k}" for k, v in report["summary"].items()))
print(f"outputs in {out}")
PY
