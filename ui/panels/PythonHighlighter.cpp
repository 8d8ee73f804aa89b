#include "panels/PythonHighlighter.h"

namespace awaitscope::ui {

PythonHighlighter::PythonHighlighter(QTextDocument* document, bool dark) : QSyntaxHighlighter(document) {
    auto format = [](const QColor& color, bool bold = false) {
        QTextCharFormat f;
        f.setForeground(color);
        if (bold)
            f.setFontWeight(QFont::Bold);
        return f;
    };
    const QColor keyword = dark ? QColor(0xc6, 0x92, 0xf0) : QColor(0x7a, 0x2c, 0xb0);
    const QColor asyncColor = dark ? QColor(0x5f, 0xd0, 0xc0) : QColor(0x00, 0x7a, 0x6e);
    const QColor string = dark ? QColor(0xe6, 0xb6, 0x73) : QColor(0xa3, 0x4a, 0x00);
    const QColor number = dark ? QColor(0x8c, 0xc8, 0xff) : QColor(0x1c, 0x5f, 0xb3);
    const QColor comment = dark ? QColor(0x8a, 0x93, 0xa0) : QColor(0x6a, 0x73, 0x7d);
    rules_.push_back({QRegularExpression(QStringLiteral(
                          "\\b(def|return|if|elif|else|for|while|in|import|from|as|with|try|except|finally|raise|"
                          "class|pass|break|continue|and|or|not|is|None|True|False|lambda|global|yield)\\b")),
                      format(keyword, true)});
    rules_.push_back({QRegularExpression(QStringLiteral("\\b(async|await)\\b")), format(asyncColor, true)});
    rules_.push_back({QRegularExpression(QStringLiteral("\\b[0-9]+(\\.[0-9]+)?\\b")), format(number)});
    rules_.push_back({QRegularExpression(QStringLiteral("f?\"[^\"]*\"|f?'[^']*'")), format(string)});
    rules_.push_back({QRegularExpression(QStringLiteral("#[^\n]*")), format(comment)});
}

void PythonHighlighter::highlightBlock(const QString& text) {
    for (const Rule& rule : rules_) {
        auto matches = rule.pattern.globalMatch(text);
        while (matches.hasNext()) {
            const auto match = matches.next();
            setFormat(static_cast<int>(match.capturedStart()), static_cast<int>(match.capturedLength()), rule.format);
        }
    }
}

} // namespace awaitscope::ui
