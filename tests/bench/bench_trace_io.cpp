// Trace I/O and analysis benchmark. Generates a synthetic native trace (1M events by default,
// 10M with --10m, or --events N), then measures in the same run:
//   - write speed (serialising to memory, and saveTraceFile to disk with fsync);
//   - load time, against `python3 -c "import json,sys; json.load(open(sys.argv[1]))"` on the
//     same file (ratio; goal <= 0.5);
//   - peak memory per loaded event: the growth of VmHWM (/proc/self/status) across the load,
//     in a fresh child process so nothing else inflates the high-water mark (goal <= 48 bytes);
//   - analysis time over the trace: the whole DerivedTrace (goal < 100 ms per 1M events, read
//     on builds after the first; the first, which maps its memory, is printed beside it).
// Then Chrome Trace Event JSON, and files that only look like traces:
//   - peak memory per Chrome event (1M complete events on 8 threads) and per lane (200,000
//     threads with one event each), each against what the loaded trace's events and task
//     records occupy (the importer's overhead; goal <= 2);
//   - how fast a file whose entries are not events fails (5M entries without "ph"), and a gzip
//     bomb (a few MB inflating to 5 GB of numbers), against loading a real trace of that size.
// Not a test: it prints figures and ratios and never fails on time.
#include <awaitscope/analysis/ConcurrencyLoss.h>
#include <awaitscope/analysis/CoroutineGroups.h>
#include <awaitscope/analysis/CounterSeries.h>
#include <awaitscope/analysis/CriticalPath.h>
#include <awaitscope/analysis/DerivedTrace.h>
#include <awaitscope/analysis/Diagnostics.h>
#include <awaitscope/analysis/FrozenStretches.h>
#include <awaitscope/analysis/LoopFigures.h>
#include <awaitscope/analysis/TaskTotals.h>
#include <awaitscope/analysis/TaskTree.h>
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
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>
#include <zlib.h>

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
    std::printf("%.6f %ld %zu %zu\n", seconds, after - before, loaded.trace.eventCount(), loaded.trace.tasks.size());
    return 0;
}

struct ChildLoad {
    double seconds = 0;
    long peakKb = 0;
    std::size_t events = 0;
    std::size_t tasks = 0;
    // What the loaded trace's events and task records occupy: the least any load can use.
    double heldBytes() const {
        return static_cast<double>(events * sizeof(TraceEvent) + tasks * sizeof(TaskRecord));
    }
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
    const int got = std::fscanf(pipe, "%lf %ld %zu %zu", &result.seconds, &result.peakKb, &result.events, &result.tasks);
    return pclose(pipe) == 0 && got == 4;
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

// Where the derived trace's time goes, stage by stage (best of `runs` each), for profiling.
void analysisStages(std::size_t events, int runs) {
    const Trace trace = syntheticTrace(events, 1000);
    std::printf("\n== derived trace of %zu events, stage by stage (best of %d) ==\n", trace.eventCount(), runs);
    const TraceIndex index(trace);
    const TaskTree tree(trace, index);
    const PlaybackOrder order(trace);
    const TimeNs threshold = DerivedTrace::Options().frozenThreshold;
    std::vector<FrozenStretch> frozen = findFrozenStretches(trace, index, threshold);
    std::vector<ConcurrencyLoss> loss = findConcurrencyLoss(trace, index, threshold);
    std::vector<Diagnostic> diagnostics = collectDiagnostics(trace, frozen, loss);
    auto stage = [&](const char* name, auto&& f) {
        std::printf("%-24s %7.1f ms\n", name, bestOf(runs, f) * 1e3);
    };
    stage("index", [&] { TraceIndex{trace}; });
    stage("task tree", [&] { TaskTree(trace, index); });
    stage("wake arrows", [&] { findWakeArrows(trace, index, tree); });
    stage("playback order", [&] { PlaybackOrder{trace}; });
    stage("task totals", [&] { taskTotals(index); });
    stage("loop usage", [&] { loopUsage(index); });
    stage("peak concurrency", [&] { peakConcurrency(trace, index); });
    stage("speed-up", [&] { speedUpOverSequential(trace, index); });
    stage("critical path", [&] { findCriticalPath(trace, index); });
    stage("counters", [&] { loopCounters(trace, order); });
    stage("frozen stretches", [&] { findFrozenStretches(trace, index, threshold); });
    stage("concurrency loss", [&] { findConcurrencyLoss(trace, index, threshold); });
    stage("diagnostics", [&] { collectDiagnostics(trace, frozen, loss); });
    stage("coroutine groups", [&] { CoroutineGroups(trace, index, tree, frozen, diagnostics); });
    stage("all (derived trace)", [&] { DerivedTrace{trace}; });
}

// Returns the peak memory per loaded event (0 if it could not be measured).
double benchmark(std::size_t events, const std::string& directory, int runs, bool keep) {
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
        return 0;
    }
    const std::string file = directory + "/bench_trace_io_" + std::to_string(events) + ".json";
    const double save = bestOf(1, [&] { saveTraceFile(trace, file); });
    std::printf("write (to memory)        %.3f s = %.0f MB/s   goal >= 200 MB/s: ratio %.2f\n", serialise,
                megabytes / serialise, (megabytes / serialise) / 200.0);
    std::printf("write (saveTraceFile)    %.3f s = %.0f MB/s   (temporary file, fsync, rename)\n", save, megabytes / save);

