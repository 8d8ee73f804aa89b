#include "app/ProposedFileName.h"

namespace awaitscope::ui {

QString proposedFileName(const QString& displayName, const QString& scenarioName, const QString& suffix) {
    QString base = scenarioName.isEmpty() ? displayName : scenarioName;
    for (const char* extension : {".json.gz", ".chrome.json", ".json", ".gz"}) {
        if (base.endsWith(QLatin1String(extension), Qt::CaseInsensitive)) {
            base.chop(static_cast<int>(qstrlen(extension)));
            break;
        }
    }
    QString name;
    for (const QChar c : base) {
        const bool keep = c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_') || c == QLatin1Char('.');
        if (keep)
            name += c;
        else if (!name.endsWith(QLatin1Char('_')))
            name += QLatin1Char('_');
    }
    auto trimmable = [](QChar c) { return c == QLatin1Char('_') || c == QLatin1Char('.') || c == QLatin1Char('-'); };
    while (!name.isEmpty() && trimmable(name.front()))
        name.remove(0, 1);
    while (!name.isEmpty() && trimmable(name.back()))
        name.chop(1);
    if (name.size() > 80)
        name.truncate(80);
    return (name.isEmpty() ? QStringLiteral("trace") : name) + suffix;
}

} // namespace awaitscope::ui
