// The main window's handling of a learner's own program: New / Open Script, Run with the
// chosen engine, the offer to run under CPython when the interpreter cannot, a Python run's
// streamed output, and a load's warnings as a lasting list. Kept apart from MainWindow.cpp,
// which wires the panels.
#include "MainWindow.h"

#include "app/NoticeBar.h"
#include "app/WallBudgetPrompt.h"
#include "app/RecentFiles.h"
#include "app/ScriptDocument.h"
#include "app/TraceLoadJob.h"
#include "model/QtText.h"
#include "model/TraceDocument.h"
#include "panels/CodePanel.h"
#include "panels/ComparisonView.h"
#include "panels/LiveOutputView.h"
#include "panels/OutputPanel.h"

#include <QAction>
#include <QActionGroup>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStringDecoder>
#include <QTimer>

#include <Qsci/qsciscintilla.h>

#include <awaitscope/analysis/TimeFormat.h>
#include <awaitscope/script/Unsupported.h>

#include <algorithm>
#include <array>

namespace awaitscope::ui {

namespace {

constexpr qint64 kMaxScriptBytes = 4 * 1024 * 1024;

} // namespace

void MainWindow::addScriptActions(QMenu* file) {
    QAction* newScript = file->addAction(tr("&New Script"), this, &MainWindow::newScript);
    newScript->setShortcut(QKeySequence::New);
    file->addAction(tr("Open &Script…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a Python program"), QString(),
                                                          tr("Python programs (*.py);;All files (*)"));
        if (!path.isEmpty())
            openScript(path);
    })->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
}

void MainWindow::addEngineMenu(QMenu* run) {
    engineMenu_ = run->addMenu(tr("Script &Engine"));
    engineMenu_->setObjectName(QStringLiteral("engineMenu"));
    auto* engines = new QActionGroup(engineMenu_);
    for (ScriptEngine engine : {ScriptEngine::Interpreter, ScriptEngine::PythonVirtual, ScriptEngine::PythonRealTime}) {
        QAction* action = engineMenu_->addAction(engineLabel(engine), this, [this, engine] { setScriptEngine(engine); });
        action->setCheckable(true);
        action->setData(static_cast<int>(engine));
        engines->addAction(action);
    }
    connect(engineMenu_, &QMenu::aboutToShow, this, [this, engines] {
        for (QAction* action : engines->actions())
            action->setChecked(script_ && action->data().toInt() == static_cast<int>(script_->engine()));
    });
}

void MainWindow::connectScriptDocument() {
    connect(code_->editor(), &QsciScintilla::textChanged, this, [this] {
        if (script_)
            script_->textChanged(code_->source());
    });
    connect(code_, &CodePanel::saved, this, [this](const QString& path) {
        if (!script_)
            return;
        script_->saved(path, code_->source());
        RecentFiles().add(path);
        refreshRecentFiles();
    });
    // A new trace brings its own output; a run that failed or was cancelled keeps what it printed.
    connect(document_, &TraceDocument::documentChanged, this, [this] { outputStack_->setCurrentWidget(output_); });
}

void MainWindow::newScript() {
    ++untitledScripts_;
    const QString name = untitledScripts_ == 1 ? QStringLiteral("untitled.py") : QStringLiteral("untitled-%1.py").arg(untitledScripts_);
    showScriptDocument(new ScriptDocument(name, QString(), QString(), this), newScriptTemplate());
}

void MainWindow::openScript(const QString& path) {
    const QFileInfo info(path);
    QFile file(path);
    QString error;
    QString text;
    if (!info.isFile())
        error = info.exists() ? tr("%1 is not a file.").arg(path) : tr("%1 does not exist.").arg(path);
    else if (info.size() > kMaxScriptBytes)
        error = tr("%1 is %2 MB; programs up to %3 MB open.").arg(path).arg(info.size() >> 20).arg(kMaxScriptBytes >> 20);
    else if (!file.open(QIODevice::ReadOnly))
        error = tr("%1: %2").arg(path, file.errorString());
    else {
        QStringDecoder utf8(QStringDecoder::Utf8);
        text = utf8.decode(file.readAll());
        if (utf8.hasError())
            error = tr("%1 is not UTF-8 text (Python reads programs as UTF-8).").arg(path);
    }
    if (!error.isEmpty()) {
        showError(tr("Could not open %1").arg(info.fileName()), error);
        emit loadFinished(false);
        return;
    }
    showScriptDocument(new ScriptDocument(info.fileName(), info.absoluteFilePath(), text, this), text);
    RecentFiles().add(info.absoluteFilePath());
    refreshRecentFiles();
    // The interpreter runs nothing outside its sandbox, so the picture comes at once; a program
    // meant for CPython runs only when asked.
    if (script_->engine() == ScriptEngine::Interpreter)
        runScript();
    else
        QTimer::singleShot(0, this, [this] { emit loadFinished(true); });
}