    // The first build faults in fresh memory (on a VM, the host may also back those pages for the
    // first time); later builds reuse the kept mappings the first one freed, as a re-run or a
    // reopened trace does. The goal is read on the later builds; the first is printed beside it.
    TraceAnalysis analysis;
    const auto build = [&] {
        const DerivedTrace derived(trace);
        analysis = derived.analysis();
    };
    const double first = bestOf(1, build);
    const double analyse = bestOf(std::max(runs, 2), build);
    const double perMillion = 100.0 * static_cast<double>(events) / 1e6;
    std::printf("analysis (derived trace) %.1f ms           goal < 100 ms per 1M events: ratio %.2f\n", analyse * 1e3,
                (analyse * 1e3) / perMillion);
    std::printf("   first build, memory not yet mapped: %.1f ms (ratio %.2f)\n", first * 1e3,
                (first * 1e3) / perMillion);
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
            return 0;
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
    return perEvent;
}

// ---- Chrome traces and files that only look like traces ----

// Writes `entries` produced by `entry(i)` as a Chrome JSON array to `file`; returns its size.
template <class Entry>
std::size_t writeEntries(const std::string& file, std::size_t entries, Entry entry) {
    std::FILE* out = std::fopen(file.c_str(), "wb");
    if (!out)
        return 0;
    std::string buffer = "[";
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < entries; ++i) {
        if (i)
            buffer += ",\n";
        entry(i, buffer);
        if (buffer.size() > (1u << 20)) {
            bytes += std::fwrite(buffer.data(), 1, buffer.size(), out);
            buffer.clear();
        }
    }
    buffer += "]\n";
    bytes += std::fwrite(buffer.data(), 1, buffer.size(), out);
    std::fclose(out);
    return bytes;
}

// Complete events on 8 threads, each thread a run of steps with a nested call inside every
// fourth one: what a profiler's export of an async program looks like.
std::size_t writeChromeEvents(const std::string& file, std::size_t events) {
    return writeEntries(file, events, [](std::size_t i, std::string& out) {
        const std::size_t thread = i % 8;
        const std::size_t step = i / 8;
        const bool nested = step % 4 == 3;
        const std::size_t ts = (nested ? step - 1 : step) * 100 + (nested ? 10 : 0);
        out += "{\"name\":\"step_" + std::to_string(step % 50) + "\",\"cat\":\"task\",\"ph\":\"X\",\"ts\":" +
               std::to_string(ts) + ",\"dur\":" + (nested ? "20" : "90") + ",\"pid\":1,\"tid\":" +
               std::to_string(thread + 1) + "}";
    });
}

