#include "awaitscope/script/Unsupported.h"

#include <algorithm>

namespace awaitscope {

std::string unsupportedByInterpreter(std::string_view message) {
    // Modules the interpreter leaves out (every one outside its standard-library subset).
    constexpr std::string_view kNoModule = "ModuleNotFoundError: No module named '";
    if (const std::size_t at = message.find(kNoModule); at != std::string_view::npos) {
        const std::size_t begin = at + kNoModule.size();
        const std::size_t end = message.find('\'', begin);
        if (end != std::string_view::npos && end > begin)
            return "the module '" + std::string(message.substr(begin, end - begin)) + "'";
    }
    // Every construct the interpreter leaves out says so in these words, wherever it is found.
    constexpr std::string_view kNotSupported = " not supported by Awaitscope";
    const std::size_t at = message.find(kNotSupported);
    if (at == std::string_view::npos)
        return {};
    std::string_view what = message.substr(0, at);
    for (std::string_view verb : {std::string_view(" is"), std::string_view(" are")})
        if (what.ends_with(verb)) {
            what.remove_suffix(verb.size());
            break;
        }
    // Drop the exception name ("SyntaxError: ") and any explanation the words sit inside.
    const std::size_t colon = what.rfind(": ");
    const std::size_t paren = what.rfind('(');
    std::size_t begin = 0;
    if (colon != std::string_view::npos)
        begin = colon + 2;
    if (paren != std::string_view::npos)
        begin = std::max(begin, paren + 1);
    what.remove_prefix(begin);
    return what.empty() ? std::string("a construct") : std::string(what);
}

} // namespace awaitscope
