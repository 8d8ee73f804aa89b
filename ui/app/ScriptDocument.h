#pragma once

// A learner's own program open as a document of its own (File > New Script / Open Script):
// its file name and path, whether the editor holds changes not yet saved, and which engine
// runs it. The engine is remembered per script file (QSettings keyed by its path), so a
// program that needs CPython keeps running under CPython.
#include <QObject>
#include <QString>

#include <memory>

class QTemporaryDir;

namespace awaitscope::ui {

enum class ScriptEngine { Interpreter, PythonVirtual, PythonRealTime };

// "Awaitscope interpreter", "Python, virtual clock", "Python, real time".
QString engineLabel(ScriptEngine engine);

// Budgets for a Python run started from the window: a program that never ends, or would wait
// forever, is stopped with its trace so far.
constexpr double kWindowMaxVirtualSeconds = 3600;  // an hour of the program's own clock
constexpr double kWindowMaxWallSeconds = 60;       // then the window asks whether to go on
// Real time a script run in the interpreter takes before the window asks whether to go on.
// Lessons take well under a second; a few seconds means a loop that does not end.
constexpr double kWindowScriptWallSeconds = 5;

// What File > New Script starts with: a complete program, so Run shows a timeline at once.
QString newScriptTemplate();

class ScriptDocument : public QObject {
    Q_OBJECT
public:
    // An untitled script (`path` empty) called `fileName`, or the script at `path`.
    ScriptDocument(const QString& fileName, const QString& path, const QString& savedText, QObject* parent = nullptr);
    ~ScriptDocument() override;

    QString fileName() const { return fileName_; }
    QString path() const { return path_; }  // empty until saved
    bool isUntitled() const { return path_.isEmpty(); }
    bool isModified() const { return modified_; }

    ScriptEngine engine() const { return engine_; }
    void setEngine(ScriptEngine engine);  // remembered for this path (for an untitled script: once saved)

    // The editor's text changed: modified when it differs from what is on disk.
    void textChanged(const QString& text);
    // Saved (Save / Save As) to `path` with `text`: the script now lives there.
    void saved(const QString& path, const QString& text);

    // Where a Python run reads the program: the saved file when it holds `text`, else a copy
    // of `text` in a private temporary directory under the script's file name. "" (and
    // `error`) when the copy cannot be written.
    QString fileToRun(const QString& text, QString* error);

    // The engine remembered for the script at `path` (the interpreter when none is).
    static ScriptEngine rememberedEngine(const QString& path);

signals:
    void changed();  // name, path, modified state or engine

private:
    QString fileName_;
    QString path_;
    QString savedText_;
    bool modified_ = false;
    ScriptEngine engine_ = ScriptEngine::Interpreter;
    std::unique_ptr<QTemporaryDir> runDir_;
};

} // namespace awaitscope::ui
