// awaitscope: the explorer window, and the same binary's command-line mode.
// Command-line options are parsed before any QApplication exists, so --help, --version and
// the headless commands work on machines without a display.
#include "MainWindow.h"
#include "TeachingScenes.h"
#include "app/RenderCommand.h"
#include "app/TraceSources.h"
#include "timeline/TimelineView.h"

#include <awaitscope/Version.h>
#include <awaitscope/cli/ConvertCommand.h>
#include <awaitscope/cli/DiffCommand.h>
#include <awaitscope/cli/ReportCommand.h>
#include <awaitscope/cli/TerminalText.h>
#include <awaitscope/cli/RunPythonCommand.h>
#include <awaitscope/cpython/CPythonRun.h>
#include <awaitscope/io/TraceFile.h>
#include <awaitscope/script/Scenarios.h>
#include <awaitscope/script/ScriptRunner.h>
#include <awaitscope/script/ScriptTarget.h>

#include <QApplication>
#include <QBuffer>
#include <QGuiApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>

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

// The options every Qt application takes (QGuiApplication's and QApplication's, and the X11
// ones): accepted here so that they reach the QApplication, which reads them from argv.
// `--help-all` lists QGuiApplication's in Qt's own words; Qt lists none of QApplication's,
// so those are described here, for --help-all only.
void acceptQtOptions(QCommandLineParser& parser, bool describeWidgetOptions) {
    auto add = [&](const char* name, const QString& valueName, const QString& description = {}) {
        QCommandLineOption option(QString::fromLatin1(name), description, valueName);
        if (description.isEmpty() || !describeWidgetOptions)
            option.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(option);
    };
    for (const char* name : {"platform", "platformpluginpath", "platformtheme", "plugin", "qwindowgeometry", "geometry",
                             "qwindowtitle", "title", "qwindowicon", "icon", "session", "display", "name", "visual"})
        add(name, QStringLiteral("value"));
    for (const char* name : {"reverse", "sync", "nograb", "dograb", "testability"})
        add(name, {});
    add("style", QStringLiteral("style"),
        QStringLiteral("The widget style: Fusion, Windows, or a style plugin's (QApplication::setStyle)."));
    add("stylesheet", QStringLiteral("file"), QStringLiteral("A Qt style sheet for the whole window."));
    add("widgetcount", {}, QStringLiteral("At exit, print how many widgets were left undestroyed (debugging helper)."));
}

// Traces recorded from real programs (samples/traces): installed beside the binary, else in
// the source tree this binary was built from (unless it was built for a package). Each is
// titled by its program's docstring.
std::vector<awaitscope::ui::SampleTrace> findSampleTraces() {
    const QStringList places = {QCoreApplication::applicationDirPath() + "/../share/awaitscope/traces",
#ifdef AWAITSCOPE_SAMPLE_TRACES_DIR
                                QStringLiteral(AWAITSCOPE_SAMPLE_TRACES_DIR)
#endif
    };
    for (const QString& place : places) {
        const QFileInfoList traces = QDir(place).entryInfoList({"*.json", "*.json.gz"}, QDir::Files, QDir::Name);
        if (traces.isEmpty())
            continue;
        std::vector<awaitscope::ui::SampleTrace> samples;
        for (const QFileInfo& trace : traces) {
            QString title = trace.fileName();
            QFile program(trace.absolutePath() + "/" + trace.fileName().section('.', 0, 0) + ".py");
            if (program.open(QIODevice::ReadOnly)) {
                const QString firstLine = QString::fromUtf8(program.readLine(400)).trimmed();
                if (firstLine.startsWith(QStringLiteral("\"\"\"")) && firstLine.size() > 3)
                    title = firstLine.mid(3).section(QLatin1Char(':'), 0, 0).remove(QStringLiteral("\"\"\"")).trimmed() + " (" + trace.fileName() + ")";
            }
            samples.push_back({title.toStdString(), trace.absoluteFilePath().toStdString()});
        }
        return samples;
    }
    return {};
}

