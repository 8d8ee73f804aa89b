#include "timeline/TimelinePainter.h"

#include "model/QtText.h"
#include "model/SelectionInfo.h"
#include "timeline/Legend.h"
#include "timeline/RulerTicks.h"

#include <awaitscope/analysis/PlayheadState.h>

#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace awaitscope::ui {

namespace {

// Integer rectangles take the raster engine's fast fill path; every item gets a pixel at least.
QRect itemRect(const DrawItem& item, int top, int height) {
    const int x0 = static_cast<int>(std::floor(item.x0));
    const int x1 = std::max(x0 + 1, static_cast<int>(std::lround(item.x1)));
    return QRect(x0, top, x1 - x0, height);
}

QString countLabel(std::uint32_t count, const char* what) { return QStringLiteral("%1 %2").arg(count).arg(QLatin1String(what)); }

bool isThreadLane(const DerivedTrace& model, TaskId task) {
    return task < model.taskCount() && model.trace().tasks[task].kind == TaskKind::Thread;
}

// Rectangles of one colour, drawn with one call: a row of a few hundred spans then costs a
// handful of QPainter calls instead of hundreds.
struct RectBatch {
    std::vector<QRect> rects;
    void add(const QRect& r) { rects.push_back(r); }
    void fill(QPainter& p, const QBrush& brush) {
        if (rects.empty())
            return;
        p.setPen(Qt::NoPen);
        p.setBrush(brush);
        p.drawRects(rects.data(), static_cast<int>(rects.size()));
        rects.clear();
    }
};

struct PendingLabel {
    QRect rect;
    QString text;
    QColor color;
    Qt::Alignment align;
};

} // namespace

void drawGhostMarker(QPainter& p, const TimelineStyle& style, QPointF centre, double radius) {
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    QColor fill = style.ghost;
    fill.setAlpha(70);
    QPen pen(style.ghost, 1.6, Qt::DashLine);
    p.setPen(pen);
    p.setBrush(fill);
    // A ghost: round head, wavy hem. Reads as "something that was never really there".
    QPainterPath path;
    const double r = radius;
    path.moveTo(centre.x() - r, centre.y() + r);
    path.lineTo(centre.x() - r, centre.y());
    path.arcTo(QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r), 180, -180);
    path.lineTo(centre.x() + r, centre.y() + r);
    path.lineTo(centre.x() + r / 2, centre.y() + r * 0.6);
    path.lineTo(centre.x(), centre.y() + r);
    path.lineTo(centre.x() - r / 2, centre.y() + r * 0.6);
    path.closeSubpath();
    p.drawPath(path);
    p.setPen(Qt::NoPen);
    p.setBrush(style.ghost);
    p.drawEllipse(QPointF(centre.x() - r * 0.35, centre.y() - r * 0.15), r * 0.16, r * 0.2);
    p.drawEllipse(QPointF(centre.x() + r * 0.35, centre.y() - r * 0.15), r * 0.16, r * 0.2);
    p.restore();
}

