#include "panels/LiveOutputView.h"

#include <QScrollBar>
#include <QTextBlock>
#include <QTextCharFormat>
#include <QTextCursor>

namespace awaitscope::ui {

namespace {
// A program that prints without end keeps only its last lines here (the trace keeps them all).
constexpr int kMaxLines = 20000;
}

LiveOutputView::LiveOutputView(QWidget* parent) : QPlainTextEdit(parent) {
    setObjectName(QStringLiteral("liveOutput"));
    setReadOnly(true);
    setMaximumBlockCount(kMaxLines);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont mono(QStringLiteral("DejaVu Sans Mono"));
    mono.setStyleHint(QFont::Monospace);
    setFont(mono);
}

void LiveOutputView::begin(const QString& heading) {
    clear();
    printed_.clear();
    write(heading + QLatin1Char('\n'), palette().color(QPalette::PlaceholderText));
}

void LiveOutputView::append(int stream, const QString& text) {
    printed_ += text;
    write(text, stream == 2 ? QColor(0xd0, 0x30, 0x30) : palette().color(QPalette::Text));
}

void LiveOutputView::end(const QString& how) {
    const bool atLineStart = document()->lastBlock().text().isEmpty();
    write((atLineStart ? QString() : QStringLiteral("\n")) + how + QLatin1Char('\n'), palette().color(QPalette::PlaceholderText));
}

void LiveOutputView::write(const QString& text, const QColor& colour) {
    QScrollBar* bar = verticalScrollBar();
    const bool following = bar->value() == bar->maximum();  // keep up unless the user scrolled back
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    QTextCharFormat format;
    format.setForeground(colour);
    cursor.insertText(text, format);
    if (following)
        bar->setValue(bar->maximum());
}

} // namespace awaitscope::ui
