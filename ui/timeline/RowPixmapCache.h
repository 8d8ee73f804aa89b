#pragma once

// The timeline's pixmap caches, at the device pixel ratio (after Qt Creator's tracing
// library). One pixmap per lane: hover, selection and vertical scrolling blit lanes instead
// of repainting them, and any change of the view (range, width, ratio, theme, trace) drops
// them. The lane headers and the legend do not depend on the time range, so zooming and
// panning keep them.
#include "timeline/TimeScale.h"

#include <QColor>
#include <QHash>
#include <QPixmap>

#include <functional>

namespace awaitscope::ui {

class RowPixmapCache {
public:
    struct ViewKey {
        TimeRange visible;
        int plotWidth = 0;
        qreal devicePixelRatio = 1;
        bool dark = false;
        quint64 generation = 0;
        friend bool operator==(const ViewKey&, const ViewKey&) = default;
    };
    enum class Fixed { Headers, Legend };

    // Starts a frame: forgets every lane when the view is not the one the lanes were made for.
    void beginFrame(const ViewKey& key);
    // The lane's pixmap (logical `size`), painted by `paint` when missing or stale; `paint` must
    // cover every pixel (a new pixmap starts as `background`, a reused one as its old picture).
    // The painter passed to `paint` has its origin at the lane's top-left corner.
    const QPixmap& rowPixmap(quint64 rowKey, QSize size, const QColor& background, const std::function<void(QPainter&)>& paint);
    // A picture that only changes with `key` (headers: layout, scroll, selection; legend: width).
    const QPixmap& fixedPixmap(Fixed which, quint64 key, QSize size, qreal devicePixelRatio, const QColor& background,
                               const std::function<void(QPainter&)>& paint);
    void clear();       // everything
    void clearLanes();  // what a zoom or pan does: every lane repaints (into its own pixmap)

    int hits() const { return hits_; }
    int misses() const { return misses_; }

private:
    struct FixedEntry {
        quint64 key = 0;
        bool valid = false;
        QPixmap pixmap;
    };
    static QPixmap paintPixmap(QSize size, qreal devicePixelRatio, const QColor& background,
                               const std::function<void(QPainter&)>& paint);

    struct Lane {
        QPixmap pixmap;
        quint64 view = 0;  // the view serial it was painted for
    };

    ViewKey key_;
    bool valid_ = false;
    quint64 viewSerial_ = 0;  // bumped when the view changes: lanes go stale, their pixmaps stay for reuse
    QHash<quint64, Lane> rows_;
    FixedEntry fixed_[2];
    int hits_ = 0;
    int misses_ = 0;
};

} // namespace awaitscope::ui
