#!/usr/bin/env bash
# What `npm test` runs: the suite on PGlite, again on PostgreSQL, again on a Citus cluster, then the
# browser tests. Ends with one line "Summary: N passed, N failed" summed over every run; a test
# skipped without a reason (see onlyOn in server/test/database.ts) counts as failed.
# The Citus run uses TEST_CITUS_URL (.ci/run starts a cluster), or starts one here when Citus is installed.
# `npm test -- <files or filters>` limits the database runs to those and skips the browser tests.
set -uo pipefail
cd "$(dirname "$0")/.."

results_dir="$(mktemp -d)"
citus_dir=""
cleanup() {
  if [ -n "$citus_dir" ]; then
    scripts/citus-cluster.sh stop "$citus_dir" >/dev/null 2>&1 || true
    rm -rf "$citus_dir"
  fi
  rm -rf "$results_dir"
}
trap cleanup EXIT
failed_runs=0
run_index=0

# Runs vitest with a JSON report beside the usual output; a run without a report counts as failed.
run_vitest() {
  local label="$1"; shift
  run_index=$((run_index + 1))
  local report="$results_dir/$run_index.json"
  echo
  echo "=== $label ==="
  if ! npx vitest run --reporter=default --reporter=./server/test/not-run-reporter.ts --reporter=json --outputFile.json="$report" "$@"; then
    failed_runs=$((failed_runs + 1))
  fi
  if [ ! -s "$report" ]; then
    echo "($label produced no test report: counted as one failure)"
    echo '{"numPassedTests":0,"numFailedTests":1}' > "$report"
  fi
}

postgres_answers() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h 127.0.0.1 -p 5432
  else
    (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null
  fi
}

citus_answers() {
  command -v psql >/dev/null 2>&1 && [ "$(psql "$1" -Atc 'SELECT count(*) > 0 FROM citus_get_active_worker_nodes()' 2>/dev/null)" = t ]
}

# Sets TEST_CITUS_URL to a cluster that answers: the one given, else one started here (stopped at exit).
prepare_citus() {
  if [ -n "${TEST_CITUS_URL:-}" ]; then
    citus_answers "$TEST_CITUS_URL"
    return
  fi
  if [ ! -f /usr/lib/postgresql/15/lib/citus.so ] || [ "$(id -u)" != 0 ] || ! scripts/citus-cluster.sh kit >/dev/null 2>&1; then
    return 1
  fi
  citus_dir="$(mktemp -d /tmp/hamsafar-citus.XXXXXX)"
  TEST_CITUS_URL="$(scripts/citus-cluster.sh start "$citus_dir")" || return 1
  export TEST_CITUS_URL
  citus_answers "$TEST_CITUS_URL"
}

# A database run that cannot take place: one failure when CI=true requires it, else a note.
missing_run() {
  local name="$1" failure="$2" skipped="$3"
  echo
  if [ "${CI:-}" = "true" ]; then
    echo "=== $failure, and CI=true requires it ==="
    failed_runs=$((failed_runs + 1))
    echo '{"numPassedTests":0,"numFailedTests":1}' > "$results_dir/$name-missing.json"
  else
    echo "=== $skipped (required when CI=true) ==="
  fi
}

run_vitest "Unit and API tests on PGlite" "$@"

if postgres_answers; then
  HAMSAFAR_TEST_DB=postgres run_vitest "Unit and API tests on PostgreSQL (127.0.0.1:5432)" "$@"
else
  missing_run postgres "PostgreSQL at 127.0.0.1:5432 does not answer" "Skipped the PostgreSQL run: nothing answers at 127.0.0.1:5432"
fi

if prepare_citus; then
  citus_nodes="$(psql "$TEST_CITUS_URL" -Atc 'SELECT count(*) + 1 FROM citus_get_active_worker_nodes()')"
  HAMSAFAR_TEST_DB=citus run_vitest "Unit and API tests on Citus ($citus_nodes nodes)" "$@"
else
  missing_run citus "No Citus cluster answers (TEST_CITUS_URL=${TEST_CITUS_URL:-unset})" "Skipped the Citus run: TEST_CITUS_URL is not set and no Citus cluster could be started here; .ci/run installs one"
fi

if [ "$#" -gt 0 ]; then
  echo
  echo "=== Skipped the browser tests: the run is limited to $* ==="
elif [ -x /usr/bin/chromium ] || [ "${CI:-}" = "true" ]; then
  echo
  echo "=== Building the web app for the browser tests ==="
  if npx vite build; then
    run_vitest "Browser tests (Chromium)" --config vitest.e2e.config.ts
  else
    echo "(vite build failed: browser tests not run, counted as one failure)"
    failed_runs=$((failed_runs + 1))
    echo '{"numPassedTests":0,"numFailedTests":1}' > "$results_dir/build-failed.json"
  fi
else
  echo
  echo "=== Skipped the browser tests: /usr/bin/chromium is missing (.ci/run installs it; required when CI=true) ==="
fi

# A name filter (-t) skips the tests it leaves out: those are not silent skips.
name_filter=false
for arg in "$@"; do
  case "$arg" in -t | -t* | --testNamePattern*) name_filter=true ;; esac
done

summary="$(node -e '
  const fs = require("fs");
  const dir = process.argv[1];
  const nameFilter = process.argv[2] === "true";
  let passed = 0, failed = 0;
  const silent = [];
  for (const file of fs.readdirSync(dir)) {
    const report = JSON.parse(fs.readFileSync(`${dir}/${file}`, "utf8"));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    for (const module of report.testResults ?? []) {
      if (module.status === "failed") continue;
      for (const test of module.assertionResults) {
        if (!nameFilter && ["skipped", "pending", "todo"].includes(test.status) && !test.meta?.notRunBecause) silent.push(test.fullName);
      }
    }
  }
  if (silent.length) console.log(`Skipped without a reason, counted as failed:\n${silent.map((n) => `  ${n}`).join("\n")}`);
  failed += silent.length;
  console.log(`Summary: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
' "$results_dir" "$name_filter")"
summary_status=$?
echo
echo "$summary"
if [ "$failed_runs" -gt 0 ] || [ "$summary_status" -ne 0 ]; then
  exit 1
fi
