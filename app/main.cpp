// awaitscope: the explorer window, and the same binary's command-line mode.
// Command-line options are parsed before any QApplication exists, so --help, --version and
// the headless commands work on machines without a display.
#include "MainWindow.h"

#include <awaitscope/Version.h>
#include <awaitscope/cli/ConvertCommand.h>
#include <awaitscope/cli/ReportCommand.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStringList>

#include <cstdio>
#include <cstdlib>
#include <iostream>

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
    const QCommandLineOption reportOption(QStringLiteral("report"),
        QStringLiteral("Print the diagnostics and key figures of the trace <file> as plain text. Exit code 3 when the "
                       "loop froze or a coroutine was never awaited, 0 when the trace is clean, 1 on a bad file."),
        QStringLiteral("file"));
    parser.addOption(reportOption);
    const QCommandLineOption frozenOption(QStringLiteral("frozen-ms"),
        QStringLiteral("With --report: a step that holds the loop this long counts as a frozen loop (default 100)."),
        QStringLiteral("ms"));
    parser.addOption(frozenOption);
    const QCommandLineOption convertOption(QStringLiteral("convert"),
        QStringLiteral("Convert the trace <in> to the file named last on the command line: awaitscope --convert IN OUT. "
                       "The output format follows its name: *.json.gz (gzip), *.chrome.json (Chrome/Perfetto), else JSON."),
        QStringLiteral("in"));
    parser.addOption(convertOption);
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

    // Headless modes: no QApplication, no display.
    if (parser.isSet(reportOption)) {
        awaitscope::ReportOptions options;
        if (parser.isSet(frozenOption)) {
            bool ok = false;
            const double ms = parser.value(frozenOption).toDouble(&ok);
            if (!ok || !(ms > 0) || ms > 1e12) {
                std::fprintf(stderr, "awaitscope: --frozen-ms needs a positive number of milliseconds, not '%s'\n",
                             qPrintable(parser.value(frozenOption)));
                return awaitscope::kExitUsage;
            }
            options.frozenThreshold = static_cast<awaitscope::TimeNs>(ms * 1e6);
        }
        return awaitscope::runReportCommand(parser.value(reportOption).toLocal8Bit().toStdString(), std::cout, std::cerr,
                                            options);
    }
    if (parser.isSet(convertOption)) {
        const QStringList outputs = parser.positionalArguments();
        if (outputs.size() != 1) {
            std::fputs("awaitscope: --convert needs an input and an output file: awaitscope --convert IN OUT\n", stderr);
            return awaitscope::kExitUsage;
        }
        return awaitscope::runConvertCommand(parser.value(convertOption).toLocal8Bit().toStdString(),
                                             outputs.first().toLocal8Bit().toStdString(), std::cout, std::cerr);
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
