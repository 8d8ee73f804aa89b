#pragma once

// The most recently opened trace files, newest first, kept in QSettings.
#include <QStringList>

namespace awaitscope::ui {

class RecentFiles {
public:
    static constexpr int kMaximum = 10;
    QStringList list() const;
    void add(const QString& path);
    void remove(const QString& path);
    void clear();
};

} // namespace awaitscope::ui
