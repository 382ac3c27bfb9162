#!/usr/bin/env bash
# The pre-commit hook with the real client: `pre-commit try-repo` installs this checkout the way a user's
# `pre-commit install` would (npm install, npm pack, npm install -g of the archive) and runs the hook in a
# throw-away git repository holding a violating root (examples/saas-broken as bad/) and a compliant one
# (examples/saas-reference as good/). The violating root must fail with its finding shown, the
# compliant one must pass. Exit 1 when an outcome differs; exit 0 with a message when pre-commit
# cannot be installed (no apt-get, no root and no sudo): the check is skipped, not failed.
set -euo pipefail
checkout="$(cd "$(dirname "$0")/.." && pwd)"

install_precommit() {
  command -v pre-commit >/dev/null 2>&1 && return 0
  command -v apt-get >/dev/null 2>&1 || return 1
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    # Only a password-less sudo: CI has no one to type a password.
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=(sudo -n); else return 1; fi
  fi
  # The package lists may be empty in a fresh container: update once and try again.
  "${sudo[@]}" apt-get install -y -q pre-commit >/dev/null 2>&1 ||
    { "${sudo[@]}" apt-get update -q >/dev/null 2>&1 && "${sudo[@]}" apt-get install -y -q pre-commit >/dev/null 2>&1; }
}

if ! install_precommit; then
  echo "pre-commit check skipped: pre-commit is not installed and could not be installed (apt-get install -y pre-commit needs apt-get and root or password-less sudo)"
  exit 0
fi
echo "pre-commit check: $(pre-commit --version), $(node --version), npm $(npm --version)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
repo="$work/repo"
mkdir -p "$repo"
cp -r "$checkout/examples/saas-broken" "$repo/bad"
cp -r "$checkout/examples/saas-reference" "$repo/good"
git -C "$repo" init -q
git -C "$repo" add -A

failed=0
# try-repo ROOT EXPECTED_EXIT EXPECTED_LINE...: runs the hook on the root's files, checks exit code and lines.
try_repo() {
  local root="$1" expected="$2"
  shift 2
  local files rc=0 started=$SECONDS
  mapfile -t files < <(git -C "$repo" ls-files "$root")
  (cd "$repo" && pre-commit try-repo "$checkout" tomguard --color never --files "${files[@]}") >"$work/$root.log" 2>&1 || rc=$?
  echo "--- pre-commit try-repo $checkout tomguard --files <${#files[@]} files of $root/>: exit $rc in $((SECONDS - started)) s (install and first run)"
  cat "$work/$root.log"
  if [ "$rc" -ne "$expected" ]; then
    echo "FAIL: $root/ exited $rc, expected $expected"
    failed=1
  fi
  local line
  for line in "$@"; do
    if ! grep -qxF -- "$line" "$work/$root.log"; then
      echo "FAIL: $root/ output lacks the line: $line"
      failed=1
    fi
  done
}

try_repo bad 1 \
  'tomguard (TOM claims in Terraform).......................................Failed' \
  'bad/security.tf:61: TG-NET-002 tcp port 22 is open to 0.0.0.0/0 (ports allowed from the internet: 80, 443)'
try_repo good 0 \
  'tomguard (TOM claims in Terraform).......................................Passed'

if [ "$failed" -ne 0 ]; then
  echo "pre-commit check FAILED"
  exit 1
fi
echo "pre-commit check passed: bad/ fails with its finding, good/ passes"
