#!/usr/bin/env bash
# Cut an OpenLLM release: compute the next version, write it into the package
# manifests, make a signed commit and a signed annotated tag vX.Y.Z, and push both.
# Run by the "release" workflow (create-releases.yml); it refuses to run anywhere else.
#
#   release.sh --release major|minor|patch
#
# Where the current version comes from: the HIGHEST of
#   - the newest vX.Y.Z tag (tags are fetched from origin first), and
#   - every version declared by the manifests that exist: openllm-python/pyproject.toml
#     ([project] version), package.json and openllm-node/package.json (top-level "version"),
# where X.Y.Z.devN sorts below X.Y.Z. Taking the highest means a manifest still at
# X.Y.Z.devN after vX.Y.Z was tagged cannot produce a duplicate tag, and a package whose
# version is dynamic (read from VCS) is released from its tags alone.
#
# Bump rules (X.Y.Z.devN is a pre-release of X.Y.Z, as set by the next-dev-cycle job):
#   patch  X.Y.Z -> X.Y.(Z+1)    X.Y.Z.devN -> X.Y.Z
#   minor  X.Y.Z -> X.(Y+1).0    X.Y.Z.devN -> X.Y.Z when Z = 0, else X.(Y+1).0
#   major  X.Y.Z -> (X+1).0.0    X.Y.Z.devN -> X.Y.Z when Y = Z = 0, else (X+1).0.0
#
# Environment:
#   GITHUB_ACTIONS       must be "true".
#   RELEASE_SIGN         1 (default): sign commit and tag with git's configured GPG key; 0: don't.
#   RELEASE_DRY_RUN      0 (default): push to origin; 1: commit and tag locally only.
#   RELEASE_BRANCH       branch that receives the release commit (default: main).
#   GITHUB_OUTPUT        when set, receives version=X.Y.Z and tag=vX.Y.Z.
#   GITHUB_STEP_SUMMARY  when set, receives a one-line summary.
#
# Exit status: 0 released, 1 refused or failed, 2 usage error.
set -euo pipefail

readonly PROG=release.sh
readonly MANIFEST_PYPROJECT=openllm-python/pyproject.toml
readonly MANIFEST_PACKAGE_JSONS=(package.json openllm-node/package.json)

group_open=0

usage() {
  cat <<EOF
Usage: $PROG --release major|minor|patch

Bump OpenLLM's version, commit, tag vX.Y.Z (GPG-signed) and push to origin.
Runs only inside GitHub Actions (the "release" workflow, create-releases.yml).

Options:
  --release TYPE   which part of X.Y.Z to bump: major, minor or patch
  -h, --help       show this help

Environment: RELEASE_SIGN=0 skips signing, RELEASE_DRY_RUN=1 skips pushing,
RELEASE_BRANCH (default main) is the branch the release commit is pushed to.
EOF
}

group() {
  end_group
  echo "::group::$*"
  group_open=1
}

end_group() {
  if [[ $group_open == 1 ]]; then
    echo "::endgroup::"
    group_open=0
  fi
}

die() {
  end_group
  if [[ ${GITHUB_ACTIONS:-} == true ]]; then
    echo "::error title=$PROG::$*" >&2
  else
    echo "$PROG: error: $*" >&2
  fi
  exit 1
}

usage_error() {
  echo "$PROG: $*" >&2
  echo >&2
  usage >&2
  exit 2
}

# Reads a 0/1 switch from the environment; true/false/yes/no are accepted too.
flag() {
  local name=$1 default=$2 value
  value=${!name:-$default}
  case ${value,,} in
    1 | true | yes) echo 1 ;;
    0 | false | no) echo 0 ;;
    *) die "$name must be 0 or 1, got '$value'" ;;
  esac
}

# --- versions ---------------------------------------------------------------

readonly VERSION_RE='^([0-9]+)\.([0-9]+)\.([0-9]+)(\.dev([0-9]+))?$'

is_version() {
  [[ $1 =~ $VERSION_RE ]]
}

# Prints "major minor patch rank devN": rank 0 for a .devN pre-release, 1 for a release,
# so that a plain field-by-field numeric comparison orders X.Y.Z.devN before X.Y.Z.
version_key() {
  [[ $1 =~ $VERSION_RE ]] || return 1
  if [[ -n ${BASH_REMATCH[4]} ]]; then
    echo "${BASH_REMATCH[1]} ${BASH_REMATCH[2]} ${BASH_REMATCH[3]} 0 ${BASH_REMATCH[5]}"
  else
    echo "${BASH_REMATCH[1]} ${BASH_REMATCH[2]} ${BASH_REMATCH[3]} 1 0"
  fi
}

