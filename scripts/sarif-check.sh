#!/usr/bin/env bash
# Validates the SARIF of real scans with Microsoft's SARIF multitool (the dev dependency
# @microsoft/sarif-multitool): once with its default SARIF 2.1.0 rules, once with GitHub code
# scanning's ingestion rules (--rule-kind Gh). Any error or warning fails. Needs the build (dist/).
#
# The multitool exits 0 even when it reports errors, so its findings are counted from its own SARIF
# output (-o) instead.
set -euo pipefail
cd "$(dirname "$0")/.."

multitool=node_modules/.bin/sarif-multitool
if [ ! -x "$multitool" ]; then
  echo "sarif-check: $multitool is missing: run npm ci" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Exit 1 is a scan that found failures (these inputs have some); 2 or more is a broken scan.
scan() {
  local out=$1
  shift
  local code=0
  node bin/tomguard.js scan "$@" --format "sarif=$out" || code=$?
  if [ "$code" -gt 1 ]; then
    echo "sarif-check: tomguard scan $* exited $code" >&2
    exit 1
  fi
}

scan "$work/saas-broken.sarif" examples/saas-broken
scan "$work/monorepo.sarif" --recursive tests/fixtures/monorepo
# PR mode (baselineState on every result), where the checkout is a git work tree.
if git rev-parse --verify --quiet HEAD >/dev/null 2>&1; then
  scan "$work/saas-broken-pr.sarif" examples/saas-broken --diff-base HEAD
fi

# Prints "ERRORS WARNINGS" of a multitool output log; a failed validation run counts as an error.
count() {
  node -e '
    const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    let errors = 0, warnings = 0;
    for (const run of log.runs ?? []) {
      for (const r of run.results ?? []) {
        const level = r.level ?? "warning"; // SARIF: a result without a level is a warning
        if (level === "error") errors++;
        else if (level === "warning") warnings++;
      }
      for (const inv of run.invocations ?? []) {
        if (inv.executionSuccessful === false) errors++;
        for (const n of [...(inv.toolExecutionNotifications ?? []), ...(inv.toolConfigurationNotifications ?? [])]) {
          if (n.level === "error") errors++;
        }
      }
    }
    console.log(errors, warnings);
  ' "$1"
}

failed=0
for file in "$work"/*.sarif; do
  for kind in default Gh; do
    args=(validate "$file" -o "$work/validation.json" --log ForceOverwrite)
    [ "$kind" = Gh ] && args+=(--rule-kind Gh)
    output=$("$multitool" "${args[@]}" 2>&1) || { echo "$output"; echo "sarif-check: the multitool failed on $(basename "$file")" >&2; exit 1; }
    counts=$(count "$work/validation.json")
    read -r errors warnings <<<"$counts"
    echo "sarif-multitool validate $(basename "$file") (rules: $kind): $errors errors, $warnings warnings"
    if [ "$errors" -ne 0 ] || [ "$warnings" -ne 0 ]; then
      echo "$output" | grep -E ': (error|warning) ' || true
      failed=1
    fi
  done
done
if [ "$failed" -ne 0 ]; then
  echo "sarif-check: the SARIF is not clean (see above)" >&2
  exit 1
fi
