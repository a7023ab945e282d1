#!/usr/bin/env bash
# What a Tab costs: `cpx __complete` (the shell completions' fast path) with 16 tasks on a private
# server, timed with hyperfine against bare node. Usage: bench/complete.sh (apt-get install hyperfine)
set -euo pipefail
# shellcheck source=bench/private-server.sh
source "$(dirname "$0")/private-server.sh" complete
start_tasks 16
echo "tasks completed: $(./bin/cpx __complete tasks | wc -l)"
# Time a copy, so a rebuild of dist/ during the run cannot break it.
mkdir "$work/pkg" && cp -r bin dist package.json "$work/pkg/" && cd "$work/pkg"

# Task and session names are answered by bin/cpx with one tmux call; layout and agent names by node (dist/).
commands=('node -e 0' "tmux -L $CPX_SOCKET list-panes -a" './bin/cpx __complete tasks' './bin/cpx __complete sessions' "./bin/cpx __complete tasks -L no-server-$$" './bin/cpx __complete layouts' './bin/cpx __complete agents' './bin/cpx --version')
hyperfine -N --warmup 5 --runs "${RUNS:-40}" --export-json "$work/complete.json" "${commands[@]}"
report "$work/complete.json"
