#pragma once

// Test fixtures: short asyncio programs recorded in-process with the C++ runtime, so that the
// window's suites have small, exactly known traces (tests/ui/demo_cases holds what CPython
// prints for each, and tst_demo_scenarios checks them against it). Each keeps the program it is
// the twin of, and every recorded site points at that program's line, so the code panel
// highlights real Python lines. demoTraceSources() offers them as the window's lessons.
#include "app/TraceSources.h"

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

// The fixtures as the window's lessons: `scenarios` and `runScenario` filled, nothing else.
TraceSources demoTraceSources();

} // namespace awaitscope::ui