void drawEndMarker(QPainter& p, const TimelineStyle& style, TaskOutcome outcome, QPointF c, double r) {
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    const QColor color = outcome == TaskOutcome::Done ? style.done : outcome == TaskOutcome::Failed ? style.failed : style.cancelled;
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawEllipse(c, r, r);
    QPen pen(Qt::white, std::max(1.4, r / 3.5), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    const double k = r * 0.5;
    switch (outcome) {
    case TaskOutcome::Done: {
        QPainterPath tick;
        tick.moveTo(c.x() - k, c.y());
        tick.lineTo(c.x() - k * 0.2, c.y() + k * 0.8);
        tick.lineTo(c.x() + k, c.y() - k * 0.7);
        p.drawPath(tick);
        break;
    }
    case TaskOutcome::Failed:
        p.drawLine(QPointF(c.x() - k, c.y() - k), QPointF(c.x() + k, c.y() + k));
        p.drawLine(QPointF(c.x() - k, c.y() + k), QPointF(c.x() + k, c.y() - k));
        break;
    case TaskOutcome::Cancelled:
        p.drawLine(QPointF(c.x() - k, c.y() + k), QPointF(c.x() + k, c.y() - k));
        break;
    }
    p.restore();
}

void drawArrowHead(QPainter& p, QPointF tip, QPointF from, double size) {
    const double angle = std::atan2(tip.y() - from.y(), tip.x() - from.x());
    QPolygonF head;
    head << tip << QPointF(tip.x() - size * std::cos(angle - 0.45), tip.y() - size * std::sin(angle - 0.45))
         << QPointF(tip.x() - size * std::cos(angle + 0.45), tip.y() - size * std::sin(angle + 0.45));
    p.drawPolygon(head);
}

void TimelinePainter::paint(QPainter& p, const TimelineFrame& f, RowPixmapCache* cache) {
    const TimelineStyle& st = *f.style;
    lastItemCount_ = 0;
    p.save();
    p.setClipRect(f.rect);
    p.setFont(st.font);
    if (!f.model || !f.layout) {
        p.fillRect(f.rect, st.background);
        p.setPen(st.mutedText);
        p.setFont(st.titleFont);
        p.drawText(f.rect, Qt::AlignCenter | Qt::TextWordWrap,
                   QStringLiteral("Pick a lesson on the left, or open a trace (Ctrl+O).\n"
                                  "Every task of the program gets a lane; time runs from left to right."));
        p.restore();
        return;
    }
    const QRect plot = f.plotRect();
    const QRect tasks = f.taskPlotRect();
    // Below the last lane the plot is plain background; the lanes paint themselves.
    const int contentBottom = tasks.top() + f.layout->contentHeight() - f.scrollY;
    if (contentBottom <= tasks.bottom())
        p.fillRect(QRect(QPoint(plot.left(), std::max(contentBottom, tasks.top())), plot.bottomRight()), st.background);
    const TimeScale scale = f.scale();
    frameTicks_ = computeRulerTicks(scale).ticks;
    const qreal ratio = p.device() ? p.device()->devicePixelRatioF() : 1.0;
    paintRows(p, f, scale, cache);
    paintBrackets(p, f, scale);
    paintFrozenBands(p, f, scale);
    paintArrows(p, f, scale);
    paintSelection(p, f, scale);
    const QRect headers = f.headerRect();
    if (cache && headers.isValid()) {
        // Headers change with the layout, the scroll offset and the selected task, not with zoom.
        const quint64 key = (f.layout->serial() << 24) ^ (static_cast<quint64>(f.scrollY) << 1) ^
                            (static_cast<quint64>(f.selection.task) << 40) ^ static_cast<quint64>(st.dark) ^
                            (static_cast<quint64>(headers.height()) << 52);
        const QPixmap& pixmap = cache->fixedPixmap(RowPixmapCache::Fixed::Headers, key, headers.size(), ratio, st.headerBackground,
                                                   [&](QPainter& hp) {
                                                       hp.translate(-headers.topLeft());
                                                       hp.setFont(st.font);
                                                       paintHeaders(hp, f);
                                                   });
        p.drawPixmap(headers.topLeft(), pixmap);
    } else {
        paintHeaders(p, f);
    }
    p.setPen(st.separator);
    p.drawLine(plot.left(), f.taskPlotRect().top() - 1, plot.right(), f.taskPlotRect().top() - 1);
    paintRuler(p, f, scale);
    paintCursorOverlays(p, f, scale);
    if (f.showLegend) {
        const QRect legend = f.legendRect();
        if (cache && legend.isValid()) {
            const quint64 key = (static_cast<quint64>(legend.width()) << 1) ^ static_cast<quint64>(st.dark);
            const QPixmap& pixmap = cache->fixedPixmap(RowPixmapCache::Fixed::Legend, key, legend.size(), ratio, st.rulerBackground,
                                                       [&](QPainter& lp) {
                                                           lp.translate(-legend.topLeft());
                                                           paintLegend(lp, f);
                                                       });
            p.drawPixmap(legend.topLeft(), pixmap);
        } else {
            paintLegend(p, f);
        }
    }
    p.restore();
}

void TimelinePainter::paintRows(QPainter& p, const TimelineFrame& f, const TimeScale& scale, RowPixmapCache* cache) {
    const TimelineLayout& layout = *f.layout;
    const QRect plot = f.plotRect();
    if (cache)
        cache->beginFrame({f.visible, plot.width(), p.device() ? p.device()->devicePixelRatioF() : 1.0, f.style->dark,
                           reinterpret_cast<quintptr>(f.model)});
    auto paintOne = [&](const LayoutRow& row, int rowIndex) {
        const int top = f.rowTop(row);
        if (!cache) {
            paintRowContent(p, f, scale, row, top, rowIndex);
            return;
        }
        const quint64 key = (static_cast<quint64>(row.kind) << 40) ^ (static_cast<quint64>(row.task) & 0xFFFFFFFFull) ^
                            (static_cast<quint64>(rowIndex & 1) << 50);
        const QPixmap& pixmap = cache->rowPixmap(key, QSize(plot.width(), row.height), rowBackground(f, row, rowIndex),
                                                 [&](QPainter& rowPainter) {
                                                     rowPainter.translate(-plot.left(), 0);
                                                     rowPainter.setFont(f.style->font);
                                                     paintRowContent(rowPainter, f, scale, row, 0, rowIndex);
                                                 });
        p.drawPixmap(plot.left(), top, pixmap);
    };
    const auto& rows = layout.rows();
    p.save();
    p.setClipRect(f.pinnedPlotRect());
    for (std::size_t i = 0; i < layout.firstTaskRow(); ++i)
        paintOne(rows[i], static_cast<int>(i));
    p.restore();

    const QRect tasks = f.taskPlotRect();
    p.save();
    p.setClipRect(tasks);
    auto first = std::upper_bound(rows.begin() + static_cast<std::ptrdiff_t>(layout.firstTaskRow()), rows.end(), f.scrollY,
                                  [](int y, const LayoutRow& row) { return y < row.y + row.height; });
    for (auto it = first; it != rows.end() && it->y < f.scrollY + tasks.height(); ++it)
        paintOne(*it, static_cast<int>(it - rows.begin()));
    p.restore();
}

QColor TimelinePainter::rowBackground(const TimelineFrame& f, const LayoutRow& row, int rowIndex) const {
    const TimelineStyle& st = *f.style;
    return row.pinned ? st.headerBackground.lighter(st.dark ? 115 : 103) : (rowIndex % 2 ? st.alternateRow : st.background);
}

void TimelinePainter::paintRowContent(QPainter& p, const TimelineFrame& f, const TimeScale& scale, const LayoutRow& row,
                                      int top, int rowIndex) {
    const TimelineStyle& st = *f.style;
    const QRect band(static_cast<int>(scale.left()), top, static_cast<int>(std::ceil(scale.width())), row.height);
    p.fillRect(band, rowBackground(f, row, rowIndex));
    // Grid lines at the ruler's ticks, under everything else.
    RectBatch grid;
    for (TimeNs tick : frameTicks_)
        grid.add(QRect(static_cast<int>(std::lround(scale.timeToX(tick))), top, 1, row.height - 1));
    grid.add(QRect(band.left(), top + row.height - 1, band.width(), 1));
    grid.fill(p, st.grid);
    buildRowDrawList(*f.model, row, scale, f.drawOptions, scratch_);
    lastItemCount_ += scratch_.itemCount();
    switch (row.kind) {
    case RowKind::Loop: paintLoopRow(p, f, scale, row, top); break;
    case RowKind::ReadyQueue:
    case RowKind::PendingTimers: paintCounterRow(p, f, row, top); break;
    case RowKind::Task: paintTaskRow(p, f, scale, row, top); break;
    }
}

void TimelinePainter::paintTaskRow(QPainter& p, const TimelineFrame& f, const TimeScale& scale, const LayoutRow& row, int top) {
    const TimelineStyle& st = *f.style;
    const DerivedTrace& model = *f.model;
    const Trace& trace = model.trace();
    const LaneMetrics& m = f.layout->metrics();
    const TaskLane& lane = model.index().lane(row.task);
    const int barTop = top + row.stateOffset(m);
    const int barHeight = m.stateBarHeight;
    const bool thread = isThreadLane(model, row.task);
    QColor readyHatch = st.readyText;
    readyHatch.setAlpha(60);
    QColor blockingHatch = st.blockingText;
    blockingHatch.setAlpha(50);

    RectBatch running, awaiting, awaitingEdge, ready, folded, blocking, threadWork;
    std::vector<PendingLabel> labels;
    auto label = [&](const QRect& rect, QString text, const QColor& color, Qt::Alignment align = Qt::AlignCenter) {
        if (rect.width() >= 28)
            labels.push_back({rect, std::move(text), color, align});
    };
    for (const DrawItem& item : scratch_.spans) {
        const QRect rect = itemRect(item, barTop, barHeight);
        if (item.folded()) {
            folded.add(rect);
            if (rect.width() > 60)
                label(rect, countLabel(item.count, "steps and waits"), st.foldedText);
            continue;
        }
        const Span& span = lane.spans[item.first];
        switch (span.state) {
        case SpanState::Running:
            running.add(rect);
            label(rect, thread ? QStringLiteral("working on a thread") : QStringLiteral("running"), st.runningText);
            break;
        case SpanState::Awaiting: {
            const QRect inner = rect.adjusted(0, 3, 0, -3);
            awaiting.add(inner);
            awaitingEdge.add(QRect(inner.left(), inner.top(), inner.width(), 1));
            awaitingEdge.add(QRect(inner.left(), inner.bottom(), inner.width(), 1));
            label(inner, QStringLiteral("await ") + qs(model.awaitDescription(span.ref)), st.awaitingText, Qt::AlignLeft);
            break;
        }
        case SpanState::Ready:
            ready.add(rect);
            label(rect, QStringLiteral("ready, waiting for the loop"), st.readyText);
            break;
        }
    }
    running.fill(p, st.running);
    awaiting.fill(p, st.awaiting);
    awaitingEdge.fill(p, st.awaitingBorder);
    std::vector<QRect> readyRects = ready.rects;
    ready.fill(p, st.ready);
    ready.rects = std::move(readyRects);
    ready.fill(p, QBrush(readyHatch, Qt::BDiagPattern));
    folded.fill(p, st.folded);
    for (const PendingLabel& l : labels)
        labels_.draw(p, l.rect, l.text, l.color, l.align);
    labels.clear();

    // Blocking calls lie on top of the running step that made them, with their own words.
    for (const DrawItem& item : scratch_.blocks) {
        const QRect rect = itemRect(item, barTop + 2, barHeight - 4);
        (thread ? threadWork : blocking).add(rect);
        if (item.folded())
            continue;
        const BlockSpan& block = lane.blocks[item.first];
        const QString what = block.block < trace.blocks.size() ? qs(trace.str(trace.blocks[block.block].what)) : QString();
        if (thread)
            label(rect, what + QStringLiteral(" — on a thread, the loop stays free"), st.runningText);
        else
            label(rect, what + QStringLiteral(" — blocks the whole loop"), st.blockingText);
    }
    threadWork.fill(p, st.running.darker(125));
    std::vector<QRect> blockingRects = blocking.rects;
    blocking.fill(p, st.blocking);
    blocking.rects = std::move(blockingRects);
    blocking.fill(p, QBrush(blockingHatch, Qt::FDiagPattern));
    for (const PendingLabel& l : labels)
        labels_.draw(p, l.rect, l.text, l.color, l.align);

    // Flame-chart levels: a border colour under a lighter fill, batched per colour.
    p.setFont(st.smallFont);
    QHash<QRgb, std::vector<QRect>> frameFills;
    RectBatch frameBorders, foldedFrames;
    std::vector<PendingLabel> frameLabels;
    for (std::size_t level = 0; level < scratch_.frames.size(); ++level) {
        const int depth = static_cast<int>(level) + 1;
        const int frameTop = top + row.frameOffset(m, depth);
        for (const DrawItem& item : scratch_.frames[level]) {
            const QRect rect = itemRect(item, frameTop, m.frameHeight - 2);
            if (item.folded()) {
                foldedFrames.add(rect);
                continue;
            }
            const FrameSpan& frame = lane.frames[model.frameLevel(row.task, static_cast<std::size_t>(depth))[item.first].frameIndex];
            const std::string_view name = frame.frame < trace.frames.size() ? trace.str(trace.frames[frame.frame].name) : std::string_view();
            const QColor color = st.frameColor(name);
            frameBorders.add(rect);
            if (rect.width() > 2 && rect.height() > 2)
                frameFills[color.rgb()].push_back(rect.adjusted(1, 1, -1, -1));
            if (rect.width() >= 28)
                frameLabels.push_back({rect, qs(name) + QStringLiteral("()"), st.text, Qt::AlignLeft});
        }
    }
    foldedFrames.fill(p, st.folded);
    frameBorders.fill(p, st.dark ? st.separator : st.mutedText.lighter(150));
    for (auto it = frameFills.begin(); it != frameFills.end(); ++it) {
        RectBatch batch{std::move(it.value())};
        batch.fill(p, QColor::fromRgb(it.key()));
    }
    for (const PendingLabel& l : frameLabels)
        labels_.draw(p, l.rect, l.text, l.color, l.align);

    // How the task ended, just after its last moment.
    if (lane.finished) {
        const double x = scale.timeToX(lane.end);
        if (x >= scale.left() - 8 && x <= scale.right() + 8) {
            const double r = barHeight * 0.36;
            drawEndMarker(p, st, lane.outcome, QPointF(x + r + 2, barTop + barHeight / 2.0), r);
            QString note;
            QColor noteColor = st.mutedText;
            if (lane.outcome == TaskOutcome::Failed) {
                note = lane.error ? qs(trace.str(lane.error)) : QStringLiteral("failed");
                noteColor = st.failed;
            } else if (lane.outcome == TaskOutcome::Cancelled) {
                note = QStringLiteral("cancelled");
                noteColor = st.cancelled;
            }
            if (!note.isEmpty()) {
                // After the marker if there is room, else just before it on a plate.
                const double width = labels_.width(p.font(), note) + 10;
                const double after = x + 2 * r + 6;
                QRectF noteRect(after, barTop + 2, width, barHeight - 4);
                if (after + width > scale.right())
                    noteRect.moveRight(x - 3);
                QColor plate = st.background;
                plate.setAlpha(230);
                p.fillRect(noteRect, plate);
                labels_.draw(p, noteRect, note, noteColor);
            }
        }
    }

    // Never-awaited coroutines: ghosts in the strip above the bar, where they were created,
    // with a dotted drop line to the moment on the bar.
    const auto list = model.neverAwaitedBy(row.task);
    const double ghostY = top + row.markerCentreOffset(m);
    for (const MarkerItem& marker : scratch_.markers) {
        const double r = row.markerStrip * 0.42;
        p.setPen(QPen(st.ghost, 1, Qt::DotLine));
        p.drawLine(QPointF(marker.x, ghostY + r), QPointF(marker.x, barTop + barHeight));
        drawGhostMarker(p, st, QPointF(marker.x, ghostY), r);
        const NeverAwaited& never = trace.neverAwaited[list[marker.first]];
        const QString text = marker.count > 1 ? QStringLiteral("%1 coroutines never awaited").arg(marker.count)
                                              : QStringLiteral("%1() was never awaited: it never ran").arg(qs(trace.str(never.name)));
        const QRectF box(marker.x + r + 3, ghostY - 8, labels_.width(p.font(), text) + 12, 16);
        QColor back = st.background;
        back.setAlpha(225);
        p.setPen(QPen(st.ghost, 1));
        p.setBrush(back);
        p.drawRoundedRect(box, 3, 3);
        labels_.draw(p, box, text, st.ghostText);
    }
    p.setFont(st.font);
}

void TimelinePainter::paintLoopRow(QPainter& p, const TimelineFrame& f, const TimeScale& scale, const LayoutRow& row, int top) {
    const TimelineStyle& st = *f.style;
    const DerivedTrace& model = *f.model;
    const QRect bar(static_cast<int>(scale.left()), top + 5, static_cast<int>(std::ceil(scale.width())), row.height - 10);
    p.fillRect(bar, st.loopIdle);
    const auto& slices = model.index().loopSlices();
    int lastEnd = bar.left();
    std::vector<PendingLabel> labels;
    auto idleLabel = [&](int from, int to) {
        if (to - from > 70)
            labels.push_back({QRect(from, bar.top(), to - from, bar.height()), QStringLiteral("idle"), st.mutedText, Qt::AlignCenter});
    };
    QHash<QRgb, std::vector<QRect>> byTask;
    RectBatch folded;
    for (const DrawItem& item : scratch_.spans) {
        const QRect rect = itemRect(item, bar.top(), bar.height());
        idleLabel(lastEnd, rect.left());
        lastEnd = rect.right() + 1;
        if (item.folded()) {
            folded.add(rect);
            if (rect.width() > 60)
                labels.push_back({rect, countLabel(item.count, "steps"), st.foldedText, Qt::AlignCenter});
            continue;
        }
        const LoopSlice& slice = slices[item.first];
        byTask[st.taskColor(slice.task).rgb()].push_back(rect);
        if (rect.width() >= 28)
            labels.push_back({rect, qs(model.taskName(slice.task)), Qt::white, Qt::AlignCenter});
    }
    idleLabel(lastEnd, bar.right());
    folded.fill(p, st.folded);
    for (auto it = byTask.begin(); it != byTask.end(); ++it) {
        RectBatch batch{std::move(it.value())};
        batch.fill(p, QColor::fromRgb(it.key()));
    }
    for (const PendingLabel& l : labels)
        labels_.draw(p, l.rect, l.text, l.color, l.align);
    // A frozen stretch is a loop slice too long to be fair: red, labelled with what froze it.
    // The label may run past a narrow stretch; the loop lane has room for it.
    const TimeRange view = scale.visible();
    p.setFont(st.boldFont);
    double labelsEnd = scale.left();
    for (const FrozenStretch& stretch : model.frozenStretches()) {
        if (stretch.end <= view.begin || stretch.begin >= view.end)
            continue;
        const double x0 = scale.clampX(scale.timeToX(stretch.begin));
        const double x1 = std::max(x0 + 1, scale.clampX(scale.timeToX(stretch.end)));
        p.fillRect(QRectF(x0, bar.top(), x1 - x0, bar.height()), st.frozen);
        const QString text = frozenLabel(model, stretch);
        const double textWidth = labels_.width(st.boldFont, text) + 12;
        if (x0 < labelsEnd)
            continue;  // an earlier label covers this one's start
        QRectF box(x0, bar.top(), std::max(x1 - x0, textWidth), bar.height());
        if (box.right() > scale.right())
            box.moveRight(scale.right());
        if (box.left() < scale.left())
            box.moveLeft(scale.left());
        p.fillRect(box, st.frozen);
        labels_.draw(p, box, text, st.frozenText);
        labelsEnd = box.right() + 4;
    }
    p.setFont(st.font);
}

void TimelinePainter::paintCounterRow(QPainter& p, const TimelineFrame& f, const LayoutRow& row, int top) {
    const TimelineStyle& st = *f.style;
    const CounterSeries& series = row.kind == RowKind::ReadyQueue ? f.model->readyQueue() : f.model->pendingTimers();
    const QColor color = row.kind == RowKind::ReadyQueue ? st.ready : st.awaitingBorder;
    const double maximum = std::max<std::uint32_t>(1, series.peak);
    const int baseline = top + row.height - 4;
    const double height = row.height - 9;
    RectBatch bars;
    std::vector<PendingLabel> labels;
    for (const CounterColumn& column : scratch_.counter) {
        if (column.value <= 0)
            continue;
        const int h = std::max(2, static_cast<int>(std::lround(height * column.value / maximum)));
        const int x0 = static_cast<int>(column.x0);
        const QRect rect(x0, baseline - h, std::max(1, static_cast<int>(column.x1) - x0), h);
        bars.add(rect);
        // The count itself where there is room: "2" says more than a bar height.
        if (rect.width() >= 28)
            labels.push_back({QRect(rect.left(), top, rect.width(), row.height), QString::number(column.value), st.text, Qt::AlignCenter});
    }
    bars.fill(p, color);
    p.setFont(st.smallFont);
    for (const PendingLabel& l : labels)
        labels_.draw(p, l.rect, l.text, l.color, l.align);
    p.setFont(st.font);
}

void TimelinePainter::paintHeaders(QPainter& p, const TimelineFrame& f) {
    const TimelineStyle& st = *f.style;
    const DerivedTrace& model = *f.model;
    const TimelineLayout& layout = *f.layout;
    const QRect headers = f.headerRect();
    const int width = headers.width();
    auto paintHeader = [&](const LayoutRow& row) {
        const int top = f.rowTop(row);
        const QRect rect(headers.left(), top, width, row.height);
        const bool selected = !f.selection.isEmpty() && row.kind == RowKind::Task && f.selection.task == row.task;
        p.fillRect(rect, selected ? st.selection.lighter(st.dark ? 60 : 180) : st.headerBackground);
        if (selected)
            p.fillRect(QRect(rect.left(), rect.top(), 3, rect.height()), st.selection);
        p.setPen(st.separator);
        p.drawLine(rect.left(), rect.bottom(), rect.right(), rect.bottom());
        const int lineTop = row.kind == RowKind::Task ? top + row.stateOffset(f.layout->metrics()) : top;
        const int lineHeight = row.kind == RowKind::Task ? f.layout->metrics().stateBarHeight : row.height;
        QString title, subtitle;
        switch (row.kind) {
        case RowKind::Loop:
            title = QStringLiteral("Event loop");
            subtitle = QStringLiteral("who runs now");
            break;
        case RowKind::ReadyQueue:
            title = QStringLiteral("Ready queue");
            subtitle = QStringLiteral("waiting to run · max %1").arg(model.readyQueue().peak);
            break;
        case RowKind::PendingTimers:
            title = QStringLiteral("Timers");
            subtitle = QStringLiteral("tasks asleep · max %1").arg(model.pendingTimers().peak);
            break;
        case RowKind::Task: {
            title = qs(model.taskName(row.task));
            const std::string coroutine = model.coroutineName(row.task);
            if (isThreadLane(model, row.task))
                subtitle = QStringLiteral("thread");
            else if (!coroutine.empty() && coroutine != model.taskName(row.task))
                subtitle = qs(coroutine) + QStringLiteral("()");
            break;
        }
        }
        int x = rect.left() + 6 + row.treeDepth * 14;
        if (row.kind == RowKind::Task) {
            if (row.hasChildren) {
                p.save();
                p.setRenderHint(QPainter::Antialiasing, true);
                p.setPen(Qt::NoPen);
                p.setBrush(st.mutedText);
                const double cy = lineTop + lineHeight / 2.0;
                QPolygonF triangle;
                if (row.collapsed)
                    triangle << QPointF(x + 2, cy - 5) << QPointF(x + 8, cy) << QPointF(x + 2, cy + 5);
                else
                    triangle << QPointF(x, cy - 3) << QPointF(x + 10, cy - 3) << QPointF(x + 5, cy + 3);
                p.drawPolygon(triangle);
                p.restore();
            }
            x += 13;
            p.fillRect(QRect(x, lineTop + lineHeight / 2 - 4, 8, 8), st.taskColor(row.task));
            x += 12;
        }
        const QRect textRect(x, lineTop, rect.right() - x - 4, lineHeight);
        const QFontMetrics bold(st.boldFont);
        const QString shownTitle = bold.elidedText(title, Qt::ElideRight, textRect.width());
        p.setFont(st.boldFont);
        p.setPen(st.text);
        p.drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter, shownTitle);
        const int used = bold.horizontalAdvance(shownTitle) + 6;
        if (!subtitle.isEmpty() && used < textRect.width() - 20) {
            p.setFont(st.smallFont);
            p.setPen(st.mutedText);
            const QRect subRect = textRect.adjusted(used, 0, 0, 0);
            p.drawText(subRect, Qt::AlignLeft | Qt::AlignVCenter, QFontMetrics(st.smallFont).elidedText(subtitle, Qt::ElideRight, subRect.width()));
        }
        p.setFont(st.font);
    };
    const auto& rows = layout.rows();
    p.save();
    p.setClipRect(QRect(headers.left(), headers.top(), width, std::min(layout.pinnedHeight(), headers.height())));
    for (std::size_t i = 0; i < layout.firstTaskRow(); ++i)
        paintHeader(rows[i]);
    p.restore();
    const QRect tasks = f.taskPlotRect();
    p.save();
    p.setClipRect(QRect(headers.left(), tasks.top(), width, tasks.height()));
    p.fillRect(QRect(headers.left(), tasks.top(), width, tasks.height()), st.headerBackground);
    auto first = std::upper_bound(rows.begin() + static_cast<std::ptrdiff_t>(layout.firstTaskRow()), rows.end(), f.scrollY,
                                  [](int y, const LayoutRow& row) { return y < row.y + row.height; });
    for (auto it = first; it != rows.end() && it->y < f.scrollY + tasks.height(); ++it)
        paintHeader(*it);
    p.restore();
    p.setPen(st.separator);
    p.drawLine(headers.right(), headers.top(), headers.right(), headers.bottom());
}

