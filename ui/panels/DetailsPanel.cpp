#include "panels/DetailsPanel.h"

#include "teaching/Lesson.h"
#include "model/CriticalPathText.h"
#include "model/QtText.h"
#include "model/SelectionInfo.h"
#include "timeline/RulerTicks.h"
#include "timeline/TimelineStyle.h"

#include <awaitscope/analysis/TimeFormat.h>

#include <algorithm>

namespace awaitscope::ui {

DetailsPanel::DetailsPanel(TraceDocument* document, ViewState* viewState, QWidget* parent)
    : QTextBrowser(parent), document_(document), view_(viewState) {
    setObjectName(QStringLiteral("detailsPanel"));
    setOpenLinks(false);
    connect(document_, &TraceDocument::documentChanged, this, &DetailsPanel::refresh);
    connect(view_, &ViewState::selectionChanged, this, &DetailsPanel::refresh);
    connect(view_, &ViewState::criticalPathShownChanged, this, &DetailsPanel::refresh);
    refresh();
}

void DetailsPanel::setLesson(const QString& lesson) {
    lesson_ = lesson;
    refresh();
}

QString DetailsPanel::overviewHtml() const {
    const auto& model = document_->model();
    if (!model)
        return tr("<p>Pick a lesson, or open a trace.</p>");
    const Trace& trace = model->trace();
    QString html = QStringLiteral("<h3>%1</h3>").arg(document_->displayName().toHtmlEscaped());
    html += criticalPathHtml();
    if (!lesson_.isEmpty()) {
        const LessonText lesson = parseLesson(lesson_, document_->displayName());
        for (const QString& paragraph : lesson.paragraphs)
            html += QStringLiteral("<p>%1</p>").arg(paragraph.toHtmlEscaped());
        if (!lesson.notices.isEmpty()) {
            html += tr("<p>What to notice:</p><ul>");
            for (const QString& notice : lesson.notices)
                html += QStringLiteral("<li>%1</li>").arg(notice.toHtmlEscaped());
            html += QStringLiteral("</ul>");
        }
    }
    html += QStringLiteral("<table cellspacing=4>");
    auto row = [&](const QString& label, const QString& value) {
        html += QStringLiteral("<tr><td style='color:gray'>%1</td><td>%2</td></tr>").arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    row(tr("Total time"), qs(formatDuration(model->range().duration())));
    row(tr("Tasks"), QString::number(trace.tasks.size()));
    row(tr("Events"), QString::number(trace.eventCount()));
    row(tr("Loop frozen"), model->frozenStretches().empty() ? tr("never") : tr("%n time(s)", nullptr, static_cast<int>(model->frozenStretches().size())));
    row(tr("Never awaited"), QString::number(trace.neverAwaited.size()));
    html += QStringLiteral("</table>");
    html += tr("<p style='color:gray'>Click any bar, ghost or band in the timeline to see what it means. "
               "Wheel zooms, drag pans, F fits, Shift+drag measures.</p>");
    return html;
}

void DetailsPanel::refresh() {
    const auto& model = document_->model();
    const Selection& selection = view_->selection();
    if (!model || selection.isEmpty()) {
        setHtml(overviewHtml());
        return;
    }
    const SelectionInfo info = describeSelection(*model, selection, TimeDetail::Exact);
    if (!info.valid) {
        setHtml(overviewHtml());
        return;
    }
    QString html = QStringLiteral("<h3>%1</h3><p>%2</p>").arg(info.title.toHtmlEscaped(), info.explanation.toHtmlEscaped());
    html += criticalLinkHtml(selection, info);
    html += QStringLiteral("<table cellspacing=4>");
    for (const auto& [label, value] : info.facts)
        html += QStringLiteral("<tr><td style='color:gray'>%1</td><td>%2</td></tr>").arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    html += QStringLiteral("</table>");
    if (info.timeShares && info.timeShares->lifetime > 0)
        html += timeSharesHtml(model->trace(), *info.timeShares);
    setHtml(html);
}

// With the path shown and nothing selected: the path in sentences, as `--report` says it (a
// profiler's summary of the run), and how to walk it.
QString DetailsPanel::criticalPathHtml() const {
    const auto& model = document_->model();
    if (!model || !view_->showsCriticalPath())
        return {};
    const CriticalPath& path = model->analysis().criticalPath;
    if (path.segments.empty())
        return tr("<p><b>Critical path</b><br>This run has none: no task ran.</p>");
    QString html = tr("<p><b>Critical path</b>");
    for (const std::string& sentence : describeCriticalPath(model->trace(), model->index(), path, model->frozenStretches()))
        html += QStringLiteral("<br>%1").arg(qs(sentence).toHtmlEscaped());
    html += tr("</p><p style='color:gray'>Walk it link by link: View › Walk the Critical Path, then ] and [.</p>");
    return html;
}

// With the path shown: whether the selection lies on it. A task says how much of the path is
// its own; anything else names the link it lies in.
QString DetailsPanel::criticalLinkHtml(const Selection& selection, const SelectionInfo& info) const {
    const auto& model = document_->model();
    if (!model || !view_->showsCriticalPath() || selection.task == kNoTask || !info.range)
        return {};
    const CriticalPath& path = model->analysis().criticalPath;
    if (selection.kind == SelectionKind::Task) {
        TimeNs onPath = 0;
        std::size_t links = 0;
        for (const CriticalSegment& segment : path.segments)
            if (segment.task == selection.task) {
                onPath += segment.duration();
                ++links;
            }
        if (links == 0)
            return tr("<p><b>Not on the critical path:</b> the run's length never waited on this task.</p>");
        return tr("<p><b>On the critical path</b> for %1 of the run's %2 (%n link(s)).</p>", nullptr, static_cast<int>(links))
            .arg(qs(plainDuration(onPath)), qs(plainDuration(model->range().duration())));
    }
    const auto link = path.linkOf(selection.task, info.range->begin, info.range->end);
    if (!link)
        return tr("<p><b>Not on the critical path</b> here: the run's length did not wait on this.</p>");
    return tr("<p><b>On the critical path</b> (%1): %2</p>")
        .arg(criticalLinkPlace(*model, *link).toHtmlEscaped(), criticalLinkText(*model, *link).toHtmlEscaped());
}

// Where a task's time went: one bar, its parts in the timeline's colours (running green,
// queued in the "ready" colour, held in the frozen loop's red, awaits in the awaiting grey-blue),
// the sentence, and every part in a list with its swatch.
QString DetailsPanel::timeSharesHtml(const Trace& trace, const TimeBreakdown& breakdown) const {
    const TimelineStyle style = TimelineStyle::forPalette(palette());
    const auto colour = [&](TimeUse use) {
        switch (use) {
        case TimeUse::Running: return style.running;
        case TimeUse::Blocking: return style.blocking;
        case TimeUse::Queued: return style.ready;
        case TimeUse::Held: return style.frozen;
        case TimeUse::Sleeping: return style.awaiting;
        case TimeUse::AwaitingTask: return style.awaitingBorder;
        case TimeUse::AwaitingThread:
        case TimeUse::AwaitingIo:
        case TimeUse::AwaitingOther: return style.folded;
        }
        return style.folded;
    };
    QString html = tr("<p><b>Where its time went</b><br>%1</p>").arg(qs(describeTimeBreakdown(trace, breakdown)).toHtmlEscaped());
    html += QStringLiteral("<table width='100%' cellspacing=0 cellpadding=0><tr>");
    for (const TimeShare& share : breakdown.shares) {
        const double percent = 100.0 * static_cast<double>(share.duration) / static_cast<double>(breakdown.lifetime);
        if (percent >= 0.5)
            html += QStringLiteral("<td width='%1%' bgcolor='%2' height=12></td>")
                        .arg(std::max(1, static_cast<int>(percent + 0.5)))
                        .arg(colour(share.use).name());
    }
    html += QStringLiteral("</tr></table><table cellspacing=2>");
    for (const TimeShare& share : breakdown.shares)
        html += QStringLiteral("<tr><td><span style='color:%1'>&#9632;</span></td><td>%2</td></tr>")
                    .arg(colour(share.use).name(), qs(describeTimeShare(trace, share)).toHtmlEscaped());
    html += QStringLiteral("</table>");
    return html;
}

} // namespace awaitscope::ui
