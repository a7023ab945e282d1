#!/usr/bin/env bash
# Wall time of starting an 8-task layout (8 windows, each `sleep 100000`) with cpx, tmuxinator and
# tmuxp, timed with hyperfine. A measured run ends only when all 8 panes run `sleep`: every tool is
# followed by the same poll (bench/up/wait.sh), whether or not it already waited by itself.
#
# Usage: bench/up.sh
#   RUNS=15 ROUNDS=3 WARMUP=2 runs per tool in all, split into ROUNDS hyperfine rounds (tool order
#                             rotated each round, times pooled), each with WARMUP warmup runs per tool
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

# hyperfine runs one tool's runs back to back; on a busy machine the load drifts between those
# blocks. So the runs are split into ROUNDS rounds, the tools in a rotated order each round, and
# the statistics below pool every round's times.
rounds=${ROUNDS:-3}
per_round=$(( (${RUNS:-15} + rounds - 1) / rounds ))
tools=(cpx tmuxinator tmuxp)
for ((r = 0; r < rounds; r++)); do
  args=()
  for ((i = 0; i < 3; i++)); do t=${tools[$(((i + r) % 3))]}; args+=(-n "$t" "$here/run.sh $t"); done
  echo "round $((r + 1))/$rounds: ${per_round} runs per tool, load $(cut -d' ' -f1 /proc/loadavg)"
  hyperfine -N --style basic --warmup "${WARMUP:-2}" --runs "$per_round" --prepare "$here/reset.sh" \
    --export-json "$out/up-$((r + 1)).json" "${args[@]}" | grep -E '^(Benchmark|  Time|  Range)'
done

echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
node -e '
const files = process.argv.slice(1);
const times = {};
for (const f of files) for (const x of require(f).results) (times[x.command] ??= []).push(...x.times);
const stat = (t) => {
  const s = [...t].sort((a, b) => a - b), n = s.length, mean = s.reduce((a, b) => a + b, 0) / n;
  const median = n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  return { n, median, mean, stddev: Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)), min: s[0], max: s[n - 1] };
};
const r = Object.fromEntries(["cpx", "tmuxinator", "tmuxp"].map((k) => [k, stat(times[k])]));
const f = (s) => (s * 1000).toFixed(0).padStart(6);
console.log(`${files.length} round(s) pooled        runs  median ms   mean ms  stddev     min     max`);
for (const [k, x] of Object.entries(r)) console.log(`${k.padEnd(28)} ${String(x.n).padStart(4)}   ${f(x.median)}    ${f(x.mean)}  ${f(x.stddev)}  ${f(x.min)}  ${f(x.max)}`);
for (const other of ["tmuxinator", "tmuxp"]) {
  console.log(`cpx/${other.padEnd(10)} median ${(r.cpx.median / r[other].median).toFixed(2)}x   mean ${(r.cpx.mean / r[other].mean).toFixed(2)}x`);
}
' "$out"/up-*.json
[ -n "${OUT:-}" ] && echo "JSON: $out/up-*.json"
exit 0
