#include "panels/CodePanel.h"

#include "model/QtText.h"
#include "model/SelectionInfo.h"
#include "model/ThemedIcon.h"

#include <awaitscope/analysis/PlayheadState.h>
#include <awaitscope/io/SaveFile.h>

#include <Qsci/qscilexerpython.h>
#include <Qsci/qsciscintilla.h>

#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QShortcut>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>
#include <Qsci/qscilexerpython.h>
#include <Qsci/qsciscintilla.h>

#include <algorithm>

namespace awaitscope::ui {

namespace {

constexpr qint64 kMaxSourceBytes = 4 * 1024 * 1024;
constexpr int kMaxWaitingLines = 200;

// Markers: line backgrounds (a later number paints over an earlier one) and margin symbols.
enum Marker { WaitingBackground = 0, SelectedBackground, RunningBackground, ErrorBackground, RunningArrow, WaitingDot, ErrorDot };
constexpr int kSymbolMargin = 1;
constexpr int kAnnotationStyle = 1;  // an editor style past the lexer's, for error messages

bool sameFile(const QString& a, const QString& b) {
    return !a.isEmpty() && !b.isEmpty() && (a == b || QFileInfo(a).fileName() == QFileInfo(b).fileName());
}

QColor blend(const QColor& over, const QColor& under, double alpha) {
    return QColor::fromRgbF(static_cast<float>(over.redF() * alpha + under.redF() * (1 - alpha)),
                            static_cast<float>(over.greenF() * alpha + under.greenF() * (1 - alpha)),
                            static_cast<float>(over.blueF() * alpha + under.blueF() * (1 - alpha)));
}

QToolButton* toolButton(QWidget* parent, const QString& name, const QString& text, QStyle::StandardPixmap icon, const QString& tip) {
    auto* b = new QToolButton(parent);
    b->setObjectName(name);
    b->setText(text);
    b->setIcon(themedIcon(parent->style()->standardIcon(icon)));
    b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    b->setAutoRaise(true);
    b->setToolTip(tip);
    return b;
}

// A run's raised errors (their tracebacks' last lines), at their lines.
std::vector<ScriptDiagnostic> scriptErrorProblems(const Trace& trace) {
    std::vector<ScriptDiagnostic> problems;
    for (const ScriptError& e : trace.scriptErrors) {
        std::string_view text = trace.str(e.text);
        while (!text.empty() && text.back() == '\n')
            text.remove_suffix(1);
        const std::size_t last = text.rfind('\n');
        problems.push_back({e.site < trace.sites.size() ? static_cast<int>(trace.sites[e.site].line) : 0, 0,
                            std::string(last == std::string_view::npos ? text : text.substr(last + 1))});
    }
    return problems;
}

} // namespace

CodePanel::CodePanel(TraceDocument* document, ViewState* viewState, QWidget* parent)
    : QWidget(parent), document_(document), view_(viewState) {
    setObjectName(QStringLiteral("codePanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 0);
    header_ = new QLabel(this);
    header_->setContentsMargins(4, 1, 4, 1);
    header_->setTextFormat(Qt::PlainText);
    // A long file name or message is cut rather than widening the dock (its width would jump
    // at the next relayout); the whole text is in the tooltip.
    header_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    header_->setMinimumWidth(80);
    run_ = toolButton(this, QStringLiteral("runEditedButton"), tr("Run"), QStyle::SP_MediaPlay, tr("Run this code (Ctrl+Return)"));
    save_ = toolButton(this, QStringLiteral("saveScriptButton"), tr("Save"), QStyle::SP_DialogSaveButton, tr("Save the script (Ctrl+S)"));
    saveAs_ = toolButton(this, QStringLiteral("saveScriptAsButton"), tr("Save As…"), QStyle::SP_DialogSaveButton, tr("Save the script under a new name"));
    saveAs_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    revert_ = toolButton(this, QStringLiteral("revertButton"), tr("Revert"), QStyle::SP_BrowserReload, tr("Back to the code of the run shown"));
    revert_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addWidget(header_, 1);
    for (QToolButton* b : {run_, save_, saveAs_, revert_})
        bar->addWidget(b);
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("editorStatus"));
    status_->setContentsMargins(6, 0, 6, 2);
    status_->setWordWrap(true);

    editor_ = new QsciScintilla(this);
    editor_->setObjectName(QStringLiteral("codeEditor"));
    lexer_ = new QsciLexerPython(editor_);
    editor_->setUtf8(true);
    editor_->setLexer(lexer_);
    editor_->setMarginType(0, QsciScintilla::NumberMargin);
    editor_->setMarginWidth(0, QStringLiteral("0000"));
    editor_->setMarginType(kSymbolMargin, QsciScintilla::SymbolMargin);
    editor_->setMarginWidth(kSymbolMargin, 16);
    editor_->setMarginSensitivity(kSymbolMargin, false);
    editor_->setIndentationsUseTabs(false);
    editor_->setTabWidth(4);
    editor_->setAutoIndent(true);
    editor_->setIndentationGuides(true);
    editor_->setWrapMode(QsciScintilla::WrapNone);
    editor_->setAnnotationDisplay(QsciScintilla::AnnotationBoxed);
    editor_->markerDefine(QsciScintilla::Background, WaitingBackground);
    editor_->markerDefine(QsciScintilla::Background, SelectedBackground);
    editor_->markerDefine(QsciScintilla::Background, RunningBackground);
    editor_->markerDefine(QsciScintilla::Background, ErrorBackground);
    editor_->markerDefine(QsciScintilla::RightTriangle, RunningArrow);
    editor_->markerDefine(QsciScintilla::SmallRectangle, WaitingDot);
    editor_->markerDefine(QsciScintilla::Circle, ErrorDot);
    // The symbol margin shows only the symbols, never the backgrounds.
    editor_->setMarginMarkerMask(kSymbolMargin, (1 << RunningArrow) | (1 << WaitingDot) | (1 << ErrorDot));
    editor_->setMarginMarkerMask(0, 0);

    layout->addLayout(bar);
    layout->addWidget(editor_, 1);
    layout->addWidget(status_);
    applyColours();

    connect(run_, &QToolButton::clicked, this, &CodePanel::run);
    connect(save_, &QToolButton::clicked, this, &CodePanel::save);
    connect(saveAs_, &QToolButton::clicked, this, &CodePanel::saveAsDialog);
    connect(revert_, &QToolButton::clicked, this, &CodePanel::revert);
    auto* runKey = new QShortcut(QKeySequence(tr("Ctrl+Return")), editor_);
    runKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(runKey, &QShortcut::activated, this, &CodePanel::run);
    auto* saveKey = new QShortcut(QKeySequence::Save, editor_);
    saveKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(saveKey, &QShortcut::activated, this, &CodePanel::save);
    connect(editor_, &QsciScintilla::modificationChanged, this, &CodePanel::updateStatus);
    connect(document_, &TraceDocument::documentChanged, this, &CodePanel::showDocument);
    connect(view_, &ViewState::selectionChanged, this, &CodePanel::showSelection);
    connect(view_, &ViewState::playheadChanged, this, &CodePanel::showPlayhead);
    showDocument();
}

QString CodePanel::lineText(int line) const {
    if (line < 1 || line > editor_->lines())
        return {};
    QString text = editor_->text(line - 1);
    while (text.endsWith(QLatin1Char('\n')) || text.endsWith(QLatin1Char('\r')))
        text.chop(1);
    return text;
}

QString CodePanel::source() const { return editor_->text(); }

bool CodePanel::isModified() const { return editor_->isModified(); }

QList<int> CodePanel::errorLines() const { return errorLines_; }

bool CodePanel::isScript() const {
    const auto& model = document_->model();
    if (scriptOpen_)
        return true;
    return model && !model->trace().metadata.sourceText.empty() && sameFile(shownFile_, QString::fromStdString(model->trace().metadata.sourceFile));
}

void CodePanel::applyColours() {
    const QPalette pal = palette();
    const bool dark = pal.color(QPalette::Base).lightness() < 128;
    const QColor paper = pal.color(QPalette::Base), text = pal.color(QPalette::Text);
    QFont mono(QStringLiteral("DejaVu Sans Mono"));
    mono.setStyleHint(QFont::Monospace);
    mono.setPointSizeF(font().pointSizeF());
    lexer_->setDefaultFont(mono);
    lexer_->setFont(mono, -1);
    lexer_->setDefaultPaper(paper);
    lexer_->setPaper(paper, -1);
    lexer_->setDefaultColor(text);
    lexer_->setColor(text, -1);
    struct Colour {
        int style;
        QColor light, dark;
    };
    const Colour colours[] = {
        {QsciLexerPython::Comment, QColor(0x6a, 0x73, 0x7d), QColor(0x8b, 0x94, 0x9e)},
        {QsciLexerPython::CommentBlock, QColor(0x6a, 0x73, 0x7d), QColor(0x8b, 0x94, 0x9e)},
        {QsciLexerPython::Number, QColor(0x00, 0x5c, 0xc5), QColor(0x79, 0xc0, 0xff)},
        {QsciLexerPython::Keyword, QColor(0xa6, 0x26, 0xa4), QColor(0xd2, 0xa8, 0xff)},
        {QsciLexerPython::DoubleQuotedString, QColor(0x0a, 0x7f, 0x3f), QColor(0xa5, 0xd6, 0xa7)},
        {QsciLexerPython::SingleQuotedString, QColor(0x0a, 0x7f, 0x3f), QColor(0xa5, 0xd6, 0xa7)},
        {QsciLexerPython::TripleDoubleQuotedString, QColor(0x0a, 0x7f, 0x3f), QColor(0xa5, 0xd6, 0xa7)},
        {QsciLexerPython::TripleSingleQuotedString, QColor(0x0a, 0x7f, 0x3f), QColor(0xa5, 0xd6, 0xa7)},
        {QsciLexerPython::DoubleQuotedFString, QColor(0x0a, 0x7f, 0x3f), QColor(0xa5, 0xd6, 0xa7)},
        {QsciLexerPython::SingleQuotedFString, QColor(0x0a, 0x7f, 0x3f), QColor(0xa5, 0xd6, 0xa7)},
        {QsciLexerPython::FunctionMethodName, QColor(0x6f, 0x42, 0xc1), QColor(0xff, 0xd7, 0x7a)},
        {QsciLexerPython::ClassName, QColor(0x6f, 0x42, 0xc1), QColor(0xff, 0xd7, 0x7a)},
        {QsciLexerPython::Decorator, QColor(0x9a, 0x6e, 0x00), QColor(0xe3, 0xb3, 0x41)},
    };
    for (const Colour& c : colours)
        lexer_->setColor(dark ? c.dark : c.light, c.style);
    editor_->setMarginsBackgroundColor(pal.color(QPalette::AlternateBase));
    editor_->setMarginsForegroundColor(pal.color(QPalette::PlaceholderText));
    editor_->setCaretForegroundColor(text);
    // Running is green and strong; awaiting is the timeline's soft blue; errors are red.
    const QColor running = dark ? QColor(0x2e, 0x7d, 0x46) : QColor(0x9c, 0xe6, 0xae);
    const QColor waiting = dark ? QColor(0x30, 0x3c, 0x55) : QColor(0xe3, 0xea, 0xfb);
    const QColor error = dark ? QColor(0x6e, 0x22, 0x22) : QColor(0xfb, 0xd5, 0xd5);
    editor_->setMarkerBackgroundColor(waiting, WaitingBackground);
    editor_->setMarkerBackgroundColor(blend(pal.color(QPalette::Highlight), paper, 0.28), SelectedBackground);
    editor_->setMarkerBackgroundColor(running, RunningBackground);
    editor_->setMarkerBackgroundColor(error, ErrorBackground);
    editor_->setMarkerBackgroundColor(QColor(0x1e, 0x9e, 0x4a), RunningArrow);
    editor_->setMarkerForegroundColor(QColor(0x1e, 0x9e, 0x4a), RunningArrow);
    editor_->setMarkerBackgroundColor(QColor(0x6b, 0x8c, 0xd6), WaitingDot);
    editor_->setMarkerForegroundColor(QColor(0x6b, 0x8c, 0xd6), WaitingDot);
    editor_->setMarkerBackgroundColor(QColor(0xd0, 0x30, 0x30), ErrorDot);
    editor_->setMarkerForegroundColor(QColor(0xd0, 0x30, 0x30), ErrorDot);
    editor_->SendScintilla(QsciScintillaBase::SCI_STYLESETBACK, QsciScintillaBase::STYLE_MAX - kAnnotationStyle, error);
    editor_->SendScintilla(QsciScintillaBase::SCI_STYLESETFORE, QsciScintillaBase::STYLE_MAX - kAnnotationStyle, text);
}

void CodePanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange)
        applyColours();  // colours that read on light paper do not read on dark
    QWidget::changeEvent(event);
}

