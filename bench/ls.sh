#!/usr/bin/env bash
# Start-up and `cpx ls` cost: 16 task panes on a private server, timed with hyperfine.
# Usage: bench/ls.sh            (needs hyperfine: apt-get install hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "bench: hyperfine not found: apt-get install hyperfine" >&2; exit 1; }
[ -f dist/cpx.js ] || npm run build >/dev/null

export CPX_SOCKET="cpx-bench-ls-$$"
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
  ./bin/cpx new "task $i" --dir "$work" --cmd 'sleep 3600' >/dev/null
done
count=$(./bin/cpx ls --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).length))')
echo "tasks running: $count"

hyperfine -N --warmup 5 --runs "${RUNS:-40}" --export-json "$work/ls.json" \
  'node -e 0' \
  "tmux -L $CPX_SOCKET list-panes -a" \
  './bin/cpx --version' \
  './bin/cpx ls' \
  './bin/cpx ls --json'
node -e '
const r = require(process.argv[1]).results;
const base = r[0].median;
for (const x of r) console.log(`${x.command.padEnd(40)} median ${(x.median*1000).toFixed(1).padStart(6)} ms  (${(x.median/base).toFixed(2)}x node -e 0)`);
' "$work/ls.json"
