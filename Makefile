# Two commands set up everything on a fresh Debian 12 machine:
#   make run    install missing packages, build, open Awaitscope on the first lesson
#   make test   install missing packages, build, run every test through CTest (headless)
#   make package   the Debian package (build/package/awaitscope_*.deb)
# The real build lives in CMake (CMakePresets.json); this file only chains the steps.
PRESET ?= dev
BUILD_DIR := build/$(PRESET)
APP := $(BUILD_DIR)/app/awaitscope

.PHONY: all deps configure build run test bench asan package clean

all: build

deps:
	@bash scripts/install-deps.sh

# Configure once; afterwards Ninja re-runs CMake by itself when a CMakeLists changes.
$(BUILD_DIR)/build.ninja: | deps
	cmake --preset $(PRESET)

configure: deps $(BUILD_DIR)/build.ninja

build: configure
	cmake --build --preset $(PRESET)

run: build
	$(APP) $(ARGS)

test: build
	ctest --preset $(PRESET)

# Benchmarks are separate from tests: optimised build, printed ratios, no pass/fail on time.
bench: deps
	@$(MAKE) --no-print-directory PRESET=release configure
	cmake --build --preset release --target bench

# The Debian package, build/package/awaitscope_VERSION_amd64.deb: an optimised build without the
# tests, packed by CPack, then checked by lintian (which takes minutes, so `make test` checks a
# package made from its own build with Debian's faster tools instead).
package: deps
	@$(MAKE) --no-print-directory PRESET=package configure
	cmake --build --preset package --target package
	lintian --fail-on error,warning --tag-display-limit 0 build/package/awaitscope_*.deb
	@ls build/package/awaitscope_*.deb

asan: deps
	@$(MAKE) --no-print-directory PRESET=asan configure
	cmake --build --preset asan
	ctest --preset asan

clean:
	rm -rf build