void TimelinePainter::paintRuler(QPainter& p, const TimelineFrame& f, const TimeScale& scale) {
    const TimelineStyle& st = *f.style;
    const QRect ruler = f.rulerRect();
    const QRect corner = f.cornerRect();
    p.fillRect(ruler, st.rulerBackground);
    p.fillRect(corner, st.rulerBackground);
    p.setPen(st.separator);
    p.drawLine(f.rect.left(), ruler.bottom(), f.rect.right(), ruler.bottom());
    p.drawLine(corner.right(), corner.top(), corner.right(), corner.bottom());
    QFont titleFont = st.titleFont;
    if (QFontMetrics(titleFont).horizontalAdvance(f.title) > corner.width() - 14)
        titleFont.setPixelSize(11);  // two short lines read better than one cut off
    p.setFont(titleFont);
    p.setPen(st.text);
    p.drawText(corner.adjusted(8, 1, -6, -1), Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, f.title);

    const RulerTicks ticks = computeRulerTicks(scale);
    p.save();
    p.setClipRect(ruler);
    p.setFont(st.smallFont);
    int textStart = ruler.left() + 4;
    if (!ticks.originLabel().isEmpty()) {
        const QString origin = ticks.originLabel() + QStringLiteral(" +");
        p.setPen(st.text);
        const QRect originRect(ruler.left() + 4, ruler.top(), QFontMetrics(st.smallFont).horizontalAdvance(origin) + 8, ruler.height());
        p.fillRect(originRect, st.rulerBackground.darker(108));
        p.drawText(originRect, Qt::AlignCenter, origin);
        textStart = originRect.right() + 4;
    }
    for (TimeNs tick : ticks.ticks) {
        const int x = static_cast<int>(std::lround(scale.timeToX(tick)));
        p.setPen(st.mutedText);
        p.drawLine(x, ruler.bottom() - 7, x, ruler.bottom());
        if (x + 3 < textStart)
            continue;
        labels_.draw(p, QRect(x, ruler.top(), 140, ruler.height() - 4), ticks.label(tick), st.text, Qt::AlignLeft);
    }
    p.restore();
}

