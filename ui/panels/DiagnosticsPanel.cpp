#include "panels/DiagnosticsPanel.h"

#include <QPainter>

namespace awaitscope::ui {

DiagnosticsPanel::DiagnosticsPanel(TraceDocument* document, ViewState* viewState, QWidget* parent)
    : QListView(parent), document_(document), view_(viewState), model_(new DiagnosticsModel(this)) {
    setObjectName(QStringLiteral("diagnosticsPanel"));
    setModel(model_);
    setWordWrap(true);
    setUniformItemSizes(false);
    setSpacing(2);
    connect(document_, &TraceDocument::documentChanged, this, [this] { model_->setTraceModel(document_->model()); });
    connect(this, &QListView::clicked, this, [this](const QModelIndex& index) { activateRow(index.row()); });
    connect(this, &QListView::activated, this, [this](const QModelIndex& index) { activateRow(index.row()); });
    model_->setTraceModel(document_->model());
}

void DiagnosticsPanel::paintEvent(QPaintEvent* event) {
    QListView::paintEvent(event);
    if (model_->rowCount() > 0 || !document_->model())
        return;
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(viewport()->rect().adjusted(8, 8, -8, -8), Qt::AlignTop | Qt::AlignLeft | Qt::TextWordWrap,
                     tr("No problems found: the loop never froze, and every coroutine was awaited."));
}

void DiagnosticsPanel::activateRow(int row) {
    if (row < 0 || row >= model_->rowCount())
        return;
    const Diagnostic& diagnostic = model_->diagnostic(row);
    view_->select(diagnostic.selection);
    view_->zoomTo(diagnostic.range);
}

} // namespace awaitscope::ui
