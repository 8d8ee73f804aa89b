#include "teaching/Prediction.h"

#include "teaching/DiagnosticExplainer.h"
#include "model/QtText.h"

#include <awaitscope/analysis/TimeFormat.h>

#include <QHash>
#include <QObject>

#include <algorithm>
#include <cmath>

namespace awaitscope::ui {

namespace {

// A moment as a learner reads it: to the millisecond first (a script's statements cost
// microseconds, and "printed it at 869 ns" is noise), then as a lesson says it ("0.2 s").
QString at(TimeNs t) {
    const TimeNs rounded = std::llround(static_cast<double>(t) / 1e6) * 1'000'000;
    return rounded == 0 ? QStringLiteral("0 s") : qs(plainDuration(rounded));
}

} // namespace

QStringList printedLines(const Trace& trace) {
    QStringList lines;
    for (const OutputLine& line : trace.output)
        if (line.stream == OutputStream::Stdout)
            lines << qs(trace.str(line.text));
    return lines;
}

std::size_t outputIndexOfPrinted(const Trace& trace, std::size_t printed) {
    for (std::size_t i = 0; i < trace.output.size(); ++i)
        if (trace.output[i].stream == OutputStream::Stdout && printed-- == 0)
            return i;
    return trace.output.size();
}

PredictionScore scorePrediction(const QStringList& predicted, const QStringList& actual) {
    // Each text's occurrences in the run, in order; the n-th prediction of a text is its n-th printing.
    QHash<QString, std::vector<int>> where;
    for (int i = 0; i < actual.size(); ++i)
        where[actual[i]].push_back(i);
    QHash<QString, std::size_t> used;
    PredictionScore score;
    for (int i = 0; i < predicted.size(); ++i) {
        PlacedLine placed{predicted[i], i, -1};
        auto found = where.find(predicted[i]);
        std::size_t& n = used[predicted[i]];
        if (found != where.end() && n < found->size())
            placed.actual = (*found)[n++];
        score.rightCount += placed.right();
        score.lines.push_back(std::move(placed));
    }
    return score;
}

QString explainOutputMoment(const DerivedTrace& model, std::size_t line) {
    const Trace& trace = model.trace();
    if (line >= trace.output.size())
        return {};
    const OutputLine& out = trace.output[line];
    const TaskId task = out.task;
    if (task >= model.taskCount())
        return QObject::tr("Printed at %1, outside any task.").arg(at(out.time));
    const QString who = QString::fromStdString(model.taskName(task));
    const auto& spans = model.index().lane(task).spans;
    // The step that printed it, and what came before that step.
    auto step = std::partition_point(spans.begin(), spans.end(), [&](const Span& s) { return s.begin <= out.time; });
    while (step != spans.begin() && (step == spans.end() || step->state != SpanState::Running || step->begin > out.time))
        --step;
    const Span* ready = nullptr;
    const Span* awaiting = nullptr;
    for (auto it = step; it != spans.begin();) {
        --it;
        if (it->state == SpanState::Ready && !ready && !awaiting)
            ready = &*it;
        else if (it->state == SpanState::Awaiting) {
            awaiting = &*it;
            break;
        } else if (it->state == SpanState::Running)
            break;
    }
    QString text = QObject::tr("%1 printed it at %2").arg(who, at(out.time));
    if (ready && ready->duration() > 1'000'000) {
        for (const FrozenStretch& stretch : model.frozenStretches())
            if (stretch.begin < ready->end && stretch.end > ready->begin && stretch.culprit != task)
                return text + QObject::tr(": it was ready at %1, but %2 held the loop (frozen) until %3.")
                                  .arg(at(ready->begin), QString::fromStdString(model.taskName(stretch.culprit)), at(stretch.end));
        return text + QObject::tr(": it was ready at %1 and waited %2 for its turn on the loop.").arg(at(ready->begin), qs(plainDuration(ready->duration())));
    }
    QString awaitWhat;
    if (awaiting) {
        const SiteId site = awaiting->ref < trace.awaits.size() ? trace.awaits[awaiting->ref].site : kUnknownSite;
        const QString line = site != kUnknownSite && site < trace.sites.size() ? QObject::tr(" (line %1)").arg(trace.sites[site].line) : QString();
        awaitWhat = qs(model.awaitDescription(awaiting->ref)) + line;
    }
    // A line printed at the end of a long step came late because of what that step did
    // before it: when the step froze the loop, that is the cause, not the await before it.
    if (step != spans.end() && step->state == SpanState::Running && out.time - step->begin > 1'000'000)
        for (const FrozenStretch& stretch : model.frozenStretches())
            if (stretch.culprit == task && stretch.begin < out.time && stretch.end > step->begin) {
                const QString call = stretch.block != kNoBlock
                                         ? QObject::tr("its %1%2").arg(qs(blockDescription(trace, stretch.block)), qs(atLine(trace, stretch.site)))
                                         : QObject::tr("its own computation, with no await,");
                text += QObject::tr(", right after %1 held the loop (frozen) from %2 to %3").arg(call, at(stretch.begin), at(stretch.end));
                if (awaiting)
                    return text + QObject::tr("; that step began at %1, when its await %2 was over.").arg(at(awaiting->end), awaitWhat);
                return text + QLatin1Char('.');
            }
    if (awaiting)
        return text + QObject::tr(", as soon as its await %1 was over at %2.").arg(awaitWhat, at(awaiting->end));
    const TaskId parent = model.parentOf(task);
    if (parent != kNoTask)
        return text + QObject::tr(" in its first step. New tasks start once %1 gives the loop back, in the order they were "
                                  "created: the ready queue is first in, first out.")
                          .arg(QString::fromStdString(model.taskName(parent)));
    return text + QObject::tr(", before its first await.");
}

} // namespace awaitscope::ui