# Succeeds when version $1 is strictly greater than version $2.
version_gt() {
  local -a a b
  read -r -a a <<<"$(version_key "$1")"
  read -r -a b <<<"$(version_key "$2")"
  local i
  for i in 0 1 2 3 4; do
    ((10#${a[i]} > 10#${b[i]})) && return 0
    ((10#${a[i]} < 10#${b[i]})) && return 1
  done
  return 1
}

next_version() {
  local current=$1 kind=$2
  [[ $current =~ $VERSION_RE ]] || die "cannot bump '$current': not X.Y.Z or X.Y.Z.devN"
  local -i major=10#${BASH_REMATCH[1]} minor=10#${BASH_REMATCH[2]} patch=10#${BASH_REMATCH[3]}
  local dev=${BASH_REMATCH[4]}
  case $kind in
    patch)
      [[ -n $dev ]] || patch+=1
      ;;
    minor)
      if [[ -z $dev || $patch != 0 ]]; then
        minor+=1
        patch=0
      fi
      ;;
    major)
      if [[ -z $dev || $minor != 0 || $patch != 0 ]]; then
        major+=1
        minor=0
        patch=0
      fi
      ;;
  esac
  echo "$major.$minor.$patch"
}

newest_tag_version() {
  git tag --list 'v[0-9]*' | sed -n -E 's/^v([0-9]+\.[0-9]+\.[0-9]+)$/\1/p' |
    sort -t. -k1,1n -k2,2n -k3,3n | tail -n 1
}

# --- manifests --------------------------------------------------------------

# The version assigned in pyproject.toml's [project] table (empty when it is dynamic).
# Table headers are recognised at the start of a line only, so an indented element of a
# multi-line array such as `  ["a", "b"]` is not mistaken for one.
pyproject_version() {
  awk '
    /^\[\[?[^]]+\]\]?[[:space:]]*(#.*)?$/ { in_project = ($0 ~ /^\[project\][[:space:]]*(#.*)?$/); next }
    in_project && /^[[:space:]]*version[[:space:]]*=/ {
      value = $0
      sub(/^[^=]*=[[:space:]]*["\047]/, "", value)
      sub(/["\047].*$/, "", value)
      print value
      exit
    }
  ' "$1"
}

set_pyproject_version() {
  local file=$1 version=$2 tmp
  tmp=$(mktemp "$file.XXXXXX")
  awk -v version="$version" '
    /^\[\[?[^]]+\]\]?[[:space:]]*(#.*)?$/ { in_project = ($0 ~ /^\[project\][[:space:]]*(#.*)?$/) }
    in_project && !done && /^[[:space:]]*version[[:space:]]*=/ {
      sub(/=[[:space:]]*["\047][^"\047]*["\047]/, "= \"" version "\"")
      done = 1
    }
    { print }
  ' "$file" >"$tmp"
  chmod 0644 "$tmp"
  mv "$tmp" "$file"
}

# A package.json's top-level "version": the first one indented by one level
# (two spaces or a tab, as every formatter writes it), so nested ones are ignored.
package_json_version() {
  sed -n -E 's/^(  |\t)"version"[[:space:]]*:[[:space:]]*"([^"]*)".*$/\2/p' "$1" | head -n 1
}

set_package_json_version() {
  local file=$1 version=$2 tmp
  tmp=$(mktemp "$file.XXXXXX")
  sed -E "0,/^(  |\t)\"version\"[[:space:]]*:/ s/^((  |\t)\"version\"[[:space:]]*:[[:space:]]*)\"[^\"]*\"/\1\"$version\"/" \
    "$file" >"$tmp"
  chmod 0644 "$tmp"
  mv "$tmp" "$file"
}

# Prints "file<TAB>version" for each manifest that exists and declares a static version.
manifest_versions() {
  local file version
  if [[ -f $MANIFEST_PYPROJECT ]]; then
    version=$(pyproject_version "$MANIFEST_PYPROJECT")
    [[ -z $version ]] || printf '%s\t%s\n' "$MANIFEST_PYPROJECT" "$version"
  fi
  for file in "${MANIFEST_PACKAGE_JSONS[@]}"; do
    if [[ -f $file ]]; then
      version=$(package_json_version "$file")
      [[ -z $version ]] || printf '%s\t%s\n' "$file" "$version"
    fi
  done
}

read_manifest_version() {
  case $1 in
    *.toml) pyproject_version "$1" ;;
    *.json) package_json_version "$1" ;;
  esac
}

write_manifest_version() {
  case $1 in
    *.toml) set_pyproject_version "$1" "$2" ;;
    *.json) set_package_json_version "$1" "$2" ;;
  esac
  local written
  written=$(read_manifest_version "$1")
  [[ $written == "$2" ]] || die "$1: version is '$written' after the update, expected '$2'"
}

# --- main -------------------------------------------------------------------

main() {
  local release=''
  while (($# > 0)); do
    case $1 in
      -h | --help)
        usage
        exit 0
        ;;
      --release)
        (($# >= 2)) || usage_error "--release needs a value: major, minor or patch"
        release=$2
        shift 2
        ;;
      --release=*)
        release=${1#--release=}
        shift
        ;;
      *) usage_error "unexpected argument '$1'" ;;
    esac
  done
  [[ -n $release ]] || usage_error "missing --release major|minor|patch"
  case $release in
    major | minor | patch) ;;
    *) usage_error "invalid --release '$release': expected major, minor or patch" ;;
  esac

  if [[ ${GITHUB_ACTIONS:-} != true ]]; then
    echo "$PROG: refusing to run outside GitHub Actions (GITHUB_ACTIONS is not 'true')." >&2
    echo "Releases are cut by the 'release' workflow (create-releases.yml): dispatch it from the Actions tab." >&2
    exit 1
  fi

  local sign dry_run branch
  sign=$(flag RELEASE_SIGN 1)
  dry_run=$(flag RELEASE_DRY_RUN 0)
  branch=${RELEASE_BRANCH:-main}

  git rev-parse --is-inside-work-tree >/dev/null 2>&1 || die "$PWD is not a git work tree"
  cd "$(git rev-parse --show-toplevel)"
  git rev-parse --verify --quiet HEAD >/dev/null || die "the repository has no commits"
  git diff --quiet HEAD -- || die "the work tree has uncommitted changes; release from a clean checkout"

  group "Current version"
  if git remote get-url origin >/dev/null 2>&1; then
    echo "Fetching tags from origin"
    git fetch --quiet --tags origin || die "could not fetch tags from origin"
  fi
  local current='' tag_version file version
  tag_version=$(newest_tag_version)
  if [[ -n $tag_version ]]; then
    echo "newest tag: v$tag_version"
    current=$tag_version
  else
    echo "newest tag: (no vX.Y.Z tag)"
  fi
  local -a manifests=()
  while IFS=$'\t' read -r file version; do
    is_version "$version" || die "$file: version '$version' is not X.Y.Z or X.Y.Z.devN"
    echo "$file: $version"
    manifests+=("$file")
    if [[ -z $current ]] || version_gt "$version" "$current"; then
      current=$version
    fi
  done < <(manifest_versions)
  [[ -n $current ]] || die "no vX.Y.Z tag and no manifest declares a version: cannot tell the current version"
  echo "current version: $current"

  local next tag
  next=$(next_version "$current" "$release")
  tag="v$next"
  echo "$release release: $current -> $next"
  if git rev-parse --verify --quiet "refs/tags/$tag" >/dev/null; then
    die "tag $tag already exists"
  fi

  local -a sign_commit=(-S) sign_tag=(-s)
  if [[ $sign == 0 ]]; then
    sign_commit=(--no-gpg-sign)
    sign_tag=(-a)
  fi

  group "Update manifests to $next"
  if ((${#manifests[@]} == 0)); then
    echo "No manifest declares a static version: nothing to update."
  fi
  for file in "${manifests[@]}"; do
    write_manifest_version "$file" "$next"
    echo "$file: version = $next"
    git add -- "$file"
  done

  group "Commit and tag $tag"
  if git diff --cached --quiet; then
    echo "Manifests already at $next: tagging HEAD without a release commit."
  else
    git -c commit.gpgsign=false commit --quiet "${sign_commit[@]}" \
      -m "infra: prepare for release $next [generated] [skip ci]" ||
      die "git commit failed (with RELEASE_SIGN=1, is a GPG signing key configured?)"
  fi
  git -c tag.gpgsign=false tag "${sign_tag[@]}" "$tag" -m "Release $tag" ||
    die "git tag failed (with RELEASE_SIGN=1, is a GPG signing key configured?)"
  git --no-pager log -1 --format='commit %H%n%s' HEAD
  if [[ $sign == 1 ]]; then
    echo "signed commit and tag $tag"
  else
    echo "unsigned commit and tag $tag (RELEASE_SIGN=0)"
  fi

  group "Push to origin"
  if [[ $dry_run == 1 ]]; then
    echo "RELEASE_DRY_RUN=1: not pushing HEAD to $branch nor $tag."
  else
    git push --atomic origin "HEAD:refs/heads/$branch" "refs/tags/$tag" ||
      die "push to origin failed (nothing was pushed: the push is atomic)"
  fi
  end_group

  if [[ -n ${GITHUB_OUTPUT:-} ]]; then
    printf 'version=%s\ntag=%s\n' "$next" "$tag" >>"$GITHUB_OUTPUT"
  fi
  if [[ -n ${GITHUB_STEP_SUMMARY:-} ]]; then
    echo "Released **$tag** ($release release from $current)." >>"$GITHUB_STEP_SUMMARY"
  fi
  echo "::notice title=$PROG::released $tag ($release release from $current)"
}

main "$@"
