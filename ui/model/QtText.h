#pragma once

// Core speaks UTF-8 std::string; Qt speaks QString. The one conversion every view uses.
#include <QLocale>
#include <QString>

#include <cstddef>

#include <string_view>

namespace awaitscope::ui {

inline QString qs(std::string_view text) { return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())); }

// A count as people read it, whatever the system locale: "200,000".
inline QString countText(std::size_t n) { return QLocale(QLocale::English).toString(static_cast<qulonglong>(n)); }

} // namespace awaitscope::ui