void TimelinePainter::paintBrackets(QPainter& p, const TimelineFrame& f, const TimeScale& scale) {
    const TimelineStyle& st = *f.style;
    const DerivedTrace& model = *f.model;
    const Trace& trace = model.trace();
    const TimelineLayout& layout = *f.layout;
    const TimeRange view = scale.visible();
    p.save();
    p.setClipRect(f.taskPlotRect());
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setFont(st.smallFont);
    for (ScopeId scope = 0; scope < trace.scopes.size(); ++scope) {
        const Scope& s = trace.scopes[scope];
        const TimeNs end = s.end > s.begin ? s.end : model.range().end;
        if (end < view.begin || s.begin > view.end)
            continue;
        int top = INT32_MAX, bottom = INT32_MIN;
        for (TaskId task : model.scopeTasks(scope)) {
            const int rowIndex = layout.rowOfTask(task);
            if (rowIndex < 0 || layout.rows()[static_cast<std::size_t>(rowIndex)].task != task)
                continue;  // hidden under a collapsed parent
            const LayoutRow& row = layout.rows()[static_cast<std::size_t>(rowIndex)];
            top = std::min(top, f.rowTop(row) + 2);
            bottom = std::max(bottom, f.rowTop(row) + row.height - 3);
        }
        if (top > bottom)
            continue;
        const double x0 = scale.clampX(scale.timeToX(s.begin), 20);
        const double x1 = scale.clampX(scale.timeToX(end), 20);
        p.setPen(QPen(st.bracket, 2.0));
        p.setBrush(Qt::NoBrush);
        const double serif = 5;
        QPainterPath open;
        open.moveTo(x0 + serif, top);
        open.lineTo(x0, top);
        open.lineTo(x0, bottom);
        open.lineTo(x0 + serif, bottom);
        p.drawPath(open);
        QPainterPath close;
        close.moveTo(x1 - serif, top);
        close.lineTo(x1, top);
        close.lineTo(x1, bottom);
        close.lineTo(x1 - serif, bottom);
        p.drawPath(close);
        // The label sits left of the opening bracket, where the children do not exist yet:
        // across if there is room, else turned upright along the bracket.
        const QString label = scopeKindText(s.kind);
        const QFontMetrics metrics(st.smallFont);
        const int w = metrics.horizontalAdvance(label);
        p.setPen(st.bracket);
        if (x0 - w - 6 > scale.left()) {
            p.drawText(QRectF(x0 - w - 6, (top + bottom) / 2.0 - 8, w + 2, 16), Qt::AlignRight | Qt::AlignVCenter, label);
        } else if (x0 - 14 > scale.left() - 1 && bottom - top > w + 6) {
            p.save();
            p.translate(x0 - 4, (top + bottom) / 2.0 + w / 2.0);
            p.rotate(-90);
            p.drawText(QRectF(0, -14, w + 2, 14), Qt::AlignLeft | Qt::AlignVCenter, label);
            p.restore();
        }
    }
    p.restore();
}

