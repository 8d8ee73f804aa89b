#include "awaitscope/cpython/CPythonRun.h"

#include "awaitscope/cpython/ChildProcess.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace awaitscope {

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// The recorder reports its program's time (nanoseconds, a line a second) on this descriptor,
// its first line as soon as it is ready to run the program.
constexpr int kProgressFd = 3;
// The wall-clock budget is the program's, so it counts from the recorder's first line, not
// from CPython's start-up (seconds on a loaded machine): a SIGTERM sent before the recorder
// is ready would end CPython with no trace at all. A recorder that never says it is ready
// has its budget counted from this long after the start.
constexpr auto kStartUpAllowance = 10s;
// After asking the program to end (SIGTERM: the recorder finishes its trace first), how long
// before it is killed outright (it then leaves its journal, which reads as a trace too).
constexpr auto kGraceBeforeKill = 5s;
// The recorder stops a program over its wall-clock budget itself, with a message naming the
// line at work; this much later it is ended from here.
constexpr auto kWallBudgetMargin = 10s;
// Output still coming after the program ended (something it started holds the pipes).
constexpr auto kDrainAfterExit = 1s;

std::string seconds(double value) {
    std::ostringstream text;
    text.precision(17);
    text << value;
    return text.str();
}

bool readable(const std::string& path) {
    struct stat info {};
    return !path.empty() && ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) && ::access(path.c_str(), R_OK) == 0;
}

std::string temporaryTracePath() {
    const char* folder = std::getenv("TMPDIR");
    std::string path = std::string(folder && *folder ? folder : "/tmp") + "/awaitscope-run-XXXXXX";
    std::vector<char> name(path.begin(), path.end());
    name.push_back('\0');
    const int fd = ::mkstemp(name.data());
    if (fd < 0)
        return {};
    ::close(fd);
    return name.data();
}

} // namespace

std::string findPython3(std::string* why) {
    ChildProcess probe;
    if (!probe.start({{"python3", "-c", "import sys; print('%d.%d' % sys.version_info[:2])"}, {}, false, {}})) {
        if (why)
            *why = "python3 was not found on the PATH";
        return {};
    }
    std::string version;
    const auto deadline = Clock::now() + 30s;
    while (!probe.poll(100ms, [&](int stream, std::string_view bytes) {
        if (stream == 1)
            version.append(bytes);
    })) {
        if (Clock::now() > deadline) {
            if (why)
                *why = "python3 did not answer";
            return {};
        }
    }
    int major = 0, minor = 0;
    if (std::sscanf(version.c_str(), "%d.%d", &major, &minor) != 2 || !probe.exit().exited || probe.exit().code != 0) {
        if (why)
            *why = "python3 on the PATH does not run";
        return {};
    }
    if (major < 3 || (major == 3 && minor < 11)) {
        if (why)
            *why = "python3 on the PATH is " + std::to_string(major) + "." + std::to_string(minor) +
                   "; the recorder needs 3.11 or newer";
        return {};
    }
    return "python3";
}

std::string findRecorder(const std::vector<std::string>& candidates) {
    for (const std::string& candidate : candidates)
        if (readable(candidate))
            return candidate;
    return {};
}

