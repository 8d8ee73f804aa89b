#pragma once

// The problems found in the trace. Clicking one selects it and zooms the timeline to it.
#include "model/DiagnosticsModel.h"
#include "model/TraceDocument.h"
#include "model/ViewState.h"

#include <QListView>

namespace awaitscope::ui {

class DiagnosticsPanel : public QListView {
    Q_OBJECT
public:
    DiagnosticsPanel(TraceDocument* document, ViewState* viewState, QWidget* parent = nullptr);
    DiagnosticsModel* diagnosticsModel() const { return model_; }
    // What clicking row `row` does (also used by keyboard activation).
    void activateRow(int row);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    TraceDocument* document_;
    ViewState* view_;
    DiagnosticsModel* model_;
};

} // namespace awaitscope::ui
