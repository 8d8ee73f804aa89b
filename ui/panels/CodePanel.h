#pragma once

// The program's source with the selected event's line highlighted. The text comes from the
// trace (metadata.sourceText) when the site is in that file, or from disk for C++ sources.
#include "model/TraceDocument.h"
#include "model/ViewState.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace awaitscope::ui {

class CodeEditor;

class CodePanel : public QWidget {
    Q_OBJECT
public:
    CodePanel(TraceDocument* document, ViewState* viewState, QWidget* parent = nullptr);

    // 1-based; 0 when no line is highlighted.
    int highlightedLine() const { return highlightedLine_; }
    QString shownFile() const { return shownFile_; }
    QString lineText(int line) const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void showDocument();
    void showSelection(const Selection& selection);
    bool showFile(const QString& file);
    void highlight(int line);

    TraceDocument* document_;
    ViewState* view_;
    QLabel* header_;
    CodeEditor* editor_;
    QObject* highlighter_ = nullptr;
    QString shownFile_;
    int highlightedLine_ = 0;
};

} // namespace awaitscope::ui
