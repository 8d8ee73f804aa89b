#include "awaitscope/analysis/Diagnostics.h"

#include "awaitscope/analysis/TimeFormat.h"

#include <algorithm>

namespace awaitscope {

const char* toString(DiagnosticKind kind) {
    switch (kind) {
    case DiagnosticKind::FrozenLoop: return "frozen loop";
    case DiagnosticKind::NeverAwaited: return "never awaited";
    case DiagnosticKind::UnretrievedError: return "exception never retrieved";
    case DiagnosticKind::PendingAtExit: return "pending at exit";
    case DiagnosticKind::ScriptError: return "script error";
    case DiagnosticKind::ConcurrencyLost: return "concurrency lost";
    }
    return "?";
}

std::string_view tracebackLastLine(std::string_view traceback) {
    while (!traceback.empty() && traceback.back() == '\n')
        traceback.remove_suffix(1);
    const std::size_t lastLine = traceback.rfind('\n');
    return lastLine == std::string_view::npos ? traceback : traceback.substr(lastLine + 1);
}

namespace {

constexpr std::size_t kVictimsListed = 5;

std::string blockAdvice(BlockKind kind, std::string_view what) {
    switch (kind) {
    case BlockKind::Sleep:
        return std::string(what.empty() ? "time.sleep" : what) +
               " blocks the loop: use await asyncio.sleep(...), or run it in a thread with asyncio.to_thread";
    case BlockKind::Network:
        return "a blocking network call holds the loop: use an async client, or run the call with asyncio.to_thread";
    case BlockKind::Cpu:
        return "CPU-heavy work holds the loop: move it to asyncio.to_thread (or a process pool), or split it and "
               "await asyncio.sleep(0) between the parts";
    }
    return {};
}

Diagnostic frozenDiagnostic(const Trace& trace, const FrozenStretch& stretch, std::size_t source) {
    Diagnostic d;
    d.kind = DiagnosticKind::FrozenLoop;
    d.time = stretch.begin;
    d.end = stretch.end;
    d.task = stretch.culprit;
    d.site = stretch.site;
    d.source = source;
    const std::string where = formatSite(trace, stretch.site);
    d.summary = "loop frozen for " + formatDuration(stretch.duration()) + " by " + taskLabel(trace, stretch.culprit);
    if (stretch.block < trace.blocks.size()) {
        const BlockInfo& block = trace.blocks[stretch.block];
        const std::string_view what = trace.str(block.what);
        d.summary += ": " + blockDescription(trace, stretch.block);
        if (!where.empty())
            d.summary += " at " + where;
        d.advice = blockAdvice(block.kind, what);
    } else {
        if (!where.empty())
            d.summary += ", in the step that ends at " + where;
        d.advice = "this step ran for " + formatDuration(stretch.duration()) +
                   " without an await: split the work, or move it off the loop with asyncio.to_thread";
    }
    // The first few victims in order of when they fell due; the rest as a count (a long freeze in a
    // busy program delays hundreds of tasks, and FrozenStretch::victims has them all).
    const std::size_t listed = std::min(stretch.victims.size(), kVictimsListed);
    for (std::size_t i = 0; i < listed; ++i) {
        const FrozenVictim& victim = stretch.victims[i];
        if (!d.detail.empty())
            d.detail += '\n';
        d.detail += taskLabel(trace, victim.task);
        d.detail += " ran " + formatDuration(victim.lateBy()) +
                    (victim.cause == WaitKind::Thread ? " late (its thread finished at " : " late (its timer fell due at ") +
                    formatDuration(victim.due) + ")";
    }
    if (stretch.victims.size() > listed) {
        TimeNs latest = 0;
        for (const FrozenVictim& victim : stretch.victims)
            latest = std::max(latest, victim.lateBy());
        d.detail += "\nand " + std::to_string(stretch.victims.size() - listed) + " more tasks ran late, by up to " +
                    formatDuration(latest);
    }
    return d;
}

Diagnostic concurrencyDiagnostic(const Trace& trace, const ConcurrencyLoss& loss, std::size_t source) {
    Diagnostic d;
    d.kind = DiagnosticKind::ConcurrencyLost;
    d.time = loss.begin;
    d.end = loss.end;
    d.task = loss.parent;
    d.site = loss.site;
    d.source = source;
    const std::string coroutine = coroutineName(trace, loss.tasks.front());
    const bool sameCoroutine = std::all_of(loss.tasks.begin(), loss.tasks.end(),
                                           [&](TaskId task) { return coroutineName(trace, task) == coroutine; });
    const std::string count = std::to_string(loss.tasks.size()) + " " +
                              (sameCoroutine && !coroutine.empty() ? coroutine + "() tasks" : std::string("tasks"));
    d.summary = count + " started together at " + formatMoment(loss.started) +
                (loss.peakInFlight <= 1 ? " ran one at a time"
                                        : " overlapped at most " + std::to_string(loss.peakInFlight) + " at a time");
    const std::string where = formatSite(trace, loss.site);
    if (loss.block < trace.blocks.size()) {
        const std::string who = coroutineName(trace, loss.blocker);
        d.summary += ": " + (who.empty() ? taskLabel(trace, loss.blocker) : who) + " held the loop with " +
                     blockDescription(trace, loss.block) + (where.empty() ? "" : " at " + where);
        d.advice = "run the blocking call in a thread with asyncio.to_thread, or use an async library, so that their waits overlap";
    } else if (loss.byAwait) {
        d.summary += ": each waited for " + awaitDescription(trace, loss.await) + (where.empty() ? "" : " at " + where);
        d.advice = "hold the lock (or the semaphore's slot) only around the part that must not overlap, not around the waiting";
    } else {
        d.advice = "start every wait before awaiting any of them: create the tasks first, then await them together";
    }
    d.summary += "; overlapped, they would have taken " + formatDuration(loss.overlapped) + ", not " +
                 formatDuration(loss.end - loss.begin);
    for (TaskId task : loss.tasks) {
        if (!d.detail.empty())
            d.detail += '\n';
        d.detail += taskLabel(trace, task);
    }
    return d;
}

} // namespace

std::vector<Diagnostic> collectDiagnostics(const Trace& trace, const std::vector<FrozenStretch>& stretches,
                                           const std::vector<ConcurrencyLoss>& losses) {
    std::vector<Diagnostic> list;
    list.reserve(stretches.size() + trace.neverAwaited.size() + trace.unretrievedErrors.size() +
                 trace.pendingAtExit.size() + trace.scriptErrors.size());
    for (std::size_t i = 0; i < stretches.size(); ++i)
        list.push_back(frozenDiagnostic(trace, stretches[i], i));
    for (std::size_t i = 0; i < trace.neverAwaited.size(); ++i) {
        const NeverAwaited& n = trace.neverAwaited[i];
        Diagnostic d;
        d.kind = DiagnosticKind::NeverAwaited;
        d.time = d.end = n.created;
        d.task = n.task;
        d.site = n.site;
        d.source = i;
        const std::string where = formatSite(trace, n.site);
        d.summary = "coroutine '" + std::string(trace.str(n.name)) + "' was never awaited";
        if (!where.empty())
            d.summary += " (created at " + where + ")";
        d.advice = "calling a coroutine function runs nothing: await the coroutine, or schedule it with "
                   "asyncio.create_task(...)";
        list.push_back(std::move(d));
    }
    for (std::size_t i = 0; i < trace.unretrievedErrors.size(); ++i) {
        const UnretrievedError& u = trace.unretrievedErrors[i];
        Diagnostic d;
        d.kind = DiagnosticKind::UnretrievedError;
        d.time = d.end = u.time;
        d.task = u.task;
        d.source = i;
        d.summary = "Task exception was never retrieved: " + taskLabel(trace, u.task) + " failed with " +
                    std::string(trace.str(u.text));
        d.advice = "await the task (or gather it) so that its exception reaches someone who handles it";
        list.push_back(std::move(d));
    }
    for (std::size_t i = 0; i < trace.pendingAtExit.size(); ++i) {
        const PendingAtExit& p = trace.pendingAtExit[i];
        Diagnostic d;
        d.kind = DiagnosticKind::PendingAtExit;
        d.time = d.end = p.time;
        d.task = p.task;
        d.source = i;
        if (p.task < trace.tasks.size())
            d.site = trace.tasks[p.task].createdAt;
        d.summary = taskLabel(trace, p.task) + " was still pending when the main coroutine returned; asyncio.run "
                                                 "cancelled it";
        d.advice = "await the task before returning (or cancel it and await the cancellation) so its work is not "
                   "lost";
        list.push_back(std::move(d));
    }
    for (std::size_t i = 0; i < trace.scriptErrors.size(); ++i) {
        const ScriptError& e = trace.scriptErrors[i];
        Diagnostic d;
        d.kind = DiagnosticKind::ScriptError;
        d.time = d.end = e.time;
        d.task = e.task;
        d.site = e.site;
        d.source = i;
        const std::string_view text = trace.str(e.text);
        const std::string where = formatSite(trace, e.site);
        d.summary = "script error" + (where.empty() ? std::string() : " at " + where) + ": " +
                    std::string(tracebackLastLine(text));
        d.detail = std::string(text.substr(0, text.find_last_not_of('\n') + 1));
        list.push_back(std::move(d));
    }
    for (std::size_t i = 0; i < losses.size(); ++i)
        list.push_back(concurrencyDiagnostic(trace, losses[i], i));
    std::stable_sort(list.begin(), list.end(), [](const Diagnostic& a, const Diagnostic& b) { return a.time < b.time; });
    return list;
}

} // namespace awaitscope
