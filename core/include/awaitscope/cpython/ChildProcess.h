#pragma once

// A child process with its output on pipes: started with posix_spawn in a process group of its
// own (so that ending it ends what it started), its stdout and stderr read as they come, and
// any number of extra pipes it writes to on descriptors of its choosing. POSIX only, no Qt.
#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace awaitscope {

struct ChildProcessOptions {
    std::vector<std::string> argv;  // argv[0] is looked up on the PATH when it has no '/'
    std::string workingDirectory;   // "": this process's
    bool inheritStdin = false;      // else the child reads /dev/null
    std::vector<int> extraPipes;    // descriptors in the child (3, 4...) each writing to a pipe of ours
};

// How a process ended.
struct ChildExit {
    bool exited = false;  // by exit(): `code`; else by `signal`
    int code = 0;
    int signal = 0;
    // As a shell reports it: the exit code, or 128 + the signal.
    int shellStatus() const { return exited ? code : 128 + signal; }
};

class ChildProcess {
public:
    ChildProcess() = default;
    ~ChildProcess();  // a child still running is killed (SIGKILL) and reaped
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    // Starts the child; false with error() set when it cannot.
    bool start(const ChildProcessOptions& options);
    const std::string& error() const { return error_; }
    int pid() const { return pid_; }

    // Called with each piece of output as it arrives: stream 1 (stdout), 2 (stderr), or an
    // extra pipe's descriptor number.
    using OutputHandler = std::function<void(int stream, std::string_view bytes)>;

    // Reads output for up to `timeout` (or until the child ends and its pipes close). Returns
    // true once the child has ended and all of its output has been handed out.
    bool poll(std::chrono::milliseconds timeout, const OutputHandler& onOutput);

    // Sends `signal` to the child's whole process group.
    void signalGroup(int signal);

    bool finished() const { return finished_; }
    const ChildExit& exit() const { return exit_; }

private:
    void reap(bool wait);

    int pid_ = -1;
    std::vector<std::pair<int, int>> pipes_;  // (our read end, stream number)
    bool finished_ = false;
    bool reaped_ = false;
    ChildExit exit_;
    std::string error_;
};

} // namespace awaitscope
