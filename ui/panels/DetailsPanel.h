#pragma once

// Plain words about the selection: what it is, what it means, its times and its line. With
// nothing selected it shows the trace at a glance and the lesson of the scenario. With the
// critical path shown, the path in sentences, and whether the selection lies on it.
#include "model/SelectionInfo.h"
#include "model/TraceDocument.h"
#include "model/ViewState.h"

#include <awaitscope/analysis/TimeBreakdown.h>

#include <QTextBrowser>

namespace awaitscope::ui {

class DetailsPanel : public QTextBrowser {
    Q_OBJECT
public:
    DetailsPanel(TraceDocument* document, ViewState* viewState, QWidget* parent = nullptr);
    // The lesson of the scenario now open (title and text), shown while nothing is selected.
    void setLesson(const QString& lesson);

private:
    void refresh();
    QString overviewHtml() const;
    QString criticalPathHtml() const;
    QString criticalLinkHtml(const Selection& selection, const SelectionInfo& info) const;
    QString timeSharesHtml(const Trace& trace, const TimeBreakdown& breakdown) const;

    TraceDocument* document_;
    ViewState* view_;
    QString lesson_;
};

} // namespace awaitscope::ui
