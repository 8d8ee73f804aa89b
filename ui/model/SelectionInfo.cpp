#include "model/SelectionInfo.h"

#include "model/QtText.h"
#include "model/SourceText.h"

#include <awaitscope/analysis/TimeFormat.h>

#include <QLocale>
#include <QStringList>

#include <algorithm>

namespace awaitscope::ui {

namespace {

QString lineText(const Trace& trace, SiteId site) {
    if (site == kUnknownSite || site >= trace.sites.size())
        return {};
    return QStringLiteral("line %1").arg(trace.sites[site].line);
}

QString wakerText(const DerivedTrace& model, WaitKind kind, TaskId waker) {
    const QString who = waker < model.taskCount() ? qs(model.taskName(waker)) : QString();
    switch (kind) {
    case WaitKind::Start: return who.isEmpty() ? QStringLiteral("created") : QStringLiteral("created by %1").arg(who);
    case WaitKind::Yield: return QStringLiteral("its own asyncio.sleep(0): back of the queue");
    case WaitKind::Timer: return QStringLiteral("a timer (its sleep was over)");
    case WaitKind::Task: return who.isEmpty() ? QStringLiteral("a task finishing") : QStringLiteral("%1 finishing").arg(who);
    case WaitKind::Cancel: return QStringLiteral("cancellation");
    case WaitKind::Thread: return QStringLiteral("the worker thread finishing");
    case WaitKind::Stream: return QStringLiteral("data arriving from its peer");
    case WaitKind::Wait: return QStringLiteral("asyncio.wait's condition met");
    case WaitKind::Condition: return QStringLiteral("Condition.notify");
    default:
        return who.isEmpty() ? QString::fromUtf8(toString(kind)) : QStringLiteral("%1 (%2)").arg(who, QString::fromUtf8(toString(kind)));
    }
}

const char* outcomeWord(TaskOutcome outcome) {
    switch (outcome) {
    case TaskOutcome::Done: return "finished";
    case TaskOutcome::Failed: return "failed";
    case TaskOutcome::Cancelled: return "cancelled";
    }
    return "";
}

// The Details panel gives a moment to the nanosecond; everywhere else it reads to the millisecond.
QString momentText(TimeNs t, TimeDetail detail) { return qs(detail == TimeDetail::Exact ? formatTimePoint(t) : formatMoment(t)); }

void addRange(SelectionInfo& info, TimeNs begin, TimeNs end, TimeDetail detail) {
    info.facts.emplace_back(QStringLiteral("From"), momentText(begin, detail));
    info.facts.emplace_back(QStringLiteral("To"), momentText(end, detail));
    info.facts.emplace_back(QStringLiteral("Duration"), qs(formatDuration(end - begin)));
    info.range = TimeRange{begin, end};
}

void addSite(SelectionInfo& info, const Trace& trace, SiteId site, const QString& label = QStringLiteral("Line")) {
    info.site = site;
    const QString text = qs(formatSite(trace, site, SitePath::FileName));
    if (!text.isEmpty())
        info.facts.emplace_back(label, text);
}

const QString kNoLoopExplanation = QStringLiteral(
    "The program's top level. It never started an event loop (there is no asyncio.run), so it runs one line after "
    "another: while it waits, nothing else happens.");

void describeTask(const DerivedTrace& model, TaskId task, SelectionInfo& info, TimeDetail detail) {
    const Trace& trace = model.trace();
    const TaskRecord& record = trace.tasks[task];
    const TaskLane& lane = model.index().lane(task);
    info.title = qs(taskLabel(trace, task));
    const TaskTotals& totals = model.analysis().tasks[task];
    const auto steps = std::count_if(lane.spans.begin(), lane.spans.end(), [](const Span& s) { return s.state == SpanState::Running; });
    const TaskId parent = model.parentOf(task);
    if (record.kind == TaskKind::Thread)
        info.explanation = QStringLiteral("Work handed to a worker thread with asyncio.to_thread. It runs off the loop, "
                                          "so the other tasks keep running meanwhile.");
    else if (record.kind == TaskKind::Main)
        info.explanation = kNoLoopExplanation;
    else if (parent == kNoTask)
        info.explanation = QStringLiteral("The main task: asyncio.run started it. When it returns, the program ends.");
    else
        info.explanation = QStringLiteral("A task is a coroutine the event loop runs on its own, one step at a time. "
                                          "%1 created it; it starts when %1 next gives the loop back.")
                               .arg(qs(model.taskName(parent)));
    info.facts.emplace_back(QStringLiteral("Created"), momentText(record.created, detail));
    if (lane.finished)
        info.facts.emplace_back(QStringLiteral("Ended"), QStringLiteral("%1 at %2").arg(QString::fromLatin1(outcomeWord(lane.outcome)), momentText(lane.end, detail)));
    else
        info.facts.emplace_back(QStringLiteral("Ended"), QStringLiteral("never (still pending at the end)"));
    if (lane.finished && lane.outcome == TaskOutcome::Failed && lane.error != 0)
        info.facts.emplace_back(QStringLiteral("Error"), qs(trace.str(lane.error)));
    info.facts.emplace_back(QStringLiteral("Running"), QStringLiteral("%1 in %2 steps").arg(qs(formatDuration(totals.running))).arg(steps));
    info.facts.emplace_back(QStringLiteral("Awaiting"), qs(formatDuration(totals.awaiting)));
    info.facts.emplace_back(QStringLiteral("Ready, waiting for the loop"), qs(formatDuration(totals.ready)));
    if (parent != kNoTask)
        info.facts.emplace_back(QStringLiteral("Created by"), qs(model.taskName(parent)));
    if (record.scope < trace.scopes.size())
        info.facts.emplace_back(QStringLiteral("Belongs to"), scopeKindText(trace.scopes[record.scope].kind));
    addSite(info, trace, record.createdAt, QStringLiteral("Created at"));
    info.range = TimeRange{lane.begin, lane.end};
    info.timeShares = timeBreakdown(trace, model.index(), model.frozenStretches(), model.readyQueue(), task);
}


void describeGroup(const DerivedTrace& model, std::uint32_t index, SelectionInfo& info, TimeDetail detail) {
    const CoroutineGroup& group = model.groups().groups()[index];
    const QString name = qs(model.trace().str(group.name));
    info.title = groupTitle(model, index);
    info.explanation = QStringLiteral("%1 tasks of %2 run the same coroutine, %3(). The band shows how many of them run, "
                                      "wait for the loop and await at each moment; open the group to see each lane.")
                           .arg(countText(group.tasks.size()), group.parent == kNoTask ? QStringLiteral("the program") : qs(model.taskName(group.parent)), name);
    info.facts.emplace_back(QStringLiteral("Tasks"), countText(group.tasks.size()));
    info.facts.emplace_back(QStringLiteral("From"), momentText(group.range.begin, detail));
    info.facts.emplace_back(QStringLiteral("To"), momentText(group.range.end, detail));
    info.facts.emplace_back(QStringLiteral("Ended"), groupSubtitle(model, index));
    info.facts.emplace_back(QStringLiteral("At most at once"), countText(group.activity.peakAlive()));
    if (!group.frozen.empty())
        info.facts.emplace_back(QStringLiteral("Froze the loop"), QStringLiteral("%1 times").arg(countText(group.frozen.size())));
    if (!group.diagnostics.empty())
        info.facts.emplace_back(QStringLiteral("Problems"), countText(group.diagnostics.size()));
    if (!group.tasks.empty())
        addSite(info, model.trace(), model.trace().tasks[group.tasks.front()].createdAt, QStringLiteral("Created at"));
    info.range = group.range;
}

} // namespace

QString groupTitle(const DerivedTrace& model, std::uint32_t index) {
    const CoroutineGroup& group = model.groups().groups()[index];
    const QString name = qs(model.trace().str(group.name));
    return (group.kind == TaskKind::Thread ? QStringLiteral("thread · ") + name : name + QStringLiteral("()")) +
           QStringLiteral(" × ") + countText(group.tasks.size());
}

QString groupSubtitle(const DerivedTrace& model, std::uint32_t index) {
    const CoroutineGroup& group = model.groups().groups()[index];
    QStringList parts;
    if (group.done)
        parts << QStringLiteral("%1 done").arg(countText(group.done));
    if (group.failed)
        parts << QStringLiteral("%1 failed").arg(countText(group.failed));
    if (group.cancelled)
        parts << QStringLiteral("%1 cancelled").arg(countText(group.cancelled));
    if (group.unfinished)
        parts << QStringLiteral("%1 unfinished").arg(countText(group.unfinished));
    return parts.join(QStringLiteral(" · "));
}

std::optional<TimeRange> selectionRange(const DerivedTrace& model, const Selection& selection) {
    const Trace& trace = model.trace();
    const bool taskValid = selection.task < model.taskCount();
    auto point = [](TimeNs t) { return std::optional<TimeRange>(TimeRange{t, t}); };
    switch (selection.kind) {
    case SelectionKind::None: return std::nullopt;
    case SelectionKind::Output:
        return selection.index < trace.output.size() ? point(trace.output[selection.index].time) : std::nullopt;
    case SelectionKind::Event:
        return taskValid && selection.index < trace.tasks[selection.task].events.size()
                   ? point(trace.tasks[selection.task].events[selection.index].time)
                   : std::nullopt;
    case SelectionKind::UnretrievedError:
        return selection.index < trace.unretrievedErrors.size() ? point(trace.unretrievedErrors[selection.index].time) : std::nullopt;
    case SelectionKind::PendingAtExit:
        return selection.index < trace.pendingAtExit.size() ? point(trace.pendingAtExit[selection.index].time) : std::nullopt;
    case SelectionKind::ScriptError:
        return selection.index < trace.scriptErrors.size() ? point(trace.scriptErrors[selection.index].time) : std::nullopt;
    case SelectionKind::NeverAwaited:
        return selection.index < trace.neverAwaited.size() ? point(trace.neverAwaited[selection.index].created) : std::nullopt;
    case SelectionKind::Task: {
        if (!taskValid)
            return std::nullopt;
        const TaskLane& lane = model.index().lane(selection.task);
        return TimeRange{lane.begin, lane.end};
    }
    case SelectionKind::Span: {
        if (!taskValid || selection.index >= model.index().lane(selection.task).spans.size())
            return std::nullopt;
        const Span& span = model.index().lane(selection.task).spans[selection.index];
        return TimeRange{span.begin, span.end};
    }
    case SelectionKind::Frame: {
        if (!taskValid || selection.index >= model.index().lane(selection.task).frames.size())
            return std::nullopt;
        const FrameSpan& frame = model.index().lane(selection.task).frames[selection.index];
        return TimeRange{frame.begin, frame.end};
    }
    case SelectionKind::Block: {
        if (!taskValid || selection.index >= model.index().lane(selection.task).blocks.size())
            return std::nullopt;
        const BlockSpan& block = model.index().lane(selection.task).blocks[selection.index];
        return TimeRange{block.begin, block.end};
    }
    case SelectionKind::LoopSlice: {
        const auto& slices = model.index().loopSlices();
        return selection.index < slices.size() ? std::optional<TimeRange>(TimeRange{slices[selection.index].begin, slices[selection.index].end})
                                               : std::nullopt;
    }
    case SelectionKind::Frozen: {
        const auto& stretches = model.frozenStretches();
        return selection.index < stretches.size()
                   ? std::optional<TimeRange>(TimeRange{stretches[selection.index].begin, stretches[selection.index].end})
                   : std::nullopt;
    }
    case SelectionKind::Scope:
        return selection.index < trace.scopes.size()
                   ? std::optional<TimeRange>(TimeRange{trace.scopes[selection.index].begin, trace.scopes[selection.index].end})
                   : std::nullopt;
    case SelectionKind::Group:
        return selection.index < model.groups().groups().size() ? std::optional<TimeRange>(model.groups().groups()[selection.index].range)
                                                                 : std::nullopt;
    }
    return std::nullopt;
}

QString frozenLabel(const DerivedTrace& model, const FrozenStretch& stretch) {
    const Trace& trace = model.trace();
    QString cause;
    if (stretch.block != kNoBlock && stretch.block < trace.blocks.size())
        cause = qs(trace.str(trace.blocks[stretch.block].what));
    else
        cause = QStringLiteral("a long step of %1").arg(qs(model.taskName(stretch.culprit)));
    QString label = QStringLiteral("loop frozen %1 — %2").arg(qs(formatDuration(stretch.duration())), cause);
    const QString line = lineText(trace, stretch.site);
    if (!line.isEmpty())
        label += QStringLiteral(", ") + line;
    return label;
}

QString scopeKindText(ScopeKind kind) {
    switch (kind) {
    case ScopeKind::TaskGroup: return QStringLiteral("TaskGroup");
    case ScopeKind::Gather: return QStringLiteral("gather");
    case ScopeKind::WaitFor: return QStringLiteral("wait_for");
    case ScopeKind::AsCompleted: return QStringLiteral("as_completed");
    }
    return {};
}

QString spanStateText(const DerivedTrace& model, const Span& span) {
    switch (span.state) {
    case SpanState::Running: return QStringLiteral("running");
    case SpanState::Awaiting: return qs(model.awaitPhrase(span.ref));
    case SpanState::Ready: return QStringLiteral("ready, waiting for the loop");
    }
    return {};
}

SelectionInfo describeSelection(const DerivedTrace& model, const Selection& selection, TimeDetail detail) {
    SelectionInfo info;
    const Trace& trace = model.trace();
    const bool taskValid = selection.task < model.taskCount();
    info.task = taskValid ? selection.task : kNoTask;
    switch (selection.kind) {
    case SelectionKind::None:
        return info;
    case SelectionKind::Task:
        if (!taskValid)
            return info;
        describeTask(model, selection.task, info, detail);
        break;
    case SelectionKind::Span: {
        if (!taskValid || selection.index >= model.index().lane(selection.task).spans.size())
            return info;
        const Span& span = model.index().lane(selection.task).spans[selection.index];
        info.title = qs(model.taskName(selection.task)) + QStringLiteral(" · ") + spanStateText(model, span);
        switch (span.state) {
        case SpanState::Running: {
            if (model.isMainProgram(selection.task)) {
                info.explanation = kNoLoopExplanation;
                break;
            }
            info.explanation = QStringLiteral("The task holds the event loop. Nothing else runs until it reaches its next await.");
            for (const BlockSpan& block : model.index().lane(selection.task).blocks)
                if (block.begin >= span.begin && block.begin < span.end && block.block < trace.blocks.size()) {
                    info.explanation += QStringLiteral(" Here it called %1, which blocked the whole loop for %2.")
                                            .arg(qs(trace.str(trace.blocks[block.block].what)), qs(formatDuration(block.end - block.begin)));
                    break;
                }
            break;
        }
        case SpanState::Awaiting:
            info.explanation = QStringLiteral("The task is suspended at an await, so the loop is free to run other tasks.");
            info.facts.emplace_back(QStringLiteral("Awaits"), qs(model.awaitDescription(span.ref)));
            break;
        case SpanState::Ready:
            info.explanation = QStringLiteral("The task could run again, but the loop is busy with someone else. "
                                              "A long bar here means something held the loop.");
            // A new task waits for its first turn: it was created, not woken (the dashed arrow).
            if (span.kind == WaitKind::Start)
                info.facts.emplace_back(QStringLiteral("Arrow"), span.ref < model.taskCount()
                                                                      ? QStringLiteral("dashed: created by %1, not woken").arg(qs(model.taskName(span.ref)))
                                                                      : QStringLiteral("dashed: created, not woken"));
            else
                info.facts.emplace_back(QStringLiteral("Woken by"), wakerText(model, span.kind, span.ref) + QStringLiteral(" (solid arrow)"));
            break;
        }
        addRange(info, span.begin, span.end, detail);
        addSite(info, trace, model.siteOfSpan(selection.task, selection.index));
        break;
    }
    case SelectionKind::Frame: {
        if (!taskValid || selection.index >= model.index().lane(selection.task).frames.size())
            return info;
        const FrameSpan& frame = model.index().lane(selection.task).frames[selection.index];
        if (frame.frame >= trace.frames.size())
            return info;
        const FrameInfo& frameInfo = trace.frames[frame.frame];
        info.title = qs(trace.str(frameInfo.name)) + QStringLiteral("() in ") + qs(model.taskName(selection.task));
        info.explanation = QStringLiteral("A coroutine called with await runs inside the same task, as a nested frame "
                                          "(not as a new task): the caller waits until it returns.");
        addRange(info, frame.begin, frame.end, detail);
        info.facts.emplace_back(QStringLiteral("Depth"), QString::number(frame.depth));
        addSite(info, trace, frameInfo.callSite, QStringLiteral("Called at"));
        const QString defined = qs(formatSite(trace, frameInfo.definition, SitePath::FileName));
        if (!defined.isEmpty())
            info.facts.emplace_back(QStringLiteral("Defined at"), defined);
        if (info.site == kUnknownSite)
            info.site = frameInfo.definition;
        break;
    }
    case SelectionKind::Block: {
        if (!taskValid || selection.index >= model.index().lane(selection.task).blocks.size())
            return info;
        const BlockSpan& block = model.index().lane(selection.task).blocks[selection.index];
        if (block.block >= trace.blocks.size())
            return info;
        const BlockInfo& blockInfo = trace.blocks[block.block];
        const TaskKind kind = trace.tasks[selection.task].kind;
        info.title = qs(trace.str(blockInfo.what)) + QStringLiteral(" (blocking call)");
        if (kind == TaskKind::Thread)
            info.explanation = QStringLiteral("A blocking call on a worker thread: it holds the thread, not the loop, "
                                              "so the other tasks keep running.");
        else if (kind == TaskKind::Main)
            info.explanation = QStringLiteral("The program waits here and does nothing else until the call returns. With no "
                                              "event loop there is nothing else it could do: in async code, "
                                              "await asyncio.sleep would let other tasks run meanwhile.");
        else
            info.explanation = QStringLiteral("A blocking call holds the whole event loop: no other task can run until it "
                                              "returns. Use await asyncio.sleep, or move the work with asyncio.to_thread.");
        addRange(info, block.begin, block.end, detail);
        addSite(info, trace, blockInfo.site);
        break;
    }
    case SelectionKind::LoopSlice: {
        const auto& slices = model.index().loopSlices();
        if (selection.index >= slices.size())
            return info;
        const LoopSlice& slice = slices[selection.index];
        info.task = slice.task;
        info.title = QStringLiteral("The loop runs %1").arg(qs(model.taskName(slice.task)));
        info.explanation = QStringLiteral("One step of one task: the event loop runs a single task at a time, from one "
                                          "await to the next.");
        addRange(info, slice.begin, slice.end, detail);
        const TaskLane& lane = model.index().lane(slice.task);
        const Span* span = model.index().spanAt(slice.task, slice.begin);
        if (span)
            addSite(info, trace, model.siteOfSpan(slice.task, static_cast<std::size_t>(span - lane.spans.data())));
        break;
    }
    case SelectionKind::NeverAwaited: {
        if (selection.index >= trace.neverAwaited.size())
            return info;
        const NeverAwaited& never = trace.neverAwaited[selection.index];
        const QString name = qs(trace.str(never.name));
        info.task = never.task < model.taskCount() ? never.task : kNoTask;
        info.title = QStringLiteral("%1() was never awaited").arg(name);
        info.explanation = QStringLiteral("%2 made a coroutine object here; nothing awaited it, so its body never ran. "
                                          "Calling a coroutine function only creates a coroutine object; nothing runs until "
                                          "you await it or hand it to asyncio.create_task. Python warns: \"RuntimeWarning: "
                                          "coroutine '%1' was never awaited\". Fix: await it, or schedule it with "
                                          "asyncio.create_task.")
                               .arg(name, writtenCall(trace, never));
        info.facts.emplace_back(QStringLiteral("Created"), momentText(never.created, detail));
        info.facts.emplace_back(QStringLiteral("Dropped"), momentText(never.dropped, detail));
        if (info.task != kNoTask)
            info.facts.emplace_back(QStringLiteral("Created by"), qs(model.taskName(never.task)));
        addSite(info, trace, never.site);
        info.range = TimeRange{never.created, never.created};
        break;
    }
    case SelectionKind::Frozen: {
        if (selection.index >= model.frozenStretches().size())
            return info;
        const FrozenStretch& stretch = model.frozenStretches()[selection.index];
        info.task = stretch.culprit;
        info.title = frozenLabel(model, stretch);
        info.explanation = QStringLiteral("One step of %1 held the loop for %2 without reaching an await, so no other task "
                                          "could run.")
                               .arg(qs(model.taskName(stretch.culprit)), qs(formatDuration(stretch.duration())));
        if (stretch.block != kNoBlock && stretch.block < trace.blocks.size() && trace.blocks[stretch.block].kind == BlockKind::Sleep)
            info.explanation += QStringLiteral(" time.sleep blocks the loop: use await asyncio.sleep, or asyncio.to_thread.");
        else if (stretch.block != kNoBlock)
            info.explanation += QStringLiteral(" Move blocking work off the loop with asyncio.to_thread.");
        addRange(info, stretch.begin, stretch.end, detail);
        info.facts.emplace_back(QStringLiteral("Culprit"), qs(model.taskName(stretch.culprit)));
        const LateVictims late = lateVictims(stretch, 12);
        for (const FrozenVictim& victim : late.named)
            info.facts.emplace_back(QStringLiteral("Ran late"),
                                    QStringLiteral("%1, by %2").arg(qs(model.taskName(victim.task)), qs(formatDuration(victim.lateBy()))));
        if (late.more)
            info.facts.emplace_back(QStringLiteral("And"), QStringLiteral("%1 more tasks, each late by up to %2")
                                                               .arg(countText(late.more), qs(formatDuration(late.moreUpTo))));
        addSite(info, trace, stretch.site);
        break;
    }
    case SelectionKind::Output: {
        if (selection.index >= trace.output.size())
            return info;
        const OutputLine& line = trace.output[selection.index];
        info.task = line.task < model.taskCount() ? line.task : kNoTask;
        info.title = QStringLiteral("print: %1").arg(qs(trace.str(line.text)));
        if (info.task == kNoTask)
            info.explanation = QStringLiteral("Printed outside any task.");
        else if (model.isMainProgram(info.task))
            info.explanation = QStringLiteral("Printed by the program's top level.");
        else
            info.explanation = QStringLiteral("Printed by %1 while it held the loop.").arg(qs(model.taskName(line.task)));
        info.facts.emplace_back(QStringLiteral("At"), momentText(line.time, detail));
        addSite(info, trace, line.site);
        info.range = TimeRange{line.time, line.time};
        break;
    }
    case SelectionKind::Event: {
        if (!taskValid || selection.index >= trace.tasks[selection.task].events.size())
            return info;
        const TraceEvent& event = trace.tasks[selection.task].events[selection.index];
        info.title = QStringLiteral("%1 · %2").arg(qs(model.taskName(selection.task)), QString::fromUtf8(toString(event.kind)));
        info.explanation = QStringLiteral("One recorded event. Every suspend and resume of every task is recorded.");
        info.facts.emplace_back(QStringLiteral("At"), momentText(event.time, detail));
        const Span* span = model.index().spanAt(selection.task, event.time);
        if (span) {
            const auto& spans = model.index().lane(selection.task).spans;
            info.facts.emplace_back(QStringLiteral("State"), spanStateText(model, *span));
            addSite(info, trace, model.siteOfSpan(selection.task, static_cast<std::size_t>(span - spans.data())));
        }
        if (event.kind == EventKind::Suspend && event.ref < trace.awaits.size())
            info.site = trace.awaits[event.ref].site;
        info.range = TimeRange{event.time, event.time};
        break;
    }
    case SelectionKind::UnretrievedError: {
        if (selection.index >= trace.unretrievedErrors.size())
            return info;
        const UnretrievedError& error = trace.unretrievedErrors[selection.index];
        info.task = error.task < model.taskCount() ? error.task : kNoTask;
        info.title = QStringLiteral("Task exception was never retrieved");
        info.explanation = QStringLiteral("%1 failed with %2, and nobody awaited it to see the error. Await the task (or "
                                          "gather it) so its exception reaches your code.")
                               .arg(qs(model.taskName(error.task)), qs(trace.str(error.text)));
        info.facts.emplace_back(QStringLiteral("At"), momentText(error.time, detail));
        if (info.task != kNoTask)
            info.site = trace.tasks[error.task].createdAt;
        info.range = TimeRange{error.time, error.time};
        break;
    }
    case SelectionKind::PendingAtExit: {
        if (selection.index >= trace.pendingAtExit.size())
            return info;
        const PendingAtExit& pending = trace.pendingAtExit[selection.index];
        info.task = pending.task < model.taskCount() ? pending.task : kNoTask;
        info.title = QStringLiteral("%1 was still pending at exit").arg(qs(model.taskName(pending.task)));
        info.explanation = QStringLiteral("The main coroutine returned while this task was still running, so asyncio.run "
                                          "cancelled it. Await it (or use a TaskGroup) if its work matters.");
        info.facts.emplace_back(QStringLiteral("At"), momentText(pending.time, detail));
        if (info.task != kNoTask)
            info.site = trace.tasks[pending.task].createdAt;
        info.range = TimeRange{pending.time, pending.time};
        break;
    }
    case SelectionKind::ScriptError: {
        if (selection.index >= trace.scriptErrors.size())
            return info;
        const ScriptError& error = trace.scriptErrors[selection.index];
        info.task = error.task < model.taskCount() ? error.task : kNoTask;
        info.title = QStringLiteral("Uncaught error");
        info.explanation = qs(trace.str(error.text));
        info.facts.emplace_back(QStringLiteral("At"), momentText(error.time, detail));
        addSite(info, trace, error.site);
        info.range = TimeRange{error.time, error.time};
        break;
    }
    case SelectionKind::Group: {
        if (selection.index >= model.groups().groups().size())
            return info;
        describeGroup(model, selection.index, info, detail);
        break;
    }
    case SelectionKind::Scope: {
        if (selection.index >= trace.scopes.size())
            return info;
        const Scope& scope = trace.scopes[selection.index];
        info.task = scope.owner < model.taskCount() ? scope.owner : kNoTask;
        info.title = scopeKindText(scope.kind);
        info.explanation = scope.kind == ScopeKind::TaskGroup
                               ? QStringLiteral("An async with TaskGroup block: leaving it waits for every task created in "
                                                "it, and the first failure cancels the others.")
                               : QStringLiteral("The tasks this call runs concurrently; it waits for all of them.");
        addRange(info, scope.begin, scope.end, detail);
        addSite(info, trace, scope.site);
        break;
    }
    }
    info.valid = true;
    return info;
}

} // namespace awaitscope::ui
