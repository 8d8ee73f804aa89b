#include "model/DiagnosticsModel.h"

#include "model/SelectionInfo.h"

#include <QApplication>
#include <QStyle>

#include <algorithm>

namespace awaitscope::ui {

std::vector<Diagnostic> collectDiagnostics(const TraceModel& model) {
    std::vector<Diagnostic> rows;
    const Trace& trace = model.trace();
    auto add = [&](Diagnostic::Severity severity, SelectionKind kind, TaskId task, std::uint32_t index) {
        const Selection selection = Selection::of(kind, task, index);
        const SelectionInfo info = describeSelection(model, selection);
        Diagnostic d;
        d.severity = severity;
        d.title = info.title;
        d.explanation = info.explanation;
        d.selection = selection;
        d.range = info.range.value_or(TimeRange{});
        rows.push_back(std::move(d));
    };
    for (std::uint32_t i = 0; i < model.frozenStretches().size(); ++i)
        add(Diagnostic::Severity::Error, SelectionKind::Frozen, model.frozenStretches()[i].culprit, i);
    for (std::uint32_t i = 0; i < trace.neverAwaited.size(); ++i)
        add(Diagnostic::Severity::Warning, SelectionKind::NeverAwaited, trace.neverAwaited[i].task, i);
    for (std::uint32_t i = 0; i < trace.unretrievedErrors.size(); ++i)
        add(Diagnostic::Severity::Warning, SelectionKind::UnretrievedError, trace.unretrievedErrors[i].task, i);
    for (std::uint32_t i = 0; i < trace.pendingAtExit.size(); ++i)
        add(Diagnostic::Severity::Warning, SelectionKind::PendingAtExit, trace.pendingAtExit[i].task, i);
    for (std::uint32_t i = 0; i < trace.scriptErrors.size(); ++i)
        add(Diagnostic::Severity::Error, SelectionKind::ScriptError, trace.scriptErrors[i].task, i);
    std::stable_sort(rows.begin(), rows.end(), [](const Diagnostic& a, const Diagnostic& b) { return a.range.begin < b.range.begin; });
    return rows;
}

DiagnosticsModel::DiagnosticsModel(QObject* parent) : QAbstractListModel(parent) {}

void DiagnosticsModel::setTraceModel(const std::shared_ptr<const TraceModel>& model) {
    beginResetModel();
    rows_ = model ? collectDiagnostics(*model) : std::vector<Diagnostic>{};
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
    case Qt::DecorationRole:
        if (qobject_cast<QApplication*>(QCoreApplication::instance()))
            return QApplication::style()->standardIcon(d.severity == Diagnostic::Severity::Error ? QStyle::SP_MessageBoxCritical
                                                                                                  : QStyle::SP_MessageBoxWarning);
        return {};
    }
    return {};
}

} // namespace awaitscope::ui
