#pragma once

// Core speaks UTF-8 std::string; Qt speaks QString. The one conversion every view uses.
#include <QString>

#include <string_view>

namespace awaitscope::ui {

inline QString qs(std::string_view text) { return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())); }

} // namespace awaitscope::ui
