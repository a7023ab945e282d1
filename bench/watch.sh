#!/usr/bin/env bash
# The watcher's cost and speed on a private tmux server:
#   1. prompt-to-bell latency with 16 simulated agents (bench/prompt-agent.mjs), background vs foreground watcher;
#   2. CPU (% of one core) of the watcher, its tmux control client and the tmux server: 16 quiet tasks,
#      20 tasks with 4 printing, 64 quiet, 64 with 4 printing (Claude-Code-like 10 Hz redraw, or a line every 50 ms),
#      and the tmux server alone with the same output (watcher stopped) as a baseline.
# Usage: bench/watch.sh      env: TRIALS (default 48 per watcher), ROUNDS (2), CPU_SECONDS (default 25 per window), BENCH_KEEP=DIR
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
# Not built here: others may be mid-edit in lib/, and a failed build removes dist/.
[ -f dist/cpx.js ] || { echo "bench: dist/cpx.js missing: run npm run build first" >&2; exit 1; }
TRIALS="${TRIALS:-48}"
ROUNDS="${ROUNDS:-2}"
CPU_SECONDS="${CPU_SECONDS:-25}"

export CPX_SOCKET="cpx-bench-watch-$$"
tmp="$(mktemp -d)"
export XDG_STATE_HOME="$tmp/state" XDG_CONFIG_HOME="$tmp/config"
unset TMUX TMUX_PANE
work="$tmp/bench-proj" agents="$tmp/agents" results="$tmp/results"
mkdir -p "$work" "$agents" "$results" "$XDG_STATE_HOME" "$XDG_CONFIG_HOME"
fg_pid="" socket_path=""
tmuxb() { tmux -L "$CPX_SOCKET" "$@"; }
cleanup() {
  local watcher
  watcher="$(tmuxb show-options -gqv @cpx_watcher 2>/dev/null || true)"
  [ -n "$fg_pid" ] && kill "$fg_pid" 2>/dev/null || true
  tmuxb kill-server 2>/dev/null || true
  [ -n "$socket_path" ] && rm -f "$socket_path"
  # The background watcher exits when its server goes; make sure of it (it is ours: we read its pid from our server).
  [ -n "$watcher" ] && sleep 0.5 && kill "$watcher" 2>/dev/null || true
  # BENCH_KEEP=DIR keeps the raw results (per-trial times, CPU rows, the foreground watcher's events, its log).
  if [ -n "${BENCH_KEEP:-}" ]; then mkdir -p "$BENCH_KEEP" && cp -r "$results"/. "$XDG_STATE_HOME"/cpx/. "$BENCH_KEEP"/ 2>/dev/null; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Run a snapshot of the build: other work may rebuild dist/ while this runs.
mkdir -p "$tmp/cpx"
cp -r bin dist package.json "$tmp/cpx/"
cp bench/prompt-agent.mjs "$tmp/prompt-agent.mjs"
cpx() { "$tmp/cpx/bin/cpx" "$@"; }
cpx --version >/dev/null
echo "bench: cpx $(cpx --version), dist/ built $(date -r dist/cpx.js '+%F %T'), $(tmux -V), $(nproc) cores" >&2

# wait_for <seconds> <description> <command...>: poll every 100 ms, fail loudly at the deadline.
wait_for() {
  local deadline=$((SECONDS + $1)) what="$2"; shift 2
  until "$@"; do
    if ((SECONDS > deadline)); then echo "bench: timed out waiting for $what" >&2; cpx ls >&2 || true; exit 1; fi
    sleep 0.1
  done
}
# all_tracked <n>: cpx ls shows n tasks and none is still "unknown".
all_tracked() {
  cpx ls --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const t=JSON.parse(s);process.exit(t.length===+process.argv[1]&&t.every(x=>x.state&&x.state!=="unknown")?0:1)})' "$1"
}
watcher_is() { [ "$(tmuxb show-options -gqv @cpx_watcher)" = "$1" ]; }
pid_gone() { ! kill -0 "$1" 2>/dev/null; }
watcher_alive() { local p; p="$(tmuxb show-options -gqv @cpx_watcher)"; [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }
cpu() { node bench/watch-cpu.mjs --socket "$CPX_SOCKET" --seconds "$CPU_SECONDS" --label "$1" --out "$results/cpu.jsonl" >&2; }
printers() { # printers spin|lines|off
  echo "$1" >"$agents/printer.mode"
  for i in 1 2 3 4; do kill -USR1 "$(cat "$agents/p$i.pid")"; done
}

tmuxb -f /dev/null new-session -d -s keep
socket_path="$(tmuxb display-message -p '#{socket_path}')"
cd "$work"
echo "bench: starting 16 prompt agents" >&2
for i in $(seq 1 16); do cpx new "a$i" --dir "$work" --cmd "node $tmp/prompt-agent.mjs $agents a$i" >/dev/null; done
wait_for 30 "16 tasks tracked" all_tracked 16
session="$(cpx ls --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[0].session))')"
cd "$root"
sleep 3

echo "bench: CPU, 16 quiet tasks (${CPU_SECONDS}s)" >&2
cpu "16 quiet"

# Background and foreground watchers alternate in ROUNDS blocks, so a change in machine load hits both alike.
latency() { # latency <label> <round>
  node bench/watch-latency.mjs --socket "$CPX_SOCKET" --session "$session" --agents "$agents" \
    --trials "$((TRIALS / ROUNDS))" --label "$1" --out "$results/lat-$1-$2.json" >&2
}
for round in $(seq 1 "$ROUNDS"); do
  echo "bench: latency round $round/$ROUNDS, background watcher ($((TRIALS / ROUNDS)) trials)" >&2
  latency background "$round"
  echo "bench: latency round $round/$ROUNDS, foreground watcher: cpx watch --json ($((TRIALS / ROUNDS)) trials)" >&2
  bg_pid="$(tmuxb show-options -gqv @cpx_watcher)"
  kill "$bg_pid"
  wait_for 10 "the background watcher to exit" pid_gone "$bg_pid"
  # Not through the cpx function: $! must be the watcher itself (env execs node, so the pid is the same).
  "$tmp/cpx/bin/cpx" watch --json >>"$results/fg-events.jsonl" 2>>"$results/fg-stderr.txt" &
  fg_pid=$!
  wait_for 10 "the foreground watcher to take over" watcher_is "$fg_pid"
  sleep 2
  latency foreground "$round"
  kill "$fg_pid"
  wait_for 10 "the foreground watcher to exit" pid_gone "$fg_pid"
  fg_pid=""
  cpx ls >/dev/null # starts the background watcher again
  wait_for 10 "a background watcher" watcher_alive
  sleep 2
done

echo "bench: adding 4 printer tasks" >&2
cd "$work"
for i in 1 2 3 4; do cpx new "p$i" --dir "$work" --cmd "node $tmp/prompt-agent.mjs $agents p$i printer" >/dev/null; done
wait_for 30 "20 tasks tracked" all_tracked 20
cd "$root"
sleep 3
printers spin; sleep 3
echo "bench: CPU, 20 tasks, 4 redrawing at 10 Hz (${CPU_SECONDS}s)" >&2
cpu "20 tasks, 4 spin 10Hz"
printers off

echo "bench: adding 44 quiet tasks (sleep) to reach 64" >&2
cd "$work"
for i in $(seq 1 44); do cpx new "s$i" --dir "$work" --cmd 'sleep 100000' >/dev/null; done
wait_for 60 "64 tasks tracked" all_tracked 64
cd "$root"
sleep 3
echo "bench: CPU, 64 quiet tasks (${CPU_SECONDS}s)" >&2
cpu "64 quiet"
printers spin; sleep 3
echo "bench: CPU, 64 tasks, 4 redrawing at 10 Hz (${CPU_SECONDS}s)" >&2
cpu "64 tasks, 4 spin 10Hz"
printers lines; sleep 3
echo "bench: CPU, 64 tasks, 4 printing a line every 50 ms (${CPU_SECONDS}s)" >&2
cpu "64 tasks, 4 lines 20Hz"

echo "bench: baseline, the tmux server alone (watcher stopped), 64 tasks with 4 printing" >&2
bg_pid="$(tmuxb show-options -gqv @cpx_watcher)"
kill "$bg_pid"
wait_for 10 "the background watcher to exit" pid_gone "$bg_pid"
printers spin; sleep 3
node bench/watch-cpu.mjs --socket "$CPX_SOCKET" --seconds "$CPU_SECONDS" --no-watcher --label "64, 4 spin, NO watcher" --out "$results/cpu.jsonl" >&2
printers lines; sleep 3
node bench/watch-cpu.mjs --socket "$CPX_SOCKET" --seconds "$CPU_SECONDS" --no-watcher --label "64, 4 lines, NO watcher" --out "$results/cpu.jsonl" >&2
printers off

node bench/watch-report.mjs "$results" "$XDG_STATE_HOME/cpx/watcher.log"
