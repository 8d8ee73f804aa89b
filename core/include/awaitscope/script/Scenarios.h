#pragma once

// The built-in lesson scenarios (samples/scenarios/*.py), compiled into the library.
#include <string>
#include <string_view>
#include <vector>

namespace awaitscope {

struct Scenario {
    std::string name;      // "blocking_sleep"
    std::string title;     // "Blocking the loop with time.sleep"
    std::string fileName;  // "blocking_sleep.py"
    std::string source;    // the whole script
    std::string lesson;    // the docstring: concept and "what to notice in the timeline"
};

const std::vector<Scenario>& builtinScenarios();  // in lesson order
const Scenario* findScenario(std::string_view name);

} // namespace awaitscope
