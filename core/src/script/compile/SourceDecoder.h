#pragma once

// A script's bytes as CPython reads a source file: a UTF-8 byte order mark is dropped, a
// coding cookie on the first two lines is honoured (PEP 263: utf-8, latin-1 and ascii here),
// and every line ending (\r\n, \r, \n) becomes \n, inside string literals too. Bytes that are
// not valid in the encoding, and NUL bytes, are refused with CPython's SyntaxError.
#include "script/compile/Lexer.h"

#include <string>
#include <string_view>

namespace awaitscope::script {

// The source as UTF-8 with \n line endings; throws SyntaxErrorException. `fileName` goes into
// the message for bytes that are not UTF-8, as CPython names the file there.
std::string decodeSource(std::string_view bytes, const std::string& fileName);

} // namespace awaitscope::script
