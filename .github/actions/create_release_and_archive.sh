#!/usr/bin/env bash
# Write release_notes.txt (in the current directory) for an OpenLLM release tag: how to
# install or upgrade the package, the container images, and where the changelog is.
# release-notes.yml passes the file to the GitHub release as its body, after the notes
# GitHub generates; GitHub attaches the source archives itself.
#
#   create_release_and_archive.sh <tag>      e.g. v0.3.5 or 0.3.5
#
# Image references use the version without the leading "v": docker/metadata-action's
# semver {{version}} tag, which build.yml and clojure-frontend.yml push, strips it.
#
# Exit status: 0 written, 2 usage error (missing or malformed tag), 1 write failure.
set -euo pipefail

readonly PROG=create_release_and_archive.sh
readonly NOTES=release_notes.txt
readonly REPO_URL=https://github.com/bentoml/OpenLLM
readonly IMAGE=ghcr.io/bentoml/openllm
readonly UI_IMAGE=ghcr.io/bentoml/openllm-ui-clojure
# X.Y.Z with an optional PEP 440 pre/dev/post suffix (0.3.5, 0.4.0rc1, 0.3.5.dev0).
readonly VERSION_RE='^[0-9]+\.[0-9]+\.[0-9]+((a|b|rc)[0-9]+)?(\.post[0-9]+)?(\.dev[0-9]+)?$'

usage() {
  cat <<EOF
Usage: $PROG <tag>

Write $NOTES for the release <tag> (v0.3.5 or 0.3.5) in the current directory.
EOF
}

usage_error() {
  echo "$PROG: $*" >&2
  echo >&2
  usage >&2
  exit 2
}

main() {
  case ${1:-} in
    -h | --help)
      usage
      exit 0
      ;;
  esac
  (($# == 1)) || usage_error "expected exactly one argument, the release tag (got $#)"
  local tag=$1
  local version=${tag#v}
  [[ $version =~ $VERSION_RE ]] ||
    usage_error "'$tag' is not a release tag: expected vX.Y.Z or X.Y.Z"

  local tmp
  tmp=$(mktemp "$NOTES.XXXXXX")
  # Never leave a half-written temp file behind.
  trap 'rm -f "$tmp"' EXIT
  cat >"$tmp" <<EOF
## Installation

Install OpenLLM $version from PyPI:

\`\`\`bash
pip install openllm==$version
\`\`\`

Upgrade an existing installation:

\`\`\`bash
pip install --upgrade openllm==$version
\`\`\`

## Container images

The OpenLLM base image, with the compiled kernels needed for serving:

\`\`\`bash
docker pull $IMAGE:$version
docker run --rm -it --gpus all -p 3000:3000 --entrypoint openllm $IMAGE:$version start opt
\`\`\`

The community-maintained Clojure UI:

\`\`\`bash
docker run --rm -it -p 8420:80 $UI_IMAGE:$version
\`\`\`

## Changes

See the full changelog: $REPO_URL/blob/main/CHANGELOG.md
EOF
  chmod 0644 "$tmp"
  mv "$tmp" "$NOTES"
  trap - EXIT
  echo "Wrote $NOTES for openllm $version (tag $tag)"
}

main "$@"
