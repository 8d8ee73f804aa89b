#include "awaitscope/runtime/Print.h"

#include "awaitscope/runtime/Loop.h"

#include <cstdio>

namespace awaitscope {

void print(std::string_view line, SourceLocation where) {
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
    Loop* loop = Loop::current();
    if (!loop)
        return;
    if (Recorder* recorder = loop->recorder())
        recorder->output(loop->now(), loop->currentTaskId(), where, line);
}

} // namespace awaitscope
