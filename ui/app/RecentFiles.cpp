#include "app/RecentFiles.h"

#include <QFileInfo>
#include <QSettings>

namespace awaitscope::ui {

namespace {
const char* const kKey = "recentFiles";
}

QStringList RecentFiles::list() const { return QSettings().value(QLatin1String(kKey)).toStringList(); }

void RecentFiles::add(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = list();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaximum)
        files.removeLast();
    QSettings().setValue(QLatin1String(kKey), files);
}

void RecentFiles::remove(const QString& path) {
    QStringList files = list();
    files.removeAll(path);
    QSettings().setValue(QLatin1String(kKey), files);
}

void RecentFiles::clear() { QSettings().remove(QLatin1String(kKey)); }

} // namespace awaitscope::ui
