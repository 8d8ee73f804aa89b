#include "teaching/DiagnosticExplainer.h"

#include "model/QtText.h"
#include "model/SourceText.h"

#include <awaitscope/analysis/TimeFormat.h>

#include <QRegularExpression>

#include <cmath>

namespace awaitscope::ui {

namespace {

QString atLine(int line) { return line > 0 ? QStringLiteral(" at line %1").arg(line) : QString(); }

} // namespace

DiagnosticExplanation explainDiagnostic(const DerivedTrace& model, const awaitscope::Diagnostic& d) {
    const Trace& trace = model.trace();
    DiagnosticExplanation e;
    e.line = d.site != kUnknownSite && d.site < trace.sites.size() ? static_cast<int>(trace.sites[d.site].line) : 0;
    e.code = sourceLine(trace, d.site);
    e.fix = QString::fromStdString(d.advice);
    const QString task = d.task < model.taskCount() ? QString::fromStdString(model.taskName(d.task)) : QStringLiteral("a task");
    switch (d.kind) {
    case DiagnosticKind::FrozenLoop: {
        e.kind = QStringLiteral("Loop frozen");
        const FrozenStretch& stretch = model.frozenStretches()[d.source];
        QString cause = e.code;
        if (cause.isEmpty() && stretch.block < trace.blocks.size())
            cause = qs(trace.str(trace.blocks[stretch.block].what));
        if (cause.isEmpty())
            cause = QStringLiteral("A step of %1").arg(task);
        e.headline = QStringLiteral("%1%2 blocked the event loop for %3: no other task could run meanwhile.")
                         .arg(cause, atLine(e.line), qs(plainDuration(stretch.duration())));
        // A freeze among thousands of tasks delays thousands: the worst few are named, the rest
        // counted, so that the card stays a card (and its layout cheap).
        const LateVictims late = lateVictims(stretch, 6);
        for (const FrozenVictim& victim : late.named)
            e.victims << QStringLiteral("%1 ran %2 late").arg(QString::fromStdString(model.taskName(victim.task)), qs(plainDuration(victim.lateBy())));
        if (late.more)
            e.victims << QStringLiteral("%1 more tasks, each up to %2 late")
                             .arg(countText(late.more), qs(plainDuration(late.moreUpTo)));
        static const QRegularExpression sleepCall(QStringLiteral("\\btime\\.sleep\\((.*)\\)"));
        const auto sleep = sleepCall.match(e.code);
        if (sleep.hasMatch())
            e.fix = QStringLiteral("Use `await asyncio.sleep(%1)` instead: it waits without holding the loop. For blocking "
                                   "library calls, use `await asyncio.to_thread(...)`.")
                        .arg(sleep.captured(1));
        else if (stretch.block < trace.blocks.size() && trace.blocks[stretch.block].kind == BlockKind::Network)
            e.fix = QStringLiteral("Use an async client, or run the call in a thread: `await asyncio.to_thread(...)`.");
        else if (stretch.block < trace.blocks.size() && trace.blocks[stretch.block].kind == BlockKind::Cpu)
            e.fix = QStringLiteral("Move the work to a thread with `await asyncio.to_thread(...)`, or split it and "
                                   "`await asyncio.sleep(0)` between the parts so other tasks get a turn.");
        break;
    }
    case DiagnosticKind::NeverAwaited: {
        e.kind = QStringLiteral("Never awaited");
        const NeverAwaited& n = trace.neverAwaited[d.source];
        const QString name = qs(trace.str(n.name));
        const QString written = writtenCall(trace, n);
        e.headline = QStringLiteral("%1%2 made a coroutine object, but nothing awaited it, so %3() never ran.")
                         .arg(written, atLine(e.line), name);
        e.victims << QStringLiteral("the work of %1() never happened").arg(name);
        e.fix = QStringLiteral("Write `await %1`, or run it alongside with `asyncio.create_task(%1)` (and await the task later).").arg(written);
        break;
    }
    case DiagnosticKind::UnretrievedError: {
        e.kind = QStringLiteral("Exception never retrieved");
        const UnretrievedError& u = trace.unretrievedErrors[d.source];
        if (d.task < trace.tasks.size()) {
            e.line = static_cast<int>(trace.sites[trace.tasks[d.task].createdAt].line);
            e.code = sourceLine(trace, trace.tasks[d.task].createdAt);
        }
        e.headline = QStringLiteral("%1 failed with %2, and nobody awaited it, so the error went unnoticed until the program ended.")
                         .arg(task, qs(trace.str(u.text)));
        e.victims << QStringLiteral("whoever needed %1's result").arg(task);
        e.fix = QStringLiteral("Await the task (or gather it) where its result is needed, so its exception reaches code that handles it.");
        break;
    }
    case DiagnosticKind::PendingAtExit:
        e.kind = QStringLiteral("Pending at exit");
        e.headline = QStringLiteral("%1 was still running when main() returned, so asyncio.run cancelled it: its work was cut off.").arg(task);
        e.victims << QStringLiteral("%1's unfinished work").arg(task);
        e.fix = QStringLiteral("Await the task before main() returns (or cancel it yourself and await the cancellation).");
        break;
    case DiagnosticKind::ConcurrencyLost: {
        e.kind = QStringLiteral("Concurrency lost");
        const ConcurrencyLoss& loss = model.analysis().concurrencyLoss[d.source];
        QString cause;
        if (loss.block < trace.blocks.size())
            cause = QStringLiteral(": %1%2 held the loop each time, so the next could not start waiting")
                        .arg(e.code.isEmpty() ? qs(blockDescription(trace, loss.block)) : e.code, atLine(e.line));
        else if (loss.byAwait)
            cause = QStringLiteral(": each waited for %1%2 until the one before was done")
                        .arg(qs(awaitDescription(trace, loss.await)), atLine(e.line));
        e.headline = QStringLiteral("%1 tasks were started together to run at the same time, but %2%3. Overlapped, they "
                                    "would have taken %4, not %5.")
                         .arg(loss.tasks.size())
                         .arg(loss.peakInFlight <= 1 ? QStringLiteral("they ran one at a time")
                                                     : QStringLiteral("at most %1 ran at once").arg(loss.peakInFlight))
                         .arg(cause, qs(plainDuration(loss.overlapped)), qs(plainDuration(loss.end - loss.begin)));
        constexpr std::size_t kNamed = 6;
        for (std::size_t i = 0; i < loss.tasks.size() && i < kNamed; ++i)
            e.victims << QString::fromStdString(model.taskName(loss.tasks[i]));
        if (loss.tasks.size() > kNamed)
            e.victims << QStringLiteral("%1 more tasks").arg(countText(loss.tasks.size() - kNamed));
        if (loss.block < trace.blocks.size())
            e.fix = QStringLiteral("Run the blocking call in a thread, `await asyncio.to_thread(...)`, or use an async library: "
                                   "then their waits overlap.");
        else if (loss.byAwait)
            e.fix = QStringLiteral("Hold the lock (or the semaphore's slot) only around the part that must not overlap.");
        break;
    }
    case DiagnosticKind::ScriptError:
        e.kind = QStringLiteral("Error");
        e.headline = QString::fromStdString(d.summary);
        e.detail = QString::fromStdString(d.detail);
        e.fix = e.line > 0 ? QStringLiteral("Fix line %1 and run again.").arg(e.line) : QStringLiteral("Fix the error and run again.");
        break;
    }
    return e;
}

} // namespace awaitscope::ui
