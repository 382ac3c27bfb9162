#!/usr/bin/env bash
# generate-plans.sh: regenerate the Terraform plan fixtures from the examples.
#
#   examples/<name>/  --terraform init/validate/plan/show -json-->  tests/fixtures/plans/<name>.plan.json
#
# Usage:
#   scripts/generate-plans.sh                 # all examples (saas-reference, saas-broken)
#   scripts/generate-plans.sh saas-broken     # only the named example(s)
#
# Runs fully offline and never contacts AWS:
#   * Each example is copied to a temporary directory with its relative layout
#     kept (so `./modules/...` sources and file names in the plan's
#     `configuration` section match the example), so no .terraform/, lock file,
#     state or plan file lands in the repository.
#   * The AWS provider comes from a local filesystem mirror, not the registry.
#     Point the script at the mirror root with
#         TOMGUARD_TF_MIRROR=/path/to/mirror scripts/generate-plans.sh
#     (default: /opt/tf-plugins). The mirror root is the directory that holds
#     registry.terraform.io/hashicorp/aws/<version>/<os>_<arch>/terraform-provider-aws_*
#     (the "unpacked" layout). Find one with
#         find / -name 'terraform-provider-aws*' -not -path '/proc/*' 2>/dev/null
#     and take the part of the path before "registry.terraform.io". To build a
#     mirror on a machine with network access:  terraform providers mirror <dir>
#     (packed .zip layout, also accepted by filesystem_mirror).
#   * A generated CLI config (TF_CLI_CONFIG_FILE) allows only that mirror, and a
#     generated `zz_tomguard_offline_override.tf` in the temp copy merges fake
#     credentials and skip_* settings into the examples' `provider "aws"` blocks
#     (the default one and every aliased one of the root module, e.g. the
#     us-east-1 provider for CloudFront log delivery).
#     The examples avoid data sources that call AWS APIs (AZs, the CloudFront
#     prefix list, the account id and the ELB log-delivery account are
#     variables); only data "aws_iam_policy_document" is read, and that is
#     computed locally by the provider.
#
# Other environment variables:
#   TERRAFORM      terraform binary (default: terraform; tested with 1.11)
#   KEEP_WORKDIR=1 keep the temporary directory for inspection
#
# Two normalisations make regenerating unchanged examples give byte-identical
# fixtures: the top-level "timestamp" is pinned to a fixed value, and
# "relevant_attributes" (an unordered set that terraform emits in random order)
# is sorted by resource address and attribute path. Nothing else is changed.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
examples_dir="$repo_root/examples"
out_dir="$repo_root/tests/fixtures/plans"
mirror="${TOMGUARD_TF_MIRROR:-/opt/tf-plugins}"
terraform_bin="${TERRAFORM:-terraform}"
fixed_timestamp="2025-01-01T00:00:00Z"

if [ "$#" -gt 0 ]; then
  examples=("$@")
else
  examples=(saas-reference saas-broken)
fi

die() { echo "generate-plans: $*" >&2; exit 1; }

command -v "$terraform_bin" >/dev/null 2>&1 || die "terraform not found (set TERRAFORM=/path/to/terraform)"
[ -d "$mirror/registry.terraform.io/hashicorp/aws" ] ||
  die "no AWS provider under $mirror/registry.terraform.io/hashicorp/aws; set TOMGUARD_TF_MIRROR to the mirror root (see the header of this script)"

pretty_json() { # stdin: plan JSON, stdout: pretty-printed with the pinned timestamp
  if command -v jq >/dev/null 2>&1; then
    jq --arg ts "$fixed_timestamp" '
      (if has("timestamp") then .timestamp = $ts else . end)
      | (if has("relevant_attributes") then .relevant_attributes |= sort_by(.resource, (.attribute | tojson)) else . end)'
  else
    python3 -c '
import json, sys
plan = json.load(sys.stdin)
if "timestamp" in plan:
    plan["timestamp"] = sys.argv[1]
if "relevant_attributes" in plan:
    plan["relevant_attributes"].sort(key=lambda r: (r["resource"], json.dumps(r["attribute"], separators=(",", ":"))))
json.dump(plan, sys.stdout, indent=2)
print()
' "$fixed_timestamp"
  fi
}

workdir="$(mktemp -d "${TMPDIR:-/tmp}/tomguard-plans.XXXXXX")"
cleanup() {
  if [ "${KEEP_WORKDIR:-0}" = "1" ]; then
    echo "generate-plans: kept $workdir" >&2
  else
    rm -rf "$workdir"
  fi
}
trap cleanup EXIT

cat >"$workdir/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/*/*"]
  }
  direct {
    exclude = ["registry.terraform.io/*/*"]
  }
}
RC

# Offline, fake-credential environment; nothing here can reach AWS.
export TF_CLI_CONFIG_FILE="$workdir/terraformrc"
export TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_DEFAULT_PROFILE AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE TF_DATA_DIR TF_PLUGIN_CACHE_DIR TF_WORKSPACE || true

mkdir -p "$out_dir"

for name in "${examples[@]}"; do
  src="$examples_dir/$name"
  [ -d "$src" ] || die "no example $src"
  dst="$workdir/examples/$name"
  mkdir -p "$dst"
  # Copy the sources only (same relative layout), never local Terraform state.
  tar -C "$src" --exclude='.terraform' --exclude='.terraform.lock.hcl' \
      --exclude='*.tfstate' --exclude='*.tfstate.*' --exclude='*.tfplan' -cf - . | tar -C "$dst" -xf -

  cat >"$dst/zz_tomguard_offline_override.tf" <<'TF'
# Generated by scripts/generate-plans.sh for offline plan generation only.
# Credentials come from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY=test.
provider "aws" {
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}
TF
  # Aliased AWS providers of the root module (provider "aws" { alias = "..." }) need the
  # same settings; an override block merges into the provider with the same alias.
  aliases="$(awk '
    /^provider[ \t]+"aws"[ \t]*\{/ { inside = 1; next }
    inside && /^\}/ { inside = 0; next }
    inside && match($0, /^[ \t]*alias[ \t]*=[ \t]*"[^"]+"/) {
      v = substr($0, RSTART, RLENGTH); sub(/^[^"]*"/, "", v); sub(/"$/, "", v); print v
    }' "$dst"/*.tf | sort -u)"
  for alias in $aliases; do
    cat >>"$dst/zz_tomguard_offline_override.tf" <<TF

provider "aws" {
  alias                       = "$alias"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}
TF
  done

  echo "== $name" >&2
  (
    cd "$dst"
    "$terraform_bin" init -no-color -input=false -backend=false >"$workdir/$name.init.log" 2>&1 ||
      { cat "$workdir/$name.init.log" >&2; exit 1; }
    "$terraform_bin" validate -no-color >&2
    "$terraform_bin" plan -no-color -input=false -lock=false -out=tfplan >"$workdir/$name.plan.log" 2>&1 ||
      { cat "$workdir/$name.plan.log" >&2; exit 1; }
    grep -E '^Plan:' "$workdir/$name.plan.log" >&2 || true
    "$terraform_bin" show -no-color -json tfplan
  ) | pretty_json >"$workdir/$name.plan.json"
  mv "$workdir/$name.plan.json" "$out_dir/$name.plan.json"
  echo "   wrote ${out_dir#"$repo_root"/}/$name.plan.json ($(wc -c <"$out_dir/$name.plan.json") bytes)" >&2
done
