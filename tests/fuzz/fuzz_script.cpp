// libFuzzer target for the scenario language: lexer, parser, compiler and interpreter, with
// small budgets so that endless loops end quickly. Any crash, leak or UB is a bug: bad input
// must end in a Python-style error, never in a crash.
#include <awaitscope/script/ScriptRunner.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 64 * 1024)
        return 0;
    awaitscope::ScriptRunOptions options;
    options.fileName = "fuzz.py";
    options.maxOperationsPerStep = 20'000;
    options.maxOperations = 200'000;
    options.maxMemoryBytes = 64 << 20;
    const awaitscope::ScriptRunResult result =
        awaitscope::runScript(std::string_view(reinterpret_cast<const char*>(data), size), options);
    // Every failure carries a diagnostic.
    if (!result.ok && result.exitCode != 0 && !result.error)
        __builtin_trap();
    return 0;
}