int listSampleTraces() {
    for (const awaitscope::ui::SampleTrace& sample : findSampleTraces())
        std::printf("%s\t%s\n", sample.path.c_str(), sample.title.c_str());
    return 0;
}

// Where the CPython recorder may be, in order: named by the environment, installed beside the
// binary, or in the source tree this binary was built from.
std::vector<std::string> recorderCandidates() {
    std::vector<std::string> candidates;
    const QString here = QFileInfo(QStringLiteral("/proc/self/exe")).canonicalFilePath().section('/', 0, -2);  // no app object needed
    for (const QString& place : {qEnvironmentVariable("AWAITSCOPE_RECORDER"), here + "/awaitscope-record",
                                 here + "/../share/awaitscope/awaitscope_record.py",
#ifdef AWAITSCOPE_RECORDER_SCRIPT
                                 QStringLiteral(AWAITSCOPE_RECORDER_SCRIPT)
#else
                                 QString()
#endif
         })
        if (!place.isEmpty())
            candidates.push_back(place.toLocal8Bit().toStdString());
    return candidates;
}

// A program run under CPython, for the window: its trace, and why it ended when that was not
// by itself with exit code 0 (as remarks about the whole run, printed without a count).
awaitscope::LoadResult runUnderPython(const awaitscope::ui::PythonRunRequest& request, const awaitscope::LoadProgress& progress) {
    awaitscope::CPythonRunOptions options;
    options.recorder = awaitscope::findRecorder(recorderCandidates());
    options.script = request.script;
    options.workingDirectory = request.workingDirectory;
    options.virtualClock = request.virtualClock;
    options.maxVirtualSeconds = request.maxVirtualSeconds;
    options.maxWallSeconds = request.wallBudget.seconds;
    options.onWallBudgetSpent = request.wallBudget.onSpent;
    if (request.onOutput) {
        options.onStdout = [&](std::string_view text) { request.onOutput(1, text); };
        options.onStderr = [&](std::string_view text) { request.onOutput(2, text); };
    }
    if (request.onProgress)
        options.onProgress = [&](const awaitscope::CPythonProgress& p) { request.onProgress(p.wallElapsed, p.programTime); };
    options.cancelled = progress.cancelled;
    awaitscope::CPythonRunResult result = awaitscope::runUnderCPython(options);
    awaitscope::LoadResult loaded = std::move(result.trace);
    if (!loaded.ok) {
        if (!result.error.empty())
            loaded.error = result.error;
        return loaded;
    }
    auto remark = [&loaded](std::string what) { loaded.warnings.push_back({std::move(what), {}, 0}); };
    const std::string& ending = loaded.trace.metadata.ending;
    if (result.ending == awaitscope::CPythonEnding::Stopped)
        remark(ending.empty() ? "stopped: a budget ran out" : ending);
    else if (result.ending == awaitscope::CPythonEnding::Signalled)
        remark("the program was killed by signal " + std::to_string(result.exitCode - 128) +
               (ending.empty() ? std::string() : " (" + ending + ")"));
    else if (result.exitCode != 0)
        remark("the program exited with code " + std::to_string(result.exitCode));
    return loaded;
}

// Core's io and script behind the window's hooks, with the sample traces found here and
// programs run under CPython with the recorder found here.
awaitscope::ui::TraceSources makeTraceSources() {
    awaitscope::ui::TraceSources sources = awaitscope::ui::coreTraceSources();
    sources.sampleTraces = findSampleTraces();
    sources.runPython = runUnderPython;
    sources.pythonUnavailable = [] {
        std::string why;
        if (awaitscope::findPython3(&why).empty())
            return why;
        if (awaitscope::findRecorder(recorderCandidates()).empty())
            return std::string("the recorder (awaitscope_record.py) is not installed");
        return std::string();
    };
    return sources;
}

