#pragma once

// Built-in lessons recorded in-process with the C++ runtime, so the explorer has something
// true to show before the script interpreter lands. Each one is the C++ twin of a short
// asyncio program: the program text is kept with it, and every recorded site points at
// the matching line of that text, so the code panel highlights real Python lines.
// When the script branch is merged, app/main.cpp fills the scenario hooks with the real
// interpreter and these remain only as test fixtures.
#include <awaitscope/trace/Trace.h>

#include <string>
#include <string_view>
#include <vector>

namespace awaitscope::ui {

struct DemoScenario {
    std::string name;      // "blocking_sleep"
    std::string title;     // "Blocking the loop with time.sleep"
    std::string fileName;  // "blocking_sleep.py"
    std::string source;    // the asyncio program this trace is the twin of
    std::string lesson;    // what it shows, and what to notice in the timeline
    Trace (*record)() = nullptr;
};

// In lesson order.
const std::vector<DemoScenario>& demoScenarios();
const DemoScenario* findDemoScenario(std::string_view name);
// Runs the scenario on a virtual clock and returns its trace, metadata filled in.
Trace recordDemoScenario(const DemoScenario& scenario);

// The 1-based line of the `occurrence`-th line of `source` that contains `snippet`, or 0.
int lineContaining(std::string_view source, std::string_view snippet, int occurrence = 1);

} // namespace awaitscope::ui
