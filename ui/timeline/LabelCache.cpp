#include "timeline/LabelCache.h"

#include <QFontMetricsF>
#include <QPainter>

namespace awaitscope::ui {

namespace {
constexpr qreal kPadding = 3;
constexpr int kBucket = 16;
} // namespace

const LabelCache::Entry& LabelCache::entry(const QFont& font, const QString& text) {
    const QString key = font.key() + QLatin1Char('\x1f') + text;
    auto found = entries_.find(key);
    if (found != entries_.end())
        return *found;
    if (entries_.size() > 20000)
        entries_.clear();
    Entry e;
    e.text.setText(text);
    e.text.setTextFormat(Qt::PlainText);
    e.text.setPerformanceHint(QStaticText::AggressiveCaching);
    e.text.prepare(QTransform(), font);
    const QFontMetricsF metrics(font);
    e.width = metrics.horizontalAdvance(text);
    e.height = metrics.height();
    return *entries_.insert(key, e);
}

qreal LabelCache::width(const QFont& font, const QString& text) { return entry(font, text).width; }

void LabelCache::draw(QPainter& painter, const QRectF& rect, const QString& text, const QColor& color, Qt::Alignment align) {
    const qreal available = rect.width() - 2 * kPadding;
    if (available < 12 || text.isEmpty())
        return;
    const QFont& font = painter.font();
    const Entry* shown = &entry(font, text);
    if (shown->width > available) {
        // Elide for the bucket below the available width, so the cached form always fits.
        const int bucket = static_cast<int>(available) / kBucket * kBucket;
        if (bucket < kBucket)
            return;
        const QString key = font.key() + QStringLiteral("\x1e%1\x1e").arg(bucket) + text;
        auto found = elided_.find(key);
        if (found == elided_.end()) {
            if (elided_.size() > 20000)
                elided_.clear();
            found = elided_.insert(key, QFontMetricsF(font).elidedText(text, Qt::ElideRight, bucket));
        }
        if (found->isEmpty() || *found == QStringLiteral("…"))
            return;
        shown = &entry(font, *found);
    }
    const qreal x = align & Qt::AlignLeft ? rect.left() + kPadding : rect.center().x() - shown->width / 2;
    painter.setPen(color);
    painter.drawStaticText(QPointF(x, rect.center().y() - shown->height / 2), shown->text);
}

} // namespace awaitscope::ui
