#!/usr/bin/env bash
# The GitHub Action's first step: makes the cap-advisor CLI available and names it in
# $GITHUB_ENV as CAP_ADVISOR_CLI (the bin script, run with node).
set -euo pipefail

if [ -n "${CAP_ADVISOR_VERSION:-}" ]; then
  # A published version: the package has no dependencies, so this is one small download.
  prefix="${RUNNER_TEMP:-/tmp}/cap-advisor-cli"
  npm install --prefix "$prefix" --no-audit --no-fund --no-save "cap-advisor@$CAP_ADVISOR_VERSION" >&2
  cli="$prefix/node_modules/cap-advisor/bin/cap-advisor.js"
else
  # The action's own checkout: dist/ is not committed, so build it once (npm ci runs the build).
  if [ ! -f "$GITHUB_ACTION_PATH/dist/cli.js" ]; then
    (cd "$GITHUB_ACTION_PATH" && npm ci --no-audit --no-fund >&2)
  fi
  cli="$GITHUB_ACTION_PATH/bin/cap-advisor.js"
fi

echo "CAP_ADVISOR_CLI=$cli" >> "$GITHUB_ENV"
echo "cap-advisor $(node "$cli" --version)"
