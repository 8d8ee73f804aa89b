#pragma once

// The problems a trace shows, one row each: frozen stretches, never-awaited coroutines,
// task exceptions never retrieved, tasks pending at exit, uncaught script errors. Each row
// carries the selection and time range that clicking it zooms to.
#include "teaching/DiagnosticExplainer.h"
#include "model/Selection.h"

#include <awaitscope/analysis/DerivedTrace.h>

#include <QAbstractListModel>

#include <memory>

namespace awaitscope::ui {

struct Diagnostic {
    enum class Severity { Warning, Error };
    Severity severity = Severity::Warning;
    QString title;        // "loop frozen 1.5 s — time.sleep, line 14"
    QString explanation;  // the plain-words cause and fix
    Selection selection;
    TimeRange range;
    DiagnosticExplanation explained;  // headline, cause line, victims, fix
};

// Pure: the diagnostics of the derived trace (DerivedTrace::diagnostics), in
// time order, each with its selection, range and plain-words explanation.
std::vector<Diagnostic> explainedDiagnostics(const DerivedTrace& model);

class DiagnosticsModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { SelectionKindRole = Qt::UserRole + 1, ExplanationRole };
    explicit DiagnosticsModel(QObject* parent = nullptr);

    void setTraceModel(const std::shared_ptr<const DerivedTrace>& model);
    const Diagnostic& diagnostic(int row) const { return rows_[static_cast<std::size_t>(row)]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    std::vector<Diagnostic> rows_;
};

} // namespace awaitscope::ui
