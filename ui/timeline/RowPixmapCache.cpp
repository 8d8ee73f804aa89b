#include "timeline/RowPixmapCache.h"

#include <QPainter>

namespace awaitscope::ui {

void RowPixmapCache::beginFrame(const ViewKey& key) {
    if (!valid_ || !(key == key_) || rows_.size() > 2000) {
        rows_.clear();
        key_ = key;
        valid_ = true;
    }
}

const QPixmap& RowPixmapCache::rowPixmap(quint64 rowKey, QSize size, const std::function<void(QPainter&)>& paint) {
    auto found = rows_.find(rowKey);
    if (found != rows_.end() && found->deviceIndependentSize().toSize() == size) {
        ++hits_;
        return *found;
    }
    ++misses_;
    QPixmap pixmap(size * key_.devicePixelRatio);
    pixmap.setDevicePixelRatio(key_.devicePixelRatio);
    pixmap.fill(Qt::transparent);
    {
        QPainter painter(&pixmap);
        paint(painter);
    }
    return *rows_.insert(rowKey, std::move(pixmap));
}

void RowPixmapCache::clear() {
    rows_.clear();
    valid_ = false;
}

} // namespace awaitscope::ui