// One thread per event: every event opens a lane.
std::size_t writeChromeThreads(const std::string& file, std::size_t threads) {
    return writeEntries(file, threads, [](std::size_t i, std::string& out) {
        out += "{\"name\":\"work\",\"ph\":\"X\",\"ts\":" + std::to_string(i) + ",\"dur\":5,\"pid\":1,\"tid\":" +
               std::to_string(i + 1) + "}";
    });
}

// Objects that are not events: no "ph".
std::size_t writeNotEvents(const std::string& file, std::size_t entries) {
    return writeEntries(file, entries, [](std::size_t i, std::string& out) {
        out += "{\"name\":\"row " + std::to_string(i) + "\",\"value\":" + std::to_string(i * 7) + "}";
    });
}

// "[0,0,0,...]" of `inflated` bytes, gzip-compressed; returns the compressed size.
std::size_t writeGzipBomb(const std::string& file, std::uint64_t inflated) {
    gzFile out = gzopen(file.c_str(), "wb9");
    if (!out)
        return 0;
    std::string block(1u << 20, '0');  // ",0,0,0...", after the first "[0"
    for (std::size_t i = 0; i < block.size(); i += 2)
        block[i] = ',';
    gzwrite(out, "[0", 2);
    for (std::uint64_t written = 2; written + block.size() < inflated; written += block.size())
        gzwrite(out, block.data(), static_cast<unsigned>(block.size()));
    gzwrite(out, "]", 1);
    gzclose(out);
    struct stat info {};
    return ::stat(file.c_str(), &info) == 0 ? static_cast<std::size_t>(info.st_size) : 0;
}

// Loads `file` in a child process (as the native case does) and prints its time and peak memory per item.
bool reportLoad(const char* label, const std::string& file, std::size_t items, const char* per, ChildLoad& load) {
    if (!loadInChild(file, load)) {
        std::printf("%-24s load failed\n", label);
        return false;
    }
    std::printf("%-24s %.3f s, peak %.1f bytes per %s (VmHWM growth %ld kB / %zu)\n", label, load.seconds,
                static_cast<double>(load.peakKb) * 1024.0 / static_cast<double>(items), per, load.peakKb, items);
    return true;
}

// Times a load that must fail; prints its message.
double failingLoad(const char* label, const std::string& file) {
    const auto start = Clock::now();
    const LoadResult loaded = loadTraceFile(file);
    const double seconds = secondsSince(start);
    std::printf("%-24s %.3f s: %s\n", label, seconds, loaded.ok ? "loaded (it should have failed)" : loaded.error.c_str());
    return seconds;
}

