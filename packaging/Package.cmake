# `make package`: the Debian package, made by CPack from the install rules. Its dependencies
# on shared libraries come from dpkg-shlibdeps; what it runs without linking (python3 for
# the recorder) is named here.
set(AWAITSCOPE_MAINTAINER "Awaitscope maintainers <maintainers@awaitscope.org>" CACHE STRING
    "The Maintainer field of the Debian package")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME awaitscope)
set(CPACK_PACKAGE_VENDOR "The Awaitscope authors")
set(CPACK_PACKAGE_CONTACT "${AWAITSCOPE_MAINTAINER}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "see async code: asyncio lessons and traces on a timeline")
set(CPACK_PACKAGE_DESCRIPTION [[
Awaitscope makes Python's async code visible. It runs asyncio programs on a
recording runtime and shows every task as a lane on a timeline: when it ran,
what it awaited and on which line, what woke it, and where a blocking call
froze the event loop.

The package holds the explorer window with sixteen lessons (playback, the
loop's queues, edit and run again, predict then reveal); awaitscope-record,
which records any asyncio program on CPython 3.11 or newer; reports and
pictures from the command line; Chrome/Perfetto JSON import and export; and
the C++ runtime library with its headers and CMake package.]])

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${AWAITSCOPE_HOMEPAGE}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "python3 (>= 3.11)")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_THREADS 0)
include(CPack)
