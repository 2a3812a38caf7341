#!/usr/bin/env bash
# The GitHub Action's first step: the key under which actions/cache keeps the installed CLI, and
# its folder (outputs key and path). The key is the exact version asked for, or else a hash of
# what the CLI is built from in the action's checkout; a range or a tag such as `latest` can
# change under the same name, so it gets no key and is not cached.
set -euo pipefail

version="${CAP_ADVISOR_VERSION:-}"
if [ -n "$version" ]; then
  key=""
  if [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then key="cap-advisor-cli-npm-$version"; fi
else
  cd "$GITHUB_ACTION_PATH"
  sources=(package.json package-lock.json CHANGELOG.md bin schemas src docs/rules scripts/build.mjs scripts/editor-schema.mjs scripts/action)
  # Generated files are the build's output, present only after a build: not part of the key.
  hash=$(find "${sources[@]}" -type f -not -path '*/generated/*' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c 1-16)
  key="cap-advisor-cli-$hash"
fi

echo "key=$key" >> "$GITHUB_OUTPUT"
echo "path=${RUNNER_TEMP:-/tmp}/cap-advisor-cli" >> "$GITHUB_OUTPUT"
