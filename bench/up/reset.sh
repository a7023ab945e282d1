#!/bin/sh
# hyperfine --prepare: end everything the previous run left on the private server CPX_BENCH_SOCKET,
# and nothing else: the tmux server on that socket (its panes get SIGHUP) and cpx's background
# watcher for it. The watcher is found by its pid in the server option @cpx_watcher and, as a
# fallback (it may not have written the option yet), by CPX_SOCKET_PATH=<this socket> in its
# environment; pane processes by TMUX=<this socket>,... in theirs. Killing the server ends all of
# them by itself: this waits for that (up to 3 s) and sends SIGTERM only to one of ours still alive.
sock=${CPX_BENCH_SOCKET:?set CPX_BENCH_SOCKET}
path="${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
pattern="^(CPX_SOCKET_PATH=$path\$|TMUX=$path,)"
pids=""
if tmux -L "$sock" list-sessions >/dev/null 2>&1; then
  # the server's pid too: kill-server returns before the server is gone, and a client started in
  # that gap fails with "server exited unexpectedly" (tmux 3.3a)
  pids="$(tmux -L "$sock" display-message -p '#{pid}' 2>/dev/null) $(tmux -L "$sock" show-options -gqv @cpx_watcher 2>/dev/null)"
  pids="$pids $(tmux -L "$sock" list-panes -a -F '#{pane_pid}' 2>/dev/null)"
  tmux -L "$sock" kill-server 2>/dev/null
fi
ours() { # pids whose environment ties them to this socket
  grep -lzE "$pattern" /proc/[0-9]*/environ 2>/dev/null | sed 's|/proc/\([0-9]*\)/environ|\1|'
}
alive() { # running and not a zombie
  state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
  [ -n "$state" ] && [ "$state" != Z ]
}
pids="$pids $(ours)"
for _ in $(seq 1 300); do
  left=""; for p in $pids; do alive "$p" && left="$left $p"; done
  [ -z "$left" ] && break
  sleep 0.01
done
[ -n "$left" ] && echo "reset.sh: still alive 3 s after kill-server on $sock: $left" >&2
if [ -n "$left" ]; then
  for p in $(ours); do
    case " $left " in *" $p "*) ;; *) continue ;; esac
    echo "reset.sh: pid $p ($(tr '\0' ' ' <"/proc/$p/cmdline" | cut -c1-60)) outlived the server on $sock: SIGHUP+SIGTERM" >&2
    kill -HUP "$p" 2>/dev/null; kill "$p" 2>/dev/null
  done
fi
exit 0
