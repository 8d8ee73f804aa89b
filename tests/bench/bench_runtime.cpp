// Runtime benchmarks: ping-pong through sleep(0), a fan-out of a million timers, and what
// recording costs. Each figure is measured with recording off (the baseline) and on, in the
// same run, and printed with the ratio.
#include <awaitscope/Runtime.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/utsname.h>

using namespace awaitscope;
using Clock = std::chrono::steady_clock;

namespace {

Task<> player(long rounds) {
    for (long i = 0; i < rounds; ++i)
        co_await sleepNs(0);
}

Task<> pingPong(long pairs) {
    std::vector<Task<>> players;
    players.push_back(player(pairs / 2));
    players.push_back(player(pairs / 2));
    co_await gather(std::move(players));
}

Task<> sleeper(TimeNs delay) { co_await sleepNs(delay); }

// Task i sleeps i microseconds (or, scrambled, a permutation of them, so timers fire in an order
// unrelated to creation and every wake-up is a cache miss). main sleeps past the last one
// instead of joining each task: the figure is create, arm, fire.
Task<> fanOut(long tasks, bool scrambled) {
    for (long i = 0; i < tasks; ++i)
        (void)createTask(sleeper(1000 + (scrambled ? (i * 7919) % tasks : i) * 1000));
    co_await sleepNs(1000 + tasks * 1000);
}

struct Measurement {
    double seconds = 0;
    std::size_t events = 0;
    double bytesPerEvent = 0;
};

template <class Make>
Measurement measure(bool recording, Make make) {
    Trace trace;
    Recorder recorder(trace);
    Loop loop({ClockKind::Virtual, recording ? &recorder : nullptr});
    const auto start = Clock::now();
    loop.run(make());
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    Measurement m{seconds, trace.eventCount(), 0};
    if (recording) {
        for (TaskRecord& task : trace.tasks)
            task.events.shrink_to_fit();  // what a finished recording keeps (the arena's shares stay)
        m.bytesPerEvent = recorder.bytesPerEvent();
    }
    return m;
}

struct Runs {
    Measurement off{1e9, 0, 0};
    Measurement on{1e9, 0, 0};
    double firstOnSeconds = 0;  // the first recording of its size: fresh pages, none kept yet
};

template <class Make>
Runs bestOf(int runs, Make make) {
    Runs best;
    for (int i = 0; i < runs; ++i) {
        Measurement a = measure(false, make);
        Measurement b = measure(true, make);
        if (i == 0)
            best.firstOnSeconds = b.seconds;
        if (a.seconds < best.off.seconds)
            best.off = a;
        if (b.seconds < best.on.seconds)
            best.on = b;
    }
    return best;
}

} // namespace

int main(int argc, char** argv) {
    const long pairs = argc > 1 ? std::atol(argv[1]) : 10'000'000;
    const long tasks = argc > 2 ? std::atol(argv[2]) : 1'000'000;
    utsname machine{};
    uname(&machine);
    std::printf("Runtime benchmarks on %s %s, %u hardware threads (best of 5)\n", machine.sysname, machine.machine,
                std::thread::hardware_concurrency());

    const Runs ping = bestOf(5, [&] { return pingPong(pairs); });
    const double nsOff = ping.off.seconds * 1e9 / static_cast<double>(pairs);
    const double nsOn = ping.on.seconds * 1e9 / static_cast<double>(pairs);
    std::printf("ping-pong, %ld sleep(0) suspend+resume pairs:\n", pairs);
    std::printf("  recording off  %7.1f ns per pair\n", nsOff);
    std::printf("  recording on   %7.1f ns per pair   (goal <= 25)   recording overhead %.2fx (goal <= 1.3)\n", nsOn,
                nsOn / nsOff);
    std::printf("                 %7.1f ns per pair in the first run, on fresh pages\n",
                ping.firstOnSeconds * 1e9 / static_cast<double>(pairs));
    std::printf("  recorded       %zu events, %.1f bytes per event (goal <= 16)\n", ping.on.events, ping.on.bytesPerEvent);

    for (bool scrambled : {false, true}) {
        const Runs fan = bestOf(5, [&] { return fanOut(tasks, scrambled); });
        std::printf("fan-out, %ld tasks each sleeping a different duration once%s:\n", tasks,
                    scrambled ? " (scrambled order)" : "");
        std::printf("  recording off  %7.3f s\n", fan.off.seconds);
        // The goal is for the fan-out as the issue states it; the scrambled order is the same work
        // with every wake-up a cache miss, shown for what it costs, with no goal of its own.
        std::printf("  recording on   %7.3f s   %s   recording overhead %.2fx%s\n", fan.on.seconds,
                    scrambled ? "            " : "(goal < 0.5)", fan.on.seconds / fan.off.seconds,
                    scrambled ? "" : " (goal <= 1.3)");
        std::printf("                 %7.3f s in the first run, on fresh pages\n", fan.firstOnSeconds);
        std::printf("  recorded       %zu events, %.1f bytes per event (goal <= 16)\n", fan.on.events,
                    fan.on.bytesPerEvent);
    }
    return 0;
}
