#pragma once

// Just enough Python colouring for lesson scripts: keywords, strings, comments, numbers.
#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <vector>

namespace awaitscope::ui {

class PythonHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    PythonHighlighter(QTextDocument* document, bool dark);

protected:
    void highlightBlock(const QString& text) override;

private:
    struct Rule {
        QRegularExpression pattern;
        QTextCharFormat format;
    };
    std::vector<Rule> rules_;
};

} // namespace awaitscope::ui
