// A script the system refuses memory to (before the interpreter's own budget is reached)
// ends in a MemoryError that says why, not a bare "MemoryError".
#include <awaitscope/script/ScriptRunner.h>

#include <QtTest>

#include <fstream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

// GCC says __SANITIZE_ADDRESS__, clang answers __has_feature.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define AWAITSCOPE_CLANG_ASAN 1
#endif
#endif
#ifndef AWAITSCOPE_CLANG_ASAN
#define AWAITSCOPE_CLANG_ASAN 0
#endif

namespace {

long vmSizeKb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmSize:", 0) == 0)
            return std::stol(line.substr(7));
    return -1;
}

} // namespace

class TestOutOfMemory : public QObject {
    Q_OBJECT
private slots:
    void aRefusedAllocationIsAMemoryErrorWithAMessage() {
#if defined(__SANITIZE_ADDRESS__) || AWAITSCOPE_CLANG_ASAN
        QSKIP("AddressSanitizer reserves terabytes of address space: an address-space limit cannot be set under it");
#endif
        int pipe[2];
        QCOMPARE(::pipe(pipe), 0);
        const pid_t child = ::fork();
        if (child == 0) {
            // 300 MB more than now: well under the interpreter's 512 MB budget.
            const rlim_t limit = static_cast<rlim_t>(vmSizeKb() + 300 * 1024) * 1024;
            rlimit space{limit, limit};
            ::setrlimit(RLIMIT_AS, &space);
            awaitscope::ScriptRunOptions options;
            options.fileName = "grow.py";
            const awaitscope::ScriptRunResult result =
                awaitscope::runScript("x = 'ab' * 50\nparts = []\nwhile True:\n    parts.append(x * 100000)\n", options);
            const std::string& text = result.stderrText;
            const std::size_t last = text.rfind("MemoryError");
            const std::string line = last == std::string::npos ? "<no MemoryError>\n" : text.substr(last);
            if (::write(pipe[1], line.data(), line.size()) < 0)
                ::_exit(2);
            ::_exit(result.exitCode);
        }
        ::close(pipe[1]);
        std::string line;
        char buffer[256];
        for (ssize_t got; (got = ::read(pipe[0], buffer, sizeof buffer)) > 0;)
            line.append(buffer, static_cast<std::size_t>(got));
        ::close(pipe[0]);
        int status = 0;
        ::waitpid(child, &status, 0);
        QVERIFY(WIFEXITED(status));
        QCOMPARE(WEXITSTATUS(status), 1);
        QCOMPARE(QString::fromStdString(line), QString("MemoryError: out of memory: the system refused an allocation\n"));
    }
};

QTEST_APPLESS_MAIN(TestOutOfMemory)
#include "tst_out_of_memory.moc"