CPythonRunResult runUnderCPython(const CPythonRunOptions& options) {
    CPythonRunResult result;
    std::string python = options.python;
    if (python.empty() && (python = findPython3(&result.error)).empty())
        return result;
    if (!readable(options.recorder)) {
        result.error = "the recorder (awaitscope_record.py) was not found" +
                       (options.recorder.empty() ? std::string() : " at " + options.recorder);
        return result;
    }
    const bool temporary = options.tracePath.empty();
    const std::string tracePath = temporary ? temporaryTracePath() : options.tracePath;
    if (tracePath.empty()) {
        result.error = "cannot make a temporary file for the trace";
        return result;
    }

    std::vector<std::string> argv = {python, options.recorder, "-o", tracePath, "--clock",
                                     options.virtualClock ? "virtual" : "wall", "--progress-fd",
                                     std::to_string(kProgressFd)};
    if (options.virtualClock && options.maxVirtualSeconds > 0)
        argv.insert(argv.end(), {"--max-virtual-time", seconds(options.maxVirtualSeconds)});
    if (options.maxWallSeconds > 0 && !options.onWallBudgetSpent)
        argv.insert(argv.end(), {"--max-wall-time", seconds(options.maxWallSeconds)});
    argv.push_back(options.script);
    argv.insert(argv.end(), options.arguments.begin(), options.arguments.end());

    ChildProcess child;
    if (!child.start({argv, options.workingDirectory, options.inheritStdin, {kProgressFd}})) {
        result.error = child.error();
        if (temporary)
            std::remove(tracePath.c_str());
        return result;
    }

    const auto launched = Clock::now();
    Clock::time_point started{};  // when the recorder said it was ready to run the program
    CPythonProgress progress;
    std::string progressLine;
    auto lastReport = launched;
    bool cancelled = false, overBudget = false;
    Clock::time_point terminatedAt{}, exitedAt{};
    auto wallLimit = options.maxWallSeconds > 0
                         ? std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.maxWallSeconds)) +
                               (options.onWallBudgetSpent ? Clock::duration::zero() : kWallBudgetMargin)
                         : Clock::duration::max();
    double secondsAllowed = options.maxWallSeconds;
    // Asks whether to go on, with the program stopped (SIGSTOP) while the question is open.
    const auto granted = [&](Clock::time_point now) {
        if (!options.onWallBudgetSpent)
            return false;
        child.signalGroup(SIGSTOP);
        const double more = options.onWallBudgetSpent(std::chrono::duration<double>(now - started).count());
        child.signalGroup(SIGCONT);
        if (options.cancelled && options.cancelled->load())
            return true;  // the cancel, seen on the next round, ends it
        if (!(more > 0))
            return false;
        secondsAllowed += more;
        wallLimit = (Clock::now() - started) +
                    std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(std::min(more, 1e9)));
        return true;
    };
    const auto onOutput = [&](int stream, std::string_view bytes) {
        if (stream == 1 && options.onStdout)
            options.onStdout(bytes);
        else if (stream == 2 && options.onStderr)
            options.onStderr(bytes);
        else if (stream == kProgressFd) {
            progressLine.append(bytes);
            for (std::size_t end; (end = progressLine.find('\n')) != std::string::npos; progressLine.erase(0, end + 1)) {
                if (started == Clock::time_point{})
                    started = Clock::now();
                TimeNs value = 0;
                if (std::from_chars(progressLine.data(), progressLine.data() + end, value).ec == std::errc())
                    progress.programTime = value;
            }
        }
    };
    while (!child.poll(100ms, onOutput)) {
        const auto now = Clock::now();
        if (child.finished()) {
            // The program has ended; something it started may hold its output open.
            if (exitedAt == Clock::time_point{})
                exitedAt = now;
            else if (now - exitedAt > kDrainAfterExit)
                break;
            continue;
        }
        if (!cancelled && options.cancelled && options.cancelled->load()) {
            cancelled = true;
            child.signalGroup(SIGTERM);
            terminatedAt = now;
        }
        if (started == Clock::time_point{} && now - launched > kStartUpAllowance)
            started = now;
        if (!cancelled && !overBudget && started != Clock::time_point{} && now - started > wallLimit &&
            !granted(now)) {
            overBudget = true;
            if (options.onStderr)
                options.onStderr("awaitscope: stopped: the program ran past its wall-clock budget of " +
                                 seconds(secondsAllowed) + " s and did not stop itself\n");
            child.signalGroup(SIGTERM);
            terminatedAt = now;
        }
        if (terminatedAt != Clock::time_point{} && now - terminatedAt > kGraceBeforeKill)
            child.signalGroup(SIGKILL);
        if (options.onProgress && now - lastReport >= 1s) {
            lastReport = now;
            progress.wallElapsed = std::chrono::duration_cast<std::chrono::nanoseconds>(now - launched).count();
            options.onProgress(progress);
        }
    }
    const ChildExit& exit = child.exit();
    result.exitCode = exit.shellStatus();
    result.trace = loadTraceFile(tracePath);
    if (cancelled)
        result.ending = CPythonEnding::Cancelled;
    else if (overBudget || (result.trace.ok && result.trace.trace.metadata.ending.starts_with("stopped:")))
        result.ending = CPythonEnding::Stopped;
    else if (!exit.exited)
        result.ending = CPythonEnding::Signalled;
    else
        result.ending = CPythonEnding::Exited;
    if (!result.trace.ok)
        result.error = "no trace: " + result.trace.error;
    if (temporary)
        std::remove(tracePath.c_str());
    return result;
}

} // namespace awaitscope
