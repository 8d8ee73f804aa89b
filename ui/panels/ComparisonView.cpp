#include "panels/ComparisonView.h"

#include "teaching/DiagnosticExplainer.h"
#include "model/QtText.h"
#include "model/ThemedIcon.h"
#include "timeline/TimelineView.h"

#include <awaitscope/analysis/TimeFormat.h>

#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace awaitscope::ui {

namespace {

TimeNs totalOf(const TraceDocument* document) {
    const auto& model = document->model();
    return model ? model->trace().endTime() - model->trace().startTime() : 0;
}

QLabel* runLabel(QWidget* parent, const QString& name) {
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setContentsMargins(8, 2, 8, 2);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    // A long run name wraps: the label must never widen the window past the screen.
    label->setWordWrap(true);
    return label;
}

// One run's pane in the splitter: its label above its timeline. Returns the label.
QLabel* addRunPane(QSplitter* splitter, QWidget* timeline, const QString& labelName) {
    auto* pane = new QWidget(splitter);
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    QLabel* label = runLabel(pane, labelName);
    layout->addWidget(label);
    layout->addWidget(timeline, 1);
    splitter->addWidget(pane);
    return label;
}

} // namespace

ComparisonView::ComparisonView(TimelineView* main, TraceDocument* document, ViewState* view, QWidget* parent)
    : QWidget(parent), document_(document), view_(view), other_(new TraceDocument(this)), otherView_(new ViewState(this)),
      mainTimeline_(main) {
    setObjectName(QStringLiteral("comparisonView"));
    otherTimeline_ = new TimelineView(other_, otherView_, this);
    otherTimeline_->setObjectName(QStringLiteral("comparisonTimeline"));
    otherTimeline_->setShowLegend(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    header_ = new QWidget(this);
    header_->setObjectName(QStringLiteral("comparisonHeader"));
    header_->setAutoFillBackground(true);
    auto* headerLayout = new QHBoxLayout(header_);
    headerLayout->setContentsMargins(8, 4, 4, 4);
    banner_ = new QLabel(header_);
    banner_->setObjectName(QStringLiteral("comparisonBanner"));
    QFont big = banner_->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.15);
    banner_->setFont(big);
    // The sentence names both runs and can be long: it wraps, or the window would grow past
    // the screen and push the Code panel and the close button off it.
    banner_->setWordWrap(true);
    banner_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    close_ = new QToolButton(header_);
    close_->setText(tr("Close comparison"));
    close_->setObjectName(QStringLiteral("closeComparison"));
    close_->setIcon(themedIcon(style()->standardIcon(QStyle::SP_DialogCloseButton)));
    close_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    headerLayout->addWidget(banner_, 1);
    headerLayout->addWidget(close_);
    splitter_ = new QSplitter(Qt::Vertical, this);
    otherLabel_ = addRunPane(splitter_, otherTimeline_, QStringLiteral("comparisonOtherLabel"));
    mainLabel_ = addRunPane(splitter_, main, QStringLiteral("comparisonMainLabel"));
    splitter_->setChildrenCollapsible(false);
    layout->addWidget(header_);
    layout->addWidget(splitter_, 1);
    connect(close_, &QToolButton::clicked, this, &ComparisonView::closeComparison);

    // One time scale: whichever view moves, the other follows.
    connect(view_, &ViewState::visibleRangeChanged, this, [this](TimeRange range) {
        if (!syncing_ && isComparing()) {
            syncing_ = true;
            otherView_->setVisibleRange(range);
            syncing_ = false;
        }
    });
    connect(otherView_, &ViewState::visibleRangeChanged, this, [this](TimeRange range) {
        if (!syncing_) {
            syncing_ = true;
            view_->setVisibleRange(range);
            syncing_ = false;
        }
    });
    connect(view_, &ViewState::playheadChanged, this, [this](std::optional<TimeNs> time) {
        if (isComparing())
            otherView_->setPlayhead(time);
    });
    closeComparison();
}

QString ComparisonView::differenceText(const QString& beforeName, TimeNs before, const QString& nowName, TimeNs now) {
    if (before <= 0 || now <= 0)
        return tr("Both runs on one time scale.");
    const TimeNs difference = before - now;
    if (std::llabs(difference) < std::max<TimeNs>(before, now) / 100)
        return tr("Both runs take the same time: %1.").arg(qs(plainDuration(now)));
    const double ratio = static_cast<double>(std::max(before, now)) / static_cast<double>(std::min(before, now));
    const QString times = QString::number(ratio, 'f', ratio < 10 ? 1 : 0);
    if (difference > 0)
        return tr("“%1” is %2 faster than “%3”: %4 instead of %5 (%6× as fast).")
            .arg(nowName, qs(plainDuration(difference)), beforeName, qs(plainDuration(now)), qs(plainDuration(before)), times);
    return tr("“%1” is %2 slower than “%3”: %4 instead of %5 (%6× as long).")
        .arg(nowName, qs(plainDuration(-difference)), beforeName, qs(plainDuration(now)), qs(plainDuration(before)), times);
}

void ComparisonView::compareWith(std::shared_ptr<const DerivedTrace> other, const QString& name) {
    const bool was = isComparing();
    const TimeRange otherRange = other ? other->range() : TimeRange{0, 1'000'000'000};
    other_->setModel(std::move(other), DocumentOrigin::Recorded, name);
    syncing_ = true;
    otherView_->reset(otherRange);
    syncing_ = false;
    header_->show();
    splitter_->widget(0)->show();
    mainLabel_->show();
    splitter_->setSizes({splitter_->height() / 2, splitter_->height() / 2});
    updateRange();
    view_->fitAll();
    otherView_->setVisibleRange(view_->visibleRange());
    otherView_->setPlayhead(view_->playhead());
    updateLabels();
    if (!was)
        emit comparingChanged(true);
}

void ComparisonView::closeComparison() {
    const bool was = isComparing();
    other_->clear();
    header_->hide();
    splitter_->widget(0)->hide();
    mainLabel_->hide();
    if (document_->model())
        view_->setTraceRange(document_->model()->range());
    if (was)
        emit comparingChanged(false);
}

void ComparisonView::mainDocumentChanged() {
    if (!isComparing())
        return;
    updateRange();
    view_->fitAll();
    updateLabels();
}

void ComparisonView::updateRange() {
    const auto& a = document_->model();
    const auto& b = other_->model();
    TimeRange range = a ? a->range() : b->range();
    if (a && b)
        range = {std::min(a->range().begin, b->range().begin), std::max(a->range().end, b->range().end)};
    view_->setTraceRange(range);
    otherView_->setTraceRange(range);
}

void ComparisonView::updateLabels() {
    const TimeNs before = totalOf(other_);
    const TimeNs now = totalOf(document_);
    otherLabel_->setText(tr("Above: %1 — %2 in all").arg(other_->displayName(), qs(plainDuration(before))));
    mainLabel_->setText(tr("Below: %1 — %2 in all").arg(document_->displayName(), qs(plainDuration(now))));
    banner_->setText(differenceText(other_->displayName(), before, document_->displayName(), now));
}

} // namespace awaitscope::ui
