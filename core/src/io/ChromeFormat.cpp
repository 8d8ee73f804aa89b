#include "awaitscope/io/ChromeFormat.h"

#include "ChromeExportKeys.h"
#include "JsonOutput.h"
#include "NativeWriter.h"

#include "awaitscope/Version.h"
#include "awaitscope/analysis/DerivedTrace.h"
#include "awaitscope/analysis/TimeFormat.h"
#include "awaitscope/analysis/TraceIndex.h"

#include <algorithm>
#include <ostream>

namespace awaitscope {

namespace {

using detail::JsonOutput;
namespace keys = detail::chrome_export;

constexpr int kPid = 1;
constexpr std::int64_t kLoopTid = 0;  // the loop's own track; task i is track i + 1
constexpr std::uint32_t kNone = 0xFFFFFFFFu;

std::int64_t tidOf(TaskId task) { return task == kNoTask ? kLoopTid : static_cast<std::int64_t>(task) + 1; }

// ---- Steps: how a task's events become slices ----

enum class InnerKind : std::uint8_t { Frame, Block };

// A coroutine frame or a blocking call inside a step, clipped to the step. seq / endSeq: the
// events that open / close it in this step (kNone: it began in an earlier step, or goes on).
struct InnerSlice {
    TimeNs begin = 0;
    TimeNs end = 0;
    InnerKind kind = InnerKind::Frame;
    std::uint32_t ref = 0;
    std::uint32_t seq = kNone;
    std::uint32_t endSeq = kNone;
};

// One running step: Resume (seq) to Suspend or Finish (endSeq; kNone when the trace ends
// first), the Ready that led to it, the task's root frame when that spans the whole step
// (drawn as the step itself), and the frames and blocking calls inside, parents first.
struct Step {
    TimeNs begin = 0;
    TimeNs end = 0;
    std::uint32_t seq = kNone;
    std::uint32_t endSeq = kNone;
    std::uint32_t readySeq = kNone;
    bool hasRoot = false;
    InnerSlice root;
    std::vector<InnerSlice> inner;
};

// Walks a task's events, handing each step to onStep(step, stepNumber). An event that no
// step carries (a Ready that no step follows, a frame entered while the task was not
// running, an exit that does not close the innermost slice) is marked in `inMetadata`.
template <class OnStep>
void planSteps(const Trace& trace, TaskId task, TimeNs laneEnd, std::vector<bool>& inMetadata, OnStep&& onStep) {
    const TaskRecord& record = trace.tasks[task];
    const auto& events = record.events;
    inMetadata.assign(events.size(), false);
    std::vector<FrameId> frames;     // the task's frame stack, as the runtime saw it
    std::vector<std::size_t> open;   // step.inner slices still open, innermost last
    Step step;
    bool running = false;
    std::uint32_t pendingReady = kNone;
    std::uint32_t stepNumber = 0;

    auto closeStep = [&](TimeNs at, std::uint32_t endSeq) {
        for (std::size_t i : open)
            step.inner[i].end = at;
        open.clear();
        step.end = at;
        step.endSeq = endSeq;
        if (!step.inner.empty()) {
            const InnerSlice& first = step.inner.front();
            if (first.kind == InnerKind::Frame && first.ref == record.coroutine && first.begin == step.begin &&
                first.end == step.end) {
                step.hasRoot = true;
                step.root = first;
                step.inner.erase(step.inner.begin());
            }
        }
        onStep(step, stepNumber++);
        running = false;
    };
    auto openInner = [&](TimeNs at, InnerKind kind, std::uint32_t ref, std::uint32_t seq) {
        open.push_back(step.inner.size());
        step.inner.push_back({at, at, kind, ref, seq, kNone});
    };
    auto closeInner = [&](TimeNs at, InnerKind kind, std::uint32_t ref, std::uint32_t seq) {
        if (!running || open.empty() || step.inner[open.back()].kind != kind || step.inner[open.back()].ref != ref)
            return false;
        step.inner[open.back()].end = at;
        step.inner[open.back()].endSeq = seq;
        open.pop_back();
        return true;
    };

    for (std::uint32_t k = 0; k < events.size(); ++k) {
        const TraceEvent& e = events[k];
        switch (e.kind) {
        case EventKind::Ready:
            if (running) {
                inMetadata[k] = true;
            } else {
                if (pendingReady != kNone)
                    inMetadata[pendingReady] = true;
                pendingReady = k;
            }
            break;
        case EventKind::Resume:
            if (running)
                closeStep(e.time, kNone);
            step.inner.clear();  // keeps its capacity: a step is planned per step of every task
            step.begin = e.time;
            step.seq = k;
            step.endSeq = kNone;
            step.hasRoot = false;
            step.readySeq = pendingReady;
            pendingReady = kNone;
            running = true;
            for (FrameId frame : frames)
                openInner(e.time, InnerKind::Frame, frame, kNone);
            break;
        case EventKind::Suspend:
        case EventKind::Finish:
            if (running)
                closeStep(e.time, k);
            else
                inMetadata[k] = true;
            break;
        case EventKind::FrameEnter:
            frames.push_back(e.ref);
            if (running)
                openInner(e.time, InnerKind::Frame, e.ref, k);
            else
                inMetadata[k] = true;
            break;
        case EventKind::FrameExit:
            inMetadata[k] = !closeInner(e.time, InnerKind::Frame, e.ref, k);
            if (!frames.empty())
                frames.pop_back();
            break;
        case EventKind::BlockBegin:
            if (running)
                openInner(e.time, InnerKind::Block, e.ref, k);
            else
                inMetadata[k] = true;
            break;
        case EventKind::BlockEnd: inMetadata[k] = !closeInner(e.time, InnerKind::Block, e.ref, k); break;
        }
    }
    if (running)
        closeStep(std::max(laneEnd, events.empty() ? laneEnd : events[events.size() - 1].time), kNone);
    if (pendingReady != kNone)
        inMetadata[pendingReady] = true;
}

// Where each step of a task lies, and the flow arrow that arrives at it (0: none).
struct StepPlace {
    TimeNs begin = 0;
    TimeNs end = 0;
    std::uint32_t flowIn = 0;
};

// A wake-up or a creation drawn as a flow arrow: it starts on a zero-length slice inside the
// waker's step and ends on the woken task's step.
struct FlowStart {
    TaskId waker = kNoTask;
    TimeNs time = 0;   // inside the waker's step
    TaskId woken = kNoTask;
    WaitKind kind = WaitKind::None;
    std::uint32_t id = 0;
};

// Everything the writer needs to know before it writes the first event: which events the
// metadata carries, and the flow arrows (both ends must agree on an id).
struct ExportPlan {
    std::vector<std::vector<bool>> inMetadata;  // per task, per event
    std::vector<std::vector<StepPlace>> steps;  // per task
    std::vector<FlowStart> flows;               // by waker, then time
};

ExportPlan planExport(const Trace& trace, const TraceIndex& index) {
    ExportPlan plan;
    plan.inMetadata.resize(trace.tasks.size());
    plan.steps.resize(trace.tasks.size());
    struct Candidate {
        TaskId woken;
        std::uint32_t step;
        TaskId waker;
        TimeNs time;
        WaitKind kind;
    };
    std::vector<Candidate> candidates;
    for (TaskId task = 0; task < trace.tasks.size(); ++task) {
        const auto& events = trace.tasks[task].events;
        planSteps(trace, task, index.lane(task).end, plan.inMetadata[task], [&](const Step& step, std::uint32_t number) {
            plan.steps[task].push_back({step.begin, step.end, 0});
            if (step.readySeq == kNone)
                return;
            const TraceEvent& ready = events[step.readySeq];
            if (ready.ref < trace.tasks.size() && ready.ref != task)
                candidates.push_back({task, number, ready.ref, ready.time, static_cast<WaitKind>(ready.detail)});
        });
    }
    for (const Candidate& c : candidates) {
        // The waker's step that was running when it woke the task, or its last one before.
        const std::vector<StepPlace>& steps = plan.steps[c.waker];
        auto after = std::upper_bound(steps.begin(), steps.end(), c.time,
                                      [](TimeNs t, const StepPlace& s) { return t < s.begin; });
        if (after == steps.begin())
            continue;
        const StepPlace& step = *(after - 1);
        // Strictly inside a step that has a length, so that viewers nest the start in it.
        const TimeNs time = step.end > step.begin ? std::min(c.time, step.end - 1) : step.begin;
        const auto id = static_cast<std::uint32_t>(plan.flows.size() + 1);
        plan.flows.push_back({c.waker, time, c.woken, c.kind, id});
        plan.steps[c.woken][c.step].flowIn = id;
    }
    std::stable_sort(plan.flows.begin(), plan.flows.end(), [](const FlowStart& a, const FlowStart& b) {
        return a.waker != b.waker ? a.waker < b.waker : a.time < b.time;
    });
    return plan;
}

class ChromeWriter {
public:
    ChromeWriter(const Trace& trace, const ByteSink& sink)
        : trace_(trace), derived_(trace), index_(derived_.index()), plan_(planExport(trace, index_)), out_(sink) {}

