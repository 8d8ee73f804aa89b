// Trace I/O and analysis benchmark. Generates a synthetic native trace (1M events by default,
// 10M with --10m, or --events N), then measures in the same run:
//   - write speed (serialising to memory, and saveTraceFile to disk with fsync);
//   - load time, against `python3 -c "import json,sys; json.load(open(sys.argv[1]))"` on the
//     same file (ratio; goal <= 0.5);
//   - peak memory per loaded event: the growth of VmHWM (/proc/self/status) across the load,
//     in a fresh child process so nothing else inflates the high-water mark (goal <= 48 bytes);
//   - analysis time over the trace: the whole DerivedTrace (goal < 100 ms for 1M).
// Not a test: it prints figures and ratios and never fails on time.
#include <awaitscope/analysis/DerivedTrace.h>
#include <awaitscope/io/NativeFormat.h>
#include <awaitscope/io/TraceFile.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <queue>
#include <random>
#include <string>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace awaitscope;

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

long statusKb(const char* field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    const std::size_t length = std::strlen(field);
    while (std::getline(status, line))
        if (line.compare(0, length, field) == 0)
            return std::stol(line.substr(length + 1));
    return -1;
}

// A simulated run on one loop, so the trace looks like a real one: a thousand tasks sleep
// (0 to 2 s) and wake on timers or when another task wakes them, the loop runs one step at a
// time in order of readiness, steps take microseconds, some make a blocking call of a few
// milliseconds, and one in 4096 blocks for 100-500 ms (a frozen loop, with victims).
Trace syntheticTrace(std::size_t events, std::size_t tasks) {
    Trace trace;
    std::mt19937_64 random(42);
    trace.metadata.title = "synthetic benchmark trace";
    trace.metadata.clock = "wall";
    trace.metadata.recorder = "bench_trace_io";
    const StringId file = trace.strings.intern("agent.py");
    for (std::uint32_t line = 1; line <= 200; ++line)
        trace.sites.push_back({file, trace.strings.intern("function_" + std::to_string(line % 20)), line, 4});
    const WaitKind kinds[] = {WaitKind::Timer, WaitKind::Task, WaitKind::Lock, WaitKind::Queue, WaitKind::Thread};
    for (std::uint32_t i = 0; i < 100; ++i)
        trace.awaits.push_back({1 + i, kinds[i % 5], trace.strings.intern("await_" + std::to_string(i)), kNoTask});
    for (std::uint32_t i = 0; i < 50; ++i)
        trace.frames.push_back({trace.strings.intern("coroutine_" + std::to_string(i)), 1 + i, 2 + i});
    trace.blocks.push_back({7, BlockKind::Network, trace.strings.intern("requests.get")});

    struct Due {
        TimeNs time;
        TaskId task;
        bool operator>(const Due& other) const { return time != other.time ? time > other.time : task > other.task; }
    };
    std::priority_queue<Due, std::vector<Due>, std::greater<>> ready;
    std::vector<TaskId> waker(tasks, kNoTask);
    for (std::size_t t = 0; t < tasks; ++t) {
        TaskRecord task;
        task.id = static_cast<TaskId>(t);
        task.parent = t == 0 ? kNoTask : 0;
        task.name = trace.strings.intern("Task-" + std::to_string(t + 1));
        task.coroutine = static_cast<FrameId>(t % 50);
        task.createdAt = 1 + static_cast<SiteId>(t % 200);
        task.created = static_cast<TimeNs>(t) * 1000;
        task.events.reserve(events / tasks + 8);
        task.events.push_back({task.created, EventKind::Ready, static_cast<std::uint8_t>(WaitKind::Start), 0, task.parent});
        trace.tasks.push_back(std::move(task));
        ready.push({static_cast<TimeNs>(t) * 1000, static_cast<TaskId>(t)});
    }
    TimeNs now = 0;
    std::size_t total = tasks;
    while (total + 3 * tasks + 6 <= events) {
        const Due due = ready.top();
        ready.pop();
        auto& e = trace.tasks[due.task].events;
        const std::size_t before = e.size();
        now = std::max(now, due.time);
        e.push_back({now, EventKind::Resume, 0, 0, 0});
        if (e.size() == 2)
            e.push_back({now, EventKind::FrameEnter, 0, 0, trace.tasks[due.task].coroutine});
        now += static_cast<TimeNs>(1'000 + random() % 100'000);
        if (random() % 8 == 0) {
            e.push_back({now, EventKind::BlockBegin, 0, 0, 0});
            now += static_cast<TimeNs>(random() % 512 == 0 ? 100'000'000 + random() % 400'000'000 : random() % 5'000'000);
            e.push_back({now, EventKind::BlockEnd, 0, 0, 0});
        }
        e.push_back({now, EventKind::Suspend, 0, 0, static_cast<AwaitId>(random() % 100)});
        // Wake later on a timer, or be woken by another task's step (then ready at once).
        const bool byTask = random() % 4 == 0;
        const TaskId other = static_cast<TaskId>(random() % tasks);
        const TimeNs next = byTask ? now + static_cast<TimeNs>(random() % 50'000'000)
                                   : now + static_cast<TimeNs>(random() % 2'000'000'000);
        e.push_back({next, EventKind::Ready, static_cast<std::uint8_t>(byTask ? WaitKind::Task : WaitKind::Timer), 0,
                     byTask ? other : kNoTask});
        ready.push({next, due.task});
        total += e.size() - before;
    }
    for (TaskRecord& task : trace.tasks) {
        const TimeNs end = std::max(now, task.events.back().time);
        task.events.push_back({end, EventKind::Resume, 0, 0, 0});
        task.events.push_back({end, EventKind::FrameExit, 0, 0, task.coroutine});
        task.events.push_back({end, EventKind::Finish, 0, 0, 0});
    }
    return trace;
}

// Runs the load in this process: called as `bench_trace_io --load-child FILE`.
int loadChild(const char* path) {
    const long before = statusKb("VmHWM:");
    const auto start = Clock::now();
    const LoadResult loaded = loadTraceFile(path);
    const double seconds = secondsSince(start);
    const long after = statusKb("VmHWM:");
    if (!loaded.ok) {
        std::fprintf(stderr, "load failed: %s\n", loaded.error.c_str());
        return 1;
    }
    std::printf("%.6f %ld %zu\n", seconds, after - before, loaded.trace.eventCount());
    return 0;
}

struct ChildLoad {
    double seconds = 0;
    long peakKb = 0;
    std::size_t events = 0;
};

std::string selfPath() {
    char path[4096];
    const ssize_t length = readlink("/proc/self/exe", path, sizeof path - 1);
    return length > 0 ? std::string(path, static_cast<std::size_t>(length)) : "bench_trace_io";
}

bool loadInChild(const std::string& file, ChildLoad& result) {
    std::string command = "'";
    command += selfPath();
    command += "' --load-child '";
    command += file;
    command += "'";
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
        return false;
    const int got = std::fscanf(pipe, "%lf %ld %zu", &result.seconds, &result.peakKb, &result.events);
    return pclose(pipe) == 0 && got == 3;
}

double pythonLoadSeconds(const std::string& file) {
    std::string command = "python3 -c \"import json,sys; json.load(open(sys.argv[1]))\" '";
    command += file;
    command += "'";
    const auto start = Clock::now();
    const int status = std::system(command.c_str());
    const double seconds = secondsSince(start);
    return status == 0 ? seconds : -1;
}

template <class F>
double bestOf(int runs, F f) {
    double best = 1e300;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        f();
        best = std::min(best, secondsSince(start));
    }
    return best;
}

