#include "teaching/DiagnosticsModel.h"

#include "model/SelectionInfo.h"


#include <algorithm>

namespace awaitscope::ui {

std::vector<Diagnostic> explainedDiagnostics(const DerivedTrace& model) {
    std::vector<Diagnostic> rows;
    for (const awaitscope::Diagnostic& found : model.diagnostics()) {
        SelectionKind kind = SelectionKind::None;
        Diagnostic::Severity severity = Diagnostic::Severity::Warning;
        switch (found.kind) {
        case DiagnosticKind::FrozenLoop:
            kind = SelectionKind::Frozen;
            severity = Diagnostic::Severity::Error;
            break;
        case DiagnosticKind::NeverAwaited: kind = SelectionKind::NeverAwaited; break;
        case DiagnosticKind::UnretrievedError: kind = SelectionKind::UnretrievedError; break;
        case DiagnosticKind::PendingAtExit: kind = SelectionKind::PendingAtExit; break;
        case DiagnosticKind::ScriptError:
            kind = SelectionKind::ScriptError;
            severity = Diagnostic::Severity::Error;
            break;
        case DiagnosticKind::ConcurrencyLost: break;
        }
        Selection selection = Selection::of(kind, found.task, static_cast<std::uint32_t>(found.source));
        if (found.kind == DiagnosticKind::ConcurrencyLost) {
            // Show me selects their TaskGroup or gather, else the first of them.
            const ConcurrencyLoss& loss = model.analysis().concurrencyLoss[found.source];
            selection = loss.scope < model.trace().scopes.size() ? Selection::of(SelectionKind::Scope, kNoTask, loss.scope)
                                                                 : Selection::ofTask(loss.tasks.front());
        }
        const SelectionInfo info = describeSelection(model, selection);
        Diagnostic d;
        d.severity = severity;
        d.title = info.title;
        d.selection = selection;
        d.range = info.range.value_or(TimeRange{found.time, found.end});
        d.explained = explainDiagnostic(model, found);
        d.explanation = d.explained.headline + QLatin1Char(' ') + d.explained.fix;
        rows.push_back(std::move(d));
    }
    return rows;
}

DiagnosticsModel::DiagnosticsModel(QObject* parent) : QAbstractListModel(parent) {}

void DiagnosticsModel::setTraceModel(const std::shared_ptr<const DerivedTrace>& model) {
    beginResetModel();
    rows_ = model ? explainedDiagnostics(*model) : std::vector<Diagnostic>{};
    endResetModel();
}

int DiagnosticsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(rows_.size()); }

QVariant DiagnosticsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Diagnostic& d = rows_[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole: return d.title;
    case Qt::ToolTipRole:
    case ExplanationRole: return d.explanation;
    case SelectionKindRole: return static_cast<int>(d.selection.kind);
    }
    return {};
}

} // namespace awaitscope::ui
