// The traceback module: the exception being handled (or one given) as CPython's traceback
// text, from the frames the run recorded while it travelled.
#include "script/modules/Modules.h"
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

namespace awaitscope::script {

namespace {

std::string tracebackText(Interpreter& interp, const Value& error) {
    if (error.isNone() || !interp.isException(error))
        return "NoneType: None\n";
    return interp.formatTraceback(error);
}

// Where print_exc and print_exception write: sys.stderr, or a file= with a write method.
void writeTo(Interpreter& interp, const Value& file, const std::string& text) {
    if (file.empty() || file.isNone()) {
        interp.flushCost();
        interp.writeStderr(text);
        return;
    }
    interp.callMethod(file, "write", {interp.str(text)});
}

Value lines(Interpreter& interp, const std::string& text) {
    std::vector<Value> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        end = end == std::string::npos ? text.size() : end + 1;
        out.push_back(interp.str(text.substr(start, end - start)));
        start = end;
    }
    return interp.newList(std::move(out));
}

Value tracebackFormatExc(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "format_exc", {"limit", "chain"}, 0);
    return interp.str(tracebackText(interp, interp.handledException()));
}

Value tracebackPrintExc(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "print_exc", {"limit", "file", "chain"}, 0);
    writeTo(interp, a.has(1) ? a[1] : Value(), tracebackText(interp, interp.handledException()));
    return Value::none();
}

Value tracebackFormatException(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "format_exception", {"exc", "value", "tb", "limit", "chain"}, 1);
    const Value error = a.has(1) && !a[1].isNone() ? a[1] : a[0];
    return lines(interp, tracebackText(interp, error));
}

Value tracebackPrintException(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "print_exception", {"exc", "value", "tb", "limit", "file", "chain"}, 1);
    const Value error = a.has(1) && !a[1].isNone() ? a[1] : a[0];
    writeTo(interp, a.has(4) ? a[4] : Value(), tracebackText(interp, error));
    return Value::none();
}

Value tracebackFormatExceptionOnly(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "format_exception_only", {"exc", "value"}, 1);
    const Value error = a.has(1) && !a[1].isNone() ? a[1] : a[0];
    return interp.newList({interp.str(interp.exceptionLine(error) + "\n")});
}

// For logging's records: the script's file, line and function that logged, past the frames
// of the library modules (logging itself) between them.
Value tracebackScriptLocation(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "_script_location", {}, 0);
    Frame* frame = interp.currentFrame();
    if (!frame)
        return interp.newTuple({interp.str(interp.program().fileName), Value::integer(0), interp.intern("<module>")});
    Frame* script = Interpreter::scriptFrame(frame);
    return interp.newTuple({interp.str(script->code->file), Value::integer(script->currentLine()),
                            interp.intern(script->code->name)});
}

} // namespace

Value makeTracebackModule(Interpreter& interp) {
    Value module = newModule(interp, "traceback");
    addFunction(interp, module, "format_exc", tracebackFormatExc);
    addFunction(interp, module, "print_exc", tracebackPrintExc);
    addFunction(interp, module, "format_exception", tracebackFormatException);
    addFunction(interp, module, "print_exception", tracebackPrintException);
    addFunction(interp, module, "format_exception_only", tracebackFormatExceptionOnly);
    addFunction(interp, module, "_script_location", tracebackScriptLocation);
    return module;
}

} // namespace awaitscope::script