    bool write() {
        out_.raw("{\"displayTimeUnit\":\"ns\",\"otherData\":{\"generator\":");
        out_.string(std::string("awaitscope ") + kVersion);
        out_.raw(",\"title\":");
        out_.string(trace_.metadata.title);
        out_.raw(",\"clock\":");
        out_.string(trace_.metadata.clock);
        out_.raw(",\"sourceFile\":");
        out_.string(trace_.metadata.sourceFile);
        out_.raw("},\n\"metadata\":{\"");
        out_.raw(keys::kTablesKey);
        out_.raw("\":");
        writeTables();
        out_.raw("},\n\"traceEvents\":[");
        writeTrackNames();
        writeLoopTrack();
        writeCriticalPath();
        std::size_t nextFlow = 0;
        for (TaskId task = 0; task < trace_.tasks.size(); ++task) {
            writeSteps(task);
            nextFlow = writeFlowStarts(task, nextFlow);
            writeStates(task);
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
    // The native document, with only the events that no slice carries.
    void writeTables() {
        const ByteSink into = [&](std::string_view block) {
            out_.raw(block);
            return !out_.failed();
        };
        detail::writeNativeTrace(trace_, into,
                                 [&](TaskId task, std::size_t event) { return plan_.inMetadata[task][event]; });
    }

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

    // args.data: {"name": value, ...}; the Firefox Profiler keeps only args.data and args.detail.
    void beginData() {
        out_.raw(",\"args\":{\"data\":{");
        firstArg_ = true;
    }
    void argName(std::string_view name) {
        out_.raw(firstArg_ ? "\"" : ",\"");
        firstArg_ = false;
        out_.raw(name);
        out_.raw("\":");
    }
    void arg(std::string_view name, std::string_view value) {
        argName(name);
        out_.string(value);
    }
    void argNumber(std::string_view name, std::uint32_t value) {
        argName(name);
        out_.number(value);
    }
    void argSeq(std::string_view name, std::uint32_t seq) {
        if (seq != kNone)
            argNumber(name, seq);
    }
    void argTime(std::string_view name, TimeNs time) {
        argName(name);
        microseconds(time);
    }
    void endData() { out_.raw("}}"); }

    void metadata(std::int64_t tid, const char* name, std::string_view argKey, std::string_view value) {
        out_.raw(first_ ? "\n{\"ph\":\"M\",\"pid\":" : ",\n{\"ph\":\"M\",\"pid\":");
        first_ = false;
        out_.number(kPid);
        out_.raw(",\"tid\":");
        out_.number(tid);
        field("name", name);
        out_.raw(",\"args\":{\"");
        out_.raw(argKey);
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
        if (!derived_.analysis().criticalPath.segments.empty())
            metadata(criticalPathTid(), "thread_name", "name", keys::kCriticalPathTrack);
    }

    // The track after the last task's: no task can have it.
    std::int64_t criticalPathTid() const { return tidOf(static_cast<TaskId>(trace_.tasks.size())); }

    // The chain of work and waiting that set the run's length, one slice per link, named for
    // what the task did ("Task-3 (web_search) awaits asyncio.sleep at line 23").
    void writeCriticalPath() {
        const std::vector<CriticalSegment>& segments = derived_.analysis().criticalPath.segments;
        for (std::size_t i = 0; i < segments.size(); ++i) {
            const CriticalSegment& segment = segments[i];
            begin('X', criticalPathTid(), segment.begin);
            out_.raw(",\"dur\":");
            microseconds(segment.duration());
            field("cat", keys::kCriticalPathCategory);
            field("name", describeCriticalSegment(trace_, index_, segment));
            beginData();
            arg("task", taskLabel(trace_, segment.task));
            arg("state", segment.state == SpanState::Running ? "running"
                         : segment.state == SpanState::Ready ? "ready"
                                                             : "awaiting");
            arg("link", std::to_string(i + 1) + " of " + std::to_string(segments.size()));
            endData();
            end();
        }
    }

    // Which task held the loop, with the frozen stretches marked and explained.
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
            if (isFrozen) {
                const FrozenStretch& stretch = frozen[nextFrozen];
                beginData();
                arg("culprit", taskLabel(trace_, stretch.culprit));
                if (stretch.site != kUnknownSite)
                    arg("at", formatSite(trace_, stretch.site));
                if (stretch.block < trace_.blocks.size())
                    arg("blocking_call", trace_.str(trace_.blocks[stretch.block].what));
                std::string victims;
                for (const FrozenVictim& victim : stretch.victims)
                    victims += (victims.empty() ? "" : "; ") + taskLabel(trace_, victim.task) + " ran " +
                               formatDuration(victim.lateBy()) + " late";
                if (!victims.empty())
                    arg("victims", victims);
                endData();
            }
            end();
            nextFrozen += isFrozen;
        }
    }

