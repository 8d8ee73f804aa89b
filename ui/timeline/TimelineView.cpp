#include "timeline/TimelineView.h"

#include "model/CriticalPathText.h"
#include "model/QtText.h"
#include "model/SelectionInfo.h"
#include "timeline/ArrowGeometry.h"
#include "timeline/LaneHeader.h"
#include "timeline/RulerTicks.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPainter>
#include <QScrollBar>
#include <QSettings>
#include <QToolButton>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace awaitscope::ui {

namespace {

constexpr int kScrollBarWidth = 12;
constexpr int kMinHeaderWidth = 80;
constexpr auto kHeaderWidthKey = "timeline/headerWidth";
constexpr double kKeyZoomFactor = 1.6;
constexpr double kPanFraction = 0.15;

template <class Records>
std::size_t firstIndexByBegin(const Records& records, TimeNs t) {
    using Record = typename Records::value_type;
    return static_cast<std::size_t>(
        std::partition_point(records.begin(), records.end(), [&](const Record& r) { return r.begin < t; }) - records.begin());
}

} // namespace

TimelineView::TimelineView(TraceDocument* document, ViewState* viewState, QWidget* parent)
    : QWidget(parent), document_(document), view_(viewState), style_(TimelineStyle::forPalette(palette())) {
    setObjectName(QStringLiteral("timeline"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(400, 200);
    chosenHeaderWidth_ = std::max(0, QSettings().value(kHeaderWidthKey, 0).toInt());
    applyChosenHeaderWidth();

    scrollBar_ = new QScrollBar(Qt::Vertical, this);
    connect(scrollBar_, &QScrollBar::valueChanged, this, [this](int value) {
        scrollY_ = value;
        update();
    });

    findBar_ = new QWidget(this);
    findBar_->setObjectName(QStringLiteral("findBar"));
    findBar_->setAutoFillBackground(true);
    auto* findLayout = new QHBoxLayout(findBar_);
    findLayout->setContentsMargins(6, 4, 6, 4);
    findEdit_ = new QLineEdit(findBar_);
    findEdit_->setObjectName(QStringLiteral("findEdit"));
    findEdit_->setPlaceholderText(tr("Find a task, coroutine, line (line 14) or printed text — Enter: next, Shift+Enter: back"));
    findEdit_->setClearButtonEnabled(true);
    findStatus_ = new QLabel(findBar_);
    auto* close = new QToolButton(findBar_);
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    findLayout->addWidget(findEdit_, 1);
    findLayout->addWidget(findStatus_);
    findLayout->addWidget(close);
    findBar_->hide();
    connect(findEdit_, &QLineEdit::returnPressed, this, [this] {
        if (QApplication::keyboardModifiers() & Qt::ShiftModifier)
            findPrevious(findEdit_->text());
        else
            findNext(findEdit_->text());
    });
    connect(close, &QToolButton::clicked, this, [this] {
        findBar_->hide();
        setFocus();
    });

    connect(document_, &TraceDocument::documentChanged, this, &TimelineView::rebuild);
    connect(view_, &ViewState::visibleRangeChanged, this, [this] { update(); });
    connect(view_, &ViewState::selectionChanged, this, [this](const Selection& selection) {
        if (selection.task != kNoTask && layout_)
            ensureTaskVisible(selection.task);
        update();
    });
    connect(view_, &ViewState::measuredRangeChanged, this, [this] { update(); });
    connect(view_, &ViewState::markChanged, this, [this] { update(); });
    connect(view_, &ViewState::playheadChanged, this, [this] { update(); });
    connect(view_, &ViewState::hoverTimeChanged, this, [this] { update(); });
    // The legend grows an entry: the plot's height, and so the scroll range, may change.
    connect(view_, &ViewState::criticalPathShownChanged, this, [this] {
        updateScrollBar();
        update();
    });
    rebuild();
}

void TimelineView::setStyle(const TimelineStyle& style) {
    style_ = style;
    applyChosenHeaderWidth();
    geometry_.reset();
    styleFollowsPalette_ = false;
    invalidateCache();
    update();
}

void TimelineView::setShowLegend(bool show) {
    showLegend_ = show;
    updateScrollBar();
    update();
}

void TimelineView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange && styleFollowsPalette_) {
        style_ = TimelineStyle::forPalette(palette());
        applyChosenHeaderWidth();
        geometry_.reset();
        invalidateCache();
    }
    QWidget::changeEvent(event);
}

