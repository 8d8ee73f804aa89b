#include "awaitscope/script/ScriptRunner.h"

#include "awaitscope/runtime/Loop.h"
#include "script/compile/Compiler.h"
#include "script/vm/Interpreter.h"
#include "script/compile/Parser.h"
#include "script/compile/SourceDecoder.h"
#include "script/vm/ScriptExceptionPolicy.h"
#include "awaitscope/trace/Recorder.h"

#include <algorithm>
#include <memory>

namespace awaitscope {

namespace {

constexpr std::size_t kMaxSourceBytes = 4 << 20;

std::vector<std::string> splitLines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            if (start < text.size())
                lines.emplace_back(text.substr(start));
            break;
        }
        std::string line(text.substr(start, end - start));
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        lines.push_back(std::move(line));
        start = end + 1;
    }
    return lines;
}

std::string firstLine(const std::string& text) {
    std::size_t start = text.find_first_not_of(" \t\r\n");
    if (start == std::string::npos)
        return {};
    std::size_t end = text.find('\n', start);
    std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t'))
        line.pop_back();
    return line;
}

// CPython's report of a syntax error: the file and line, the source line, a caret, the message.
std::string syntaxErrorText(const script::Program& program, const script::SyntaxErrorInfo& info) {
    if (!info.showLine)
        return info.kind + ": " + info.message + "\n";
    std::string out = "  File \"" + program.fileName + "\", line " + std::to_string(info.line) + "\n";
    std::string source = program.lineText(static_cast<std::uint32_t>(info.line));
    source.resize(std::min(source.size(), source.find('\0')));  // as CPython shows a line with a NUL byte
    const std::size_t indent = source.find_first_not_of(" \t");
    if (indent != std::string::npos) {
        std::size_t end = source.find_last_not_of(" \t\r");
        out += "    " + source.substr(indent, end - indent + 1) + "\n";
        const int caret = info.column - 1 - static_cast<int>(indent);
        if (caret >= 0 && caret <= static_cast<int>(end - indent + 1))
            out += "    " + std::string(static_cast<std::size_t>(caret), ' ') + "^\n";
    }
    out += info.kind + ": " + info.message + "\n";
    return out;
}

} // namespace