void CodePanel::showDocument() {
    shownFile_.clear();
    highlight(0);
    runningLine_ = 0;
    waitingLines_.clear();
    editor_->markerDeleteAll(-1);
    editor_->clearAnnotations();
    errorLines_.clear();
    const auto& model = document_->model();
    if (scriptOpen_) {
        // The script is the document: a run's trace never replaces what is being written.
        shownFile_ = scriptFileName_;
        setHeader(savePath_.isEmpty() ? scriptFileName_ : savePath_);
        if (model && !model->trace().metadata.sourceText.empty()) {
            ranText_ = QString::fromStdString(model->trace().metadata.sourceText);
            editor_->setModified(editor_->text() != ranText_);
        }
        if (model)
            markProblems(scriptErrorProblems(model->trace()));
        updateStatus();
        return;
    }
    if (!model) {
        editor_->setText(QString());
        setHeader(tr("No program open."));
        editor_->setReadOnly(true);
        updateStatus();
        return;
    }
    const TraceMetadata& meta = model->trace().metadata;
    if (!meta.sourceText.empty()) {
        shownFile_ = QString::fromStdString(meta.sourceFile);
        scriptFileName_ = QFileInfo(shownFile_).fileName();
        ranText_ = QString::fromStdString(meta.sourceText);
        if (editor_->text() != ranText_)
            editor_->setText(ranText_);
        editor_->setModified(false);
        editor_->setReadOnly(false);
        setHeader(shownFile_.isEmpty() ? tr("Program") : shownFile_);
        markProblems(scriptErrorProblems(model->trace()));  // a run that raised: its tracebacks, at their lines
    } else {
        editor_->setText(QString());
        editor_->setReadOnly(true);
        ranText_.clear();
        setHeader(tr("This trace carries no source text. Select something to see its line."));
    }
    updateStatus();
}

