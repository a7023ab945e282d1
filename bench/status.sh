#!/usr/bin/env bash
# `cpx status` cost (a status bar may run it every second): 16 task panes on a private server, timed
# with hyperfine, first with the watcher running (bin/cpx prints its @cpx_status: one tmux call), then
# with the watcher gone (node counts the tasks). tmux's own status line draws #{@cpx_status} and runs
# nothing. Usage: bench/status.sh   (needs hyperfine: apt-get install hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "bench: hyperfine not found: apt-get install hyperfine" >&2; exit 1; }
[ -f dist/cpx.js ] || npm run build >/dev/null

export CPX_SOCKET="cpx-bench-status-$$"
export XDG_STATE_HOME XDG_CONFIG_HOME
XDG_STATE_HOME="$(mktemp -d)"; XDG_CONFIG_HOME="$XDG_STATE_HOME"
work="$(mktemp -d)"
cleanup() {
  tmux -L "$CPX_SOCKET" kill-server 2>/dev/null || true
  rm -rf "$work" "$XDG_STATE_HOME" "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$CPX_SOCKET"   # tmux leaves its socket file
}
trap cleanup EXIT

tmux -L "$CPX_SOCKET" -f /dev/null new-session -d -s keep
for i in $(seq 1 16); do
  ./bin/cpx new "task $i" --dir "$work" --cmd "sleep $((3600 + i))" >/dev/null   # no prompt: it would become an argument of sleep
done
# The watcher writes @cpx_status once it has looked at every task.
for _ in $(seq 1 100); do
  [ "$(tmux -L "$CPX_SOCKET" show-options -gqv @cpx_status_plain)" = '▶16 working' ] && break
  sleep 0.1
done
echo "status: $(./bin/cpx status --plain)   (@cpx_summary: $(tmux -L "$CPX_SOCKET" show-options -gqv @cpx_summary))"

report() {
  node -e '
const r = require(process.argv[1]).results;
const base = r[0].median;
for (const x of r) console.log(`${x.command.padEnd(50)} median ${(x.median*1000).toFixed(1).padStart(6)} ms  (${(x.median/base).toFixed(2)}x node -e 0)  cpu ${((x.user+x.system)*1000).toFixed(1).padStart(6)} ms`);
' "$1"
}
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
