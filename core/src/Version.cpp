#include "awaitscope/Version.h"

namespace awaitscope {

const char* libraryVersion() { return kVersion; }

} // namespace awaitscope
