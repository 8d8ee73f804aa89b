#include "awaitscope/io/SaveFile.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <random>
#include <utility>

#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

namespace awaitscope {

namespace {

constexpr int kMaxLinkHops = 40;  // as the kernel's own path lookup (ELOOP)
constexpr int kNameAttempts = 100;

SaveResult failure(const std::string& path, const std::string& what, int error = 0) {
    return {false, path + ": " + what + (error ? std::string(": ") + std::strerror(error) : std::string())};
}

bool writeAll(int fd, std::string_view bytes, int& error) {
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0) {
            if (errno == EINTR)
                continue;
            error = errno;
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

std::string directoryOf(const std::string& path) {
    const std::size_t slash = path.find_last_of('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

// "out.json.tmp-k3Xa9Q": beside the target, so that the rename stays on one file system.
std::string temporaryName(const std::string& target) {
    static constexpr char kLetters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    thread_local std::mt19937_64 random(std::random_device{}() ^ static_cast<std::uint64_t>(::getpid()) ^
                                        static_cast<std::uint64_t>(std::time(nullptr)));
    std::string name = target + ".tmp-";
    for (int i = 0; i < 6; ++i)
        name += kLetters[random() % (sizeof kLetters - 1)];
    return name;
}

// Follows symbolic links from `target` to the file a save writes. `exists` false: nothing is
// there yet (a new file, or a link to a file still to be made).
int resolveLinks(std::string& target, struct stat& info, bool& exists) {
    for (int hops = 0;; ++hops) {
        if (::lstat(target.c_str(), &info) != 0) {
            if (errno != ENOENT)
                return errno;
            exists = false;
            return 0;
        }
        if (!S_ISLNK(info.st_mode)) {
            exists = true;
            return 0;
        }
        if (hops == kMaxLinkHops)
            return ELOOP;
        char link[4096];
        const ssize_t length = ::readlink(target.c_str(), link, sizeof link);
        if (length < 0)
            return errno;
        if (static_cast<std::size_t>(length) >= sizeof link)
            return ENAMETOOLONG;
        const std::string text(link, static_cast<std::size_t>(length));
        target = text.front() == '/' ? text : directoryOf(target) + "/" + text;
    }
}

// The temporary file of a save: closed, and removed if it has a name, unless committed.
struct Temporary {
    int fd = -1;
    std::string name;
    ~Temporary() {
        if (fd >= 0)
            ::close(fd);
        if (!name.empty())
            ::unlink(name.c_str());
    }
};

// Gives an anonymous (O_TMPFILE) file a temporary name beside the target.
int linkIntoDirectory(Temporary& temp, const std::string& target) {
    const std::string self = "/proc/self/fd/" + std::to_string(temp.fd);
    for (int attempt = 0; attempt < kNameAttempts; ++attempt) {
        const std::string name = temporaryName(target);
        // Through /proc, as an unprivileged process may; AT_EMPTY_PATH needs CAP_DAC_READ_SEARCH.
        if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0 ||
            (errno != EEXIST && ::linkat(temp.fd, "", AT_FDCWD, name.c_str(), AT_EMPTY_PATH) == 0)) {
            temp.name = name;
            return 0;
        }
        if (errno != EEXIST)
            return errno;
    }
    return EEXIST;
}

void syncDirectory(const std::string& directory) {
    // After the rename, so that the new name survives a power cut. Some file systems cannot
    // sync a directory (EINVAL); the file itself is on disk either way.
    const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    ::fsync(fd);
    ::close(fd);
}

SaveResult saveReplacing(const std::string& path, const std::string& target, const struct stat* existing,
                         const std::function<bool(const ByteSink&)>& produce) {
    const std::string directory = directoryOf(target);
    Temporary temp;
#ifdef O_TMPFILE
    // Mode 0666 less the umask, as for any new file (O_TMPFILE applies the umask too).
    temp.fd = ::open(directory.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
#endif
    const bool anonymous = temp.fd >= 0;
    for (int attempt = 0; !anonymous && attempt < kNameAttempts; ++attempt) {
        const std::string name = temporaryName(target);
        temp.fd = ::open(name.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0666);
        if (temp.fd >= 0) {
            temp.name = name;
            break;
        }
        if (errno != EEXIST)
            break;
    }
    if (temp.fd < 0)
        return failure(path, "cannot create a temporary file next to it", errno);
    if (existing) {
        // The owner first: changing it clears the set-user-ID bits the mode then restores.
        if ((existing->st_uid != ::geteuid() || existing->st_gid != ::getegid()) &&
            ::fchown(temp.fd, existing->st_uid, existing->st_gid) != 0) {
            // Only the superuser may give a file away: the saved file is then the user's.
        }
        ::fchmod(temp.fd, existing->st_mode & 07777);
    }

    int error = 0;
    const ByteSink sink = [&](std::string_view block) { return writeAll(temp.fd, block, error); };
    if (!produce(sink))
        return failure(path, "cannot save", error ? error : EIO);
    if (::fsync(temp.fd) != 0)
        return failure(path, "cannot save", errno);
    if (anonymous) {
        if (const int linkError = linkIntoDirectory(temp, target))
            return failure(path, "cannot save", linkError);
    }
    const int fd = std::exchange(temp.fd, -1);
    if (::close(fd) != 0)
        return failure(path, "cannot save", errno);
    if (::rename(temp.name.c_str(), target.c_str()) != 0)
        return failure(path, "cannot save", errno);
    temp.name.clear();  // it is the target now
    syncDirectory(directory);
    return {true, {}};
}

// Writes into a FIFO or character device as it is: it is a stream, not a file to replace.
SaveResult saveThrough(const std::string& path, const std::string& target, bool fifo,
                       const std::function<bool(const ByteSink&)>& produce) {
    // A FIFO without a reader would make open() wait forever: ask without waiting.
    const int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW | (fifo ? O_NONBLOCK : 0));
    if (fd < 0) {
        if (fifo && errno == ENXIO)
            return failure(path, "cannot save: it is a FIFO (named pipe) that no process is reading");
        return failure(path, "cannot open", errno);
    }
    Temporary stream;  // only closes: a stream has no name to remove
    stream.fd = fd;
    if (fifo)
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    // A reader that goes away must not kill the process with SIGPIPE: the write fails with
    // EPIPE instead, and the signal it leaves pending is taken back.
    sigset_t pipe;
    sigset_t previous;
    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe, &previous);
    int error = 0;
    const ByteSink sink = [&](std::string_view block) { return writeAll(fd, block, error); };
    bool written = false;
    try {
        written = produce(sink);
    } catch (...) {
        pthread_sigmask(SIG_SETMASK, &previous, nullptr);
        throw;
    }
    if (error == EPIPE && !sigismember(&previous, SIGPIPE)) {
        const timespec now{0, 0};
        sigtimedwait(&pipe, nullptr, &now);
    }
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    if (!written)
        return failure(path, "cannot save", error ? error : EIO);
    if (::close(std::exchange(stream.fd, -1)) != 0)
        return failure(path, "cannot save", errno);
    return {true, {}};
}

} // namespace

SaveResult saveFile(const std::string& path, const std::function<bool(const ByteSink&)>& produce) {
    if (path.empty())
        return {false, "cannot save: no file name given"};
    std::string target = path;
    struct stat info {};
    bool exists = false;
    if (const int error = resolveLinks(target, info, exists))
        return failure(path, "cannot save", error);
    if (!exists)
        return saveReplacing(path, target, nullptr, produce);
    if (S_ISREG(info.st_mode)) {
        // A file the user may not write stays as it is, although the directory would let us replace it.
        if (::access(target.c_str(), W_OK) != 0 && (errno == EACCES || errno == EROFS))
            return failure(path, "cannot save", errno);
        return saveReplacing(path, target, &info, produce);
    }
    if (S_ISFIFO(info.st_mode) || S_ISCHR(info.st_mode))
        return saveThrough(path, target, S_ISFIFO(info.st_mode), produce);
    if (S_ISDIR(info.st_mode))
        return failure(path, "cannot save: it is a directory");
    if (S_ISBLK(info.st_mode))
        return failure(path, "cannot save over a block device: only regular files, pipes and character devices are "
                             "written");
    return failure(path, "cannot save: it is a socket or another special file");
}

SaveResult saveFile(const std::string& path, std::string_view bytes) {
    return saveFile(path, [bytes](const ByteSink& sink) { return sink(bytes); });
}

} // namespace awaitscope
