#pragma once

// Helpers for runtime tests: a print log that reads like the Python programs' output, and
// a runner that records the trace.
#include <awaitscope/Runtime.h>

#include <QFile>
#include <QString>
#include <QStringList>

#include <cstdarg>
#include <cstdio>
#include <string>
#include <vector>

namespace testsupport {

// What `print` wrote, one entry per line.
inline std::vector<std::string>& printed() {
    static std::vector<std::string> lines;
    return lines;
}

inline void say(std::string line) { printed().push_back(std::move(line)); }

[[gnu::format(printf, 1, 2)]] inline std::string format(const char* pattern, ...) {
    char buffer[512];
    va_list args;
    va_start(args, pattern);
    std::vsnprintf(buffer, sizeof buffer, pattern, args);
    va_end(args);
    return buffer;
}

// Seconds on the loop's clock, as the Python programs print them with :.1f.
inline std::string seconds1(awaitscope::TimeNs ns) { return format("%.1f", static_cast<double>(ns) / 1e9); }

inline QStringList expectedLines(const QString& caseName) {
    QFile file(QStringLiteral(RUNTIME_CASES_DIR "/") + caseName + QStringLiteral(".out"));
    if (!file.open(QIODevice::ReadOnly))
        return {QStringLiteral("<missing %1>").arg(file.fileName())};
    QStringList lines = QString::fromUtf8(file.readAll()).split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

inline QStringList printedLines() {
    QStringList lines;
    for (const std::string& line : printed())
        lines << QString::fromStdString(line);
    return lines;
}

// A Python-style exception for the C++ versions of the programs: its what() is its repr.
struct PyError : std::runtime_error {
    using std::runtime_error::runtime_error;
};
inline PyError pyError(const char* type, const std::string& message) {
    return PyError(std::string(type) + "('" + message + "')");
}

struct RecordedRun {
    awaitscope::Trace trace;
};

} // namespace testsupport
