#include "panels/OutputPanel.h"

#include "model/SelectionInfo.h"

#include <QHeaderView>

namespace awaitscope::ui {

OutputPanel::OutputPanel(TraceDocument* document, ViewState* viewState, QWidget* parent)
    : QTableView(parent), document_(document), view_(viewState), model_(new OutputModel(this)) {
    setObjectName(QStringLiteral("outputPanel"));
    setModel(model_);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setShowGrid(false);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setSectionResizeMode(OutputModel::TimeColumn, QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(OutputModel::TaskColumn, QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(OutputModel::StreamColumn, QHeaderView::ResizeToContents);
    connect(document_, &TraceDocument::documentChanged, this, [this] { model_->setTraceModel(document_->model()); });
    connect(this, &QTableView::clicked, this, [this](const QModelIndex& index) {
        const auto& model = document_->model();
        view_->select(model_->selectionAt(index.row()));
        // Just after the line was printed: the task that printed it is still at that line.
        if (model)
            view_->setPlayheadStep(model_->timeAt(index.row()), model->playbackPositionOfOutput(static_cast<std::size_t>(index.row())) + 1);
    });
    connect(view_, &ViewState::selectionChanged, this, &OutputPanel::followSelection);
    connect(view_, &ViewState::playheadChanged, this, &OutputPanel::followPlayhead);
    model_->setTraceModel(document_->model());
}

void OutputPanel::followPlayhead() {
    const auto& model = document_->model();
    if (!model || !view_->playhead()) {
        model_->setPrintedLimit(std::nullopt);
        return;
    }
    const std::size_t applied = view_->playheadStep() ? *view_->playheadStep() : model->playbackCountAtOrBefore(*view_->playhead());
    const int printed = static_cast<int>(model->outputsAmongFirst(applied));
    model_->setPrintedLimit(printed);
    if (printed > 0)
        scrollTo(model_->index(printed - 1, 0));
}

void OutputPanel::followSelection(const Selection& selection) {
    if (!document_->model())
        return;
    int row = -1;
    if (selection.kind == SelectionKind::Output)
        row = static_cast<int>(selection.index);
    else if (!selection.isEmpty()) {
        // The last line printed by then, preferring the selected task's own.
        const SelectionInfo info = describeSelection(*document_->model(), selection);
        if (info.range) {
            row = model_->rowAtOrBefore(info.range->end);
            for (int r = row; r >= 0 && model_->timeAt(r) >= info.range->begin; --r)
                if (model_->taskAt(r) == info.task) {
                    row = r;
                    break;
                }
        }
    }
    if (row < 0 || row >= model_->rowCount()) {
        clearSelection();
        return;
    }
    const QSignalBlocker blocker(selectionModel());
    selectRow(row);
    scrollTo(model_->index(row, 0));
}

} // namespace awaitscope::ui
