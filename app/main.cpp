// awaitscope: the explorer window, and the same binary's command-line mode.
// Command-line options are parsed before any QApplication exists, so --help, --version and
// the headless commands work on machines without a display.
#include "MainWindow.h"

#include <awaitscope/Version.h>
#include <awaitscope/script/Scenarios.h>
#include <awaitscope/script/ScriptRunner.h>
#if __has_include(<awaitscope/io/TraceFile.h>)
#include <awaitscope/io/TraceFile.h>
#define AWAITSCOPE_HAS_TRACE_FILE 1
#endif

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

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

// `--run SCRIPT.py|NAME`: the script's output on stdout exactly as python3 prints it,
// diagnostics on stderr, the exit code python3 would give.
int runHeadless(const QString& target, const QString& outPath) {
    std::string source;
    awaitscope::ScriptRunOptions options;
    const awaitscope::Scenario* scenario = nullptr;
    if (QFileInfo(target).isFile()) {
        QFile file(target);
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "awaitscope: cannot read %s\n", qPrintable(target));
            return 2;
        }
        source = file.readAll().toStdString();
        options.fileName = target.toStdString();
    } else if ((scenario = awaitscope::findScenario(target.toStdString()))) {
        source = scenario->source;
        options.fileName = scenario->fileName;
    } else {
        std::fprintf(stderr, "awaitscope: no such script or built-in scenario: %s (see --list-scenarios)\n",
                     qPrintable(target));
        return 2;
    }
    options.onStdout = [](std::string_view text) { std::fwrite(text.data(), 1, text.size(), stdout); };
    options.onStderr = [](std::string_view text) {
        std::fflush(stdout);
        std::fwrite(text.data(), 1, text.size(), stderr);
    };
    awaitscope::ScriptRunResult result = awaitscope::runScript(source, options);
    std::fflush(stdout);
    if (scenario)
        result.trace.metadata.scenario = scenario->name;
    if (!outPath.isEmpty()) {
#ifdef AWAITSCOPE_HAS_TRACE_FILE
        const awaitscope::SaveResult saved = awaitscope::saveTraceFile(result.trace, outPath.toStdString());
        if (!saved.ok) {
            std::fprintf(stderr, "awaitscope: cannot write %s: %s\n", qPrintable(outPath), saved.error.c_str());
            return result.exitCode ? result.exitCode : 1;
        }
#else
        std::fprintf(stderr, "awaitscope: --out needs the trace writer, which is not part of this build\n");
        return result.exitCode ? result.exitCode : 2;
#endif
    }
    return result.exitCode;
}

int listScenarios() {
    for (const awaitscope::Scenario& scenario : awaitscope::builtinScenarios())
        std::printf("%-26s %s\n", scenario.name.c_str(), scenario.title.c_str());
    return 0;
}

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
    const QCommandLineOption runOption(QStringLiteral("run"),
        QStringLiteral("Run a script (or a built-in scenario by name) without a window; its output goes to stdout."),
        QStringLiteral("script.py|name"));
    parser.addOption(runOption);
    const QCommandLineOption outOption(QStringLiteral("out"),
        QStringLiteral("With --run: write the recorded trace to <trace.json>."), QStringLiteral("trace.json"));
    parser.addOption(outOption);
    const QCommandLineOption listScenariosOption(QStringLiteral("list-scenarios"),
        QStringLiteral("List the built-in scenarios with their titles."));
    parser.addOption(listScenariosOption);
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

    if (parser.isSet(listScenariosOption))
        return listScenarios();
    if (parser.isSet(runOption))
        return runHeadless(parser.value(runOption), parser.value(outOption));

    if (!displayAvailable()) {
        std::fputs("awaitscope: no display found (DISPLAY and WAYLAND_DISPLAY are unset), so the window cannot open.\n"
                   "Run it under a virtual display:   xvfb-run make run\n"
                   "or render without a window:       QT_QPA_PLATFORM=offscreen awaitscope --screenshot out.png\n"
                   "Command-line modes need no display: see 'awaitscope --help'.\n",
                   stderr);
        return 2;
    }

    QApplication app(argc, argv);
    awaitscope::ui::MainWindow window;
    if (parser.isSet(screenshotOption)) {
        window.show();
        QApplication::processEvents();
        const QString path = parser.value(screenshotOption);
        if (!window.grab().save(path)) {
            std::fprintf(stderr, "awaitscope: cannot write %s\n", qPrintable(path));
            return 1;
        }
        return 0;
    }
    window.show();
    return app.exec();
}