void benchmark(std::size_t events, const std::string& directory, int runs, bool keep) {
    std::printf("\n== %zu events ==\n", events);
    const auto generating = Clock::now();
    const Trace trace = syntheticTrace(events, 1000);
    std::printf("generated %zu events in %zu tasks (%.2f s)\n", trace.eventCount(), trace.tasks.size(),
                secondsSince(generating));

    std::size_t bytes = 0;
    const double serialise = bestOf(runs, [&] {
        bytes = 0;
        const ByteSink sink = [&](std::string_view block) {
            bytes += block.size();
            return true;
        };
        writeNativeTrace(trace, sink);
    });
    const double megabytes = static_cast<double>(bytes) / 1e6;
    std::printf("file size                %.1f MB (%.1f bytes per event)\n", megabytes,
                static_cast<double>(bytes) / static_cast<double>(events));

    struct statvfs disk {};
    if (statvfs(directory.c_str(), &disk) == 0 &&
        static_cast<double>(disk.f_bavail) * static_cast<double>(disk.f_frsize) < 3.0 * static_cast<double>(bytes)) {
        std::printf("not enough free disk space in %s for %.0f MB: skipped\n", directory.c_str(), megabytes);
        return;
    }
    const std::string file = directory + "/bench_trace_io_" + std::to_string(events) + ".json";
    const double save = bestOf(1, [&] { saveTraceFile(trace, file); });
    std::printf("write (to memory)        %.3f s = %.0f MB/s   goal >= 200 MB/s: ratio %.2f\n", serialise,
                megabytes / serialise, (megabytes / serialise) / 200.0);
    std::printf("write (saveTraceFile)    %.3f s = %.0f MB/s   (temporary file, fsync, rename)\n", save, megabytes / save);

    TraceAnalysis analysis;
    const double analyse = bestOf(runs, [&] {
        const DerivedTrace derived(trace);
        analysis = derived.analysis();
    });
    std::printf("analysis (derived trace) %.1f ms           goal < 100 ms per 1M events: ratio %.2f\n", analyse * 1e3,
                (analyse * 1e3) / (100.0 * static_cast<double>(events) / 1e6));
    std::printf("   (index, task tree, arrows, playback order, totals, loop, concurrency %zu, speed-up %.2fx,\n"
                "    critical path %zu segments, counters, %zu frozen, groups)\n",
                analysis.concurrency.tasks, analysis.speedUp.ratio(), analysis.criticalPath.segments.size(),
                analysis.frozen.size());

    ChildLoad best;
    best.seconds = 1e300;
    for (int i = 0; i < runs; ++i) {
        ChildLoad load;
        if (!loadInChild(file, load)) {
            std::printf("load failed\n");
            std::remove(file.c_str());
            return;
        }
        if (load.seconds < best.seconds)
            best = load;
    }
    double python = 1e300;
    for (int i = 0; i < runs; ++i)
        python = std::min(python, pythonLoadSeconds(file));
    const double perEvent = static_cast<double>(best.peakKb) * 1024.0 / static_cast<double>(best.events);
    std::printf("load (Awaitscope)        %.3f s = %.0f MB/s\n", best.seconds, megabytes / best.seconds);
    std::printf("load (python3 json.load) %.3f s (process wall time, start-up included)\n", python);
    std::printf("load ratio               %.2f                goal <= 0.50\n", best.seconds / python);
    std::printf("peak memory per event    %.1f bytes (VmHWM growth %ld kB / %zu events)   goal <= 48: ratio %.2f\n",
                perEvent, best.peakKb, best.events, perEvent / 48.0);
    if (keep)
        std::printf("kept %s\n", file.c_str());
    else
        std::remove(file.c_str());
}

} // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::strcmp(argv[1], "--load-child") == 0)
        return loadChild(argv[2]);
    std::vector<std::size_t> sizes = {1'000'000};
    std::string directory = "/tmp";
    int runs = 3;
    bool keep = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--10m") == 0) {
            sizes.push_back(10'000'000);
        } else if (std::strcmp(argv[i], "--events") == 0 && i + 1 < argc) {
            sizes = {static_cast<std::size_t>(std::atoll(argv[++i]))};
        } else if (std::strcmp(argv[i], "--dir") == 0 && i + 1 < argc) {
            directory = argv[++i];
        } else if (std::strcmp(argv[i], "--keep") == 0) {
            keep = true;
        } else if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
            runs = std::max(1, std::atoi(argv[++i]));
        } else {
            std::fprintf(stderr, "usage: bench_trace_io [--10m | --events N] [--dir DIR] [--runs N] [--keep]\n");
            return 2;
        }
    }
    char host[256] = "?";
    gethostname(host, sizeof host - 1);
    std::printf("bench_trace_io on %s, %ld cores; best of %d runs; files in %s\n", host, sysconf(_SC_NPROCESSORS_ONLN),
                runs, directory.c_str());
    for (std::size_t events : sizes)
        benchmark(events, directory, events >= 5'000'000 ? 1 : runs, keep);
    return 0;
}
