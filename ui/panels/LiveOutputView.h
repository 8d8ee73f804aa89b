#pragma once

// What a program prints while it runs, as it comes (stderr in red), before there is a trace
// to show it by moment and task. The window shows it in the Output dock during a run under
// CPython; the finished trace's output then takes its place.
#include <QPlainTextEdit>

#include <string_view>

namespace awaitscope::ui {

class LiveOutputView : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit LiveOutputView(QWidget* parent = nullptr);

    void begin(const QString& heading);             // clears, and says what runs
    void append(int stream, const QString& text);   // stream 1: stdout, 2: stderr
    void end(const QString& how);                   // a closing line ("ended with exit code 1")
    QString printed() const { return printed_; }    // everything appended, both streams

private:
    void write(const QString& text, const QColor& colour);
    QString printed_;
};

} // namespace awaitscope::ui
