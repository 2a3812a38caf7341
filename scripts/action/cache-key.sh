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
  hash=$(node "$GITHUB_ACTION_PATH/scripts/action/cli-build.mjs" --hash)
  key="cap-advisor-cli-$hash"
fi

echo "key=$key" >> "$GITHUB_OUTPUT"
echo "path=${RUNNER_TEMP:-/tmp}/cap-advisor-cli" >> "$GITHUB_OUTPUT"
