// The Loop lane: which task held the loop at each moment (a colour per task), the idle gaps,
// and the frozen stretches in red with what froze them.
#include "model/SelectionInfo.h"
#include "timeline/passes/PaintContext.h"

#include <QHash>

#include <cmath>
#include <limits>

namespace awaitscope::ui {

void paintLoopLane(PaintContext& c, const LayoutRow& row, int top, const RowDrawList& items) {
    QPainter& p = c.p;
    const TimeScale& scale = c.scale;
    const TimelineStyle& st = c.style;
    const DerivedTrace& model = c.model;
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
    for (const DrawItem& item : items.spans) {
        const QRect rect = itemRect(item, bar.top(), bar.height());
        idleLabel(lastEnd, rect.left());
        lastEnd = rect.right() + 1;
        if (item.folded()) {
            folded.add(rect);
            if (rect.width() > 60)
                labels.push_back({rect, QStringLiteral("%1 steps").arg(item.count), st.foldedText, Qt::AlignCenter});
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
        c.labels.draw(p, l.rect, l.text, l.color, l.align);
    // A frozen stretch is a loop slice too long to be fair: red, labelled with what froze it.
    // The label may run past a narrow stretch; the loop lane has room for it.
    // Zoomed into a stretch that began before the view, its label sticks to the view's left
    // edge: the learner still reads what froze the loop.
    const TimeRange view = scale.visible();
    p.setFont(st.boldFont);
    double labelsEnd = -std::numeric_limits<double>::infinity();
    for (const FrozenStretch& stretch : model.frozenStretches()) {
        if (stretch.end <= view.begin || stretch.begin >= view.end)
            continue;
        const double x0 = scale.clampX(scale.timeToX(stretch.begin));
        const double x1 = std::max(x0 + 1, scale.clampX(scale.timeToX(stretch.end)));
        p.fillRect(QRectF(x0, bar.top(), x1 - x0, bar.height()), st.frozen);
        const QString text = frozenLabel(model, stretch);
        const double textWidth = c.labels.width(st.boldFont, text) + 12;
        if (x0 < labelsEnd)
            continue;  // an earlier label covers this one's start
        const bool cutAtLeft = stretch.begin < view.begin;
        QRectF box(x0, bar.top(), std::max(x1 - x0, textWidth), bar.height());
        if (box.right() > scale.right())
            box.moveRight(scale.right());
        if (box.left() < scale.left())
            box.moveLeft(scale.left());
        p.fillRect(box, st.frozen);
        c.labels.draw(p, box, text, st.frozenText, cutAtLeft ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignCenter);
        // Keep a gap after a label that ran past its stretch; a stretch that starts where the
        // last one ended (three tasks that block in turn) still gets its own.
        labelsEnd = box.right() > x1 ? box.right() + 4 : box.right();
    }
    p.setFont(st.font);
}

} // namespace awaitscope::ui
