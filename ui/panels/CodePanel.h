#pragma once

// The program's source in a QScintilla editor with the Python lexer. It shows:
// - the selected event's line (as before),
// - at the playhead, the running task's line strongly (▶) and the suspended tasks' await
//   lines softly,
// - syntax and runtime errors at their line, with the message under it.
// A scenario's code can be edited, run again (the window runs it off the UI thread) and saved.
// The text comes from the trace (metadata.sourceText), or from disk for C++ sources.
#include "model/TraceDocument.h"
#include "model/ViewState.h"

#include <awaitscope/script/ScriptRunner.h>

#include <QWidget>

class QLabel;
class QToolButton;
class QsciScintilla;
class QsciLexerPython;

namespace awaitscope::ui {

class CodePanel : public QWidget {
    Q_OBJECT
public:
    CodePanel(TraceDocument* document, ViewState* viewState, QWidget* parent = nullptr);

    // 1-based; 0 when no line is highlighted.
    int highlightedLine() const { return highlightedLine_; }
    // At the playhead: the running task's line (0: none) and the suspended tasks' await lines.
    int runningLine() const { return runningLine_; }
    QList<int> waitingLines() const { return waitingLines_; }
    QList<int> errorLines() const;
    QString shownFile() const { return shownFile_; }
    QString lineText(int line) const;

    QsciScintilla* editor() const { return editor_; }
    // The code in the editor, and whether it differs from what last ran.
    QString source() const;
    bool isModified() const;
    // The script's file name (for tracebacks) and where Save writes (empty: Save asks).
    QString scriptFileName() const { return scriptFileName_; }
    QString savePath() const { return savePath_; }
    // Marks errors at their lines (a run's syntax or runtime errors); clears the old ones.
    void markProblems(const std::vector<ScriptDiagnostic>& problems);
    // A script open as a document of its own (File > New / Open Script): editable before any
    // run, saved to `savePath` ("" : Save asks). Its runs' traces keep the editor's text.
    void openScript(const QString& text, const QString& fileName, const QString& savePath);
    void closeScript();
    bool hasScriptOpen() const { return scriptOpen_; }
    // Writes the editor's text to `path` atomically (QSaveFile); false with a message on failure.
    bool saveTo(const QString& path, QString* error = nullptr);

public slots:
    void run();
    void save();
    void saveAsDialog();
    void revert();

signals:
    // Run pressed: run this code (the window does it off the UI thread).
    void runRequested(const QString& source, const QString& fileName);
    void saved(const QString& path);

protected:
    void changeEvent(QEvent* event) override;

private:
    void setHeader(const QString& text);
    void saveShowingError(const QString& path);  // saveTo, and a failure said in the status line
    void showDocument();
    void showSelection(const Selection& selection);
    void showPlayhead();
    bool showFile(const QString& file);
    void highlight(int line);
    void applyColours();
    void updateStatus();
    bool isScript() const;

    TraceDocument* document_;
    ViewState* view_;
    QLabel* header_;
    QsciScintilla* editor_;
    QsciLexerPython* lexer_;
    QToolButton* run_;
    QToolButton* save_;
    QToolButton* saveAs_;
    QToolButton* revert_;
    QLabel* status_;
    QString shownFile_;
    QString scriptFileName_;
    QString savePath_;
    QString ranText_;  // the code of the run shown (Revert goes back to it)
    bool scriptOpen_ = false;
    int highlightedLine_ = 0;
    int runningLine_ = 0;
    QList<int> waitingLines_;
    QList<int> errorLines_;
};

} // namespace awaitscope::ui
