#pragma once

#include <functional>
#include <string_view>

namespace awaitscope {

// Where a writer sends its output, in blocks of about 1 MiB. Returns false when the bytes
// could not be stored; the writer then stops and reports failure.
using ByteSink = std::function<bool(std::string_view)>;

} // namespace awaitscope
