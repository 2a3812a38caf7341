#!/usr/bin/env bash
# The GitHub Action's setup step: installs the cap-advisor CLI as its npm package, and only that
# (no development toolchain), into $RUNNER_TEMP/cap-advisor-cli unless the cache restored it there;
# names it in $GITHUB_ENV as CAP_ADVISOR_CLI (the bin script, run with node).
set -euo pipefail

temp="${RUNNER_TEMP:-/tmp}"
prefix="$temp/cap-advisor-cli"
cli="$prefix/lib/node_modules/cap-advisor/bin/cap-advisor.js"
key="${CAP_ADVISOR_CLI_KEY:-}"
npm_options=(--no-audit --no-fund --ignore-scripts)

if [ -n "$key" ] && [ -f "$cli" ] && [ "$(cat "$prefix/cache-key" 2> /dev/null)" = "$key" ]; then
  echo "cap-advisor: the CLI came from the cache ($key)" >&2
elif [ -n "${CAP_ADVISOR_VERSION:-}" ]; then
  # A published version: the package has no dependencies, so this is one small download.
  rm -rf "$prefix"
  npm install --global --prefix "$prefix" "${npm_options[@]}" "cap-advisor@$CAP_ADVISOR_VERSION" >&2
else
  # The action's own checkout, the same commit as the action. dist/ is not committed: build the
  # CLI alone, with the few packages its bundle needs at the lock file's versions.
  source="$GITHUB_ACTION_PATH"
  if [ ! -f "$source/dist/cli.js" ]; then
    build="$temp/cap-advisor-build"
    node "$source/scripts/action/cli-build.mjs" "$build"
    (cd "$build" && npm ci "${npm_options[@]}" >&2)
    linked=""
    if [ ! -e "$source/node_modules" ]; then
      ln -s "$build/node_modules" "$source/node_modules"
      linked=yes
    fi
    node "$source/scripts/build.mjs" --cli >&2
    if [ -n "$linked" ]; then rm "$source/node_modules"; fi
    rm -rf "$build"
  fi
  # What `npm pack` gives (package.json's files), installed as a user would install the tarball.
  tarball="$temp/$(cd "$source" && npm pack --ignore-scripts --silent --pack-destination "$temp" | tail -n 1)"
  rm -rf "$prefix"
  npm install --global --prefix "$prefix" --omit=dev "${npm_options[@]}" "$tarball" >&2
  rm -f "$tarball"
fi
echo "$key" > "$prefix/cache-key"

echo "CAP_ADVISOR_CLI=$cli" >> "$GITHUB_ENV"
echo "cap-advisor $(node "$cli" --version)"
