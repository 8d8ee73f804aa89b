#include "awaitscope/io/ChromeFormat.h"

#include "JsonOutput.h"

#include "awaitscope/Version.h"
#include "awaitscope/analysis/DerivedTrace.h"
#include "awaitscope/analysis/TimeFormat.h"

#include <cstdlib>
#include <ostream>

namespace awaitscope {

namespace {

using detail::JsonOutput;

constexpr int kPid = 1;
constexpr std::int64_t kLoopTid = 0;  // the loop's own track; task i is track i + 1

std::int64_t tidOf(TaskId task) { return task == kNoTask ? kLoopTid : static_cast<std::int64_t>(task) + 1; }

class ChromeWriter {
public:
    ChromeWriter(const Trace& trace, const ByteSink& sink) : trace_(trace), derived_(trace), index_(derived_.index()), out_(sink) {}

    bool write() {
        out_.raw("{\"displayTimeUnit\":\"ns\",\"otherData\":{\"generator\":");
        out_.string(std::string("awaitscope ") + kVersion);
        out_.raw(",\"title\":");
        out_.string(trace_.metadata.title);
        out_.raw(",\"clock\":");
        out_.string(trace_.metadata.clock);
        out_.raw(",\"sourceFile\":");
        out_.string(trace_.metadata.sourceFile);
        out_.raw("},\n\"traceEvents\":[");
        writeTrackNames();
        writeLoopTrack();
        for (std::size_t task = 0; task < trace_.tasks.size(); ++task) {
            writeSteps(static_cast<TaskId>(task));
            writeStates(static_cast<TaskId>(task));
            if (out_.failed())
                return false;
        }
        writeOutput();
        writeDiagnostics();
        writeCounter("ready queue", "tasks", derived_.readyQueue());
        writeCounter("pending timers", "timers", derived_.pendingTimers());
        out_.raw("\n]}\n");
        return out_.finish();
    }

private:
    // ---- Event scaffolding: {"ph":"X","pid":1,"tid":2,"ts":1.500, ... } ----
    void begin(char phase, std::int64_t tid, TimeNs time) {
        out_.raw(first_ ? "\n{\"ph\":\"" : ",\n{\"ph\":\"");
        first_ = false;
        out_.raw(phase);
        out_.raw("\",\"pid\":");
        out_.number(kPid);
        out_.raw(",\"tid\":");
        out_.number(tid);
        out_.raw(",\"ts\":");
        microseconds(time);
    }
    // Chrome times are microseconds; three decimals keep every nanosecond exactly.
    void microseconds(TimeNs time) {
        if (time < 0) {
            out_.raw('-');
            time = -time;
        }
        out_.number(time / 1000);
        const auto fraction = static_cast<int>(time % 1000);
        if (fraction != 0) {
            const char digits[4] = {'.', static_cast<char>('0' + fraction / 100), static_cast<char>('0' + fraction / 10 % 10),
                                    static_cast<char>('0' + fraction % 10)};
            out_.raw(std::string_view(digits, 4));
        }
    }
    void field(std::string_view name, std::string_view value) {
        out_.raw(",\"");
        out_.raw(name);
        out_.raw("\":");
        out_.string(value);
    }
    void end() { out_.raw('}'); }

    void metadata(std::int64_t tid, const char* name, std::string_view argName, std::string_view value) {
        out_.raw(first_ ? "\n{\"ph\":\"M\",\"pid\":" : ",\n{\"ph\":\"M\",\"pid\":");
        first_ = false;
        out_.number(kPid);
        out_.raw(",\"tid\":");
        out_.number(tid);
        field("name", name);
        out_.raw(",\"args\":{\"");
        out_.raw(argName);
        out_.raw("\":");
        out_.string(value);
        out_.raw("}}");
    }

