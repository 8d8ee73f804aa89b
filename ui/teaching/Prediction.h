#pragma once

// Predict, then reveal: the learner orders the printed lines as they expect them, and the
// run says which they placed right. Lines printed more than once are matched by occurrence
// (the second "done" predicted is the second "done" printed).
#include <awaitscope/analysis/DerivedTrace.h>

#include <QString>
#include <QStringList>

#include <vector>

namespace awaitscope::ui {

struct PlacedLine {
    QString text;
    int predicted = 0;  // 0-based position the learner gave it
    int actual = 0;     // where the run printed it (index into Trace::output)
    bool right() const { return predicted == actual; }
};

struct PredictionScore {
    std::vector<PlacedLine> lines;  // in the learner's order
    int rightCount = 0;
    int total() const { return static_cast<int>(lines.size()); }
};

// `predicted` must be a permutation of `actual`; lines that are not get actual = -1.
PredictionScore scorePrediction(const QStringList& predicted, const QStringList& actual);

// Why output line `line` came where it did, in a sentence: who printed it, when, and what
// it had been waiting for ("heartbeat printed it at 1.7 s: it was ready at 0.5 s, but the
// loop was frozen until 1.7 s").
QString explainOutputMoment(const DerivedTrace& model, std::size_t line);

// The printed lines of a run (stdout: a warning on stderr is nothing to predict), in order.
QStringList printedLines(const Trace& trace);
// Where the n-th of printedLines sits among all the trace's output lines (stderr included).
std::size_t outputIndexOfPrinted(const Trace& trace, std::size_t printed);

} // namespace awaitscope::ui