void TimelinePainter::paintFrozenBands(QPainter& p, const TimelineFrame& f, const TimeScale& scale) {
    const TimelineStyle& st = *f.style;
    const DerivedTrace& model = *f.model;
    const QRect plot = f.plotRect();
    const TimeRange view = scale.visible();
    p.save();
    p.setClipRect(plot);
    for (const FrozenStretch& stretch : model.frozenStretches()) {
        if (stretch.end <= view.begin || stretch.begin >= view.end)
            continue;
        const double x0 = scale.clampX(scale.timeToX(stretch.begin));
        const double x1 = std::max(x0 + 1, scale.clampX(scale.timeToX(stretch.end)));
        p.fillRect(QRectF(x0, plot.top(), x1 - x0, plot.height()), st.frozenBand);
        p.setPen(QPen(st.frozen, 1.0));
        p.drawLine(QPointF(x0, plot.top()), QPointF(x0, plot.bottom()));
        p.drawLine(QPointF(x1, plot.top()), QPointF(x1, plot.bottom()));
    }
    p.restore();
    p.setFont(st.font);
}

void TimelinePainter::paintArrows(QPainter& p, const TimelineFrame& f, const TimeScale& scale) {
    const TimelineStyle& st = *f.style;
    const DerivedTrace& model = *f.model;
    const TimelineLayout& layout = *f.layout;
    const auto& arrows = model.arrows();
    const TimeRange view = scale.visible();
    const auto first = std::partition_point(arrows.begin(), arrows.end(),
                                            [&](const WakeArrow& a) { return a.cause < view.begin - model.longestArrow(); });
    const auto last = std::partition_point(first, arrows.end(), [&](const WakeArrow& a) { return a.cause <= view.end; });
    std::size_t visible = 0;
    for (auto it = first; it != last && visible <= static_cast<std::size_t>(f.maxArrows); ++it)
        visible += it->effect >= view.begin;
    const bool onlySelected = visible > static_cast<std::size_t>(f.maxArrows);
    if (onlySelected && f.selection.task == kNoTask)
        return;
    const LaneMetrics& m = layout.metrics();
    auto centreOf = [&](TaskId task, double& y) {
        const int index = layout.rowOfTask(task);
        if (index < 0)
            return false;
        const LayoutRow& row = layout.rows()[static_cast<std::size_t>(index)];
        y = f.rowTop(row) + row.stateOffset(m) + m.stateBarHeight / 2.0;
        return true;
    };
    p.save();
    p.setClipRect(f.taskPlotRect());
    p.setRenderHint(QPainter::Antialiasing, true);
    for (auto it = first; it != last; ++it) {
        const WakeArrow& arrow = *it;
        if (arrow.effect < view.begin)
            continue;
        if (onlySelected && arrow.from != f.selection.task && arrow.to != f.selection.task)
            continue;
        double y0 = 0, y1 = 0;
        if (!centreOf(arrow.from, y0) || !centreOf(arrow.to, y1) || y0 == y1)
            continue;
        const double x0 = scale.clampX(scale.timeToX(arrow.cause), 400);
        const double x1 = scale.clampX(scale.timeToX(arrow.effect), 400);
        const bool highlighted = f.selection.task != kNoTask && (arrow.from == f.selection.task || arrow.to == f.selection.task);
        QColor color = highlighted ? st.selection : st.arrow;
        const double dx = std::clamp((x1 - x0) * 0.5, 6.0, 60.0);
        QPainterPath path;
        path.moveTo(x0, y0);
        path.cubicTo(x0 + dx, y0, x1 - dx, y1, x1, y1);
        p.setPen(QPen(color, highlighted ? 1.8 : 1.2));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawEllipse(QPointF(x0, y0), 2.2, 2.2);
        drawArrowHead(p, QPointF(x1, y1), QPointF(x1 - dx, y1), 7);
    }
    p.restore();
}

