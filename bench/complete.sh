#!/usr/bin/env bash
# What a Tab costs: `cpx __complete` (the shell completions' fast path) with 16 tasks on a private
# server, timed with hyperfine against bare node. Usage: bench/complete.sh (apt-get install hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "bench: hyperfine not found: apt-get install hyperfine" >&2; exit 1; }
[ -f dist/cpx.js ] || npm run build >/dev/null

export CPX_SOCKET="cpx-bench-complete-$$"
export XDG_STATE_HOME XDG_CONFIG_HOME
XDG_STATE_HOME="$(mktemp -d)"; XDG_CONFIG_HOME="$XDG_STATE_HOME"
work="$(mktemp -d)"
cleanup() {
  tmux -L "$CPX_SOCKET" kill-server 2>/dev/null || true
  rm -rf "$work" "$XDG_STATE_HOME" "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$CPX_SOCKET"
}
trap cleanup EXIT

tmux -L "$CPX_SOCKET" -f /dev/null new-session -d -s keep
for i in $(seq 1 16); do
  ./bin/cpx new "task $i" --dir "$work" --cmd "sleep $((3600 + i))" >/dev/null   # no prompt: it would become an argument of sleep
done
echo "tasks completed: $(./bin/cpx __complete tasks | wc -l)"
# Time a copy, so a rebuild of dist/ during the run cannot break it.
mkdir "$work/pkg" && cp -r bin dist package.json "$work/pkg/" && cd "$work/pkg"

# Task names are answered by bin/cpx with one tmux call; layout and agent names by node (dist/).
commands=('node -e 0' "tmux -L $CPX_SOCKET list-panes -a" './bin/cpx __complete tasks' "./bin/cpx __complete tasks -L no-server-$$" './bin/cpx __complete layouts' './bin/cpx __complete agents' './bin/cpx --version')
hyperfine -N --warmup 5 --runs "${RUNS:-40}" --export-json "$work/complete.json" "${commands[@]}"
node -e '
const r = require(process.argv[1]).results;
const base = r[0].median;
// CPU time (user + system) says more than wall time on a busy machine.
for (const x of r) console.log(`${x.command.padEnd(44)} median ${(x.median*1000).toFixed(1).padStart(6)} ms  (${(x.median/base).toFixed(2)}x node -e 0)  cpu ${((x.user+x.system)*1000).toFixed(1).padStart(6)} ms`);
' "$work/complete.json"