void TimelineView::applyChosenHeaderWidth() {
    if (chosenHeaderWidth_ > 0) {
        style_.headerWidth = chosenHeaderWidth_;
        style_.headerWidthChosen = true;
    }
}

void TimelineView::setHeaderWidth(int width) {
    chosenHeaderWidth_ = std::clamp(width, kMinHeaderWidth, std::max(kMinHeaderWidth, this->width() * 3 / 5));
    applyChosenHeaderWidth();
    geometry_.reset();
    invalidateCache();
    updateScrollBar();
    update();
}

int TimelineView::fittingHeaderWidth() const {
    const TimelineFrame frame = currentFrame();
    if (!frame.model || !layout_)
        return style_.headerWidth;
    const QFontMetrics bold(style_.boldFont);
    const auto& rows = layout_->rows();
    int widest = 0;
    auto measure = [&](const LayoutRow& row) {
        // As the header pass lays a lane out: indent, open/close triangle, swatch, title.
        const bool lane = row.kind == RowKind::Task || row.kind == RowKind::Group;
        const int lead = 6 + row.treeDepth * 14 + (lane ? 25 : 0);
        widest = std::max(widest, lead + bold.horizontalAdvance(laneHeader(*frame.model, row).title) + 8);
    };
    for (std::size_t i = 0; i < layout_->firstTaskRow(); ++i)
        measure(rows[i]);
    const auto [first, last] = layout_->visibleTaskRows(scrollY_, frame.taskPlotRect().height());
    for (std::size_t i = first; i < last; ++i)
        measure(rows[i]);
    return widest;
}

bool TimelineView::onHeaderEdge(const TimelineFrame& frame, QPoint point) const {
    return frame.model && std::abs(point.x() - frame.plotRect().left()) <= 3 && point.y() >= frame.rect.top() &&
           point.y() <= frame.plotRect().bottom();
}

void TimelineView::invalidateCache() { cache_.clear(); }

void TimelineView::invalidateLanes() { cache_.clearLanes(); }

void TimelineView::rebuild() {
    collapsed_.clear();
    expandedGroups_.clear();
    findQuery_.clear();
    findHits_.clear();
    scrollY_ = 0;
    cache_.clear();
    rebuildLayout();
    scrollBar_->setValue(0);
    update();
}

void TimelineView::rebuildLayout() {
    const auto& model = document_->model();
    layout_ = model ? std::make_unique<TimelineLayout>(*model, collapsed_, expandedGroups_) : nullptr;
    updateScrollBar();
}

QRect TimelineView::timelineRect() const { return QRect(0, 0, width() - kScrollBarWidth, height()); }

TimelineFrame TimelineView::currentFrame() const {
    TimelineFrame frame;
    frame.model = document_->model().get();
    frame.layout = layout_.get();
    frame.style = &style_;
    frame.rect = timelineRect();
    frame.visible = view_->visibleRange();
    frame.scrollY = scrollY_;
    frame.selection = view_->selection();
    frame.hoverTime = view_->hoverTime();
    frame.playhead = view_->playhead();
    frame.playheadStep = view_->playheadStep();
    frame.measure = view_->measuredRange();
    frame.mark = view_->mark();
    frame.title = document_->displayName();
    frame.showLegend = showLegend_;
    frame.showCriticalPath = view_->showsCriticalPath();
    const bool asyncioWords = layout_ ? layout_->asyncioWords() : true;
    const auto key = std::make_tuple(frame.rect, style_.dark, showLegend_, layout_ ? layout_->pinnedHeight() : 0, asyncioWords,
                                     frame.showCriticalPath);
    if (!geometry_ || key != geometryKey_) {
        geometry_ = std::make_shared<const TimelineGeometry>(TimelineGeometry::compute(
            frame.rect, style_, showLegend_, layout_ ? layout_->pinnedHeight() : 0, asyncioWords, frame.showCriticalPath));
        geometryKey_ = key;
    }
    frame.geometry = geometry_;
    return frame;
}

