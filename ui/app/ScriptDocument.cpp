#include "app/ScriptDocument.h"

#include <awaitscope/io/SaveFile.h>

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QUrl>

namespace awaitscope::ui {

namespace {

// QSettings reads '/' in a key as a group: the path is percent-encoded into one key.
QString engineKey(const QString& path) {
    return QStringLiteral("scriptEngines/") + QString::fromLatin1(QUrl::toPercentEncoding(path));
}

} // namespace

QString engineLabel(ScriptEngine engine) {
    switch (engine) {
    case ScriptEngine::Interpreter: return QObject::tr("Awaitscope interpreter");
    case ScriptEngine::PythonVirtual: return QObject::tr("Python, virtual clock");
    case ScriptEngine::PythonRealTime: return QObject::tr("Python, real time");
    }
    return {};
}

QString newScriptTemplate() {
    return QStringLiteral(
        "import asyncio\n"
        "\n"
        "\n"
        "async def work(name, seconds):\n"
        "    print(f\"{name} starts\")\n"
        "    await asyncio.sleep(seconds)\n"
        "    print(f\"{name} done after {seconds} s\")\n"
        "\n"
        "\n"
        "async def main():\n"
        "    async with asyncio.TaskGroup() as group:\n"
        "        group.create_task(work(\"first\", 0.2))\n"
        "        group.create_task(work(\"second\", 0.1))\n"
        "\n"
        "\n"
        "asyncio.run(main())\n");
}

ScriptDocument::ScriptDocument(const QString& fileName, const QString& path, const QString& savedText, QObject* parent)
    : QObject(parent), fileName_(fileName), path_(path), savedText_(savedText), modified_(path.isEmpty()) {
    if (!path_.isEmpty())
        engine_ = rememberedEngine(path_);
}

ScriptDocument::~ScriptDocument() = default;

ScriptEngine ScriptDocument::rememberedEngine(const QString& path) {
    const int value = QSettings().value(engineKey(path), static_cast<int>(ScriptEngine::Interpreter)).toInt();
    switch (value) {
    case static_cast<int>(ScriptEngine::PythonVirtual): return ScriptEngine::PythonVirtual;
    case static_cast<int>(ScriptEngine::PythonRealTime): return ScriptEngine::PythonRealTime;
    default: return ScriptEngine::Interpreter;
    }
}

void ScriptDocument::setEngine(ScriptEngine engine) {
    if (!path_.isEmpty())
        QSettings().setValue(engineKey(path_), static_cast<int>(engine));
    if (engine_ == engine)
        return;
    engine_ = engine;
    emit changed();
}

void ScriptDocument::textChanged(const QString& text) {
    const bool modified = isUntitled() || text != savedText_;
    if (modified == modified_)
        return;
    modified_ = modified;
    emit changed();
}

void ScriptDocument::saved(const QString& path, const QString& text) {
    const bool moved = path != path_;
    path_ = path;
    fileName_ = path.section(QLatin1Char('/'), -1);
    savedText_ = text;
    modified_ = false;
    if (moved)
        QSettings().setValue(engineKey(path_), static_cast<int>(engine_));  // the choice follows the script
    emit changed();
}

QString ScriptDocument::fileToRun(const QString& text, QString* error) {
    if (!path_.isEmpty() && text == savedText_ && QFile::exists(path_))
        return path_;
    if (!runDir_) {
        runDir_ = std::make_unique<QTemporaryDir>();
        if (!runDir_->isValid()) {
            if (error)
                *error = tr("cannot make a temporary directory: %1").arg(runDir_->errorString());
            runDir_.reset();
            return {};
        }
    }
    const QString copy = runDir_->filePath(fileName_);
    const QByteArray bytes = text.toUtf8();
    const SaveResult result = saveFile(QFile::encodeName(copy).toStdString(), std::string_view(bytes.data(), bytes.size()));
    if (!result.ok) {
        if (error)
            *error = QString::fromStdString(result.error);
        return {};
    }
    return copy;
}

} // namespace awaitscope::ui
