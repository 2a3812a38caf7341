#!/usr/bin/env bash
# The GitHub Action's check step: runs `cap-advisor check` with the action's inputs (from the
# environment) and sets the outputs output-file and exit-code.
set -uo pipefail

format="${INPUT_FORMAT:-text}"
output="${INPUT_OUTPUT:-}"
if [ -z "$output" ] && [ "$format" = sarif ]; then output=cap-advisor.sarif; fi

args=(check --format "$format")
set -f # paths and rules are split on white space, never expanded as globs
for rule in ${INPUT_RULES:-}; do args+=(--rule "$rule"); done
if [ -n "$output" ]; then args+=(--output "$output"); fi
if [ "$format" = text ]; then
  args+=(--no-color)
  # Errors and warnings of the text format become annotations on the changed lines.
  echo "::add-matcher::$(dirname "${BASH_SOURCE[0]}")/problem-matcher.json"
fi
set +f
# One path or glob per line when the input has several lines (`paths: |`), so that a path may hold
# spaces; on one line, separated by spaces. Globs reach the CLI as written: it expands them itself.
paths=()
if [[ "${INPUT_PATHS:-.}" == *$'\n'* ]]; then
  while IFS= read -r path; do
    path="${path#"${path%%[![:space:]]*}"}" # trim, as YAML's block scalars leave indentation alone
    path="${path%"${path##*[![:space:]]}"}"
    if [ -n "$path" ]; then paths+=("$path"); fi
  done <<< "$INPUT_PATHS"
else
  set -f
  # shellcheck disable=SC2206 # splitting on white space is the input's documented format
  paths=(${INPUT_PATHS:-.})
  set +f
fi
if [ "${#paths[@]}" = 0 ]; then paths=(.); fi

node "$CAP_ADVISOR_CLI" "${args[@]}" -- "${paths[@]}"
status=$?
if [ "$format" = text ]; then echo "::remove-matcher owner=cap-advisor::"; fi

if [ -n "$output" ] && [ -f "$output" ]; then
  echo "output-file=$output" >> "$GITHUB_OUTPUT"
  echo "cap-advisor: wrote $output"
else
  echo "output-file=" >> "$GITHUB_OUTPUT"
fi
echo "exit-code=$status" >> "$GITHUB_OUTPUT"

if [ "$status" = 1 ] && [ "${INPUT_FAIL_ON_ERROR:-true}" = false ]; then
  echo "cap-advisor: error findings, but fail-on-error is false"
  exit 0
fi
exit "$status"