void TimelineView::updateScrollBar() {
    const TimelineFrame frame = currentFrame();
    const int maximum = frame.maxScrollY();
    scrollBar_->setGeometry(width() - kScrollBarWidth, frame.plotRect().top(), kScrollBarWidth, frame.plotRect().height());
    scrollBar_->setRange(0, maximum);
    scrollBar_->setPageStep(std::max(1, frame.taskPlotRect().height()));
    scrollBar_->setSingleStep(24);
    scrollY_ = std::clamp(scrollY_, 0, maximum);
    scrollBar_->setValue(scrollY_);
}

void TimelineView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    updateScrollBar();
    const int barWidth = std::min(420, width() - 40);
    findBar_->setGeometry(width() - kScrollBarWidth - barWidth - 8, style_.rulerHeight + 4, barWidth, findBar_->sizeHint().height());
}

void TimelineView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    const QRect timeline = timelineRect();
    painter.fillRect(QRect(timeline.right() + 1, 0, width() - timeline.width(), height()), style_.rulerBackground);
    painter_.paint(painter, currentFrame(), &cache_);
    if (paintedGeneration_ != document_->generation()) {
        paintedGeneration_ = document_->generation();
        emit documentShown();
    }
}

QPoint TimelineView::pointAt(TaskId task, TimeNs t, LanePart part) const {
    const TimelineFrame frame = currentFrame();
    if (!layout_)
        return {};
    const int index = layout_->rowOfTask(task);
    if (index < 0)
        return {};
    const LayoutRow& row = layout_->rows()[static_cast<std::size_t>(index)];
    const LaneMetrics& m = layout_->metrics();
    const int y = frame.rowTop(row) + (part == LanePart::Ghosts ? row.markerCentreOffset(m) : row.stateOffset(m) + m.stateBarHeight / 2);
    return QPoint(static_cast<int>(std::lround(frame.scale().timeToX(t))), y);
}

void TimelineView::setCollapsed(TaskId task, bool collapsed) {
    if (!document_->model() || task >= document_->model()->taskCount())
        return;
    if (collapsed_.size() < document_->model()->taskCount())
        collapsed_.resize(document_->model()->taskCount(), false);
    if (collapsed_[task] == collapsed)
        return;
    collapsed_[task] = collapsed;
    rebuildLayout();
    update();
}

bool TimelineView::isCollapsed(TaskId task) const { return task < collapsed_.size() && collapsed_[task]; }

void TimelineView::setGroupExpanded(std::uint32_t group, bool expanded) {
    const auto& model = document_->model();
    if (!model || group >= model->groups().groups().size())
        return;
    if (expandedGroups_.size() < model->groups().groups().size())
        expandedGroups_.resize(model->groups().groups().size(), false);
    if (expandedGroups_[group] == expanded)
        return;
    expandedGroups_[group] = expanded;
    rebuildLayout();
    update();
}

bool TimelineView::isGroupExpanded(std::uint32_t group) const { return group < expandedGroups_.size() && expandedGroups_[group]; }

bool TimelineView::reveal(TaskId task) {
    const auto& model = document_->model();
    bool changed = false;
    const std::size_t groups = model->groups().groups().size();
    for (TaskId t = task; t != kNoTask && t < model->taskCount(); t = model->parentOf(t)) {
        if (t != task && isCollapsed(t)) {
            collapsed_[t] = false;
            changed = true;
        }
        if (const std::uint32_t group = model->groups().groupOf(t); group != kNoGroup && !isGroupExpanded(group)) {
            expandedGroups_.resize(groups, false);
            expandedGroups_[group] = true;
            changed = true;
        }
        if (model->parentOf(t) == t)
            break;
    }
    return changed;
}

void TimelineView::ensureTaskVisible(TaskId task) {
    const auto& model = document_->model();
    if (!model || !layout_ || task >= model->taskCount())
        return;
    // Open every collapsed ancestor and closed group first.
    if (reveal(task))
        rebuildLayout();
    const int index = layout_->rowOfTask(task);
    if (index < 0)
        return;
    const LayoutRow& row = layout_->rows()[static_cast<std::size_t>(index)];
    const int visibleHeight = currentFrame().taskPlotRect().height();
    if (row.y < scrollY_)
        scrollBar_->setValue(row.y);
    else if (row.y + row.height > scrollY_ + visibleHeight)
        scrollBar_->setValue(row.y + row.height - visibleHeight);
    update();
}

