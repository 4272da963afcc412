#!/usr/bin/env bash
# End-to-end proof that the freshness hook works where pre-commit.ci runs it: a clone without
# node_modules, hook dependencies installed by pre-commit alone, Node's own resolution.
# 1) `pre-commit run --all-files` passes on the committed tree;
# 2) after editing a workflow source without regenerating, the hook fails and says how to fix it.
set -euo pipefail
repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! command -v pre-commit >/dev/null; then
  echo "installing Debian's pre-commit"
  apt-get update -qq && apt-get install -y -qq pre-commit >/dev/null
fi

git clone --quiet "$repo" "$work/repo"
cd "$work/repo"
test ! -e node_modules

echo "== pre-commit run --all-files on a clean clone (expect success)"
pre-commit run --all-files --show-diff-on-failure

echo "== after editing a source without regenerating (expect failure)"
source=$(ls workflows-src/*.ts | head -n 1)
sed -i "0,/name: '/s//name: 'Edited /" "$source"
git diff --stat
if pre-commit run workflows-fresh --all-files >"$work/out.txt" 2>&1; then
  cat "$work/out.txt"
  echo "FAIL: the hook passed although $source was edited without running pnpm gen" >&2
  exit 1
fi
cat "$work/out.txt"
grep -q 'Run `pnpm gen`' "$work/out.txt" || { echo "FAIL: the failure does not say how to fix it" >&2; exit 1; }
echo "pre-commit end-to-end: ok"