    std::string frameName(FrameId frame) const {
        return frame < trace_.frames.size() ? std::string(trace_.str(trace_.frames[frame].name)) : "frame";
    }

    // Each step is a complete slice named after the task's coroutine, with the coroutine
    // frames active in it and its blocking calls nested inside, parents first.
    void writeSteps(TaskId task) {
        const TaskRecord& record = trace_.tasks[task];
        const std::string label = taskLabel(trace_, task);
        const std::string stepName = record.coroutine < trace_.frames.size() ? frameName(record.coroutine) : label;
        const std::vector<StepPlace>& places = plan_.steps[task];
        planSteps(trace_, task, index_.lane(task).end, scratch_, [&](const Step& step, std::uint32_t number) {
            writeStep(task, label, stepName, step, number < places.size() ? places[number].flowIn : 0);
            for (const InnerSlice& inner : step.inner)
                writeInner(task, inner);
        });
    }

    void writeStep(TaskId task, const std::string& label, const std::string& name, const Step& step, std::uint32_t flowIn) {
        const auto& events = trace_.tasks[task].events;
        begin('X', tidOf(task), step.begin);
        out_.raw(",\"dur\":");
        microseconds(step.end - step.begin);
        field("cat", keys::kStepCategory);
        field("name", name);
        if (flowIn != 0) {
            out_.raw(",\"bind_id\":");
            out_.number(flowIn);
            out_.raw(",\"flow_in\":true");
        }
        beginData();
        arg("task", label);
        argSeq(keys::kSeq, step.seq);
        if (step.readySeq != kNone) {
            const TraceEvent& ready = events[step.readySeq];
            argNumber(keys::kReadySeq, step.readySeq);
            argTime(keys::kReadyAt, ready.time);
            arg(keys::kWoken, toString(static_cast<WaitKind>(ready.detail)));
            if (ready.ref != kNoTask) {
                argNumber(keys::kWaker, ready.ref);
                arg("woken_by", taskLabel(trace_, ready.ref));
            }
        }
        if (step.hasRoot) {
            argNumber(keys::kFrame, step.root.ref);
            argSeq(keys::kFrameSeq, step.root.seq);
            argSeq(keys::kFrameEndSeq, step.root.endSeq);
        }
        if (step.endSeq != kNone) {
            const TraceEvent& last = events[step.endSeq];
            argNumber(keys::kEndSeq, step.endSeq);
            if (last.kind == EventKind::Suspend) {
                argNumber(keys::kAwait, last.ref);
                if (last.ref < trace_.awaits.size()) {
                    const AwaitInfo& awaited = trace_.awaits[last.ref];
                    std::string what(trace_.str(awaited.what));
                    if (what.empty())
                        what = toString(awaited.kind);
                    if (awaited.site != kUnknownSite)
                        what += " at " + formatSite(trace_, awaited.site);
                    arg("awaits", what);
                }
            } else {
                arg(keys::kOutcome, toString(static_cast<TaskOutcome>(last.detail)));
                if (last.ref != 0)
                    arg(keys::kError, trace_.str(last.ref));
            }
        }
        endData();
        end();
    }

