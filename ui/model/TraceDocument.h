#pragma once

// The trace that is open, and where it came from. Swapped as a whole when a file loads or
// a scenario runs, so a failed load never disturbs what is already shown.
#include <awaitscope/analysis/DerivedTrace.h>

#include <QObject>
#include <QString>

#include <memory>

namespace awaitscope::ui {

enum class DocumentOrigin { None, File, Scenario, Recorded };

class TraceDocument : public QObject {
    Q_OBJECT
public:
    explicit TraceDocument(QObject* parent = nullptr);

    bool isEmpty() const { return !model_; }
    // Null when nothing is open. Shared so that worker threads (export, save) can keep it alive.
    const std::shared_ptr<const DerivedTrace>& model() const { return model_; }
    QString displayName() const { return displayName_; }
    QString filePath() const { return filePath_; }       // empty unless opened from a file
    QString scenarioName() const { return scenarioName_; }
    DocumentOrigin origin() const { return origin_; }
    // Bumped on every change: caches keyed on it never outlive the trace they were built from.
    quint64 generation() const { return generation_; }

    void setModel(std::shared_ptr<const DerivedTrace> model, DocumentOrigin origin, const QString& displayName,
                  const QString& filePathOrScenario = {});
    void setFilePath(const QString& path);  // after Save As
    void clear();

signals:
    void documentChanged();  // a different trace (or none): views start over
    void originChanged();    // same trace, new file name (after Save As)

private:
    std::shared_ptr<const DerivedTrace> model_;
    QString displayName_;
    QString filePath_;
    QString scenarioName_;
    DocumentOrigin origin_ = DocumentOrigin::None;
    quint64 generation_ = 0;
};

} // namespace awaitscope::ui