void TimelinePainter::paintSelection(QPainter& p, const TimelineFrame& f, const TimeScale& scale) {
    const Selection& sel = f.selection;
    if (sel.isEmpty())
        return;
    const TimelineStyle& st = *f.style;
    const DerivedTrace& model = *f.model;
    const TimelineLayout& layout = *f.layout;
    const LaneMetrics& m = layout.metrics();
    const QRect plot = f.plotRect();
    auto rowOf = [&](TaskId task) -> const LayoutRow* {
        const int index = layout.rowOfTask(task);
        return index < 0 ? nullptr : &layout.rows()[static_cast<std::size_t>(index)];
    };
    auto outline = [&](double x0, double x1, double top, double height) {
        p.setPen(QPen(st.selection, 2.0));
        p.setBrush(Qt::NoBrush);
        const double left = scale.clampX(x0, 3);
        const double right = std::max(left + 2, scale.clampX(x1, 3));
        p.drawRect(QRectF(left - 1, top - 1, right - left + 2, height + 2));
    };
    p.save();
    p.setClipRect(plot);
    const LayoutRow* row = sel.task != kNoTask ? rowOf(sel.task) : nullptr;
    if (row && row->kind == RowKind::Task) {
        // The selected task's lane gets a soft tint across the plot.
        QColor tint = st.selection;
        tint.setAlpha(22);
        p.fillRect(QRect(plot.left(), f.rowTop(*row), plot.width(), row->height), tint);
    }
    const double barTop = row ? f.rowTop(*row) + row->stateOffset(m) : 0;
    switch (sel.kind) {
    case SelectionKind::Span:
        if (row && row->task == sel.task && sel.index < model.index().lane(sel.task).spans.size()) {
            const Span& span = model.index().lane(sel.task).spans[sel.index];
            outline(scale.timeToX(span.begin), scale.timeToX(span.end), barTop, m.stateBarHeight);
        }
        break;
    case SelectionKind::Block:
        if (row && row->task == sel.task && sel.index < model.index().lane(sel.task).blocks.size()) {
            const BlockSpan& block = model.index().lane(sel.task).blocks[sel.index];
            outline(scale.timeToX(block.begin), scale.timeToX(block.end), barTop, m.stateBarHeight);
        }
        break;
    case SelectionKind::Frame:
        if (row && row->task == sel.task && sel.index < model.index().lane(sel.task).frames.size()) {
            const FrameSpan& frame = model.index().lane(sel.task).frames[sel.index];
            if (frame.depth >= 1 && static_cast<int>(frame.depth) <= row->frameLevels)
                outline(scale.timeToX(frame.begin), scale.timeToX(frame.end),
                        f.rowTop(*row) + row->frameOffset(m, static_cast<int>(frame.depth)), m.frameHeight - 2);
        }
        break;
    case SelectionKind::LoopSlice: {
        const auto& slices = model.index().loopSlices();
        if (sel.index < slices.size()) {
            const LayoutRow& loop = layout.rows().front();
            outline(scale.timeToX(slices[sel.index].begin), scale.timeToX(slices[sel.index].end), f.rowTop(loop) + 5, loop.height - 10);
        }
        break;
    }
    case SelectionKind::NeverAwaited:
        if (sel.index < model.trace().neverAwaited.size() && row && row->markerStrip > 0) {
            const double x = scale.timeToX(model.trace().neverAwaited[sel.index].created);
            p.setRenderHint(QPainter::Antialiasing, true);
            p.setPen(QPen(st.selection, 2.0));
            p.setBrush(Qt::NoBrush);
            const double r = row->markerStrip * 0.62;
            p.drawEllipse(QPointF(x, f.rowTop(*row) + row->markerCentreOffset(m)), r, r);
        }
        break;
    case SelectionKind::Frozen:
        if (sel.index < model.frozenStretches().size()) {
            const FrozenStretch& stretch = model.frozenStretches()[sel.index];
            outline(scale.timeToX(stretch.begin), scale.timeToX(stretch.end), plot.top() + 1, plot.height() - 3);
        }
        break;
    default: {
        // Moments (output lines, events, diagnostics): a caret on the lane at that time.
        const SelectionInfo info = describeSelection(model, sel);
        if (info.range && row) {
            const double x = scale.timeToX(info.range->begin);
            p.setRenderHint(QPainter::Antialiasing, true);
            p.setPen(Qt::NoPen);
            p.setBrush(st.selection);
            QPolygonF caret;
            caret << QPointF(x - 6, barTop - 4) << QPointF(x + 6, barTop - 4) << QPointF(x, barTop + 4);
            p.drawPolygon(caret);
            p.setPen(QPen(st.selection, 1.5));
            p.drawLine(QPointF(x, barTop), QPointF(x, barTop + m.stateBarHeight));
        }
        break;
    }
    }
    p.restore();
}