TimeNs TimelineView::anchorTime() const {
    const TimelineFrame frame = currentFrame();
    const QRect plot = frame.plotRect();
    if (plot.contains(lastMouse_))
        return frame.scale().xToTime(lastMouse_.x());
    const TimeRange visible = view_->visibleRange();
    return visible.begin + visible.duration() / 2;
}

void TimelineView::scrollBy(int dy) { scrollBar_->setValue(scrollBar_->value() + dy); }

void TimelineView::scrubTo(int x) {
    const auto& model = document_->model();
    if (!model)
        return;
    const TimeRange range = model->range();
    view_->setPlayhead(std::clamp(currentFrame().scale().xToTime(x), range.begin, range.end));
}

void TimelineView::mousePressEvent(QMouseEvent* event) {
    setFocus();
    if (event->button() != Qt::LeftButton || !document_->model())
        return;
    pressPoint_ = event->position().toPoint();
    pressRange_ = view_->visibleRange();
    pressScroll_ = scrollY_;
    const TimelineFrame frame = currentFrame();
    if (onHeaderEdge(frame, pressPoint_)) {
        drag_ = Drag::HeaderWidth;
        return;
    }
    const bool onPlayhead = view_->playhead() && frame.plotRect().contains(pressPoint_) &&
                            std::abs(frame.scale().timeToX(*view_->playhead()) - pressPoint_.x()) <= 4;
    if (frame.rulerRect().contains(pressPoint_) || onPlayhead) {
        drag_ = Drag::Scrub;
        setCursor(Qt::SizeHorCursor);
        scrubTo(pressPoint_.x());
        return;
    }
    if ((event->modifiers() & Qt::ShiftModifier) && frame.plotRect().contains(pressPoint_)) {
        drag_ = Drag::Measure;
        measureAnchor_ = frame.scale().xToTime(pressPoint_.x());
        view_->setMeasuredRange(TimeRange{measureAnchor_, measureAnchor_});
        return;
    }
    drag_ = Drag::Pending;
}

void TimelineView::mouseMoveEvent(QMouseEvent* event) {
    const QPoint point = event->position().toPoint();
    lastMouse_ = point;
    const TimelineFrame frame = currentFrame();
    if (frame.model && (frame.plotRect().contains(point) || frame.rulerRect().contains(point)))
        view_->setHoverTime(frame.scale().xToTime(point.x()));
    else
        view_->setHoverTime(std::nullopt);
    switch (drag_) {
    case Drag::None:
        // The headers' edge says it can be dragged.
        if (onHeaderEdge(frame, point) != edgeCursor_) {
            edgeCursor_ = !edgeCursor_;
            if (edgeCursor_)
                setCursor(Qt::SplitHCursor);
            else
                unsetCursor();
        }
        return;
    case Drag::HeaderWidth:
        setHeaderWidth(point.x() - frame.rect.left());
        return;
    case Drag::Pending:
        if ((point - pressPoint_).manhattanLength() < 4)
            return;
        drag_ = Drag::Pan;
        setCursor(Qt::ClosedHandCursor);
        [[fallthrough]];
    case Drag::Pan: {
        const TimeScale scale(pressRange_, frame.plotRect().left(), frame.plotRect().width());
        const double dx = point.x() - pressPoint_.x();
        view_->setVisibleRange(pannedBy(pressRange_, -scale.durationOf(dx)));
        scrollBar_->setValue(pressScroll_ - (point.y() - pressPoint_.y()));
        return;
    }
    case Drag::Scrub:
        scrubTo(point.x());
        return;
    case Drag::Measure: {
        const TimeNs t = frame.scale().xToTime(point.x());
        view_->setMeasuredRange(TimeRange{std::min(t, measureAnchor_), std::max(t, measureAnchor_)});
        return;
    }
    }
}

