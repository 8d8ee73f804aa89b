#include "model/SourceText.h"

#include "model/QtText.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace awaitscope::ui {

namespace {

bool sameFile(const QString& a, const QString& b) { return a == b || QFileInfo(a).fileName() == QFileInfo(b).fileName(); }

} // namespace

QString sourceLine(const Trace& trace, SiteId site) {
    if (site == kUnknownSite || site >= trace.sites.size() || trace.metadata.sourceText.empty())
        return {};
    const Site& s = trace.sites[site];
    if (!sameFile(qs(trace.str(s.file)), QString::fromStdString(trace.metadata.sourceFile)))
        return {};
    const QStringList lines = QString::fromStdString(trace.metadata.sourceText).split(QLatin1Char('\n'));
    if (s.line == 0 || s.line > static_cast<std::uint32_t>(lines.size()))
        return {};
    QString text = lines[static_cast<qsizetype>(s.line - 1)];
    // A comment ends the code (a '#' inside a string literal is rare enough in lessons).
    static const QRegularExpression comment(QStringLiteral("\\s+#.*$"));
    return text.remove(comment).trimmed();
}

QString writtenCall(const Trace& trace, const NeverAwaited& never) {
    static const QRegularExpression callOf(QStringLiteral("^(?:\\w+\\s*=\\s*)?(\\w[\\w.]*\\(.*\\))$"));
    const auto call = callOf.match(sourceLine(trace, never.site));
    return call.hasMatch() ? call.captured(1) : qs(trace.str(never.name)) + QStringLiteral("(...)");
}

} // namespace awaitscope::ui
