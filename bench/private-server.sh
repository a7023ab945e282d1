# shellcheck shell=bash
# Sourced by bench/ls.sh, status.sh and complete.sh: checks hyperfine, builds dist/ if missing, and
# sets up a private tmux server ($CPX_SOCKET, name from $1) with scratch XDG dirs and a scratch
# folder $work, all removed on exit (tmux leaves its socket file: removed too).
cd "$(dirname "$0")/.." || exit 1
command -v hyperfine >/dev/null || { echo "bench: hyperfine not found: apt-get install hyperfine" >&2; exit 1; }
[ -f dist/cpx.js ] || npm run build >/dev/null

export CPX_SOCKET="cpx-bench-$1-$$"
export XDG_STATE_HOME XDG_CONFIG_HOME
XDG_STATE_HOME="$(mktemp -d)"; XDG_CONFIG_HOME="$XDG_STATE_HOME"
work="$(mktemp -d)"
cleanup() {
  tmux -L "$CPX_SOCKET" kill-server 2>/dev/null || true
  rm -rf "$work" "$XDG_STATE_HOME" "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$CPX_SOCKET"
}
trap cleanup EXIT
tmux -L "$CPX_SOCKET" -f /dev/null new-session -d -s keep

# start_tasks N: N quiet tasks named "task 1".. (no prompt: it would become an argument of sleep).
start_tasks() {
  for i in $(seq 1 "$1"); do
    ./bin/cpx new "task $i" --dir "$work" --cmd "sleep $((3600 + i))" >/dev/null
  done
}

# report FILE.json: each command's median, as a multiple of the first (node -e 0), and its CPU time
# (user + system says more than wall time on a busy machine).
report() {
  node -e '
const r = require(process.argv[1]).results;
const base = r[0].median;
for (const x of r) console.log(`${x.command.padEnd(50)} median ${(x.median*1000).toFixed(1).padStart(6)} ms  (${(x.median/base).toFixed(2)}x node -e 0)  cpu ${((x.user+x.system)*1000).toFixed(1).padStart(6)} ms`);
' "$1"
}
