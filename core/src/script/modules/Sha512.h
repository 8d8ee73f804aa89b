#pragma once

// SHA-512 (FIPS 180-4), which random.seed applies to a str seed as CPython does.
#include <string>
#include <string_view>

namespace awaitscope::script {

std::string sha512(std::string_view bytes);  // the 64-byte digest

} // namespace awaitscope::script