// `--run SCRIPT.py|NAME`: the script's output on stdout exactly as python3 prints it,
// diagnostics on stderr, the exit code python3 would give; `--out` also saves the trace.
// A budget in seconds given on the command line: false (with a message) unless positive.
bool readSeconds(const QCommandLineParser& parser, const QCommandLineOption& option, double& seconds) {
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    seconds = parser.value(option).toDouble(&ok);
    if (!ok || !(seconds > 0) || seconds > 1e9) {
        std::fprintf(stderr, "awaitscope: --%s needs a positive number of seconds, not '%s'\n",
                     qPrintable(option.names().first()), qPrintable(parser.value(option)));
        return false;
    }
    return true;
}

int runScriptCommand(const QString& target, const QString& outPath, double maxWallSeconds) {
    std::string source;
    awaitscope::ScriptRunOptions options;
    options.maxWallSeconds = maxWallSeconds;
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
        const awaitscope::SaveResult saved = awaitscope::saveTraceFile(result.trace, outPath.toLocal8Bit().toStdString());
        if (!saved.ok) {
            std::fprintf(stderr, "awaitscope: %s\n", saved.error.c_str());
            return result.exitCode ? result.exitCode : 1;
        }
    }
    return result.exitCode;
}

// `--run SCRIPT.py --engine python`: under python3 with the recorder (core's CPython runner).
int runPythonCommand(const QCommandLineParser& parser, const QCommandLineOption& run, const QCommandLineOption& out,
                     const QCommandLineOption& maxVirtual, const QCommandLineOption& maxWall) {
    awaitscope::RunPythonOptions options;
    options.script = parser.value(run).toLocal8Bit().toStdString();
    for (const QString& argument : parser.positionalArguments())
        options.arguments.push_back(argument.toLocal8Bit().toStdString());
    options.outPath = parser.value(out).toLocal8Bit().toStdString();
    options.recorderCandidates = recorderCandidates();
    if (!readSeconds(parser, maxVirtual, options.maxVirtualSeconds) || !readSeconds(parser, maxWall, options.maxWallSeconds))
        return awaitscope::kExitUsage;
    return awaitscope::runPythonCommand(options, std::cerr);
}

// A side of `--diff` that is no trace file: a script or a lesson, run on the interpreter with
// its output kept out of the diff.
std::optional<awaitscope::Trace> runDiffSide(const std::string& target, std::ostream& err) {
    awaitscope::ScriptTargetRun run = awaitscope::runScriptTarget(target);
    if (!run.ran) {
        err << "awaitscope: " << awaitscope::terminalSafe(run.message) << "\n";
        return std::nullopt;
    }
    if (!run.message.empty())
        err << "awaitscope: warning: " << awaitscope::terminalSafe(run.message) << " (diffing the run as far as it went)\n";
    return std::move(run.result.trace);
}