void TimelinePainter::paintCursorOverlays(QPainter& p, const TimelineFrame& f, const TimeScale& scale) {
    const TimelineStyle& st = *f.style;
    const QRect plot = f.plotRect();
    const QRect ruler = f.rulerRect();
    p.save();
    p.setClipRect(plot.united(ruler));
    if (f.measure && !f.measure->isEmpty()) {
        const double x0 = scale.clampX(scale.timeToX(f.measure->begin));
        const double x1 = scale.clampX(scale.timeToX(f.measure->end));
        p.fillRect(QRectF(x0, plot.top(), x1 - x0, plot.height()), st.measure);
        p.setPen(QPen(st.measureText, 1.0, Qt::DashLine));
        p.drawLine(QPointF(x0, ruler.top()), QPointF(x0, plot.bottom()));
        p.drawLine(QPointF(x1, ruler.top()), QPointF(x1, plot.bottom()));
        const QString text = QStringLiteral("Δ %1").arg(qs(formatDuration(f.measure->duration())));
        p.setFont(st.boldFont);
        const double w = QFontMetrics(st.boldFont).horizontalAdvance(text) + 12;
        const QRectF box((x0 + x1) / 2 - w / 2, ruler.top() + 4, w, ruler.height() - 8);
        p.setPen(Qt::NoPen);
        p.setBrush(st.measureText);
        p.drawRoundedRect(box, 3, 3);
        p.setPen(st.invertedText);
        p.drawText(box, Qt::AlignCenter, text);
    }
    if (f.playhead)
        paintPlayhead(p, f, scale);
    if (f.hoverTime) {
        const double x = std::round(scale.timeToX(*f.hoverTime)) + 0.5;
        p.setPen(QPen(st.hover, 1.0));
        p.drawLine(QPointF(x, ruler.top()), QPointF(x, plot.bottom()));
    }
    p.restore();
    p.setFont(st.font);
}