void chromeBenchmark(const std::string& directory, double nativeBytesPerEvent) {
    std::printf("\n== Chrome Trace Event JSON ==\n");
    const std::string file = directory + "/bench_trace_io_chrome.json";
    constexpr std::size_t kEvents = 1'000'000;
    const std::size_t eventBytes = writeChromeEvents(file, kEvents);
    std::printf("1M complete events       %.1f MB on 8 threads\n", static_cast<double>(eventBytes) / 1e6);
    ChildLoad events;
    if (reportLoad("load", file, kEvents, "event", events))
        std::printf("%-24s %.2f (peak / the %.1f bytes per Chrome event its %.1f events and tasks occupy)   goal <= 2.0\n",
                    "memory overhead", static_cast<double>(events.peakKb) * 1024.0 / events.heldBytes(),
                    events.heldBytes() / kEvents, static_cast<double>(events.events) / kEvents);
    if (nativeBytesPerEvent > 0)
        std::printf("%-24s %.2f (peak per Chrome event / peak per native event, %.1f bytes, above)\n", "against native",
                    static_cast<double>(events.peakKb) * 1024.0 / kEvents / nativeBytesPerEvent, nativeBytesPerEvent);

    constexpr std::size_t kThreads = 200'000;
    const std::size_t threadBytes = writeChromeThreads(file, kThreads);
    std::printf("200,000 threads          %.1f MB, one event each\n", static_cast<double>(threadBytes) / 1e6);
    ChildLoad lanes;
    if (reportLoad("load", file, kThreads, "lane", lanes))
        std::printf("%-24s %.2f (peak / the %.1f bytes per lane its task record and events occupy; its name and "
                    "frame take about as much again)   goal <= 3.0\n",
                    "lane overhead", static_cast<double>(lanes.peakKb) * 1024.0 / lanes.heldBytes(),
                    lanes.heldBytes() / kThreads);

    std::printf("\n== Files that only look like traces (must fail fast) ==\n");
    constexpr std::size_t kNotEvents = 5'000'000;
    const std::size_t notEventBytes = writeNotEvents(file, kNotEvents);
    std::printf("5M entries without \"ph\" %.1f MB\n", static_cast<double>(notEventBytes) / 1e6);
    const double skip = failingLoad("skip", file);
    // The same number of bytes of real events, for the ratio.
    const std::size_t sameSize = static_cast<std::size_t>(static_cast<double>(kEvents) * static_cast<double>(notEventBytes) /
                                                          static_cast<double>(eventBytes));
    writeChromeEvents(file, sameSize);
    ChildLoad real;
    if (loadInChild(file, real))
        std::printf("%-24s %.4f (failing / loading %zu real events of the same size, %.3f s)   goal <= 0.01\n",
                    "skip ratio", skip / real.seconds, sameSize, real.seconds);

    const std::string bomb = directory + "/bench_trace_io_bomb.json.gz";
    constexpr std::uint64_t kInflated = 5'000'000'000ull;
    const std::size_t bombBytes = writeGzipBomb(bomb, kInflated);
    std::printf("gzip bomb                %.1f MB inflating to %.1f GB of numbers\n", static_cast<double>(bombBytes) / 1e6,
                static_cast<double>(kInflated) / 1e9);
    const double bombSeconds = failingLoad("bomb", bomb);
    std::printf("%-24s %.4f (failing / loading the real events above)   goal <= 0.01\n", "bomb ratio",
                bombSeconds / real.seconds);
    std::remove(bomb.c_str());
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
    bool chrome = true;
    bool stages = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--10m") == 0) {
            sizes.push_back(10'000'000);
        } else if (std::strcmp(argv[i], "--events") == 0 && i + 1 < argc) {
            sizes = {static_cast<std::size_t>(std::atoll(argv[++i]))};
        } else if (std::strcmp(argv[i], "--dir") == 0 && i + 1 < argc) {
            directory = argv[++i];
        } else if (std::strcmp(argv[i], "--keep") == 0) {
            keep = true;
        } else if (std::strcmp(argv[i], "--no-chrome") == 0) {
            chrome = false;
        } else if (std::strcmp(argv[i], "--chrome-only") == 0) {
            sizes.clear();
        } else if (std::strcmp(argv[i], "--stages") == 0) {
            stages = true;
        } else if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
            runs = std::max(1, std::atoi(argv[++i]));
        } else {
            std::fprintf(stderr, "usage: bench_trace_io [--10m | --events N] [--dir DIR] [--runs N] [--keep] [--no-chrome | --chrome-only] [--stages]\n");
            return 2;
        }
    }
    char host[256] = "?";
    gethostname(host, sizeof host - 1);
    std::printf("bench_trace_io on %s, %ld cores; best of %d runs; files in %s\n", host, sysconf(_SC_NPROCESSORS_ONLN),
                runs, directory.c_str());
    if (stages) {
        for (std::size_t events : sizes)
            analysisStages(events, runs);
        return 0;
    }
    double nativePerEvent = 0;
    for (std::size_t events : sizes) {
        const double perEvent = benchmark(events, directory, events >= 5'000'000 ? 1 : runs, keep);
        if (nativePerEvent == 0)
            nativePerEvent = perEvent;
    }
    if (chrome)
        chromeBenchmark(directory, nativePerEvent);
    return 0;
}