void CodePanel::openScript(const QString& text, const QString& fileName, const QString& savePath) {
    scriptOpen_ = true;
    scriptFileName_ = fileName;
    savePath_ = savePath;
    ranText_ = text;
    editor_->setText(text);
    editor_->setModified(false);
    editor_->setReadOnly(false);
    showDocument();
    showPlayhead();
}

void CodePanel::closeScript() {
    if (!scriptOpen_)
        return;
    scriptOpen_ = false;
    savePath_.clear();
    showDocument();
}

void CodePanel::updateStatus() {
    const bool script = isScript();
    for (QToolButton* b : {run_, saveAs_})
        b->setEnabled(script);
    save_->setEnabled(script);
    revert_->setEnabled(script && editor_->isModified());
    if (!script)
        status_->setText(document_->model() && !shownFile_.isEmpty() ? tr("Read-only: this source is not a script the app can run.") : QString());
    else if (!errorLines_.isEmpty())
        status_->setText(tr("The last run stopped with an error: see the marked line."));
    else if (scriptOpen_ && !document_->model())
        status_->setText(tr("Your own program: press Run (Ctrl+Return) to see its timeline."));
    else if (editor_->isModified())
        status_->setText(tr("Edited: press Run (Ctrl+Return) to see the new timeline next to the old one."));
    else
        status_->setText(tr("You can edit this code and run it again."));
}

