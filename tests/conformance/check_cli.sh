#!/usr/bin/env bash
# diff <(awaitscope --run x.py) <(python3 x.py) for every conformance script and scenario.
# Usage: tests/conformance/check_cli.sh [path/to/awaitscope]   (needs python3, CPython 3.11)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
app=$(realpath "${1:-$root/build/dev/app/awaitscope}")
pass=0
fail=0
for script in "$here"/*.py "$root"/samples/scenarios/*.py "$root"/tests/core/runtime_cases/*.py; do
  [[ $(basename "$script") == regenerate.py ]] && continue
  cd "$(dirname "$script")"
  if diff <("$app" --run "$(basename "$script")" 2>/dev/null) <(python3 "$(basename "$script")" 2>/dev/null) >/tmp/awaitscope-diff.txt; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "DIFF $script"
    head -20 /tmp/awaitscope-diff.txt
  fi
done
echo "identical: $pass, different: $fail"
[[ $fail -eq 0 ]]
