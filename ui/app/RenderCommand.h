#pragma once

// `awaitscope --render trace.json --out timeline.png [--size 1600x900]` and
// `awaitscope --render-scenario blocking_sleep --out timeline.svg`: a picture of the whole
// timeline with no window (needs a QGuiApplication, on the offscreen platform if headless).
#include "app/TraceSources.h"

#include <QSize>
#include <QString>

#include <optional>

namespace awaitscope::ui {

struct RenderRequest {
    QString tracePath;      // a trace file, loaded through sources.load
    QString scenario;       // or a scenario, run through sources.runScenario
    QString outPath;        // .svg writes SVG, anything else PNG
    QSize size{1600, 900};
    bool dark = false;
};

// "1600x900" (also "1600X900", "1600×900"); nullopt unless both sides are 100..20000.
std::optional<QSize> parseImageSize(const QString& text);

// Returns the process exit code: 0 written, 1 the trace could not be loaded or written.
// Messages go to `errors` ("awaitscope: blocking.json: byte 17: ..."), and so do the load's
// warnings ("awaitscope: warning: ...") when the picture is written.
int runRenderCommand(const RenderRequest& request, const TraceSources& sources, QString* errors);

} // namespace awaitscope::ui
