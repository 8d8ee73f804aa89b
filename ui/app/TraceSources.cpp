#include "app/TraceSources.h"

#include "demo/DemoScenarios.h"

namespace awaitscope::ui {

TraceSources demoTraceSources() {
    TraceSources sources;
    sources.scenarios = [] {
        std::vector<ScenarioInfo> list;
        for (const DemoScenario& demo : demoScenarios())
            list.push_back({demo.name, demo.title, demo.fileName, demo.source, demo.lesson});
        return list;
    };
    sources.runScenario = [](const std::string& name, const LoadHooks&) {
        LoadedTrace result;
        const DemoScenario* demo = findDemoScenario(name);
        if (!demo) {
            result.error = "no built-in scenario named '" + name + "'";
            return result;
        }
        result.trace = recordDemoScenario(*demo);
        result.ok = true;
        return result;
    };
    return sources;
}

SaveFormat saveFormatForPath(const QString& path) {
    if (path.endsWith(QStringLiteral(".json.gz"), Qt::CaseInsensitive))
        return SaveFormat::NativeGzip;
    if (path.endsWith(QStringLiteral(".chrome.json"), Qt::CaseInsensitive))
        return SaveFormat::Chrome;
    return SaveFormat::Native;
}

} // namespace awaitscope::ui
