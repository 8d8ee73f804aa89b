#pragma once

// The scenario scripts as compiled into the library (generated at build time from
// samples/scenarios/*.py by src/script/EmbedScenarios.cmake, in lesson order).
#include <cstddef>

namespace awaitscope::script {

struct EmbeddedScenario {
    const char* name;
    const char* fileName;
    const char* source;
    std::size_t size;
};

extern const EmbeddedScenario kEmbeddedScenarios[];
extern const std::size_t kEmbeddedScenarioCount;

} // namespace awaitscope::script
