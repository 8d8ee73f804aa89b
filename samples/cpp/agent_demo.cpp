// An AI agent on the Awaitscope runtime: the LLM plans, three tools run in parallel in a
// TaskGroup, the LLM answers. Then one tool is called with time.sleep-style blocking, to
// show what the recorder finds. The clock is virtual, so the run takes no real time.
#include <awaitscope/Runtime.h>
#include <awaitscope/analysis/FrozenStretches.h>

#include <cstdio>
#include <string>

using namespace awaitscope;
using namespace std::chrono_literals;

namespace {

double seconds() { return static_cast<double>(Loop::running().now()) / 1e9; }

Task<std::string> llm(std::string prompt, std::chrono::milliseconds thinking) {
    co_await sleep(thinking);
    co_return "reply to " + prompt;
}

Task<std::string> tool(std::string name, std::chrono::milliseconds latency) {
    co_await sleep(latency);
    std::printf("  %s finished at %.1f s\n", name.c_str(), seconds());
    co_return name + " result";
}

Task<std::string> blockingTool() {
    blockingCall("requests.get('https://example.com')", 700ms);  // holds the loop
    co_return "page";
}

Task<> heartbeat() {
    for (int i = 0; i < 4; ++i)
        co_await sleep(250ms);
}

Task<> agent() {
    std::string plan = co_await llm("plan the trip", 800ms);
    std::printf("plan ready at %.1f s\n", seconds());
    co_await withTaskGroup([](TaskGroup& tools) -> Task<> {
        tools.createTask(tool("weather", 1200ms), "weather");
        tools.createTask(tool("flights", 900ms), "flights");
        tools.createTask(tool("hotels", 600ms), "hotels");
        co_return;
    });
    std::printf("tools done at %.1f s (in parallel, not 2.7 s one after another)\n", seconds());
    std::string answer = co_await llm("answer", 600ms);
    std::printf("answer at %.1f s\n", seconds());

    TaskHandle<> beat = createTask(heartbeat(), "heartbeat");
    co_await sleep(100ms);  // the heartbeat starts and arms its first timer
    co_await blockingTool();
    co_await beat;
}

} // namespace

int main() {
    Trace trace;
    Recorder recorder(trace);
    Loop loop({ClockKind::Virtual, &recorder});
    loop.run(agent());

    const TraceIndex index(trace);
    std::printf("recorded %zu tasks and %zu events\n", trace.tasks.size(), trace.eventCount());
    for (const FrozenStretch& frozen : findFrozenStretches(trace, index)) {
        std::printf("loop frozen %.1f s by %s (%s)\n", static_cast<double>(frozen.duration()) / 1e9,
                    trace.taskName(frozen.culprit).c_str(), std::string(trace.str(trace.blocks[frozen.block].what)).c_str());
        for (const FrozenVictim& victim : frozen.victims)
            std::printf("  %s ran %.2f s late\n", trace.taskName(victim.task).c_str(),
                        static_cast<double>(victim.lateBy()) / 1e9);
    }
    return 0;
}
