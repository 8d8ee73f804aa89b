#include "panels/EventTablePanel.h"

#include "model/SelectionInfo.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace awaitscope::ui {

EventTablePanel::EventTablePanel(TraceDocument* document, ViewState* viewState, QWidget* parent)
    : QWidget(parent), document_(document), view_(viewState), model_(new EventTableModel(this)) {
    setObjectName(QStringLiteral("eventTablePanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    filter_ = new QLineEdit(this);
    filter_->setPlaceholderText(tr("Filter by task, event or detail (for example: Lock, heartbeat, Suspend)"));
    filter_->setClearButtonEnabled(true);
    table_ = new QTableView(this);
    table_->setModel(model_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(EventTableModel::TimeColumn, Qt::AscendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setShowGrid(false);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    table_->horizontalHeader()->setStretchLastSection(false);
    table_->horizontalHeader()->setSectionResizeMode(EventTableModel::DetailColumn, QHeaderView::Stretch);
    layout->addWidget(filter_);
    layout->addWidget(table_, 1);

    // Filtering millions of rows takes a moment: wait until typing pauses.
    auto* debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(200);
    connect(filter_, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    connect(debounce, &QTimer::timeout, this, [this] { model_->setFilterText(filter_->text()); });
    connect(table_, &QTableView::clicked, this, [this](const QModelIndex& index) { view_->select(model_->selectionAt(index.row())); });
    connect(document_, &TraceDocument::documentChanged, this, [this] {
        filter_->clear();
        model_->setTraceModel(document_->model());
        table_->horizontalHeader()->setSortIndicator(EventTableModel::TimeColumn, Qt::AscendingOrder);
    });
    connect(view_, &ViewState::selectionChanged, this, &EventTablePanel::followSelection);
    model_->setTraceModel(document_->model());
}

void EventTablePanel::followSelection(const Selection& selection) {
    if (!document_->model() || selection.isEmpty() || selection.kind == SelectionKind::Event || !isVisible())
        return;
    const SelectionInfo info = describeSelection(*document_->model(), selection);
    if (!info.range || info.task == kNoTask)
        return;
    const int row = model_->rowOf(info.task, info.range->begin);
    if (row < 0)
        return;
    const QSignalBlocker blocker(table_->selectionModel());
    table_->selectRow(row);
    table_->scrollTo(model_->index(row, 0));
}

} // namespace awaitscope::ui
