#include "panels/ComparisonView.h"

#include "teaching/DiagnosticExplainer.h"
#include "model/QtText.h"
#include "model/ThemedIcon.h"
#include "timeline/TimelineView.h"

#include <awaitscope/analysis/TimeFormat.h>

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QSettings>
#include <QSplitter>
#include <QStyle>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace awaitscope::ui {

namespace {

// Up to this many events in both runs together, the comparison is worked out at once (a lesson's
// takes a millisecond); beyond, on a worker thread, so that a big trace never stalls the window.
constexpr std::size_t kCompareHereUpToEvents = 200'000;
// The list of differences shows about this many lines, then scrolls: the timelines keep the room.
constexpr double kDifferenceLines = 4.6;
constexpr const char* kDifferencesShownKey = "comparison/differencesShown";
// Two timelines share the height of one: on a 768-pixel screen each has about 150 pixels. Each
// asks for no more than its ruler, counters and a lane, or the panes would overlap.
constexpr int kComparedMinimumHeight = 120;

TimeNs totalOf(const TraceDocument* document) {
    const auto& model = document->model();
    return model ? model->trace().endTime() - model->trace().startTime() : 0;
}

// Wraps to the width it is given and never asks for more: its height then follows from that
// width (without the height-for-width flag a layout sizes it for a narrow column, hundreds of
// pixels tall, and squeezes the timelines).
QSizePolicy wrappingPolicy() {
    QSizePolicy policy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    return policy;
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
      mainTimeline_(main), mainMinimumHeight_(main->minimumHeight()) {
    setObjectName(QStringLiteral("comparisonView"));
    otherTimeline_ = new TimelineView(other_, otherView_, this);
    otherTimeline_->setObjectName(QStringLiteral("comparisonTimeline"));
    otherTimeline_->setShowLegend(false);
    otherTimeline_->setMinimumHeight(kComparedMinimumHeight);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    header_ = new QWidget(this);
    header_->setObjectName(QStringLiteral("comparisonHeader"));
    header_->setAutoFillBackground(true);
    auto* headerLayout = new QVBoxLayout(header_);
    headerLayout->setContentsMargins(8, 4, 4, 4);
    headerLayout->setSpacing(2);
    auto* bannerRow = new QHBoxLayout;
    bannerRow->setContentsMargins(0, 0, 0, 0);
    banner_ = new QLabel(header_);
    banner_->setObjectName(QStringLiteral("comparisonBanner"));
    QFont big = banner_->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.15);
    banner_->setFont(big);
    // The sentence names both runs and can be long: it wraps, or the window would grow past
    // the screen and push the Code panel and the close button off it.
    banner_->setWordWrap(true);
    banner_->setSizePolicy(wrappingPolicy());
    close_ = new QToolButton(header_);
    close_->setText(tr("Close comparison"));
    close_->setObjectName(QStringLiteral("closeComparison"));
    close_->setIcon(themedIcon(style()->standardIcon(QStyle::SP_DialogCloseButton)));
    close_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bannerRow->addWidget(banner_, 1);
    bannerRow->addWidget(close_, 0, Qt::AlignTop);
    headerLayout->addLayout(bannerRow);
    story_ = new QLabel(header_);
    story_->setObjectName(QStringLiteral("comparisonStory"));
    story_->setWordWrap(true);
    story_->setSizePolicy(wrappingPolicy());
    differencesToggle_ = new QToolButton(header_);
    differencesToggle_->setObjectName(QStringLiteral("toggleDifferences"));
    differencesToggle_->setCheckable(true);
    differencesToggle_->setChecked(QSettings().value(QLatin1String(kDifferencesShownKey), true).toBool());
    differencesToggle_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    differencesToggle_->setAutoRaise(true);
    differencesToggle_->setToolTip(tr("Show or hide the list of differences"));
    differencesToggle_->hide();
    auto* storyRow = new QHBoxLayout;
    storyRow->setContentsMargins(0, 0, 0, 0);
    storyRow->addWidget(story_, 1);
    storyRow->addWidget(differencesToggle_, 0, Qt::AlignBottom);
    headerLayout->addLayout(storyRow);
    differences_ = new QListWidget(header_);
    differences_->setObjectName(QStringLiteral("comparisonDifferences"));
    // Long sentences wrap to the list's width, which follows the window's, never the other way.
    differences_->setWordWrap(true);
    differences_->setTextElideMode(Qt::ElideNone);
    differences_->setResizeMode(QListView::Adjust);
    differences_->setUniformItemSizes(false);
    differences_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    differences_->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    differences_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    differences_->setFixedHeight(static_cast<int>(fontMetrics().lineSpacing() * kDifferenceLines) + 2 * differences_->frameWidth());
    differences_->setToolTip(tr("Click a difference to select its task in both runs and see when it happened"));
    headerLayout->addWidget(differences_);
    connect(differences_, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) { showDifference(differences_->row(item)); });
    connect(differences_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) { showDifference(differences_->row(item)); });
    connect(differencesToggle_, &QToolButton::toggled, this, [this](bool shown) {
        QSettings().setValue(QLatin1String(kDifferencesShownKey), shown);
        showDifferenceList(shown);
    });
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

ComparisonView::~ComparisonView() {
    for (const QPointer<QThread>& worker : workers_)
        if (worker)
            worker->wait();
}