void TimelinePainter::paintPlayhead(QPainter& p, const TimelineFrame& f, const TimeScale& scale) {
    // An overlay over the cached lanes: moving the playhead repaints no lane.
    const TimelineStyle& st = *f.style;
    const QRect plot = f.plotRect();
    const QRect ruler = f.rulerRect();
    const DerivedTrace& model = *f.model;
    const double x = scale.timeToX(*f.playhead);
    // What has not happened yet is washed out.
    if (x < plot.right()) {
        QColor wash = st.background;
        wash.setAlpha(st.dark ? 150 : 165);
        const double left = std::max<double>(x, plot.left());
        p.fillRect(QRectF(left, plot.top(), plot.right() + 1 - left, plot.height()), wash);
    }
    p.setPen(QPen(st.playhead, 2.0));
    p.drawLine(QPointF(x, ruler.top()), QPointF(x, plot.bottom()));
    QPolygonF knob;
    knob << QPointF(x - 6, ruler.top() + 1) << QPointF(x + 6, ruler.top() + 1) << QPointF(x, ruler.top() + 9);
    p.setPen(Qt::NoPen);
    p.setBrush(st.playhead);
    p.drawPolygon(knob);
    if (x < plot.left() - 2 || x > plot.right() + 2)
        return;

    // Each lane's state at this instant, on a chip beside the line.
    const PlayheadState state(model, *f.playhead, f.playheadStep);
    const LaneMetrics& m = f.layout->metrics();
    p.setFont(st.smallFont);
    const QFontMetrics metrics(st.smallFont);
    auto chip = [&](int top, int height, const QString& text, const QColor& fill, const QColor& ink, const QRect& clip) {
        const int w = metrics.horizontalAdvance(text) + 10;
        QRectF box(x + 5, top + (height - 16) / 2.0, w, 16);
        if (box.right() > plot.right())
            box.moveRight(x - 5);
        if (!clip.intersects(box.toAlignedRect()))
            return;
        p.save();
        p.setClipRect(clip);
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setPen(QPen(fill.darker(130), 1));
        p.setBrush(fill);
        p.drawRoundedRect(box, 4, 4);
        p.setPen(ink);
        p.drawText(box, Qt::AlignCenter, text);
        p.restore();
    };
    const auto& rows = f.layout->rows();
    const QRect pinned = f.pinnedPlotRect();
    const QRect tasks = f.taskPlotRect();
    for (const LayoutRow& row : rows) {
        const int top = f.rowTop(row);
        if (row.kind == RowKind::Loop) {
            const TaskId holder = state.holder();
            // A frozen loop already wears its red band and label.
            if (holder == kNoTask)
                chip(top, row.height, QStringLiteral("idle"), st.loopIdle, st.text, pinned);
            else if (state.task(holder).phase != TaskPhase::Blocking)
                chip(top, row.height, QStringLiteral("runs %1").arg(qs(model.taskName(holder))), st.taskColor(holder), Qt::white, pinned);
            continue;
        }
        if (row.kind != RowKind::Task || top + row.height < tasks.top() || top > tasks.bottom())
            continue;
        const TaskMoment moment = state.task(row.task);
        const int barTop = top + row.stateOffset(m);
        switch (moment.phase) {
        case TaskPhase::NotCreated: break;
        case TaskPhase::Running:
            chip(barTop, m.stateBarHeight, isThreadLane(model, row.task) ? QStringLiteral("working") : QStringLiteral("running"), st.running,
                 st.runningText, tasks);
            break;
        case TaskPhase::Blocking: chip(barTop, m.stateBarHeight, QStringLiteral("blocking the loop"), st.blocking, st.blockingText, tasks); break;
        case TaskPhase::Ready: chip(barTop, m.stateBarHeight, QStringLiteral("ready"), st.ready, st.readyText, tasks); break;
        case TaskPhase::Awaiting:
            chip(barTop, m.stateBarHeight, QStringLiteral("await ") + qs(model.awaitDescription(moment.await)), st.awaiting, st.awaitingText, tasks);
            break;
        case TaskPhase::Done: break;  // its end marker says so
        case TaskPhase::Failed: chip(barTop, m.stateBarHeight, QStringLiteral("failed"), st.failed, Qt::white, tasks); break;
        case TaskPhase::Cancelled: chip(barTop, m.stateBarHeight, QStringLiteral("cancelled"), st.cancelled, Qt::white, tasks); break;
        }
    }
    p.setFont(st.font);
}

void TimelinePainter::paintLegend(QPainter& p, const TimelineFrame& f) {
    const TimelineStyle& st = *f.style;
    const QRect legend = f.legendRect();
    if (legend.height() <= 0)
        return;
    p.save();
    p.setClipRect(legend);
    p.fillRect(legend, st.rulerBackground);
    p.setPen(st.separator);
    p.drawLine(legend.left(), legend.top(), legend.right(), legend.top());
    p.setFont(st.smallFont);
    const auto placements = placeLegend(st.smallFont, legend.width());
    const auto& entries = legendEntries();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const int x = legend.left() + placements[i].x;
        const int top = legend.top() + 4 + placements[i].row * kLegendRowHeight;
        const QRectF r(x, top + kLegendRowHeight / 2 - 6, kLegendSwatchWidth, 12);
        p.save();
        switch (entries[i].swatch) {
        case LegendSwatch::Running: p.fillRect(r, st.running); break;
        case LegendSwatch::Awaiting:
            p.fillRect(r.adjusted(0, 2, 0, -2), st.awaiting);
            p.setPen(st.awaitingBorder);
            p.drawRect(r.adjusted(0, 2, -1, -2));
            break;
        case LegendSwatch::Ready: {
            p.fillRect(r, st.ready);
            QColor hatch = st.readyText;
            hatch.setAlpha(60);
            p.fillRect(r, QBrush(hatch, Qt::BDiagPattern));
            break;
        }
        case LegendSwatch::Blocking: p.fillRect(r, st.blocking); break;
        case LegendSwatch::Frozen:
            p.fillRect(r, st.frozenBand);
            p.fillRect(r.adjusted(0, 3, 0, -3), st.frozen);
            break;
        case LegendSwatch::NeverAwaited: drawGhostMarker(p, st, r.center(), 6); break;
        case LegendSwatch::Done: drawEndMarker(p, st, TaskOutcome::Done, r.center(), 6); break;
        case LegendSwatch::Failed: drawEndMarker(p, st, TaskOutcome::Failed, r.center(), 6); break;
        case LegendSwatch::Cancelled: drawEndMarker(p, st, TaskOutcome::Cancelled, r.center(), 6); break;
        case LegendSwatch::WakeUp:
            p.setRenderHint(QPainter::Antialiasing, true);
            p.setPen(QPen(st.arrow, 1.4));
            p.drawLine(QPointF(r.left(), r.center().y()), QPointF(r.right() - 2, r.center().y()));
            p.setPen(Qt::NoPen);
            p.setBrush(st.arrow);
            drawArrowHead(p, QPointF(r.right(), r.center().y()), QPointF(r.left(), r.center().y()), 6);
            break;
        case LegendSwatch::Bracket:
            p.setPen(QPen(st.bracket, 2));
            p.drawLine(QPointF(r.left() + 3, r.top()), QPointF(r.left() + 3, r.bottom()));
            p.drawLine(QPointF(r.left() + 3, r.top()), QPointF(r.left() + 7, r.top()));
            p.drawLine(QPointF(r.left() + 3, r.bottom()), QPointF(r.left() + 7, r.bottom()));
            break;
        }
        p.restore();
        p.setPen(st.text);
        p.drawText(QRect(x + kLegendSwatchWidth + 5, top, legend.width(), kLegendRowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                   entries[i].text);
    }
    p.restore();
}

} // namespace awaitscope::ui