void TimelineView::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton)
        return;
    const Drag drag = std::exchange(drag_, Drag::None);
    if (drag == Drag::HeaderWidth) {
        QSettings().setValue(kHeaderWidthKey, chosenHeaderWidth_);
        return;
    }
    unsetCursor();
    edgeCursor_ = false;
    if (drag != Drag::Pending)
        return;
    // A click: select what is under it, or open/close a lane.
    const Hit hit = hitTest(currentFrame(), event->position().toPoint());
    if (hit.area == HitArea::CollapseToggle) {
        if (hit.selection.kind == SelectionKind::Group)
            setGroupExpanded(hit.selection.index, !isGroupExpanded(hit.selection.index));
        else
            setCollapsed(hit.selection.task, !isCollapsed(hit.selection.task));
        return;
    }
    if (hit.area == HitArea::Plot || hit.area == HitArea::Header) {
        if (hit.selection.isEmpty())
            view_->clearSelection();
        else
            view_->select(hit.selection);
        view_->setMeasuredRange(std::nullopt);
    }
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent* event) {
    if (onHeaderEdge(currentFrame(), event->position().toPoint())) {
        setHeaderWidth(fittingHeaderWidth());
        QSettings().setValue(kHeaderWidthKey, chosenHeaderWidth_);
        return;
    }
    const Hit hit = hitTest(currentFrame(), event->position().toPoint());
    if (hit.area == HitArea::Header && hit.selection.kind == SelectionKind::Task) {
        setCollapsed(hit.selection.task, !isCollapsed(hit.selection.task));
        return;
    }
    if (hit.area == HitArea::Header && hit.selection.kind == SelectionKind::Group) {
        setGroupExpanded(hit.selection.index, !isGroupExpanded(hit.selection.index));
        return;
    }
    if (hit.area == HitArea::Plot && !hit.selection.isEmpty() && document_->model()) {
        view_->select(hit.selection);
        fitSelectionOrAll();
    }
}

void TimelineView::wheelEvent(QWheelEvent* event) {
    if (!document_->model())
        return;
    const QPoint point = event->position().toPoint();
    lastMouse_ = point;
    const TimelineFrame frame = currentFrame();
    const QPoint angle = event->angleDelta();
    const bool overHeaders = point.x() < frame.plotRect().left();
    if (overHeaders || (event->modifiers() & Qt::AltModifier)) {
        scrollBy(-(angle.y() != 0 ? angle.y() : angle.x()) / 2);
    } else if (event->modifiers() & Qt::ShiftModifier) {
        const int delta = angle.y() != 0 ? angle.y() : angle.x();
        view_->panBy(-frame.scale().durationOf(delta / 120.0 * frame.plotRect().width() * 0.1));
    } else if (angle.x() != 0 && std::abs(angle.x()) > std::abs(angle.y())) {
        view_->panBy(-frame.scale().durationOf(angle.x() / 120.0 * frame.plotRect().width() * 0.1));
    } else if (angle.y() != 0) {
        // Plain wheel and Ctrl+wheel both zoom, keeping the time under the cursor in place.
        const double factor = std::pow(1.2, angle.y() / 120.0);
        view_->zoomAround(frame.scale().xToTime(point.x()), factor);
    }
    event->accept();
}

void TimelineView::keyPressEvent(QKeyEvent* event) {
    if (!document_->model()) {
        QWidget::keyPressEvent(event);
        return;
    }
    const TimeRange visible = view_->visibleRange();
    const TimeNs pan = static_cast<TimeNs>(static_cast<double>(visible.duration()) * kPanFraction);
    if (event->matches(QKeySequence::Find)) {
        showFindBar();
        return;
    }
    switch (event->key()) {
    case Qt::Key_W:
    case Qt::Key_Plus:
    case Qt::Key_Equal: view_->zoomAround(anchorTime(), kKeyZoomFactor); break;
    case Qt::Key_S:
    case Qt::Key_Minus: view_->zoomAround(anchorTime(), 1.0 / kKeyZoomFactor); break;
    case Qt::Key_A: view_->panBy(-pan); break;
    case Qt::Key_D: view_->panBy(pan); break;
    case Qt::Key_F: fitSelectionOrAll(); break;
    case Qt::Key_Home: view_->fitAll(); break;
    case Qt::Key_Left: stepEvent(-1); break;
    case Qt::Key_Right: stepEvent(+1); break;
    case Qt::Key_Up: stepTask(-1); break;
    case Qt::Key_Down: stepTask(+1); break;
    case Qt::Key_Escape:
        if (findBar_->isVisible())
            findBar_->hide();
        else if (view_->measuredRange())
            view_->setMeasuredRange(std::nullopt);
        else
            view_->clearSelection();
        break;
    default: QWidget::keyPressEvent(event); return;
    }
    event->accept();
}

