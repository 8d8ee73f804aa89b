#pragma once

// One pixmap per lane at the device pixel ratio (after Qt Creator's tracing library): hover,
// selection and scrolling repaint only the overlays and blit the lanes. Any change of the
// view (range, width, ratio, theme, trace) drops every lane.
#include "timeline/TimeScale.h"

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

    // Starts a frame: forgets every lane when the view is not the one the lanes were made for.
    void beginFrame(const ViewKey& key);
    // The lane's pixmap (logical `size`), painted by `paint` when missing. The painter passed to
    // `paint` has its origin at the lane's top-left corner.
    const QPixmap& rowPixmap(quint64 rowKey, QSize size, const std::function<void(QPainter&)>& paint);
    void clear();

    int hits() const { return hits_; }
    int misses() const { return misses_; }

private:
    ViewKey key_;
    bool valid_ = false;
    QHash<quint64, QPixmap> rows_;
    int hits_ = 0;
    int misses_ = 0;
};

} // namespace awaitscope::ui