    void writeTrackNames() {
        metadata(kLoopTid, "process_name", "name",
                 trace_.metadata.title.empty() ? "asyncio loop" : "asyncio loop: " + trace_.metadata.title);
        metadata(kLoopTid, "thread_name", "name", "event loop");
        for (std::size_t task = 0; task < trace_.tasks.size(); ++task) {
            std::string name = taskLabel(trace_, static_cast<TaskId>(task));
            if (trace_.tasks[task].kind == TaskKind::Thread)
                name += " [thread]";
            metadata(tidOf(static_cast<TaskId>(task)), "thread_name", "name", name);
            // Keep tasks in creation order rather than Perfetto's default (by tid, which is the same, or by name).
            out_.raw(",\n{\"ph\":\"M\",\"pid\":");
            out_.number(kPid);
            out_.raw(",\"tid\":");
            out_.number(tidOf(static_cast<TaskId>(task)));
            out_.raw(",\"name\":\"thread_sort_index\",\"args\":{\"sort_index\":");
            out_.number(task + 1);
            out_.raw("}}");
        }
    }

    // Which task held the loop, with the frozen stretches marked.
    void writeLoopTrack() {
        const std::vector<FrozenStretch>& frozen = derived_.frozenStretches();
        std::size_t nextFrozen = 0;
        for (const LoopSlice& slice : index_.loopSlices()) {
            if (slice.end <= slice.begin)
                continue;
            const bool isFrozen = nextFrozen < frozen.size() && frozen[nextFrozen].begin == slice.begin &&
                                  frozen[nextFrozen].culprit == slice.task;
            begin('X', kLoopTid, slice.begin);
            out_.raw(",\"dur\":");
            microseconds(slice.end - slice.begin);
            field("cat", isFrozen ? "frozen" : "loop");
            field("name", (isFrozen ? "FROZEN " + formatDuration(slice.end - slice.begin) + ": " : std::string()) +
                              taskLabel(trace_, slice.task));
            end();
            nextFrozen += isFrozen;
        }
    }

    std::string frameName(FrameId frame) const {
        return frame < trace_.frames.size() ? std::string(trace_.str(trace_.frames[frame].name)) : "frame";
    }

    void slice(TaskId task, TimeNs from, TimeNs to, const std::string& name, const char* category) {
        begin('X', tidOf(task), from);
        out_.raw(",\"dur\":");
        microseconds(to - from);
        field("cat", category);
        field("name", name);
        end();
    }

    // One complete slice per running step, named after the task's coroutine, with the nested
    // coroutine frames and blocking calls of that step inside it (clipped to the step).
    void writeSteps(TaskId task) {
        const TaskRecord& record = trace_.tasks[task];
        const std::string stepName = record.coroutine < trace_.frames.size() ? frameName(record.coroutine)
                                                                             : taskLabel(trace_, task);
        struct Open {
            TimeNs begin;
            std::string name;
            const char* category;
        };
        std::vector<FrameId> frames;
        std::vector<Open> open;
        bool running = false;
        auto closeAll = [&](TimeNs at) {
            while (!open.empty()) {
                slice(task, open.back().begin, at, open.back().name, open.back().category);
                open.pop_back();
            }
            running = false;
        };
        for (const TraceEvent& e : record.events) {
            switch (e.kind) {
            case EventKind::Resume:
                closeAll(e.time);
                running = true;
                open.push_back({e.time, stepName, "step"});
                for (std::size_t depth = 0; depth < frames.size(); ++depth)
                    if (!(depth == 0 && frames[0] == record.coroutine))
                        open.push_back({e.time, frameName(frames[depth]), "coroutine"});
                break;
            case EventKind::FrameEnter:
                frames.push_back(e.ref);
                if (running && !(frames.size() == 1 && e.ref == record.coroutine))
                    open.push_back({e.time, frameName(e.ref), "coroutine"});
                break;
            case EventKind::FrameExit:
                if (running && open.size() > 1 && open.back().category == std::string_view("coroutine")) {
                    slice(task, open.back().begin, e.time, open.back().name, "coroutine");
                    open.pop_back();
                }
                if (!frames.empty())
                    frames.pop_back();
                break;
            case EventKind::BlockBegin:
                if (running)
                    open.push_back({e.time,
                                    e.ref < trace_.blocks.size() ? std::string(trace_.str(trace_.blocks[e.ref].what))
                                                                 : std::string("blocking call"),
                                    "blocking"});
                break;
            case EventKind::BlockEnd:
                if (running && open.size() > 1 && open.back().category == std::string_view("blocking")) {
                    slice(task, open.back().begin, e.time, open.back().name, "blocking");
                    open.pop_back();
                }
                break;
            case EventKind::Ready:
            case EventKind::Suspend:
            case EventKind::Finish: closeAll(e.time); break;
            }
        }
        closeAll(index_.lane(task).end);
    }