void MainWindow::showScriptDocument(ScriptDocument* script, const QString& text) {
    closeScript();
    if (job_)
        job_->cancel();  // what ran for the old document is no longer wanted
    script_ = script;
    connect(script_, &ScriptDocument::changed, this, &MainWindow::updateTitle);
    lessonName_.clear();
    previousRun_.reset();
    comparison_->closeComparison();
    fallbackBar_->dismiss();
    warningsBar_->dismiss();
    document_->clear();  // no trace until it runs
    code_->openScript(text, script_->fileName(), script_->path());
    script_->textChanged(text);
    // The editor gets room to write in.
    if (QDockWidget* codeDock = findChild<QDockWidget*>(QStringLiteral("codeDock"))) {
        codeDock->show();
        codeDock->raise();
        auto giveRoom = [this, codeDock] { resizeDocks({codeDock}, {std::max(480, width() * 2 / 5)}, Qt::Horizontal); };
        giveRoom();
        QTimer::singleShot(0, this, giveRoom);  // again once a window just shown has its layout
    }
    code_->editor()->setFocus();
    updateTitle();
    updateActions();
}

void MainWindow::closeScript() {
    if (!script_)
        return;
    code_->closeScript();
    fallbackBar_->dismiss();
    script_->deleteLater();
    script_ = nullptr;
    updateTitle();
    updateActions();
}

void MainWindow::setScriptEngine(ScriptEngine engine) {
    if (script_)
        script_->setEngine(engine);
}

void MainWindow::runScript() {
    if (script_)
        runScriptWith(script_->engine());
}

void MainWindow::runScriptWith(ScriptEngine engine) {
    if (!script_)
        return;
    fallbackBar_->dismiss();
    code_->markProblems({});
    if (engine == ScriptEngine::Interpreter)
        runScriptInInterpreter(code_->source());
    else
        runScriptUnderPython(code_->source(), engine == ScriptEngine::PythonVirtual);
}

void MainWindow::showScriptRun(const LoadOutcome& outcome) {
    if (document_->model()) {  // for Run > Compare With > The Previous Run
        previousRun_ = document_->model();
        previousRunName_ = tr("%1 (the run before)").arg(script_->fileName());
    }
    document_->setModel(outcome.model, DocumentOrigin::Recorded, script_->fileName());
    updateActions();
}

void MainWindow::runScriptInInterpreter(const QString& source) {
    if (!sources_.runSource) {
        showError(tr("Could not run %1").arg(script_->fileName()), tr("Running scripts needs the script interpreter, which is not in this build."));
        emit loadFinished(false);
        return;
    }
    auto run = sources_.runSource;
    auto pythonUnavailable = sources_.pythonUnavailable;
    auto pythonMissing = std::make_shared<QString>(tr("running programs under Python is not available in this build"));
    const std::string code = source.toStdString();
    const std::string file = script_->fileName().toStdString();
    auto prompt = std::make_shared<WallBudgetPrompt>(runQuestionBar_, script_->fileName());
    auto work = [run, pythonUnavailable, pythonMissing, code, file, prompt](const LoadProgress& progress) {
        ScriptRunResult ran = run(code, file, progress, windowWallBudget(prompt, progress));
        ran.trace.metadata.sourceText = code;
        ran.trace.metadata.sourceFile = file;
        // Asking python3 takes a moment: here, off the UI thread, and only when it matters.
        if (ran.error && pythonUnavailable && !unsupportedByInterpreter(ran.error->message).empty())
            *pythonMissing = QString::fromStdString(pythonUnavailable());
        return ran;
    };
    startJob(tr("Running %1").arg(script_->fileName()), std::make_unique<TraceLoadJob>(TraceLoadJob::ScriptWork(work), file),
             [this](const LoadOutcome& outcome) { showScriptRun(outcome); });
    connect(job_.get(), &TraceLoadJob::finished, this, [this, pythonMissing, prompt](const LoadOutcome& outcome) {
        prompt->finished();
        if (outcome.scriptError)
            code_->markProblems({*outcome.scriptError});
        if (!outcome.unsupported.isEmpty() && !outcome.cancelled)
            offerPython(outcome, *pythonMissing);
    });
}

void MainWindow::offerPython(const LoadOutcome& outcome, const QString& pythonMissing) {
    if (!script_)
        return;
    const int line = outcome.scriptError ? outcome.scriptError->line : 0;
    QString message = tr("<b>The Awaitscope interpreter cannot run this program:</b> %1 (%2).")
                          .arg(outcome.unsupported.toHtmlEscaped(),
                               line > 0 ? tr("line %1").arg(line) : tr("not in its subset of Python"));
    if (!pythonMissing.isEmpty()) {
        fallbackBar_->showNotice(message + QLatin1Char(' ') +
                                 tr("Running it under CPython needs python3 3.11 or newer on the PATH: %1.").arg(pythonMissing.toHtmlEscaped()));
        return;
    }
    fallbackBar_->showNotice(message + QLatin1Char(' ') + tr("CPython can run it and record its trace, on a virtual clock."));
    connect(fallbackBar_->addButton(tr("Run with Python"), QStringLiteral("runWithPython")), &QPushButton::clicked, this,
            [this] { runScriptWith(ScriptEngine::PythonVirtual); });
    connect(fallbackBar_->addButton(tr("Always Use Python for This Script"), QStringLiteral("alwaysUsePython")), &QPushButton::clicked,
            this, [this] {
                setScriptEngine(ScriptEngine::PythonVirtual);
                runScript();
            });
}

