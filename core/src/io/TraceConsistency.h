#pragma once

// What the native format's grammar cannot say, checked once a trace is read: the order of
// each task's events, and that parents form a tree. The runtime and the recorders never
// write anything else, so whatever fails here was damaged or made by hand; the user is told
// (one warning per kind of fault, with the first place), and nothing is drawn wrong in silence.
#include "awaitscope/io/TraceFile.h"

#include <vector>

namespace awaitscope::detail {

// Impossible event sequences are reported and left as they are (the analysis reads them
// leniently). Parents that form a cycle are reported and the cycle cut: its first task is
// made a top-level task, so that every view shows every task of the cycle.
std::vector<LoadWarning> checkConsistency(Trace& trace);

} // namespace awaitscope::detail
