#include "awaitscope/cpython/ChildProcess.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>


namespace awaitscope {

namespace {

void closeQuietly(int& fd) {
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

} // namespace

ChildProcess::~ChildProcess() {
    if (pid_ > 0 && !reaped_) {
        signalGroup(SIGKILL);
        reap(true);
    }
    for (auto& [fd, stream] : pipes_)
        closeQuietly(fd);
}

bool ChildProcess::start(const ChildProcessOptions& options) {
    if (options.argv.empty()) {
        error_ = "nothing to run";
        return false;
    }
    std::vector<int> streams = {1, 2};
    streams.insert(streams.end(), options.extraPipes.begin(), options.extraPipes.end());
    std::vector<std::pair<int, int>> ends;  // (read, write) per stream
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    auto cleanup = [&] {
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attributes);
        for (auto& [read, write] : ends) {
            closeQuietly(read);
            closeQuietly(write);
        }
    };
    for (int stream : streams) {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) {
            error_ = std::string("cannot make a pipe: ") + std::strerror(errno);
            cleanup();
            return false;
        }
        ends.emplace_back(fds[0], fds[1]);
        posix_spawn_file_actions_adddup2(&actions, fds[1], stream);  // dup2 clears close-on-exec
    }
    if (!options.inheritStdin)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    if (!options.workingDirectory.empty()) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 29))
        posix_spawn_file_actions_addchdir_np(&actions, options.workingDirectory.c_str());
#else
        error_ = "cannot start a process in another folder on this system";
        cleanup();
        return false;
#endif
    }
    // A group of its own: cancelling ends the program and whatever it started.
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    posix_spawnattr_setpgroup(&attributes, 0);
    sigset_t defaults, none;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attributes, &none);

    std::vector<char*> argv;
    for (const std::string& arg : options.argv)
        argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int failed = posix_spawnp(&pid, argv[0], &actions, &attributes, argv.data(), environ);
    if (failed != 0) {
        error_ = "cannot start " + options.argv[0] + ": " + std::strerror(failed);
        cleanup();
        return false;
    }
    pid_ = pid;
    for (std::size_t i = 0; i < ends.size(); ++i) {
        closeQuietly(ends[i].second);
        pipes_.emplace_back(ends[i].first, streams[i]);
        ends[i].first = -1;
    }
    cleanup();
    return true;
}

bool ChildProcess::poll(std::chrono::milliseconds timeout, const OutputHandler& onOutput) {
    if (pid_ <= 0)
        return true;
    std::vector<pollfd> watched;
    for (const auto& [fd, stream] : pipes_)
        if (fd >= 0)
            watched.push_back({fd, POLLIN, 0});
    if (!watched.empty()) {
        const int ready = ::poll(watched.data(), watched.size(), static_cast<int>(timeout.count()));
        if (ready > 0) {
            char buffer[65536];
            for (const pollfd& p : watched) {
                if (!(p.revents & (POLLIN | POLLHUP | POLLERR)))
                    continue;
                for (auto& [fd, stream] : pipes_) {
                    if (fd != p.fd)
                        continue;
                    const ssize_t n = ::read(fd, buffer, sizeof buffer);
                    if (n > 0) {
                        if (onOutput)
                            onOutput(stream, std::string_view(buffer, static_cast<std::size_t>(n)));
                    } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
                        closeQuietly(fd);  // the child (and all it started) closed its end
                    }
                }
            }
        }
    } else if (!finished_) {
        // Output done, child not yet reaped: wait for it a little.
        reap(false);
        if (!finished_)
            ::usleep(static_cast<useconds_t>(std::min<long long>(timeout.count(), 50) * 1000));
    }
    reap(false);
    bool open = false;
    for (const auto& [fd, stream] : pipes_)
        open = open || fd >= 0;
    return finished_ && !open;
}

void ChildProcess::signalGroup(int signal) {
    if (pid_ > 0 && !reaped_)
        ::kill(-pid_, signal);
}

void ChildProcess::reap(bool wait) {
    if (pid_ <= 0 || reaped_)
        return;
    int status = 0;
    pid_t done;
    do {
        done = ::waitpid(pid_, &status, wait ? 0 : WNOHANG);
    } while (done < 0 && errno == EINTR);
    if (done != pid_)
        return;
    reaped_ = finished_ = true;
    if (WIFEXITED(status)) {
        exit_.exited = true;
        exit_.code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        exit_.signal = WTERMSIG(status);
    }
}

} // namespace awaitscope
