#include "timeline/RowPixmapCache.h"

#include <QPainter>

namespace awaitscope::ui {

void RowPixmapCache::beginFrame(const ViewKey& key) {
    if (valid_ && key == key_)
        return;
    // A new view makes every lane stale. The pixmaps are kept and repainted in place when their
    // lane shows again: a zoom then costs painting, not allocating and clearing fresh memory.
    if (!valid_ || key.devicePixelRatio != key_.devicePixelRatio || rows_.size() > 2000)
        rows_.clear();
    key_ = key;
    valid_ = true;
    ++viewSerial_;
}

QPixmap RowPixmapCache::paintPixmap(QSize size, qreal devicePixelRatio, const QColor& background,
                                    const std::function<void(QPainter&)>& paint) {
    QPixmap pixmap(size * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(background);  // opaque: blitting it later is a copy, not a blend
    QPainter painter(&pixmap);
    paint(painter);
    return pixmap;
}

const QPixmap& RowPixmapCache::rowPixmap(quint64 rowKey, QSize size, const QColor& background,
                                         const std::function<void(QPainter&)>& paint) {
    auto found = rows_.find(rowKey);
    if (found != rows_.end() && found->pixmap.deviceIndependentSize().toSize() == size) {
        if (found->view == viewSerial_) {
            ++hits_;
            return found->pixmap;
        }
        ++misses_;
        // No fill: a lane paints its whole rectangle, background first.
        {
            QPainter painter(&found->pixmap);
            paint(painter);
        }
        found->view = viewSerial_;
        return found->pixmap;
    }
    ++misses_;
    return rows_.insert(rowKey, Lane{paintPixmap(size, key_.devicePixelRatio, background, paint), viewSerial_})->pixmap;
}

const QPixmap& RowPixmapCache::fixedPixmap(Fixed which, quint64 key, QSize size, qreal devicePixelRatio,
                                           const QColor& background, const std::function<void(QPainter&)>& paint) {
    FixedEntry& entry = fixed_[static_cast<int>(which)];
    if (entry.valid && entry.key == key && entry.pixmap.deviceIndependentSize().toSize() == size &&
        entry.pixmap.devicePixelRatio() == devicePixelRatio) {
        ++hits_;
        return entry.pixmap;
    }
    ++misses_;
    entry.pixmap = paintPixmap(size, devicePixelRatio, background, paint);
    entry.key = key;
    entry.valid = true;
    return entry.pixmap;
}

void RowPixmapCache::clear() {
    rows_.clear();
    valid_ = false;
    for (FixedEntry& entry : fixed_)
        entry.valid = false;
}

void RowPixmapCache::clearLanes() { ++viewSerial_; }  // stale, as after a zoom: repainted in place

} // namespace awaitscope::ui