ScriptRunResult runScript(std::string_view bytes, const ScriptRunOptions& options) {
    using namespace script;
    ScriptRunResult result;
    TraceMetadata& metadata = result.trace.metadata;
    metadata.sourceText = std::string(bytes);
    metadata.sourceFile = options.fileName;
    metadata.recorder = "awaitscope script interpreter";
    metadata.title = options.fileName;

    Program program;
    program.fileName = options.fileName;
    program.sourceLines = splitLines(bytes);

    auto writeErr = [&](const std::string& text) {
        result.stderrText += text;
        if (options.onStderr)
            options.onStderr(text);
    };

    Recorder recorder(result.trace);
    InterpreterLimits limits;
    if (options.maxOperationsPerStep)
        limits.maxOpsPerStep = options.maxOperationsPerStep;
    if (options.maxOperations)
        limits.maxOpsTotal = options.maxOperations;
    if (options.maxMemoryBytes > 0)
        limits.memoryLimit = options.maxMemoryBytes;
    if (options.maxWallSeconds > 0)
        limits.maxWallSeconds = options.maxWallSeconds;
    limits.onWallBudgetSpent = options.onWallBudgetSpent;
    Interpreter::Output output{options.onStdout, options.onStderr, &result.stdoutText, &result.stderrText};
    auto interp = std::make_unique<Interpreter>(program, std::move(output), limits, options.cancelled);
    interp->measureStack();

    auto failSyntax = [&](const SyntaxErrorInfo& info) {
        writeErr(syntaxErrorText(program, info));
        result.error = ScriptDiagnostic{info.line, info.column, info.kind + ": " + info.message};
        result.exitCode = 1;
        result.ok = false;
        recorder.scriptError(0, kNoTask,
                             SourceLocation(program.fileName.c_str(), "<module>", static_cast<std::uint32_t>(info.line),
                                            static_cast<std::uint32_t>(info.column)),
                             info.kind + ": " + info.message);
    };

    if (bytes.size() > kMaxSourceBytes) {
        failSyntax({"SyntaxError", "the script is larger than Awaitscope accepts (4 MB)", 1, 1});
        return result;
    }
    std::string decoded;
    try {
        decoded = decodeSource(bytes, program.fileName);
    } catch (const SyntaxErrorException& error) {
        failSyntax(error.info);
        return result;
    }
    // From here on the script is what CPython would read: UTF-8, one kind of line ending.
    const std::string_view source = decoded;
    if (source != bytes) {
        metadata.sourceText = decoded;
        program.sourceLines = splitLines(source);
    }
    try {
        Ast ast;
        Parser parser(source, ast);
        parser.parseModule();
        if (!ast.docstring.empty())
            metadata.title = firstLine(ast.docstring);
        Compiler compiler(*interp, program);
        compiler.compileModule(ast);
    } catch (const SyntaxErrorException& error) {
        failSyntax(error.info);
        return result;
    }

    {
        ScriptExceptionPolicy policy(*interp);
        LoopOptions loopOptions;
        loopOptions.clock = ClockKind::Virtual;
        loopOptions.recorder = &recorder;
        loopOptions.exceptions = &policy;
        loopOptions.maxIterations = 50'000'000;
        loopOptions.maxTime = 7LL * 24 * 3600 * 1'000'000'000LL;  // a week of virtual time
        loopOptions.timerResolution = 1'000'000;  // CPython's epoll waits in whole milliseconds
        loopOptions.recordLoopQueues = options.recordLoopQueues;
        auto loop = std::make_unique<Loop>(loopOptions);
        {
            Loop::RunScope scope(*loop);
            interp->attachLoop(loop.get(), &recorder);
            result.ok = true;
            try {
                interp->runModule();
            } catch (const script::ScriptError& error) {
                const Value& exception = error.exception;
                const ExceptionData* data = interp->exceptionData(exception);
                if (interp->isInstance(exception, interp->exc.systemExit)) {
                    const auto& args = data->args.as<TupleObject>()->items;
                    if (args.empty() || args[0].isNone()) {
                        result.exitCode = 0;
                    } else if (args[0].isIntLike()) {
                        result.exitCode = static_cast<int>(args[0].asInt());
                    } else {
                        interp->writeStderr(interp->toStr(args[0]) + "\n");
                        result.exitCode = 1;
                    }
                    result.ok = result.exitCode == 0;
                } else {
                    const std::string traceback = interp->formatTraceback(exception, true);
                    interp->writeStderr(traceback);  // the trace keeps it among the output, where it came
                    result.ok = false;
                    result.exitCode = 1;
                    std::uint32_t line = 0;
                    const CodeObject* code = program.module;
                    if (data && !data->traceback.empty()) {
                        line = data->traceback.front().line;
                        code = data->traceback.front().code;
                        // Raised inside a library module (collections.py): the script line that called it.
                        for (const auto& entry : data->traceback)
                            if (!entry.code->isLibrary) {
                                line = entry.line;
                                code = entry.code;
                                break;
                            }
                    }
                    result.error = ScriptDiagnostic{static_cast<int>(line), 0, interp->exceptionLine(exception) + interp->suggestion(exception)};
                    recorder.scriptError(loop->now(), kNoTask,
                                         SourceLocation(program.fileName.c_str(), code ? code->qualname.c_str() : "<module>",
                                                        line, 0),
                                         traceback);
                }
            } catch (const script::ScriptAbort& abort) {
                writeErr("awaitscope: " + abort.message + "\n");
                result.ok = false;
                result.exitCode = 1;
                result.error = ScriptDiagnostic{static_cast<int>(abort.line), 0, abort.message};
                bool recorded = false;
                for (const auto& scriptError : result.trace.scriptErrors)
                    if (result.trace.str(scriptError.text) == abort.message)
                        recorded = true;
                if (!recorded)
                    recorder.scriptError(loop->now(), kNoTask,
                                         SourceLocation(program.fileName.c_str(), "<module>", abort.line, 0), abort.message);
            }
            interp->flushOutputLine();
            // What the run still holds goes now, while the loop can record never-awaited coroutines.
            try {
                interp->globals().as<DictObject>()->table.clear();
                interp->heap().sweep();
            } catch (...) {
            }
            interp->flushOutputLine();  // a warning the sweep wrote
            // A plain script (no asyncio.run) is drawn as its top level's one lane.
            recorder.mainProgramEnded(loop->now(), "main program", SourceLocation(program.fileName.c_str(), "<module>", 1, 0),
                                      result.ok ? TaskOutcome::Done : TaskOutcome::Failed,
                                      result.error ? std::string_view(result.error->message) : std::string_view());
        }
        loop.reset();
        interp->detachLoop();
    }
    const bool aborted = interp->aborting();
    for (const UnretrievedError& unretrieved : result.trace.unretrievedErrors) {
        const std::string_view text = result.trace.str(unretrieved.text);
        if (aborted)
            break;  // tasks stopped by the abort are not the script's unretrieved errors
        std::string name = unretrieved.task < result.trace.tasks.size()
                               ? result.trace.taskName(unretrieved.task)
                               : std::string("?");
        writeErr("Task exception was never retrieved\nfuture: <Task finished name='" + name + "' exception=" +
                 std::string(text) + ">\n");
    }
    interp.reset();
    return result;
}

} // namespace awaitscope