bool CodePanel::showFile(const QString& file) {
    const auto& model = document_->model();
    if (!model)
        return false;
    if (sameFile(file, shownFile_))
        return true;
    const TraceMetadata& meta = model->trace().metadata;
    if (sameFile(file, QString::fromStdString(meta.sourceFile)) && !meta.sourceText.empty()) {
        showDocument();
        return true;
    }
    // A C++ program recorded with the runtime: its sources may be right here on disk.
    QFile source(file);
    if (source.size() > kMaxSourceBytes || !source.open(QIODevice::ReadOnly))
        return false;
    shownFile_ = file;
    editor_->setText(QString::fromUtf8(source.readAll()));
    editor_->setModified(false);
    editor_->setReadOnly(true);
    updateStatus();
    return true;
}

void CodePanel::showSelection(const Selection& selection) {
    const auto& model = document_->model();
    if (!model)
        return;
    const SelectionInfo info = describeSelection(*model, selection);
    const Trace& trace = model->trace();
    if (!info.valid || info.site == kUnknownSite || info.site >= trace.sites.size()) {
        highlight(0);
        setHeader(shownFile_.isEmpty() ? header_->text() : shownFile_);
        return;
    }
    const Site& site = trace.sites[info.site];
    const QString file = qs(trace.str(site.file));
    if (!showFile(file)) {
        highlight(0);
        setHeader(tr("%1, line %2 (the source is not in this trace)").arg(QFileInfo(file).fileName()).arg(site.line));
        return;
    }
    highlight(static_cast<int>(site.line));
    setHeader(tr("%1 — line %2").arg(QFileInfo(shownFile_).fileName()).arg(site.line));
}

void CodePanel::highlight(int line) {
    highlightedLine_ = line > 0 && line <= editor_->lines() ? line : 0;
    editor_->markerDeleteAll(SelectedBackground);
    if (highlightedLine_ > 0) {
        editor_->markerAdd(highlightedLine_ - 1, SelectedBackground);
        editor_->ensureLineVisible(highlightedLine_ - 1);
    }
}

