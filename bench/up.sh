#!/usr/bin/env bash
# Wall time of starting an 8-task layout (8 windows, each `sleep 100000`) with cpx, tmuxinator and
# tmuxp, timed with hyperfine. A measured run ends only when all 8 panes run `sleep`: every tool is
# followed by the same poll (bench/up/wait.sh), whether or not it already waited by itself.
#
# Usage: bench/up.sh
#   RUNS=15 WARMUP=3          hyperfine runs and warmup runs per tool
#   BENCH_SHELL=/bin/sh       the panes' shell ($SHELL for tmux). tmuxinator and tmuxp type the
#                             command into it, so its start-up (your rc files) is part of their time;
#                             cpx runs `sleep` without a shell. /bin/sh (dash here) keeps rc files
#                             out; BENCH_SHELL=/bin/bash measures with your own ~/.bashrc.
#   OUT=dir                   keep the hyperfine JSON there (default: printed temp path, removed)
#
# Everything runs on one private tmux server (-L cpx-bench-up-<pid>); before each run,
# bench/up/reset.sh kills that server and cpx's background watcher for it, nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
here=$root/bench/up

missing=()
for tool in hyperfine tmuxinator tmuxp tmux; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if ((${#missing[@]})); then
  echo "bench: installing ${missing[*]} (apt-get update && apt-get install -y hyperfine tmuxinator tmuxp)" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo apt-get install -y -qq hyperfine tmuxinator tmuxp tmux >/dev/null ||
    { echo "bench: could not install ${missing[*]}: install them yourself (apt-get install hyperfine tmuxinator tmuxp)" >&2; exit 1; }
fi
[ -f dist/cpx.js ] || npm run build >/dev/null

export CPX_BENCH_SOCKET="cpx-bench-up-$$"
export SHELL="${BENCH_SHELL:-/bin/sh}"
export XDG_STATE_HOME XDG_CONFIG_HOME
XDG_STATE_HOME="$(mktemp -d)"; XDG_CONFIG_HOME="$(mktemp -d)"
unset TMUX TMUX_PANE CPX_SOCKET
work="$(mktemp -d)"
out="${OUT:-$work}"; mkdir -p "$out"
cleanup() {
  "$here/reset.sh" || true
  # tmux 3.3a leaves its socket file behind after kill-server: remove it once nothing answers there
  tmux -L "$CPX_BENCH_SOCKET" list-sessions >/dev/null 2>&1 || rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$CPX_BENCH_SOCKET"
  rm -rf "$work" "$XDG_STATE_HOME" "$XDG_CONFIG_HOME"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cd "$work" # the same start directory for every tool

ms() { date +%s%N; }
panes() { tmux -L "$CPX_BENCH_SOCKET" list-panes -s -t =bench8 -F '#{pane_current_command}' 2>/dev/null | grep -c '^sleep$' || true; }

echo "tmux $(tmux -V | cut -d' ' -f2), $(tmuxinator version), $(tmuxp --version), cpx $("$root/bin/cpx" --version), node $(node --version)"
echo "socket -L $CPX_BENCH_SOCKET, shell $SHELL, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "check (one run each, no wait loop): does the tool return only when the 8 panes run sleep?"
for tool in cpx tmuxinator tmuxp; do
  "$here/reset.sh"
  start=$(ms); "$here/run.sh" "$tool" nowait; back=$(ms); at_return=$(panes)
  "$here/wait.sh" "$CPX_BENCH_SOCKET" bench8 8; done_=$(ms)
  windows=$(tmux -L "$CPX_BENCH_SOCKET" list-windows -t =bench8 | wc -l)
  printf '  %-10s returned after %5d ms with %d/8 panes in sleep; all 8 after %5d ms; %d windows\n' \
    "$tool" $(((back - start) / 1000000)) "$at_return" $(((done_ - start) / 1000000)) "$windows"
  [ "$windows" = 8 ] || { echo "bench: $tool made $windows windows, expected 8" >&2; exit 1; }
done
echo

hyperfine -N --warmup "${WARMUP:-3}" --runs "${RUNS:-15}" --prepare "$here/reset.sh" \
  --export-json "$out/up.json" \
  -n cpx "$here/run.sh cpx" \
  -n tmuxinator "$here/run.sh tmuxinator" \
  -n tmuxp "$here/run.sh tmuxp"

echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
node -e '
const r = Object.fromEntries(require(process.argv[1]).results.map((x) => [x.command, x]));
const f = (s) => (s * 1000).toFixed(0).padStart(6);
console.log("tool        median ms   mean ms  stddev     min     max");
for (const x of Object.values(r)) console.log(`${x.command.padEnd(10)} ${f(x.median)}    ${f(x.mean)}  ${f(x.stddev)}  ${f(x.min)}  ${f(x.max)}`);
for (const other of ["tmuxinator", "tmuxp"]) {
  console.log(`cpx/${other.padEnd(10)} median ${(r.cpx.median / r[other].median).toFixed(2)}x   mean ${(r.cpx.mean / r[other].mean).toFixed(2)}x`);
}
' "$out/up.json"
[ -n "${OUT:-}" ] && echo "JSON: $out/up.json"
exit 0
