#!/usr/bin/env bash
# Builds the .deb from a configured and built tree, then checks what a user gets from it.
# Arguments: CPACK BUILD_DIR WORK_DIR VERSION SOURCE_DIR
set -euo pipefail
cpack=$1 build=$2 work=$3 version=$4 source=$5
rm -rf "$work"
mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

# gzip rather than the package's xz: the same contents, made in a fraction of the time.
"$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$work" -D CPACK_DEBIAN_COMPRESSION_TYPE=gzip \
  >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; fail "cpack"; }
deb=$work/awaitscope_${version}_amd64.deb
[[ -f $deb ]] || fail "no $deb (found: $(ls "$work"))"
echo "package: $(basename "$deb"), $(stat -c %s "$deb") bytes"

# Control fields: the dependencies come from the shared libraries the binaries link.
dpkg-deb --field "$deb" Package Version Architecture Depends Maintainer >"$work/control"
cat "$work/control"
grep -qx "Package: awaitscope" "$work/control" || fail "package name"
grep -qx "Version: $version" "$work/control" || fail "version"
grep -q "^Depends: .*libqt6widgets6" "$work/control" || fail "no Qt dependency from dpkg-shlibdeps"
grep -q "^Depends: .*libc6" "$work/control" || fail "no libc6 dependency from dpkg-shlibdeps"
grep -q "^Depends: .*python3 (>= 3.11)" "$work/control" || fail "the recorder needs python3"

# Contents.
dpkg-deb --contents "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/contents"
for path in /usr/bin/awaitscope /usr/bin/awaitscope-record \
            /usr/share/applications/org.awaitscope.Awaitscope.desktop \
            /usr/share/metainfo/org.awaitscope.Awaitscope.metainfo.xml \
            /usr/share/mime/packages/awaitscope.xml \
            /usr/share/icons/hicolor/scalable/apps/awaitscope.svg \
            /usr/share/icons/hicolor/16x16/apps/awaitscope.png /usr/share/icons/hicolor/48x48/apps/awaitscope.png \
            /usr/share/icons/hicolor/256x256/apps/awaitscope.png \
            /usr/share/man/man1/awaitscope.1.gz /usr/share/man/man1/awaitscope-record.1.gz \
            /usr/share/doc/awaitscope/copyright /usr/share/doc/awaitscope/changelog.gz \
            /usr/share/awaitscope/traces/agent_tools.json /usr/share/awaitscope/traces/agent_tools.py \
            /usr/share/awaitscope/lessons/blocking_sleep.py \
            /usr/include/awaitscope/Runtime.h /usr/include/awaitscope/Version.h; do
  grep -qx "$path" "$work/contents" || fail "$path is not in the package"
done
grep -q "^/usr/lib/.*libawaitscope_core\.a$" "$work/contents" || fail "the C++ library is not in the package"
grep -q "^/usr/lib/.*cmake/Awaitscope/AwaitscopeConfig\.cmake$" "$work/contents" || fail "no CMake package"
lessons=$(grep -c "^/usr/share/awaitscope/lessons/.*\.py$" "$work/contents")
[[ $lessons -eq $(ls "$source"/samples/scenarios/*.py | wc -l) ]] || fail "$lessons lessons installed"
if grep -v "^/usr/" "$work/contents" | grep -qv "^/$"; then fail "files outside /usr"; fi

# Unpacked into a scratch root, as dpkg would install it.
root=$work/root
dpkg -x "$deb" "$root"
desktop-file-validate "$root/usr/share/applications/org.awaitscope.Awaitscope.desktop"
appstreamcli validate --no-net --pedantic "$root/usr/share/metainfo/org.awaitscope.Awaitscope.metainfo.xml"
[[ $(zcat "$root/usr/share/doc/awaitscope/changelog.gz" | head -1) == "awaitscope ($version) "* ]] ||
  fail "the changelog's first entry is not version $version"
file "$root/usr/bin/awaitscope" | grep -q ", stripped" || fail "awaitscope is not stripped"

# The installed programs run from where they were installed.
app=$root/usr/bin/awaitscope
[[ $(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$app" --version) == "awaitscope $version" ]] || fail "--version"
"$app" --run blocking_sleep >"$work/lesson.out" || true
diff -u "$source/tests/conformance/scenarios/blocking_sleep.out" "$work/lesson.out" || fail "--run blocking_sleep"
"$app" --list-samples >"$work/samples"
cat "$work/samples"
[[ $(wc -l <"$work/samples") -eq 3 ]] || fail "the window finds $(wc -l <"$work/samples") sample traces"
if grep -v "^$root/usr/share/awaitscope/traces/" "$work/samples"; then fail "samples from elsewhere"; fi
cat >"$work/prog.py" <<'PROGRAM'
import asyncio

async def fetch(name, delay):
    await asyncio.sleep(delay)
    return name

async def main():
    print(await asyncio.gather(fetch("a", 0.02), fetch("b", 0.01)))

asyncio.run(main())
PROGRAM
(cd "$work" && "$root/usr/bin/awaitscope-record" -o t.json prog.py >recorded.out)
[[ $(cat "$work/recorded.out") == "['a', 'b']" ]] || fail "the recorded program's output: $(cat "$work/recorded.out")"
"$app" --report "$work/t.json" >"$work/report" || [[ $? -eq 3 ]] || fail "--report of the recorded trace"
grep -q "tasks *3" "$work/report" || { cat "$work/report"; fail "the recorded trace has not 3 tasks"; }
"$root/usr/bin/awaitscope-record" --help | grep -q "^usage: awaitscope-record" || fail "the recorder's usage line"

# The MIME type: a file manager (GIO here) tells Awaitscope's traces from other JSON by how
# they begin, native and exported alike.
mime=$work/mime
mkdir -p "$mime/mime/packages"
cp "$root/usr/share/mime/packages/awaitscope.xml" "$mime/mime/packages/"
update-mime-database "$mime/mime"
"$app" --convert "$source/samples/traces/agent_tools.json" "$work/export.json" --to chrome >/dev/null
echo '{"format": "something else"}' >"$work/other.json"
type_of() { XDG_DATA_DIRS="$mime:/usr/share" XDG_DATA_HOME="$mime" gio info -a standard::content-type "$1" | sed -n 's/.*content-type: //p'; }
for trace in "$root/usr/share/awaitscope/traces/agent_tools.json" "$work/t.json" "$work/export.json"; do
  [[ $(type_of "$trace") == application/x-awaitscope-trace ]] || fail "$trace is $(type_of "$trace")"
done
[[ $(type_of "$work/other.json") == application/json ]] || fail "other JSON is $(type_of "$work/other.json")"
grep -qx "MimeType=application/x-awaitscope-trace;" "$root/usr/share/applications/org.awaitscope.Awaitscope.desktop" ||
  fail "the desktop entry does not open trace files"

# The man pages list the options the programs have.
zcat "$root/usr/share/man/man1/awaitscope.1.gz" | grep -q -- '\\-\\-convert' || fail "awaitscope(1) has no --convert"
zcat "$root/usr/share/man/man1/awaitscope-record.1.gz" | grep -q -- '\\-\\-embed\\-source' ||
  fail "awaitscope-record(1) has no --embed-source"
echo "package checks passed"