void TimelineView::leaveEvent(QEvent* event) {
    lastMouse_ = {-1, -1};
    view_->setHoverTime(std::nullopt);
    QWidget::leaveEvent(event);
}

QString TimelineView::toolTipAt(QPoint point) const {
    const auto& model = document_->model();
    if (!model)
        return {};
    const Hit hit = hitTest(currentFrame(), point);
    // The path is shown to be asked about: its link comes before an arrow crossing the bar.
    QString text;
    if (hit.criticalLink)
        text = QStringLiteral("<b>On the critical path:</b> %1<br><span style='color:gray'>%2</span><br>")
                   .arg(criticalLinkText(*model, *hit.criticalLink).toHtmlEscaped(),
                        criticalLinkPlace(*model, *hit.criticalLink).toHtmlEscaped());
    else if (hit.arrow) {
        const WakeArrow& arrow = model->arrows()[*hit.arrow];
        return QStringLiteral("<b>%1</b><br>%2").arg(arrowTitle(*model, arrow).toHtmlEscaped(), arrowWhen(arrow).toHtmlEscaped());
    }
    const SelectionInfo info = describeSelection(*model, hit.selection);
    if (!info.valid)
        return text;
    text += QStringLiteral("<b>%1</b>").arg(info.title.toHtmlEscaped());
    for (const auto& [label, value] : info.facts) {
        if (label == QLatin1String("From") || label == QLatin1String("To"))
            continue;
        text += QStringLiteral("<br>%1: %2").arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    }
    return text;
}

bool TimelineView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip && document_->model()) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

void TimelineView::showFindBar() {
    findBar_->show();
    findBar_->raise();
    findEdit_->setFocus();
    findEdit_->selectAll();
}

bool TimelineView::findInBar(const QString& text) {
    showFindBar();
    findEdit_->setText(text);
    return findNext(text);
}

bool TimelineView::findNext(const QString& text) { return find(text, +1); }

bool TimelineView::findPrevious(const QString& text) { return find(text, -1); }

bool TimelineView::find(const QString& text, int direction) {
    const auto& model = document_->model();
    if (!model || text.trimmed().isEmpty())
        return false;
    if (text != findQuery_) {
        findQuery_ = text;
        findHits_ = searchTrace(*model, text.toStdString());
        // A new search goes on from the selected task (to its next hit), else from the start.
        const TaskId selected = view_->selection().task;
        const auto current = std::find_if(findHits_.begin(), findHits_.end(), [&](const SearchHit& h) { return h.task == selected; });
        findAt_ = current != findHits_.end() ? static_cast<std::size_t>(current - findHits_.begin())
                  : direction > 0            ? findHits_.size() - 1
                                             : 0;
    }
    if (findHits_.empty()) {
        findStatus_->setText(tr("nothing matches"));
        return false;
    }
    findAt_ = (findAt_ + findHits_.size() + static_cast<std::size_t>(direction > 0 ? 1 : findHits_.size() - 1)) % findHits_.size();
    const SearchHit& hit = findHits_[findAt_];
    findStatus_->setText(tr("%1 of %2 · %3").arg(countText(findAt_ + 1),
                                                 countText(findHits_.size()),
                                                 QString::fromLatin1(toString(hit.kind))));
    goToHit(hit);
    return true;
}

void TimelineView::goToHit(const SearchHit& hit) {
    const auto& model = document_->model();
    Selection selection = Selection::ofTask(hit.task);
    if (hit.kind == SearchHitKind::Output) {
        selection = Selection::of(SelectionKind::Output, hit.task, hit.index);
    } else if (hit.kind == SearchHitKind::Line && hit.task < model->taskCount()) {
        // The span that the line's moment begins (an await, a blocking call, a call).
        if (const Span* span = model->index().spanAt(hit.task, hit.time))
            selection = Selection::of(SelectionKind::Span, hit.task, static_cast<std::uint32_t>(span - model->index().lane(hit.task).spans.data()));
    }
    if (hit.task < model->taskCount())
        ensureTaskVisible(hit.task);
    view_->select(selection);
    const TimeRange visible = view_->visibleRange();
    if (hit.time < visible.begin || hit.time > visible.end)
        view_->panBy(hit.time - (visible.begin + visible.duration() / 2));
}