int listScenarios() {
    for (const awaitscope::Scenario& scenario : awaitscope::builtinScenarios())
        std::printf("%-26s %s\n", scenario.name.c_str(), scenario.title.c_str());
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    // A save that reaches the file size limit (ulimit -f) then fails with EFBIG, which saveFile
    // reports and cleans up after, instead of the signal killing the process mid-save.
    std::signal(SIGXFSZ, SIG_IGN);
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
    const QCommandLineOption sceneOption(QStringLiteral("scene"),
        QStringLiteral("With --screenshot: set the window up to show a teaching feature first: ") +
            awaitscope::ui::teachingSceneNames().join(QStringLiteral(", ")) + QStringLiteral("."),
        QStringLiteral("name"));
    parser.addOption(sceneOption);
    const QCommandLineOption findOption(QStringLiteral("find"),
        QStringLiteral("With --screenshot: find <text> in the timeline first, as Ctrl+F does (a task's name, its "
                       "coroutine, a printed line, a source line): the first hit is selected and shown, its group opened."),
        QStringLiteral("text"));
    parser.addOption(findOption);
    const QCommandLineOption reportOption(QStringLiteral("report"),
        QStringLiteral("Print the diagnostics and key figures of the trace <file> as plain text. Exit code 3 when the "
                       "loop froze, a coroutine was never awaited or the script raised, 0 when the trace is clean, 1 "
                       "on a bad file."),
        QStringLiteral("file"));
    parser.addOption(reportOption);
    const QCommandLineOption diffOption(QStringLiteral("diff"),
        QStringLiteral("What changed between two runs: awaitscope --diff A B, each a trace file, a script (.py) or a "
                       "built-in lesson's name (run on the interpreter). Prints the biggest change in one sentence, "
                       "the tasks only one run has, where the order of steps first differs, the tasks that start, end "
                       "or are held by frozen loops differently, and the freezes added or removed. Exit code 0 when "
                       "the runs tell the same story, 4 when they differ, 1 when a side cannot be read or run."),
        QStringLiteral("A"));
    parser.addOption(diffOption);
    const QCommandLineOption frozenOption(QStringLiteral("frozen-ms"),
        QStringLiteral("With --report or --diff: a step that holds the loop this long counts as a frozen loop (default 100)."),
        QStringLiteral("ms"));
    parser.addOption(frozenOption);
    const QCommandLineOption convertOption(QStringLiteral("convert"),
        QStringLiteral("Convert the trace <in> to the file named last on the command line: awaitscope --convert IN OUT. "
                       "Any format is read; --to says which to write."),
        QStringLiteral("in"));
    parser.addOption(convertOption);
    const QCommandLineOption toOption(QStringLiteral("to"),
        QStringLiteral("With --convert: the format to write: chrome (Chrome/Perfetto JSON), native (Awaitscope JSON) or "
                       "native-gz (the same, gzip-compressed). Without it the output's name decides: *.json.gz is "
                       "native-gz, *chrome.json is chrome, anything else native."),
        QStringLiteral("format"));
    parser.addOption(toOption);
    const QCommandLineOption renderOption(QStringLiteral("render"),
        QStringLiteral("Draw the timeline of <trace> to the --out file (PNG, or SVG by extension); no window."), QStringLiteral("trace"));
    const QCommandLineOption renderScenarioOption(QStringLiteral("render-scenario"),
        QStringLiteral("Run the lesson <name> and draw its timeline to the --out file; no window."), QStringLiteral("name"));
    const QCommandLineOption outOption(QStringLiteral("out"),
        QStringLiteral("Where --render writes the picture, or where --run writes the trace (JSON; .json.gz, .chrome.json)."),
        QStringLiteral("file"));
    const QCommandLineOption runOption(QStringLiteral("run"),
        QStringLiteral("Run a script (or a built-in scenario by name) without a window; its output goes to stdout."),
        QStringLiteral("script.py|name"));
    const QCommandLineOption engineOption(QStringLiteral("engine"),
        QStringLiteral("With --run: 'interpreter' (default) runs the script on Awaitscope's own runtime; 'python' runs "
                       "it under python3 (3.11+) with the recorder, on a virtual clock, for programs the interpreter "
                       "cannot run. Arguments after the script go to the program."),
        QStringLiteral("engine"));
    const QCommandLineOption maxVirtualOption(QStringLiteral("max-virtual-time"),
        QStringLiteral("With --engine python: stop the program when its clock passes this many seconds, or when it "
                       "would wait forever (default a week)."),
        QStringLiteral("seconds"));
    const QCommandLineOption maxWallOption(QStringLiteral("max-wall-time"),
        QStringLiteral("With --run: stop the script or program after this many real seconds, with a message naming "
                       "the line at work; the trace so far is kept (default: no limit)."),
        QStringLiteral("seconds"));
    parser.addOptions({engineOption, maxVirtualOption, maxWallOption});
    const QCommandLineOption listScenariosOption(QStringLiteral("list-scenarios"),
        QStringLiteral("List the built-in scenarios with their titles."));
    const QCommandLineOption listSamplesOption(QStringLiteral("list-samples"),
        QStringLiteral("List the sample traces recorded from real programs (File > Open Sample Trace): path, then title."));
    parser.addOptions({runOption, listScenariosOption, listSamplesOption});
    const QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("Picture size for --render (default 1600x900)."), QStringLiteral("WxH"));
    const QCommandLineOption themeOption(QStringLiteral("theme"), QStringLiteral("Colours for --render and --screenshot: light or dark (for --screenshot, the window's theme for this run)."), QStringLiteral("theme"));
    parser.addOptions({renderOption, renderScenarioOption, outOption, sizeOption, themeOption});
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A trace to open, or a Python program (.py) to open as a script."),
                                 QStringLiteral("[file]"));
    acceptQtOptions(parser, argumentsOf(argc, argv).contains(QStringLiteral("--help-all")));
    // Qt's options have one dash (-style, -reverse); ours work with one or two.
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);

    if (!parser.parse(argumentsOf(argc, argv))) {
        std::fprintf(stderr, "awaitscope: %s\nTry 'awaitscope --help'.\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help-all"))) {
        // Qt lists its own options only with an application object, which needs a platform.
        if (!displayAvailable())
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        parser.process(app);  // prints the help with Qt's options and exits
        return 0;
    }
    if (parser.isSet(helpOption)) {
        // Without an application object the parser cannot know the program's name.
        std::fputs(qPrintable(parser.helpText().replace(QStringLiteral("<executable_name>"), QStringLiteral("awaitscope"))),
                   stdout);
        return 0;
    }
    if (parser.isSet(versionOption)) {
        std::printf("awaitscope %s\n", awaitscope::kVersion);
        return 0;
    }

    // Headless modes: no QApplication, no display.
    if (parser.isSet(listScenariosOption))
        return listScenarios();
    if (parser.isSet(listSamplesOption)) {
        QCoreApplication app(argc, argv);  // where the binary is, and so where the samples are installed
        return listSampleTraces();
    }
    if (parser.isSet(runOption) && parser.value(engineOption) == QLatin1String("python"))
        return runPythonCommand(parser, runOption, outOption, maxVirtualOption, maxWallOption);
    if (parser.isSet(engineOption) && parser.value(engineOption) != QLatin1String("interpreter") &&
        parser.value(engineOption) != QLatin1String("python")) {
        std::fprintf(stderr, "awaitscope: --engine is 'interpreter' or 'python', not '%s'\n", qPrintable(parser.value(engineOption)));
        return awaitscope::kExitUsage;
    }
    if (parser.isSet(runOption)) {
        double maxWallSeconds = 0;
        if (!readSeconds(parser, maxWallOption, maxWallSeconds))
            return awaitscope::kExitUsage;
        return runScriptCommand(parser.value(runOption), parser.value(outOption), maxWallSeconds);
    }
    awaitscope::TimeNs frozenThreshold = awaitscope::kDefaultFrozenThreshold;
    if (parser.isSet(frozenOption) && (parser.isSet(reportOption) || parser.isSet(diffOption))) {
        bool ok = false;
        const double ms = parser.value(frozenOption).toDouble(&ok);
        if (!ok || !(ms > 0) || ms > 1e12) {
            std::fprintf(stderr, "awaitscope: --frozen-ms needs a positive number of milliseconds, not '%s'\n",
                         qPrintable(parser.value(frozenOption)));
            return awaitscope::kExitUsage;
        }
        frozenThreshold = static_cast<awaitscope::TimeNs>(ms * 1e6);
    }
    if (parser.isSet(reportOption)) {
        awaitscope::ReportOptions options;
        options.frozenThreshold = frozenThreshold;
        return awaitscope::runReportCommand(parser.value(reportOption).toLocal8Bit().toStdString(), std::cout, std::cerr,
                                            options);
    }
    if (parser.isSet(diffOption)) {
        const QStringList others = parser.positionalArguments();
        if (others.size() != 1) {
            std::fputs("awaitscope: --diff needs two runs: awaitscope --diff A B (trace files, scripts or lesson names)\n",
                       stderr);
            return awaitscope::kExitUsage;
        }
        awaitscope::DiffOptions options;
        options.frozenThreshold = frozenThreshold;
        return awaitscope::runDiffCommand(parser.value(diffOption).toLocal8Bit().toStdString(),
                                          others.first().toLocal8Bit().toStdString(), std::cout, std::cerr, runDiffSide,
                                          options);
    }
    if (parser.isSet(convertOption)) {
        const QStringList outputs = parser.positionalArguments();
        if (outputs.size() != 1) {
            std::fputs("awaitscope: --convert needs an input and an output file: awaitscope --convert IN OUT\n", stderr);
            return awaitscope::kExitUsage;
        }
        std::optional<awaitscope::TraceFormat> format;
        if (parser.isSet(toOption)) {
            format = awaitscope::traceFormatNamed(parser.value(toOption).toStdString());
            if (!format) {
                std::fprintf(stderr, "awaitscope: --to %s: the formats are %s\n", qPrintable(parser.value(toOption)),
                             awaitscope::kTraceFormatNames);
                return awaitscope::kExitUsage;
            }
        }
        return awaitscope::runConvertCommand(parser.value(convertOption).toLocal8Bit().toStdString(),
                                             outputs.first().toLocal8Bit().toStdString(), std::cout, std::cerr, format);
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
        std::fputs(awaitscope::terminalSafe(errors.toStdString()).c_str(), stderr);
        return code;
    }

    if (!displayAvailable() && !parser.isSet(QStringLiteral("platform"))) {
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
            QByteArray picture;
            QBuffer buffer(&picture);
            const QByteArray format = QFileInfo(path).suffix().toLatin1();
            awaitscope::SaveResult saved{false, path.toStdString() + ": cannot encode the picture"};
            if (buffer.open(QIODevice::WriteOnly) && window.grab().save(&buffer, format.isEmpty() ? "PNG" : format.constData()))
                saved = awaitscope::saveFile(QFile::encodeName(path).toStdString(),
                                             std::string_view(picture.data(), picture.size()));
            if (!saved.ok) {
                std::fprintf(stderr, "awaitscope: %s\n", saved.error.c_str());
                code = 1;
            }
            app.quit();
        };
        window.setRemembersOnClose(false);
        if (parser.isSet(themeOption))
            window.setTheme(parser.value(themeOption) == QLatin1String("dark") ? awaitscope::ui::Theme::Dark
                                                                             : awaitscope::ui::Theme::Light);
        window.show();
        if (parser.isSet(sceneOption)) {
            awaitscope::ui::prepareTeachingScene(window, parser.value(sceneOption), [&](bool ok) {
                if (!ok) {
                    std::fprintf(stderr, "awaitscope: cannot set up the scene '%s'\n", qPrintable(parser.value(sceneOption)));
                    code = 1;
                }
                QTimer::singleShot(300, &app, grabAndQuit);  // let the docks settle
            });
            app.exec();
            return code;
        }
        QObject::connect(&window, &awaitscope::ui::MainWindow::loadFinished, &app, [&](bool ok) {
            if (ok && parser.isSet(findOption) && !window.timeline()->findInBar(parser.value(findOption))) {
                std::fprintf(stderr, "awaitscope: --find: nothing matches '%s'\n", qPrintable(parser.value(findOption)));
                code = 1;
            }
            grabAndQuit();
        }, Qt::QueuedConnection);
        if (!window.openInitial(files.value(0)))
            QTimer::singleShot(0, &app, grabAndQuit);
        app.exec();
        return code;
    }
    window.show();
    window.openInitial(files.value(0));
    return app.exec();
}
