#!/usr/bin/env bash
# Start-up and `cpx ls` cost: 16 task panes on a private server, timed with hyperfine.
# Usage: bench/ls.sh            (needs hyperfine: apt-get install hyperfine)
set -euo pipefail
# shellcheck source=bench/private-server.sh
source "$(dirname "$0")/private-server.sh" ls
start_tasks 16
count=$(./bin/cpx ls --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).length))')
echo "tasks running: $count"

hyperfine -N --warmup 5 --runs "${RUNS:-40}" --export-json "$work/ls.json" \
  'node -e 0' \
  "tmux -L $CPX_SOCKET list-panes -a" \
  './bin/cpx --version' \
  './bin/cpx ls' \
  './bin/cpx ls --json'
report "$work/ls.json"
