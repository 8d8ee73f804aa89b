#pragma once

// A read-only code view with line numbers (the usual QPlainTextEdit line-number area).
#include <QPlainTextEdit>

namespace awaitscope::ui {

class CodeEditor : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit CodeEditor(QWidget* parent = nullptr);
    int lineNumberAreaWidth() const;
    void paintLineNumbers(QPaintEvent* event);
    void setMarkedLine(int line) { markedLine_ = line; }

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    QWidget* lineNumbers_;
    int markedLine_ = 0;
};

} // namespace awaitscope::ui
