// awaitscope: the explorer window, and the same binary's command-line mode.
// Command-line options are parsed before any QApplication exists, so --help, --version and
// the headless commands work on machines without a display.
#include "MainWindow.h"

#include <awaitscope/Version.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
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
