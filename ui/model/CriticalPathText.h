#pragma once

// The critical path's links (analysis/CriticalPath.h) as the window says them: the hover, the
// walk along the path and the Details panel use these words, core's describeCriticalSegment
// gives the clause.
#include <awaitscope/analysis/DerivedTrace.h>

#include <QString>

namespace awaitscope::ui {

// "Task-3 (web_search) awaits asyncio.sleep at line 23, 0.9 s".
QString criticalLinkText(const DerivedTrace& model, std::size_t link);
// "link 3 of 7, from 0.200 s to 1.100 s".
QString criticalLinkPlace(const DerivedTrace& model, std::size_t link);

} // namespace awaitscope::ui
