#pragma once

// Calls that hold the event loop: the clock advances and no other task can run. This is what
// time.sleep, a synchronous HTTP request (requests.get) and a CPU-heavy loop do to asyncio.
#include "awaitscope/runtime/Loop.h"

#include <chrono>
#include <string_view>

namespace awaitscope {

// time.sleep(d)
void blockingSleep(std::chrono::nanoseconds duration, SourceLocation where = SourceLocation::current());
// A synchronous network call that takes `duration`, such as requests.get(url).
void blockingCall(std::string_view what, std::chrono::nanoseconds duration,
                  SourceLocation where = SourceLocation::current());
// CPU work that costs `cost`.
void cpuWork(std::chrono::nanoseconds cost, std::string_view what = "CPU work",
             SourceLocation where = SourceLocation::current());

} // namespace awaitscope
