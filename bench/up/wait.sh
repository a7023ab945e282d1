#!/bin/sh
# Poll until session SESSION on tmux server -L SOCKET has COUNT distinct panes running `sleep`.
# Usage: bench/up/wait.sh SOCKET SESSION COUNT [TIMEOUT_SECONDS=30]   (exit 1 on timeout)
# Panes are deduplicated by id: cpx's watcher adds a session grouped with the task session, so
# `list-panes -a` shows every task pane twice once it is attached.
sock=$1 session=$2 want=$3 deadline=$(($(date +%s) + ${4:-30})) tries=0
while :; do
  n=$(tmux -L "$sock" list-panes -a -F '#{session_name}	#{pane_id}	#{pane_current_command}' 2>/dev/null |
      awk -F '\t' -v s="$session" '$1 == s && $3 == "sleep" { seen[$2] = 1 } END { print length(seen) }')
  [ "${n:-0}" -ge "$want" ] && exit 0
  tries=$((tries + 1))
  if [ $((tries % 20)) = 0 ] && [ "$(date +%s)" -ge "$deadline" ]; then
    echo "wait.sh: only ${n:-0}/$want panes of $session run sleep on -L $sock after ${4:-30} s" >&2; exit 1
  fi
  sleep 0.01
done
