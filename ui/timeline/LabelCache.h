#pragma once

// Labels drawn as QStaticText, laid out once and reused: a zoomed-in timeline draws the same
// few words ("running", "await asyncio.sleep") hundreds of times a frame, and shaping text
// is what makes drawText slow. Elided forms are cached per 16-pixel width bucket.
#include <QColor>
#include <QFont>
#include <QHash>
#include <QRectF>
#include <QStaticText>

class QPainter;

namespace awaitscope::ui {

class LabelCache {
public:
    // Draws `text` in `rect` with the painter's font (elided to fit, or not at all when even
    // the ellipsis does not fit). `align` is left or centre; the text is centred vertically.
    void draw(QPainter& painter, const QRectF& rect, const QString& text, const QColor& color,
              Qt::Alignment align = Qt::AlignCenter);
    // Width of `text` in `font`, cached.
    qreal width(const QFont& font, const QString& text);
    void clear() {
        entries_.clear();
        elided_.clear();
    }

private:
    struct Entry {
        QStaticText text;
        qreal width = 0;
        qreal height = 0;
    };
    const Entry& entry(const QFont& font, const QString& text);

    QHash<QString, Entry> entries_;
    QHash<QString, QString> elided_;  // (font, width bucket, text) -> elided text
};

} // namespace awaitscope::ui