    // Awaits and waits for the loop as async slices; wake-ups by another task as flow arrows
    // from the waker's step to the woken task's next step.
    void writeStates(TaskId task) {
        const std::int64_t tid = tidOf(task);
        for (const Span& span : index_.lane(task).spans) {
            if (span.state == SpanState::Running)
                continue;
            std::string name;
            const char* category = "ready";
            if (span.state == SpanState::Awaiting) {
                category = "await";
                if (span.ref < trace_.awaits.size())
                    name = trace_.str(trace_.awaits[span.ref].what);
                if (name.empty())
                    name = toString(span.kind);
            } else {
                name = "ready: waiting for the loop";
            }
            for (char phase : {'b', 'e'}) {
                begin(phase, tid, phase == 'b' ? span.begin : span.end);
                field("cat", category);
                field("name", name);
                out_.raw(",\"id\":");
                out_.number(tid);
                end();
            }
            if (span.state == SpanState::Ready && span.ref < trace_.tasks.size() && span.ref != task) {
                ++flows_;
                begin('s', tidOf(span.ref), span.begin);
                field("cat", "wakeup");
                field("name", std::string("wakes (") + toString(span.kind) + ")");
                out_.raw(",\"id\":");
                out_.number(flows_);
                end();
                begin('f', tid, span.end);
                field("cat", "wakeup");
                field("name", std::string("wakes (") + toString(span.kind) + ")");
                out_.raw(",\"id\":");
                out_.number(flows_);
                out_.raw(",\"bp\":\"e\"");
                end();
            }
        }
    }

    void instant(TaskId task, TimeNs time, const char* category, const std::string& name, const std::string& detail,
                 const std::string& advice) {
        begin('i', tidOf(task), time);
        out_.raw(",\"s\":\"t\"");
        field("cat", category);
        field("name", name);
        if (!detail.empty() || !advice.empty()) {
            out_.raw(",\"args\":{\"detail\":");
            out_.string(detail);
            out_.raw(",\"fix\":");
            out_.string(advice);
            out_.raw('}');
        }
        end();
    }

    void writeOutput() {
        for (const OutputLine& line : trace_.output)
            instant(line.task, line.time, "output", "print: " + std::string(trace_.str(line.text)), {}, {});
    }

    void writeDiagnostics() {
        for (const Diagnostic& d : derived_.diagnostics()) {
            const TaskId track = d.kind == DiagnosticKind::FrozenLoop ? kNoTask : d.task;
            instant(track, d.time, "diagnostic", d.summary, d.detail, d.advice);
        }
    }

    void writeCounter(const char* name, const char* unit, const CounterSeries& series) {
        for (const CounterPoint& point : series.points) {
            begin('C', kLoopTid, point.time);
            field("name", name);
            out_.raw(",\"args\":{\"");
            out_.raw(unit);
            out_.raw("\":");
            out_.number(point.value);
            out_.raw("}}");
        }
    }

    const Trace& trace_;
    const DerivedTrace derived_;
    const TraceIndex& index_;
    JsonOutput out_;
    bool first_ = true;
    std::uint64_t flows_ = 0;
};

} // namespace

bool writeChromeTrace(const Trace& trace, const ByteSink& sink) { return ChromeWriter(trace, sink).write(); }

bool writeChromeTrace(const Trace& trace, std::ostream& stream) {
    const ByteSink sink = [&](std::string_view block) {
        stream.write(block.data(), static_cast<std::streamsize>(block.size()));
        return static_cast<bool>(stream);
    };
    return writeChromeTrace(trace, sink);
}

std::string chromeTraceJson(const Trace& trace) {
    std::string text;
    const ByteSink sink = [&](std::string_view block) {
        text.append(block);
        return true;
    };
    writeChromeTrace(trace, sink);
    return text;
}

} // namespace awaitscope