void CodePanel::showPlayhead() {
    editor_->markerDeleteAll(RunningBackground);
    editor_->markerDeleteAll(RunningArrow);
    editor_->markerDeleteAll(WaitingBackground);
    editor_->markerDeleteAll(WaitingDot);
    runningLine_ = 0;
    waitingLines_.clear();
    const auto& model = document_->model();
    if (!model || !view_->playhead())
        return;
    const Trace& trace = model->trace();
    const PlayheadState state(*model, *view_->playhead(), view_->playheadStep());
    auto lineIn = [&](SiteId site) {
        if (site == kUnknownSite || site >= trace.sites.size() || !sameFile(qs(trace.str(trace.sites[site].file)), shownFile_))
            return 0;
        const int line = static_cast<int>(trace.sites[site].line);
        return line <= editor_->lines() ? line : 0;
    };
    if (state.holder() != kNoTask)
        runningLine_ = lineIn(state.holderLine());
    for (TaskId task = 0; task < model->taskCount() && waitingLines_.size() < kMaxWaitingLines; ++task) {
        if (task == state.holder() || trace.tasks[task].kind == TaskKind::Thread)
            continue;
        const TaskMoment moment = state.task(task);
        if (moment.phase != TaskPhase::Awaiting && moment.phase != TaskPhase::Ready)
            continue;
        const int line = lineIn(moment.line);
        if (line > 0 && line != runningLine_ && !waitingLines_.contains(line))
            waitingLines_ << line;
    }
    std::sort(waitingLines_.begin(), waitingLines_.end());
    for (int line : waitingLines_) {
        editor_->markerAdd(line - 1, WaitingBackground);
        editor_->markerAdd(line - 1, WaitingDot);
    }
    if (runningLine_ > 0) {
        editor_->markerAdd(runningLine_ - 1, RunningBackground);
        editor_->markerAdd(runningLine_ - 1, RunningArrow);
        editor_->ensureLineVisible(runningLine_ - 1);
    }
}

void CodePanel::markProblems(const std::vector<ScriptDiagnostic>& problems) {
    editor_->markerDeleteAll(ErrorBackground);
    editor_->markerDeleteAll(ErrorDot);
    editor_->clearAnnotations();
    errorLines_.clear();
    for (const ScriptDiagnostic& problem : problems) {
        if (problem.line < 1 || problem.line > editor_->lines())
            continue;
        errorLines_ << problem.line;
        editor_->markerAdd(problem.line - 1, ErrorBackground);
        editor_->markerAdd(problem.line - 1, ErrorDot);
        QString message = QString::fromStdString(problem.message);
        if (problem.column > 0)
            message = tr("column %1: %2").arg(problem.column).arg(message);
        editor_->annotate(problem.line - 1, message, QsciScintillaBase::STYLE_MAX - kAnnotationStyle);
        editor_->ensureLineVisible(problem.line - 1);
    }
    updateStatus();
}

void CodePanel::run() {
    if (!isScript())
        return;
    markProblems({});
    emit runRequested(source(), scriptFileName_.isEmpty() ? QStringLiteral("<script>") : scriptFileName_);
}

bool CodePanel::saveTo(const QString& path, QString* error) {
    const QByteArray bytes = source().toUtf8();
    const SaveResult result = saveFile(QFile::encodeName(path).toStdString(), std::string_view(bytes.data(), bytes.size()));
    if (!result.ok) {
        if (error)
            *error = QString::fromStdString(result.error);
        return false;
    }
    savePath_ = path;
    emit saved(path);
    status_->setText(tr("Saved %1").arg(QFileInfo(path).fileName()));
    return true;
}

void CodePanel::save() {
    if (!isScript())
        return;
    if (savePath_.isEmpty())
        saveAsDialog();
    else
        saveShowingError(savePath_);
}

void CodePanel::saveShowingError(const QString& path) {
    QString error;
    if (!saveTo(path, &error))
        status_->setText(tr("Could not save: %1").arg(error));
}

void CodePanel::saveAsDialog() {
    if (!isScript())
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the script"), savePath_.isEmpty() ? scriptFileName_ : savePath_,
                                                      tr("Python scripts (*.py);;All files (*)"));
    if (!path.isEmpty())
        saveShowingError(path);
}

void CodePanel::revert() {
    if (!isScript())
        return;
    editor_->setText(ranText_);
    editor_->setModified(false);
    showPlayhead();
    highlight(highlightedLine_);
}

void CodePanel::setHeader(const QString& text) {
    header_->setText(text);
    header_->setToolTip(text);
}

} // namespace awaitscope::ui