void ComparisonView::compareWith(std::shared_ptr<const DerivedTrace> other, const QString& name, ComparisonKind kind) {
    const bool was = isComparing();
    kind_ = kind;
    const TimeRange otherRange = other ? other->range() : TimeRange{0, 1'000'000'000};
    other_->setModel(std::move(other), DocumentOrigin::Recorded, name);
    syncing_ = true;
    otherView_->reset(otherRange);
    syncing_ = false;
    header_->show();
    splitter_->widget(0)->show();
    mainLabel_->show();
    mainTimeline_->setMinimumHeight(kComparedMinimumHeight);
    splitter_->setSizes({splitter_->height() / 2, splitter_->height() / 2});
    updateRange();
    view_->fitAll();
    otherView_->setVisibleRange(view_->visibleRange());
    otherView_->setPlayhead(view_->playhead());
    updateLabels();
    updateDifferences();
    if (!was)
        emit comparingChanged(true);
}

void ComparisonView::closeComparison() {
    const bool was = isComparing();
    other_->clear();
    ++comparisonGeneration_;
    comparison_ = {};
    differences_->clear();
    view_->setMark(std::nullopt);
    otherView_->setMark(std::nullopt);
    header_->hide();
    splitter_->widget(0)->hide();
    mainLabel_->hide();
    mainTimeline_->setMinimumHeight(mainMinimumHeight_);
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
    updateDifferences();
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

void ComparisonView::updateDifferences() {
    const std::uint64_t generation = ++comparisonGeneration_;
    comparison_ = {};
    differences_->clear();
    differences_->hide();
    differencesToggle_->hide();
    view_->setMark(std::nullopt);
    otherView_->setMark(std::nullopt);
    std::shared_ptr<const DerivedTrace> above = other_->model();
    std::shared_ptr<const DerivedTrace> below = document_->model();
    if (!above || !below) {
        story_->clear();
        return;
    }
    const ComparisonKind kind = kind_;
    if (above->eventsInTimeOrder().size() + below->eventsInTimeOrder().size() <= kCompareHereUpToEvents) {
        showComparison(compareRuns(*above, *below, kind));
        return;
    }
    story_->setText(tr("Comparing the runs…"));
    // Derived traces are read-only once built, so the worker may read them while the timelines paint.
    QThread* worker = QThread::create([this, above, below, kind, generation] {
        auto result = std::make_shared<RunComparison>(compareRuns(*above, *below, kind));
        QMetaObject::invokeMethod(
            this,
            [this, result, generation] {
                if (generation == comparisonGeneration_)
                    showComparison(std::move(*result));
            },
            Qt::QueuedConnection);
    });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    std::erase_if(workers_, [](const QPointer<QThread>& w) { return w.isNull(); });
    workers_.emplace_back(worker);
    worker->start(QThread::LowPriority);
}

void ComparisonView::showComparison(RunComparison comparison) {
    comparison_ = std::move(comparison);
    story_->setText(comparison_.headline + QLatin1Char('.'));
    differences_->clear();
    for (const Difference& difference : comparison_.differences) {
        auto* item = new QListWidgetItem(difference.text, differences_);
        if (difference.kind == DifferenceKind::Divergence) {
            QFont bold = item->font();
            bold.setBold(true);
            item->setFont(bold);
        }
        if (difference.kind == DifferenceKind::More)
            item->setFlags(Qt::ItemIsEnabled);
    }
    std::size_t listed = 0;
    for (const Difference& difference : comparison_.differences)
        listed += difference.kind != DifferenceKind::More;
    differencesToggle_->setText(tr("Differences (%1)").arg(listed));
    differencesToggle_->setVisible(!comparison_.differences.empty());
    showDifferenceList(differencesToggle_->isChecked());
    const QString diverge = tr("runs diverge");
    otherView_->setMark(comparison_.divergenceAbove ? std::optional<TimeMark>(TimeMark{*comparison_.divergenceAbove, diverge})
                                                    : std::nullopt);
    view_->setMark(comparison_.divergenceBelow ? std::optional<TimeMark>(TimeMark{*comparison_.divergenceBelow, diverge})
                                               : std::nullopt);
    emit differencesShown();
}

void ComparisonView::showDifferenceList(bool shown) {
    differencesToggle_->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
    differences_->setVisible(shown && !comparison_.differences.empty());
    // The header's height follows its width (its sentences wrap): the layout above caches it
    // per width and must be told that it changed.
    header_->updateGeometry();
}

void ComparisonView::showDifference(int row) {
    if (row < 0 || static_cast<std::size_t>(row) >= comparison_.differences.size())
        return;
    const Difference& difference = comparison_.differences[static_cast<std::size_t>(row)];
    if (difference.kind == DifferenceKind::More)
        return;
    otherView_->select(difference.taskAbove != kNoTask ? Selection::ofTask(difference.taskAbove) : Selection{});
    view_->select(difference.taskBelow != kNoTask ? Selection::ofTask(difference.taskBelow) : Selection{});
    const std::optional<TimeRange> span = difference.span();
    if (!span)
        return;
    // A moment alone would zoom in to nothing around it: show it with a fifth of the runs around.
    const TimeRange all = view_->traceRange();
    const TimeNs least = std::max<TimeNs>(all.duration() / 5, 1);
    TimeRange shown = *span;
    if (shown.duration() < least) {
        const TimeNs middle = shown.begin + shown.duration() / 2;
        shown = {middle - least / 2, middle - least / 2 + least};
    }
    view_->zoomTo(shown);
}

} // namespace awaitscope::ui
