#pragma once

// Runs a Python program under real CPython with tools/awaitscope_record.py and brings back its
// trace: the engine for programs the embedded interpreter cannot run (third-party modules,
// C extensions). Streams the program's output as it comes, reports progress, stops it on
// cancel or when a budget runs out (keeping the trace so far), and loads what was recorded.
// Blocking; safe to call from a worker thread. POSIX only, no Qt.
#include "awaitscope/io/TraceFile.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace awaitscope {

struct CPythonProgress {
    TimeNs wallElapsed = 0;     // since the program started
    TimeNs programTime = -1;    // how far the program's clock has got (-1: not yet known)
};

struct CPythonRunOptions {
    std::string python;                  // the interpreter ("": findPython3())
    std::string recorder;                // awaitscope_record.py (see findRecorder)
    std::string script;                  // the program
    std::vector<std::string> arguments;  // its arguments
    std::string workingDirectory;        // "": this process's
    std::string tracePath;               // where the trace is written ("": a temporary file, removed after)
    bool virtualClock = true;            // else the wall clock
    // Budgets (0: none). The program's virtual time (virtual clock only; a program that would
    // wait forever ends at once), and real time.
    double maxVirtualSeconds = 7 * 24 * 3600;
    double maxWallSeconds = 0;
    // When set, asked once maxWallSeconds have passed (the program paused meanwhile): the
    // further seconds to allow, 0 to stop it. Without it the recorder stops the program itself.
    std::function<double(double elapsedSeconds)> onWallBudgetSpent;
    bool inheritStdin = false;           // the command line lets the program read the terminal
    std::function<void(std::string_view)> onStdout;  // may be empty
    std::function<void(std::string_view)> onStderr;
    std::function<void(const CPythonProgress&)> onProgress;  // about once a second
    const std::atomic<bool>* cancelled = nullptr;  // set from another thread: the program is ended
};

enum class CPythonEnding {
    Exited,          // the program ended by itself (any exit code)
    Signalled,       // killed by a signal it did not send itself through the recorder
    Stopped,         // a budget ran out (the message is on stderr and in the trace)
    Cancelled,       // `cancelled` was set
    NotStarted,      // python3 or the recorder could not be started: see `error`
};

struct CPythonRunResult {
    CPythonEnding ending = CPythonEnding::NotStarted;
    int exitCode = 0;     // as a shell reports it: the exit code, or 128 + the signal
    std::string error;    // why it could not start, or why there is no trace
    LoadResult trace;     // what was recorded (trace.ok false when nothing could be read)
};

CPythonRunResult runUnderCPython(const CPythonRunOptions& options);

// python3 on the PATH if it is 3.11 or newer (else "" and `why` says what was found).
std::string findPython3(std::string* why = nullptr);

// The first of `candidates` that is a readable file, or "".
std::string findRecorder(const std::vector<std::string>& candidates);

} // namespace awaitscope