void MainWindow::runScriptUnderPython(const QString& source, bool virtualClock) {
    const QString name = script_->fileName();
    if (!sources_.runPython) {
        showError(tr("Could not run %1").arg(name), tr("Running programs under Python is not available in this build."));
        emit loadFinished(false);
        return;
    }
    QString error;
    const QString file = script_->fileToRun(source, &error);
    if (file.isEmpty()) {
        showError(tr("Could not run %1").arg(name), error);
        emit loadFinished(false);
        return;
    }
    PythonRunRequest request;
    request.script = QFile::encodeName(file).toStdString();
    if (!script_->isUntitled())
        request.workingDirectory = QFile::encodeName(QFileInfo(script_->path()).absolutePath()).toStdString();
    request.virtualClock = virtualClock;
    request.maxVirtualSeconds = virtualClock ? kWindowMaxVirtualSeconds : 0;

    // Output and progress arrive on the worker thread and are handed to the UI thread as they
    // come. The job waits for its worker before the window's widgets go, so they outlive it.
    LiveOutputView* live = liveOutput_;
    auto decoders = std::make_shared<std::array<QStringDecoder, 2>>();  // a character may span two reads
    (*decoders)[0] = QStringDecoder(QStringDecoder::Utf8);
    (*decoders)[1] = QStringDecoder(QStringDecoder::Utf8);
    request.onOutput = [live, decoders](int stream, std::string_view bytes) {
        const QString text = (*decoders)[stream == 2 ? 1 : 0].decode(QByteArrayView(bytes.data(), static_cast<qsizetype>(bytes.size())));
        QMetaObject::invokeMethod(live, [live, stream, text] { live->append(stream, text); }, Qt::QueuedConnection);
    };
    QProgressBar* progress = progress_;
    request.onProgress = [progress, name, virtualClock](std::int64_t wallNs, std::int64_t programNs) {
        const QString text = virtualClock && programNs >= 0
                                 ? tr("%1 under Python: %2 of program time").arg(name, qs(formatDuration(programNs)))
                                 : tr("%1 under Python: %2").arg(name, qs(formatDuration(wallNs)));
        QMetaObject::invokeMethod(progress, [progress, text] { progress->setFormat(text); }, Qt::QueuedConnection);
    };
    liveOutput_->begin(tr("$ python3 %1   (%2)").arg(name, engineLabel(virtualClock ? ScriptEngine::PythonVirtual : ScriptEngine::PythonRealTime)));
    outputStack_->setCurrentWidget(liveOutput_);
    if (auto* outputDock = findChild<QDockWidget*>(QStringLiteral("outputDock"))) {
        outputDock->show();
        outputDock->raise();
    }
    auto runPython = sources_.runPython;
    const std::string code = source.toStdString();
    const std::string shownName = name.toStdString();
    auto prompt = std::make_shared<WallBudgetPrompt>(runQuestionBar_, name);
    startJob(
        tr("Running %1 under Python").arg(name),
        std::make_unique<TraceLoadJob>(TraceLoadJob::FileWork([runPython, request, code, shownName, prompt](const LoadProgress& progress) {
            PythonRunRequest asking = request;
            asking.wallBudget = windowWallBudget(prompt, progress, kWindowMaxWallSeconds);
            LoadResult loaded = runPython(asking, progress);
            // The program is what the editor held, under the script's own name.
            loaded.trace.metadata.sourceText = code;
            loaded.trace.metadata.sourceFile = shownName;
            return loaded;
        })),
        [this](const LoadOutcome& outcome) { showScriptRun(outcome); });
    connect(job_.get(), &TraceLoadJob::finished, this, [this, prompt](const LoadOutcome& outcome) {
        prompt->finished();
        if (outcome.cancelled)
            liveOutput_->end(tr("Cancelled: the program was ended."));
        else if (!outcome.ok)
            liveOutput_->end(tr("No trace: %1").arg(outcome.error));
    });
}

void MainWindow::showWarnings(const QString& what, const QStringList& warnings) {
    if (warnings.isEmpty()) {
        warningsBar_->dismiss();
        return;
    }
    const QString count = warnings.size() == 1 ? tr("1 warning") : tr("%1 warnings").arg(warnings.size());
    warningsBar_->showNotice(tr("<b>%1:</b> %2. The timeline shows what could be used.").arg(what.toHtmlEscaped(), count),
                             countedWarnings(warnings));
}

} // namespace awaitscope::ui
