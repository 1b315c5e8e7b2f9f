#!/usr/bin/env bash
# What `npm test` runs: the suite on PGlite, again on PostgreSQL, then the browser tests.
# Ends with one line "Summary: N passed, N failed" summed over every run.
# `npm test -- <files or filters>` limits the PGlite and PostgreSQL runs to those and skips the browser tests.
set -uo pipefail
cd "$(dirname "$0")/.."

results_dir="$(mktemp -d)"
trap 'rm -rf "$results_dir"' EXIT
failed_runs=0
run_index=0

# Runs vitest with a JSON report beside the usual output; a run without a report counts as failed.
run_vitest() {
  local label="$1"; shift
  run_index=$((run_index + 1))
  local report="$results_dir/$run_index.json"
  echo
  echo "=== $label ==="
  if ! npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@"; then
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

run_vitest "Unit and API tests on PGlite" "$@"

if postgres_answers; then
  HAMSAFAR_TEST_DB=postgres run_vitest "Unit and API tests on PostgreSQL (127.0.0.1:5432)" "$@"
elif [ "${CI:-}" = "true" ]; then
  echo
  echo "=== PostgreSQL at 127.0.0.1:5432 does not answer, and CI=true requires it ==="
  failed_runs=$((failed_runs + 1))
  echo '{"numPassedTests":0,"numFailedTests":1}' > "$results_dir/postgres-missing.json"
else
  echo
  echo "=== Skipped the PostgreSQL run: nothing answers at 127.0.0.1:5432 (required when CI=true) ==="
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

summary="$(node -e '
  const fs = require("fs");
  const dir = process.argv[1];
  let passed = 0, failed = 0;
  for (const file of fs.readdirSync(dir)) {
    const report = JSON.parse(fs.readFileSync(`${dir}/${file}`, "utf8"));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
  }
  console.log(`Summary: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
' "$results_dir")"
summary_status=$?
echo
echo "$summary"
if [ "$failed_runs" -gt 0 ] || [ "$summary_status" -ne 0 ]; then
  exit 1
fi