    void writeInner(TaskId task, const InnerSlice& inner) {
        const bool frame = inner.kind == InnerKind::Frame;
        begin('X', tidOf(task), inner.begin);
        out_.raw(",\"dur\":");
        microseconds(inner.end - inner.begin);
        SiteId site = kUnknownSite;
        if (frame) {
            field("cat", keys::kFrameCategory);
            field("name", frameName(inner.ref));
            if (inner.ref < trace_.frames.size())
                site = trace_.frames[inner.ref].callSite;
        } else {
            field("cat", keys::kBlockCategory);
            const bool known = inner.ref < trace_.blocks.size();
            field("name", known ? std::string(trace_.str(trace_.blocks[inner.ref].what)) : std::string("blocking call"));
            if (known)
                site = trace_.blocks[inner.ref].site;
        }
        beginData();
        argNumber(frame ? keys::kFrame : keys::kBlock, inner.ref);
        argSeq(keys::kSeq, inner.seq);
        argSeq(keys::kEndSeq, inner.endSeq);
        if (site != kUnknownSite)
            arg(frame ? "called_at" : "at", formatSite(trace_, site));
        endData();
        end();
    }

    // The start of each flow arrow out of this task: a zero-length slice inside the step
    // that woke or created the other task (Perfetto and chrome://tracing bind a flow to the
    // slice that carries its bind_id).
    std::size_t writeFlowStarts(TaskId task, std::size_t next) {
        const std::vector<FlowStart>& flows = plan_.flows;
        for (; next < flows.size() && flows[next].waker == task; ++next) {
            const FlowStart& flow = flows[next];
            const std::string woken = taskLabel(trace_, flow.woken);
            begin('X', tidOf(task), flow.time);
            out_.raw(",\"dur\":0");
            field("cat", keys::kWakeCategory);
            field("name", (flow.kind == WaitKind::Start ? "starts " : "wakes ") + woken);
            out_.raw(",\"bind_id\":");
            out_.number(flow.id);
            out_.raw(",\"flow_out\":true");
            beginData();
            arg("task", woken);
            arg("how", toString(flow.kind));
            endData();
            end();
        }
        return next;
    }

    // Awaits and waits for the loop as async slices, named after what is awaited.
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
        }
    }

    void instant(TaskId task, TimeNs time, const char* category, const std::string& name, const std::string& detail,
                 const std::string& advice, SiteId site = kUnknownSite) {
        begin('i', tidOf(task), time);
        out_.raw(",\"s\":\"t\"");
        field("cat", category);
        field("name", name);
        if (!detail.empty() || !advice.empty() || site != kUnknownSite) {
            beginData();
            if (site != kUnknownSite)
                arg("at", formatSite(trace_, site));
            if (!detail.empty())
                arg("detail", detail);
            if (!advice.empty())
                arg("fix", advice);
            endData();
        }
        end();
    }

    void writeOutput() {
        for (const OutputLine& line : trace_.output)
            instant(line.task, line.time, "output",
                    (line.stream == OutputStream::Stderr ? "stderr: " : "print: ") + std::string(trace_.str(line.text)), {}, {},
                    line.site);
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
    ExportPlan plan_;
    JsonOutput out_;
    std::vector<bool> scratch_;
    bool first_ = true;
    bool firstArg_ = true;
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
