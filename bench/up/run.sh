#!/bin/sh
# One measured run: start the 8-sleep layout with TOOL on the private socket, then wait (same loop
# for every tool) until all 8 panes run `sleep`. Needs CPX_BENCH_SOCKET; run from bench/up.sh.
# Usage: bench/up/run.sh cpx|tmuxinator|tmuxp [nowait]
set -e
here=$(cd "$(dirname "$0")" && pwd)
sock=${CPX_BENCH_SOCKET:?set CPX_BENCH_SOCKET}
case $1 in
  cpx)        CPX_SOCKET=$sock "$here/../../bin/cpx" up "$here/cpx.yaml" >/dev/null ;;
  tmuxinator) tmuxinator start -p "$here/tmuxinator.yml" --no-attach >/dev/null ;;
  tmuxp)      tmuxp load -d -L "$sock" "$here/tmuxp.yaml" >/dev/null ;;
  *) echo "run.sh: unknown tool '$1' (cpx, tmuxinator or tmuxp)" >&2; exit 2 ;;
esac
[ "$2" = nowait ] && exit 0
exec "$here/wait.sh" "$sock" bench8 8
