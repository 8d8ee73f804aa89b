// awaitscope: the explorer window, and the same binary's command-line mode.
// Command-line options are parsed before any QApplication exists, so --help, --version and
// the headless commands work on machines without a display.
#include "MainWindow.h"
#include "app/RenderCommand.h"
#include "app/TraceSources.h"

#include <awaitscope/Version.h>

#include <QApplication>
#include <QGuiApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStringList>
#include <QTimer>

#include <cstdio>
#include <cstdlib>

namespace {

QStringList argumentsOf(int argc, char** argv) {
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    return arguments;
}

bool displayAvailable() {
    auto isSet = [](const char* name) {
        const char* value = std::getenv(name);
        return value && *value;
    };
    return isSet("QT_QPA_PLATFORM") || isSet("DISPLAY") || isSet("WAYLAND_DISPLAY");
}

// The ui reaches file loading, saving and script running only through these hooks
// (CONTRACTS.md). Until the io and script branches are merged they hold the built-in C++
// demo lessons. After the merge:
//   sources.load        = loadTraceFile(path, {hooks.onProgress, hooks.cancelled}) -> LoadedTrace
//   sources.save        = saveTraceFile(trace, path, Native / NativeGzip / Chrome)
//   sources.scenarios   = builtinScenarios() -> ScenarioInfo
//   sources.runScenario = runScript(findScenario(name)->source, {fileName, ..., hooks.cancelled})
awaitscope::ui::TraceSources makeTraceSources() { return awaitscope::ui::demoTraceSources(); }

} // namespace

int main(int argc, char** argv) {
    QCoreApplication::setApplicationName(QStringLiteral("awaitscope"));
    QCoreApplication::setOrganizationName(QStringLiteral("Awaitscope"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(awaitscope::kVersion));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Awaitscope makes async code visible: it runs asyncio lessons on a recording runtime\n"
        "and shows every task, await and frozen loop on a timeline."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
        QStringLiteral("Open the window, save a picture of it to <png> and quit."), QStringLiteral("png"));
    parser.addOption(screenshotOption);
    const QCommandLineOption renderOption(QStringLiteral("render"),
        QStringLiteral("Draw the timeline of <trace> to the --out file (PNG, or SVG by extension); no window."), QStringLiteral("trace"));
    const QCommandLineOption renderScenarioOption(QStringLiteral("render-scenario"),
        QStringLiteral("Run the lesson <name> and draw its timeline to the --out file; no window."), QStringLiteral("name"));
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("Where --render writes the picture."), QStringLiteral("file"));
    const QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("Picture size for --render (default 1600x900)."), QStringLiteral("WxH"));
    const QCommandLineOption themeOption(QStringLiteral("theme"), QStringLiteral("Colours for --render: light (default) or dark."), QStringLiteral("theme"));
    parser.addOptions({renderOption, renderScenarioOption, outOption, sizeOption, themeOption});
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A trace to open."), QStringLiteral("[file]"));

    if (!parser.parse(argumentsOf(argc, argv))) {
        std::fprintf(stderr, "awaitscope: %s\nTry 'awaitscope --help'.\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(helpOption)) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    if (parser.isSet(versionOption)) {
        std::printf("awaitscope %s\n", awaitscope::kVersion);
        return 0;
    }

    if (parser.isSet(renderOption) || parser.isSet(renderScenarioOption)) {
        awaitscope::ui::RenderRequest request;
        request.tracePath = parser.value(renderOption);
        request.scenario = parser.value(renderScenarioOption);
        request.outPath = parser.value(outOption);
        request.dark = parser.value(themeOption) == QLatin1String("dark");
        if (request.outPath.isEmpty()) {
            std::fputs("awaitscope: --render needs --out <file.png|file.svg>\n", stderr);
            return 2;
        }
        if (parser.isSet(sizeOption)) {
            const auto size = awaitscope::ui::parseImageSize(parser.value(sizeOption));
            if (!size) {
                std::fprintf(stderr, "awaitscope: --size %s: expected WIDTHxHEIGHT, each 100..20000, like 1600x900\n",
                             qPrintable(parser.value(sizeOption)));
                return 2;
            }
            request.size = *size;
        }
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");  // a picture needs fonts, not a display
        QGuiApplication app(argc, argv);
        QString errors;
        const int code = awaitscope::ui::runRenderCommand(request, makeTraceSources(), &errors);
        std::fputs(qPrintable(errors), stderr);
        return code;
    }

    if (!displayAvailable()) {
        std::fputs("awaitscope: no display found (DISPLAY and WAYLAND_DISPLAY are unset), so the window cannot open.\n"
                   "Run it under a virtual display:   xvfb-run make run\n"
                   "or render without a window:       QT_QPA_PLATFORM=offscreen awaitscope --screenshot out.png\n"
                   "Command-line modes need no display: see 'awaitscope --help'.\n",
                   stderr);
        return 2;
    }

    QApplication app(argc, argv);
    awaitscope::ui::MainWindow window(makeTraceSources());
    const QStringList files = parser.positionalArguments();
    if (parser.isSet(screenshotOption)) {
        // Picture the window once the first trace has loaded (or failed to).
        const QString path = parser.value(screenshotOption);
        int code = 0;
        auto grabAndQuit = [&] {
            QApplication::processEvents();
            if (!window.grab().save(path)) {
                std::fprintf(stderr, "awaitscope: cannot write %s\n", qPrintable(path));
                code = 1;
            }
            app.quit();
        };
        QObject::connect(&window, &awaitscope::ui::MainWindow::loadFinished, &app, grabAndQuit, Qt::QueuedConnection);
        window.show();
        if (!window.openInitial(files.value(0)))
            QTimer::singleShot(0, &app, grabAndQuit);
        app.exec();
        return code;
    }
    window.show();
    window.openInitial(files.value(0));
    return app.exec();
}
