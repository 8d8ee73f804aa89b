#pragma once

// The library modules written in Python (modules/python/<name>.py), compiled into the library
// at build time by src/script/EmbedLibraryModules.cmake and compiled by the interpreter on
// their first import (modules/Modules.cpp).
#include <cstddef>

namespace awaitscope::script {

struct LibraryModuleText {
    const char* name;  // the module's file name without .py
    const char* source;
    std::size_t size;
};

extern const LibraryModuleText kLibraryModules[];
extern const std::size_t kLibraryModuleCount;

} // namespace awaitscope::script