void TimelineView::stepEvent(int direction) {
    const auto& model = document_->model();
    if (!model)
        return;
    Selection selection = view_->selection();
    if (selection.kind == SelectionKind::None || selection.task == kNoTask) {
        if (model->taskCount() == 0)
            return;
        selection = Selection::ofTask(model->rootTasks().empty() ? 0 : model->rootTasks().front());
    }
    const TaskId task = selection.task;
    const TaskLane& lane = model->index().lane(task);
    Selection next = selection;
    if (selection.kind == SelectionKind::Frame && !lane.frames.empty()) {
        const long index = static_cast<long>(selection.index) + direction;
        if (index < 0 || index >= static_cast<long>(lane.frames.size()))
            return;
        next.index = static_cast<std::uint32_t>(index);
    } else {
        if (lane.spans.empty())
            return;
        long index = 0;
        if (selection.kind == SelectionKind::Span)
            index = static_cast<long>(selection.index) + direction;
        else {
            // From anything else on the lane: the span at (or after) its moment.
            const SelectionInfo info = describeSelection(*model, selection);
            const TimeNs at = info.range && selection.kind != SelectionKind::Task ? info.range->begin : lane.begin;
            index = static_cast<long>(std::min<std::size_t>(firstIndexByBegin(lane.spans, at), lane.spans.size() - 1));
            if (direction < 0 && selection.kind == SelectionKind::Task)
                index = static_cast<long>(lane.spans.size()) - 1;
        }
        if (index < 0 || index >= static_cast<long>(lane.spans.size()))
            return;
        next = Selection::of(SelectionKind::Span, task, static_cast<std::uint32_t>(index));
    }
    view_->select(next);
    // Keep the zoom; move the view only if the new item is off screen.
    const SelectionInfo info = describeSelection(*model, next);
    if (info.range) {
        const TimeRange visible = view_->visibleRange();
        if (info.range->begin < visible.begin || info.range->begin > visible.end)
            view_->panBy(info.range->begin - (visible.begin + visible.duration() / 2));
    }
}

void TimelineView::stepTask(int direction) {
    const auto& model = document_->model();
    if (!model || !layout_)
        return;
    const auto& rows = layout_->rows();
    const TaskId current = view_->selection().task;
    int index = current != kNoTask ? layout_->rowOfTask(current) : -1;
    if (view_->selection().kind == SelectionKind::Group)
        index = layout_->rowOfGroup(view_->selection().index);
    if (index < 0)
        index = direction > 0 ? static_cast<int>(layout_->firstTaskRow()) - 1 : static_cast<int>(rows.size());
    const int next = index + direction;
    if (next < static_cast<int>(layout_->firstTaskRow()) || next >= static_cast<int>(rows.size()))
        return;
    const LayoutRow& nextRow = rows[static_cast<std::size_t>(next)];
    if (nextRow.kind == RowKind::Group) {
        view_->select(Selection::ofGroup(nextRow.group));
        return;
    }
    const TaskId task = nextRow.task;
    // Stay at the same moment when a span is selected: the span of the other task then.
    const Selection& selection = view_->selection();
    if (selection.kind == SelectionKind::Span) {
        const SelectionInfo info = describeSelection(*model, selection);
        if (info.range) {
            const TimeNs middle = info.range->begin + info.range->duration() / 2;
            if (const Span* span = model->index().spanAt(task, middle)) {
                view_->select(Selection::of(SelectionKind::Span, task,
                                            static_cast<std::uint32_t>(span - model->index().lane(task).spans.data())));
                return;
            }
        }
    }
    view_->select(Selection::ofTask(task));
}

void TimelineView::fitSelectionOrAll() {
    const auto& model = document_->model();
    if (!model)
        return;
    const SelectionInfo info = describeSelection(*model, view_->selection());
    if (info.valid && info.range)
        view_->zoomTo(*info.range);
    else
        view_->fitAll();
}

} // namespace awaitscope::ui
