#include "app/RenderCommand.h"

#include "app/TimelineRenderer.h"

#include <QRegularExpression>

namespace awaitscope::ui {

std::optional<QSize> parseImageSize(const QString& text) {
    static const QRegularExpression pattern(QStringLiteral("^\\s*(\\d{1,5})\\s*[xX×]\\s*(\\d{1,5})\\s*$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const int width = match.captured(1).toInt();
    const int height = match.captured(2).toInt();
    if (width < 100 || height < 100 || width > 20000 || height > 20000)
        return std::nullopt;
    return QSize(width, height);
}

int runRenderCommand(const RenderRequest& request, const TraceSources& sources, QString* errors) {
    auto fail = [&](const QString& message) {
        if (errors)
            *errors += QStringLiteral("awaitscope: %1\n").arg(message);
        return 1;
    };
    Trace trace;
    if (!request.scenario.isEmpty()) {
        if (!sources.runScenario)
            return fail(QStringLiteral("running scenarios is not available in this build"));
        ScriptRunResult ran = sources.runScenario(request.scenario.toStdString(), {});
        if (!ran.ok && ran.trace.tasks.empty() && ran.error)
            return fail(QString::fromStdString(ran.error->message));
        trace = std::move(ran.trace);
    } else {
        if (!sources.load)
            return fail(QStringLiteral("opening trace files is not available in this build"));
        LoadResult loaded = sources.load(request.tracePath.toStdString(), {});
        if (!loaded.ok)
            return fail(QString::fromStdString(loaded.error));
        // What the load dropped or doubted, as --report and --convert say it: the picture alone would hide it.
        if (errors)
            for (const LoadWarning& warning : loaded.warnings)
                *errors += QStringLiteral("awaitscope: warning: %1\n").arg(QString::fromStdString(toString(warning)));
        trace = std::move(loaded.trace);
    }
    const DerivedTrace model(std::make_shared<const Trace>(std::move(trace)));
    RenderOptions options;
    options.size = request.size;
    options.dark = request.dark;
    QString error;
    const bool svg = request.outPath.endsWith(QStringLiteral(".svg"), Qt::CaseInsensitive);
    const bool written = svg ? writeTimelineSvg(model, options, request.outPath, &error)
                             : writeTimelinePng(model, options, request.outPath, &error);
    return written ? 0 : fail(error);
}

} // namespace awaitscope::ui
