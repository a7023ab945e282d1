#!/usr/bin/env bash
# Every benchmark in turn, or the ones named: bench/run.sh [ls|status|complete|watch|up|revive ...]
# Each is its own script too; see the README's "Development" section for what each measures.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/cpx.js ] || npm run -s build
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(ls status complete watch up)
for name in "${names[@]}"; do
  script=bench/$name.sh
  if [ ! -f "$script" ]; then
    echo "bench/run.sh: no benchmark '$name' (have: ls status complete watch up)" >&2
    exit 2
  fi
  echo "== $name"
  bash "$script"
done
