#!/usr/bin/env bash
# Installs the Debian packages Awaitscope needs, and only those that are missing, so a
# second run costs a few dpkg queries and no network. Runs apt-get through sudo when not
# root. Used by `make run` and `make test`.
set -euo pipefail

packages=(
  g++ cmake ninja-build make pkg-config
  lld                            # links the test builds several times faster than ld.bfd
  qt6-base-dev qt6-base-dev-tools qt6-svg-dev qt6-qpa-plugins libqscintilla2-qt6-dev
  nlohmann-json3-dev zlib1g-dev
  libgmp-dev                     # the script language's integers beyond 64 bits
  libpcre2-dev                   # the script language's re module matches with PCRE2
  fonts-dejavu-core fontconfig   # offscreen rendering needs a real font
  python3                        # conformance expectations and benchmarks compare with CPython
  clang libclang-rt-14-dev       # libFuzzer targets
  xvfb xauth                     # `xvfb-run make run` on machines without a display
  dpkg-dev file                  # `make package`: CPack's .deb, its shared-library dependencies
  help2man                       # the man pages, made from --help
  desktop-file-utils appstream shared-mime-info libglib2.0-bin   # the package test checks what it installs
  lintian                        # `make package` checks the package
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing missing Debian packages: ${missing[*]}"
as_root=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "error: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
