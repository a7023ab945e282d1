#!/usr/bin/env bash
# `cpx status` cost (a status bar may run it every second): 16 task panes on a private server, timed
# with hyperfine, first with the watcher running (bin/cpx prints its @cpx_status: one tmux call), then
# with the watcher gone (node counts the tasks). tmux's own status line draws #{@cpx_status} and runs
# nothing. Usage: bench/status.sh   (needs hyperfine: apt-get install hyperfine)
set -euo pipefail
# shellcheck source=bench/private-server.sh
source "$(dirname "$0")/private-server.sh" status
start_tasks 16
# The watcher writes @cpx_status once it has looked at every task.
for _ in $(seq 1 100); do
  [ "$(tmux -L "$CPX_SOCKET" show-options -gqv @cpx_status_plain)" = '▶16 working' ] && break
  sleep 0.1
done
echo "status: $(./bin/cpx status --plain)   (@cpx_summary: $(tmux -L "$CPX_SOCKET" show-options -gqv @cpx_summary))"

hyperfine -N --warmup 5 --runs "${RUNS:-40}" --export-json "$work/live.json" \
  'node -e 0' \
  "tmux -L $CPX_SOCKET show-options -gqv @cpx_status" \
  './bin/cpx status' \
  './bin/cpx status --plain' \
  "./bin/cpx -L $CPX_SOCKET status" \
  './bin/cpx ls'
echo "with the watcher:"; report "$work/live.json"

# Stop the watcher (cpx started it for this server): `cpx status` then counts the tasks itself.
kill "$(tmux -L "$CPX_SOCKET" show-options -gqv @cpx_watcher)"
sleep 0.5
hyperfine -N --warmup 5 --runs "${RUNS:-40}" --export-json "$work/counted.json" 'node -e 0' './bin/cpx status'
echo "without a watcher:"; report "$work/counted.json"
