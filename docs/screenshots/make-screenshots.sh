#!/usr/bin/env bash
# Regenerates the screenshots in this folder with the awaitscope binary itself: no window
# (the offscreen platform), so it runs on CI machines too.
#   docs/screenshots/make-screenshots.sh [build/dev/app/awaitscope]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
app=${1:-$here/../../build/dev/app/awaitscope}
render() {  # name size
  "$app" --render-scenario "$1" --out "$here/$1.png" --size "$2"
}
render sequential_awaits 1600x400
render taskgroup_concurrency 1600x460
render blocking_sleep 1600x460
render forgotten_await 1600x460
render taskgroup_failure 1600x520
render to_thread_fix 1600x460
render cpu_heavy_loop 1600x460
render agent_loop 1600x520
"$app" --render-scenario blocking_sleep --out "$here/blocking_sleep_dark.png" --size 1600x460 --theme dark
# A real program recorded under CPython (samples/traces).
"$app" --render "$here/../../samples/traces/agent_tools.json" --out "$here/recorded_agent_tools.png" --size 1600x420
# The first start (a clean layout, and the welcome over the first lesson).
config=$(mktemp -d)
QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$config" "$app" --screenshot "$here/main-window.png"
rm -rf "$config"
# Teaching mode: the window set up by --scene, each with settings of its own (a clean layout).
for scene in playback compare diagnostic predict critical-path critical-path-walk; do
  config=$(mktemp -d)
  QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$config" "$app" --screenshot "$here/teaching-$scene.png" --scene "$scene"
  rm -rf "$config"
done
# The dark theme (View ▸ Theme ▸ Dark), during playback.
config=$(mktemp -d)
QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$config" "$app" --screenshot "$here/teaching-playback-dark.png" --scene playback --theme dark
rm -rf "$config"
# Many tasks: a crawler of 200,000 fetch() calls (tests/bench/many_tasks.py), one group track,
# drawn without a window and in the window at 1366x768.
work=$(mktemp -d)
sed 's/^TASKS = 2000$/TASKS = 200000/' "$here/../../tests/bench/many_tasks.py" > "$work/crawler.py"
"$app" --run "$work/crawler.py" --out "$work/crawler.json" > /dev/null
"$app" --render "$work/crawler.json" --out "$here/many_tasks_grouped.png" --size 1366x768
config=$(mktemp -d)
QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$config" "$app" --screenshot "$here/many_tasks_window.png" -qwindowgeometry 1366x768 "$work/crawler.json"
rm -rf "$config"
# The same, with the group opened by Find (its lanes, virtualised).
config=$(mktemp -d)
QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$config" "$app" --screenshot "$here/many_tasks_expanded.png" -qwindowgeometry 1366x768 --find fetch "$work/crawler.json"
rm -rf "$config" "$work"
