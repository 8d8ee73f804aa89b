// Python exceptions: the class hierarchy, raising, what an exception's repr, str and
// attributes show, exception groups, and tracebacks as CPython prints them. Exceptions are
// instances (objects/Instance.cpp) that carry ExceptionData.
#include "script/objects/Types.h"
#include "script/objects/Unicode.h"
#include "script/vm/CostModel.h"
#include "script/modules/Modules.h"
#include "script/vm/Interpreter.h"

#include <cstdio>
#include <set>
#include <stdexcept>

namespace awaitscope::script {

namespace {

Value baseExceptionInit(Interpreter& interp, CallArgs& args) {
    if (args.kwCount() > 0)
        interp.typeError(interp.typeName(args[0]) + "() takes no keyword arguments");
    if (ExceptionData* data = interp.exceptionData(args[0]))
        data->args = interp.newTuple(std::vector<Value>(args.args + 1, args.args + args.count));
    return Value::none();
}

// OSError(errno, strerror[, filename]): with two to five arguments the first two are the
// error number and its text, as CPython's OSError reads them ("[Errno 111] Connect call failed").
Value osErrorInit(Interpreter& interp, CallArgs& args) {
    baseExceptionInit(interp, args);
    const int n = args.count - 1;
    const bool numbered = n >= 2 && n <= 5;
    interp.setAttr(args[0], interp.intern("errno"), numbered ? args[1] : Value::none());
    interp.setAttr(args[0], interp.intern("strerror"), numbered ? args[2] : Value::none());
    interp.setAttr(args[0], interp.intern("filename"), numbered && n >= 3 ? args[3] : Value::none());
    return Value::none();
}

// asyncio.IncompleteReadError(partial, expected): "5 bytes read on a total of 10 expected bytes".
Value incompleteReadErrorInit(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "IncompleteReadError", {"self", "partial", "expected"}, 3);
    const std::string expected = a[2].isNone() ? "undefined" : interp.repr(a[2]);
    const std::string text = std::to_string(interp.length(a[1])) + " bytes read on a total of " + expected + " expected bytes";
    if (ExceptionData* data = interp.exceptionData(a[0]))
        data->args = interp.newTuple({interp.str(text)});
    interp.setAttr(a[0], interp.intern("partial"), a[1]);
    interp.setAttr(a[0], interp.intern("expected"), a[2]);
    return Value::none();
}

// UnicodeDecodeError(encoding, object, start, end, reason): its attributes come from the args.
Value unicodeErrorInit(Interpreter& interp, CallArgs& args) {
    const bool decode = interp.isInstance(args[0], interp.exc.unicodeDecodeError);
    if (args.count != 6 || args.kwCount() > 0)
        interp.typeError("function takes exactly 5 arguments (" + std::to_string(args.count - 1) + " given)");
    if (!args[1].is(Kind::Str))
        interp.typeError("argument 1 must be str, not " + interp.typeName(args[1]));
    if (decode ? !isBytesLike(args[2]) : !args[2].is(Kind::Str))
        interp.typeError(std::string("argument 2 must be ") + (decode ? "bytes-like object" : "str") + ", not " +
                         interp.typeName(args[2]));
    for (int i : {3, 4})
        if (!args[i].isIntLike())
            interp.typeError("'" + interp.typeName(args[i]) + "' object cannot be interpreted as an integer");
    if (!args[5].is(Kind::Str))
        interp.typeError("argument 5 must be str, not " + interp.typeName(args[5]));
    baseExceptionInit(interp, args);
    setUnicodeErrorAttributes(interp, args[0]);
    return Value::none();
}

// "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte", as CPython's
// UnicodeDecodeError and UnicodeEncodeError say it.
std::string unicodeErrorText(Interpreter& interp, const Value& exception, const std::vector<Value>& args) {
    const bool decode = interp.isInstance(exception, interp.exc.unicodeDecodeError);
    const std::string encoding = interp.toStr(args[0]);
    const std::int64_t start = args[2].asInt();
    const std::int64_t end = args[3].asInt();
    const std::string reason = interp.toStr(args[4]);
    const std::string prefix = "'" + encoding + "' codec can't " + (decode ? "decode" : "encode");
    if (end == start + 1) {
        char buffer[32];
        if (decode) {
            const std::string& bytes = bytesData(args[1]);
            if (start >= 0 && static_cast<std::size_t>(start) < bytes.size()) {
                std::snprintf(buffer, sizeof buffer, "0x%02x", static_cast<unsigned char>(bytes[static_cast<std::size_t>(start)]));
                return prefix + " byte " + buffer + " in position " + std::to_string(start) + ": " + reason;
            }
        } else {
            const auto offsets = codePointOffsets(args[1].as<StrObject>()->text);
            if (start >= 0 && static_cast<std::size_t>(start) + 1 < offsets.size()) {
                const std::uint32_t c = decodeUtf8(
                    reinterpret_cast<const unsigned char*>(args[1].as<StrObject>()->text.data() + offsets[static_cast<std::size_t>(start)]));
                std::snprintf(buffer, sizeof buffer, c < 0x100 ? "'\\x%02x'" : c < 0x10000 ? "'\\u%04x'" : "'\\U%08x'", c);
                return prefix + " character " + buffer + " in position " + std::to_string(start) + ": " + reason;
            }
        }
    }
    return prefix + (decode ? " bytes" : " characters") + " in position " + std::to_string(start) + "-" +
           std::to_string(end - 1) + ": " + reason;
}

Value exceptionGroupInit(Interpreter& interp, CallArgs& args) {
    ExceptionData* data = interp.exceptionData(args[0]);
    const std::string name = interp.typeName(args[0]);
    if (args.count != 3 || args.kwCount() > 0)
        interp.typeError(name + "() takes exactly 2 arguments (" + std::to_string(args.count - 1) + " given)");
    if (!args[1].is(Kind::Str))
        interp.typeError("argument 1 must be str, not " + interp.typeName(args[1]));
    const Value& sequence = args[2];
    if (!sequence.is(Kind::List) && !sequence.is(Kind::Tuple))
        interp.typeError("second argument (exceptions) must be a sequence");
    const auto& items = sequence.is(Kind::List) ? sequence.as<ListObject>()->items : sequence.as<TupleObject>()->items;
    if (items.empty())
        interp.valueError("second argument (exceptions) must be a non-empty sequence");
    interp.chargeOps(cost::GroupOps + cost::GroupItemOps * items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (!interp.isException(items[i]))
            interp.valueError("Item " + std::to_string(i) + " of second argument (exceptions) is not an exception");
        if (interp.isInstance(args[0], interp.exc.exceptionGroup) && !interp.isInstance(items[i], interp.exc.exception))
            interp.typeError("Cannot nest BaseExceptions in an ExceptionGroup");
    }
    data->message = args[1];
    data->exceptions = interp.newTuple(items);
    data->exceptionsAsPassed = sequence;
    data->args = interp.newTuple({args[1], sequence});
    return Value::none();
}

// ---- split, subgroup, derive (CPython's exceptiongroup_split_recursive) ----

// What split and subgroup test each exception with: an exception class, a tuple of them, or a
// predicate called with each exception (groups included).
struct GroupCondition {
    Value value;
    bool predicate = false;
    const std::set<const Object*>* leaves = nullptr;  // except*'s projection: these very exceptions
};

GroupCondition groupCondition(Interpreter& interp, const Value& value) {
    auto isExceptionClass = [](const Value& v) { return v.is(Kind::Class) && v.as<ClassObject>()->isException; };
    if (isExceptionClass(value))
        return {value, false};
    if (value.is(Kind::Tuple)) {
        for (const Value& t : value.as<TupleObject>()->items)
            if (!isExceptionClass(t))
                interp.typeError("expected a function, exception type or tuple of exception types");
        return {value, false};
    }
    const bool callable = value.is(Kind::Function) || value.is(Kind::Native) || value.is(Kind::BoundMethod) ||
                          (value.is(Kind::Instance) &&
                           !interp.lookupClass(value.as<InstanceObject>()->klass(), interp.intern("__call__")).empty());
    if (!callable)
        interp.typeError("expected a function, exception type or tuple of exception types");
    return {value, true};
}

bool conditionHolds(Interpreter& interp, const GroupCondition& condition, const Value& exception) {
    interp.chargeOps(cost::GroupMatchOps);
    if (condition.leaves)
        return !interp.isInstance(exception, interp.exc.baseExceptionGroup) &&
               condition.leaves->count(exception.object()) > 0;
    if (condition.predicate)
        return interp.truthy(interp.call(condition.value, {exception}));
    if (condition.value.is(Kind::Tuple)) {
        for (const Value& t : condition.value.as<TupleObject>()->items)
            if (interp.isInstance(exception, t.as<ClassObject>()))
                return true;
        return false;
    }
    return interp.isInstance(exception, condition.value.as<ClassObject>());
}

// A group of some of `group`'s exceptions, made by its derive() (a subclass may override it)
// and given its traceback, cause and context, as CPython's exceptiongroup_subset does.
Value groupSubset(Interpreter& interp, const Value& group, std::vector<Value> exceptions) {
    if (exceptions.empty())
        return Value();
    interp.chargeOps(cost::GroupSubsetOps);
    Value derived = interp.call(interp.getAttr(group, interp.intern("derive")), {interp.newList(std::move(exceptions))});
    if (!interp.isInstance(derived, interp.exc.baseExceptionGroup))
        interp.typeError("derive must return an instance of BaseExceptionGroup");
    ExceptionData* from = interp.exceptionData(group);
    ExceptionData* to = interp.exceptionData(derived);
    to->traceback = from->traceback;
    to->cause = from->cause;
    to->context = from->context;
    to->suppressContext = from->suppressContext;
    return derived;
}

// Splits `exception` into what meets the condition and the rest (Empty for none), keeping the
// nesting of groups: a group that meets the condition goes whole.
void splitGroup(Interpreter& interp, const Value& exception, const GroupCondition& condition, bool withRest,
                Value& match, Value& rest) {
    if (conditionHolds(interp, condition, exception)) {
        match = exception;
        return;
    }
    ExceptionData* data = interp.exceptionData(exception);
    if (!interp.isInstance(exception, interp.exc.baseExceptionGroup) || data->exceptions.empty()) {
        if (withRest)
            rest = exception;
        return;
    }
    std::vector<Value> matches;
    std::vector<Value> rests;
    const std::vector<Value> items = data->exceptions.as<TupleObject>()->items;
    for (const Value& item : items) {
        Value m;
        Value r;
        splitGroup(interp, item, condition, withRest, m, r);
        if (!m.empty())
            matches.push_back(std::move(m));
        if (!r.empty())
            rests.push_back(std::move(r));
    }
    match = groupSubset(interp, exception, std::move(matches));
    if (withRest)
        rest = groupSubset(interp, exception, std::move(rests));
}

Value exceptionGroupSplit(Interpreter& interp, CallArgs& args) {
    if (args.count != 2 || args.kwCount() > 0)
        interp.typeError("BaseExceptionGroup.split() takes exactly one argument (" + std::to_string(args.count - 1) +
                         " given)");
    const GroupCondition condition = groupCondition(interp, args[1]);
    Value match;
    Value rest;
    splitGroup(interp, args[0], condition, true, match, rest);
    return interp.newTuple({match.empty() ? Value::none() : match, rest.empty() ? Value::none() : rest});
}

Value exceptionGroupSubgroup(Interpreter& interp, CallArgs& args) {
    if (args.count != 2 || args.kwCount() > 0)
        interp.typeError("BaseExceptionGroup.subgroup() takes exactly one argument (" +
                         std::to_string(args.count - 1) + " given)");
    const GroupCondition condition = groupCondition(interp, args[1]);
    Value match;
    Value rest;
    splitGroup(interp, args[0], condition, false, match, rest);
    return match.empty() ? Value::none() : match;
}

// derive(excs): a group of the same message (BaseExceptionGroup(self.message, excs), which is
// an ExceptionGroup when every one is an Exception).
Value exceptionGroupDerive(Interpreter& interp, CallArgs& args) {
    if (args.count != 2 || args.kwCount() > 0)
        interp.typeError("BaseExceptionGroup.derive() takes exactly one argument (" + std::to_string(args.count - 1) +
                         " given)");
    ExceptionData* data = interp.exceptionData(args[0]);
    bool allExceptions = true;
    if (args[1].is(Kind::List) || args[1].is(Kind::Tuple))
        for (const Value& e : interp.toVector(args[1]))
            allExceptions = allExceptions && interp.isInstance(e, interp.exc.exception);
    ClassObject* cls = allExceptions ? interp.exc.exceptionGroup : interp.exc.baseExceptionGroup;
    return interp.call(Value(cls), {data->message, args[1]});
}

} // namespace

Value splitExceptionGroup(Interpreter& interp, const Value& group, const Value& type, Value& rest) {
    Value match;
    splitGroup(interp, group, groupCondition(interp, type), true, match, rest);
    if (rest.empty())
        rest = Value::none();
    return match.empty() ? Value::none() : match;
}

namespace {

void collectLeaves(Interpreter& interp, const Value& exception, std::set<const Object*>& leaves) {
    ExceptionData* data = interp.exceptionData(exception);
    if (!interp.isInstance(exception, interp.exc.baseExceptionGroup) || !data || data->exceptions.empty()) {
        leaves.insert(exception.object());
        return;
    }
    for (const Value& item : data->exceptions.as<TupleObject>()->items)
        collectLeaves(interp, item, leaves);
}

} // namespace

Value projectExceptionGroup(Interpreter& interp, const Value& original, const std::vector<Value>& keep) {
    std::set<const Object*> leaves;
    for (const Value& each : keep)
        collectLeaves(interp, each, leaves);
    GroupCondition condition;
    condition.leaves = &leaves;
    Value match;
    Value rest;
    splitGroup(interp, original, condition, false, match, rest);
    return match.empty() ? Value::none() : match;
}

void installExceptions(Interpreter& interp) {
    auto& exc = interp.exc;
    auto& types = interp.types;
    auto make = [&](const char* name, ClassObject* base, const char* module = "builtins") {
        ClassObject* cls = interp.makeClass(name, {base}, BuiltinType::Exception, instanceSlots(), nullptr, module);
        cls->isException = true;
        return cls;
    };
    exc.baseException = interp.makeClass("BaseException", {types.object}, BuiltinType::Exception, instanceSlots());
    exc.baseException->isException = true;
    interp.addMethod(exc.baseException, "__init__", baseExceptionInit);
    exc.exception = make("Exception", exc.baseException);
    exc.systemExit = make("SystemExit", exc.baseException);
    exc.keyboardInterrupt = make("KeyboardInterrupt", exc.baseException);
    exc.generatorExit = make("GeneratorExit", exc.baseException);
    exc.baseExceptionGroup = make("BaseExceptionGroup", exc.baseException);
    interp.addMethod(exc.baseExceptionGroup, "__init__", exceptionGroupInit);
    interp.addMethod(exc.baseExceptionGroup, "split", exceptionGroupSplit);
    interp.addMethod(exc.baseExceptionGroup, "subgroup", exceptionGroupSubgroup);
    interp.addMethod(exc.baseExceptionGroup, "derive", exceptionGroupDerive);
    exc.exceptionGroup =
        interp.makeClass("ExceptionGroup", {exc.baseExceptionGroup, exc.exception}, BuiltinType::Exception, instanceSlots());
    exc.exceptionGroup->isException = true;
    exc.arithmeticError = make("ArithmeticError", exc.exception);
    exc.zeroDivisionError = make("ZeroDivisionError", exc.arithmeticError);
    exc.overflowError = make("OverflowError", exc.arithmeticError);
    exc.assertionError = make("AssertionError", exc.exception);
    exc.attributeError = make("AttributeError", exc.exception);
    exc.lookupError = make("LookupError", exc.exception);
    exc.indexError = make("IndexError", exc.lookupError);
    exc.keyError = make("KeyError", exc.lookupError);
    exc.nameError = make("NameError", exc.exception);
    exc.unboundLocalError = make("UnboundLocalError", exc.nameError);
    exc.runtimeError = make("RuntimeError", exc.exception);
    exc.recursionError = make("RecursionError", exc.runtimeError);
    exc.notImplementedError = make("NotImplementedError", exc.runtimeError);
    exc.typeError = make("TypeError", exc.exception);
    exc.valueError = make("ValueError", exc.exception);
    exc.unicodeError = make("UnicodeError", exc.valueError);
    exc.unicodeDecodeError = make("UnicodeDecodeError", exc.unicodeError);
    exc.unicodeEncodeError = make("UnicodeEncodeError", exc.unicodeError);
    for (ClassObject* cls : {exc.unicodeDecodeError, exc.unicodeEncodeError})
        interp.addMethod(cls, "__init__", unicodeErrorInit);
    exc.stopIteration = make("StopIteration", exc.exception);
    exc.stopAsyncIteration = make("StopAsyncIteration", exc.exception);
    exc.osError = make("OSError", exc.exception);
    exc.timeoutError = make("TimeoutError", exc.osError);
    exc.connectionError = make("ConnectionError", exc.osError);
    exc.connectionRefusedError = make("ConnectionRefusedError", exc.connectionError);
    exc.connectionResetError = make("ConnectionResetError", exc.connectionError);
    exc.connectionAbortedError = make("ConnectionAbortedError", exc.connectionError);
    exc.brokenPipeError = make("BrokenPipeError", exc.connectionError);
    exc.fileNotFoundError = make("FileNotFoundError", exc.osError);
    interp.addMethod(exc.osError, "__init__", osErrorInit);
    exc.eofError = make("EOFError", exc.exception);
    exc.incompleteReadError = make("IncompleteReadError", exc.eofError, "asyncio.exceptions");
    interp.addMethod(exc.incompleteReadError, "__init__", incompleteReadErrorInit);
    exc.importError = make("ImportError", exc.exception);
    exc.moduleNotFoundError = make("ModuleNotFoundError", exc.importError);
    exc.memoryError = make("MemoryError", exc.exception);
    exc.syntaxError = make("SyntaxError", exc.exception);
    exc.cancelledError = make("CancelledError", exc.baseException, "asyncio.exceptions");
    exc.invalidStateError = make("InvalidStateError", exc.exception, "asyncio.exceptions");
    exc.queueEmpty = make("QueueEmpty", exc.exception, "asyncio.queues");
    exc.queueFull = make("QueueFull", exc.exception, "asyncio.queues");
    exc.warning = make("Warning", exc.exception);
    exc.runtimeWarning = make("RuntimeWarning", exc.warning);
}

std::string exceptionRepr(Interpreter& interp, const Value& exception) {
    ExceptionData* data = interp.exceptionData(exception);
    std::string out = interp.typeOf(exception)->nameText() + "(";
    const auto& args = data->args.as<TupleObject>()->items;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (i)
            out += ", ";
        out += interp.repr(args[i]);
    }
    return out + ")";
}

std::string exceptionStr(Interpreter& interp, const Value& exception) {
    ExceptionData* data = interp.exceptionData(exception);
    ClassObject* cls = interp.typeOf(exception);
    if (!interp.lookupClass(cls, interp.intern("__repr__")).empty() && cls->builtin == BuiltinType::None &&
        data->args.as<TupleObject>()->items.empty())
        return "";
    if (interp.isInstance(exception, interp.exc.baseExceptionGroup) && !data->exceptions.empty()) {
        const std::size_t n = data->exceptions.as<TupleObject>()->items.size();
        return interp.toStr(data->message) + " (" + std::to_string(n) + " sub-exception" + (n == 1 ? "" : "s") + ")";
    }
    const auto& args = data->args.as<TupleObject>()->items;
    if (args.empty())
        return "";
    if (args.size() >= 2 && args.size() <= 5 && interp.isInstance(exception, interp.exc.osError)) {
        std::string text = "[Errno " + interp.toStr(args[0]) + "] " + interp.toStr(args[1]);
        if (args.size() >= 3 && !args[2].isNone())
            text += ": " + interp.repr(args[2]);
        return text;
    }
    if (args.size() == 1)
        return interp.isInstance(exception, interp.exc.keyError) ? interp.repr(args[0]) : interp.toStr(args[0]);
    if (args.size() == 5 && (interp.isInstance(exception, interp.exc.unicodeDecodeError) ||
                             interp.isInstance(exception, interp.exc.unicodeEncodeError)))
        return unicodeErrorText(interp, exception, args);
    return interp.repr(data->args);
}

bool exceptionAttribute(ExceptionData& data, const std::string& key, Value& out) {
    if (key == "args") {
        out = data.args;
        return true;
    }
    if (key == "__cause__") {
        out = data.cause.empty() ? Value::none() : data.cause;
        return true;
    }
    if (key == "__context__") {
        out = data.context.empty() ? Value::none() : data.context;
        return true;
    }
    if (key == "__suppress_context__") {
        out = Value::boolean(data.suppressContext);
        return true;
    }
    if (key == "__traceback__" || key == "__notes__") {
        out = Value::none();
        return true;
    }
    if (!data.exceptions.empty() && (key == "exceptions" || key == "message")) {
        out = key == "exceptions" ? data.exceptions : data.message;
        return true;
    }
    return false;
}

bool setExceptionAttribute(Interpreter& interp, ExceptionData& data, const std::string& key, Value& value) {
    if (key == "__cause__") {
        // As CPython's setter: setting a cause also hides the context when printed.
        if (!value.isNone() && !interp.isException(value))
            interp.typeError("exception cause must be None or derive from BaseException");
        data.cause = std::move(value);
        data.suppressContext = true;
        return true;
    }
    if (key == "__context__") {
        if (!value.isNone() && !interp.isException(value))
            interp.typeError("exception context must be None or derive from BaseException");
        data.context = std::move(value);
        return true;
    }
    if (key == "__suppress_context__") {
        data.suppressContext = interp.truthy(value);
        return true;
    }
    if (key == "args") {
        data.args = interp.newTuple(interp.toVector(value));
        return true;
    }
    return false;
}

ExceptionData* Interpreter::exceptionData(const Value& value) const {
    if (!value.is(Kind::Instance))
        return nullptr;
    return value.as<InstanceObject>()->exception.get();
}

bool Interpreter::isException(const Value& value) const { return exceptionData(value) != nullptr; }

Value Interpreter::newException(ClassObject* cls, std::vector<Value> args) {
    auto* instance = heap_.make<InstanceObject>(Value(cls));
    Value result(instance);
    instance->exception = std::make_unique<ExceptionData>();
    instance->exception->args = newTuple(std::move(args));
    return result;
}

Value Interpreter::newException(ClassObject* cls, const std::string& message) { return newException(cls, {str(message)}); }

void Interpreter::raise(ClassObject* cls, const std::string& message) { throw ScriptError(newException(cls, message)); }

void Interpreter::raise(Value exception) { throw ScriptError(std::move(exception)); }

void Interpreter::raiseRecursionError() {
    // Leave room for the handler that catches it.
    raise(exc.recursionError, "maximum recursion depth exceeded");
}

Value Interpreter::makeExceptionGroup(const std::string& message, std::vector<Value> exceptions, bool asList) {
    bool allExceptions = true;
    for (const Value& e : exceptions)
        if (!isInstance(e, exc.exception))
            allExceptions = false;
    Value group = newException(allExceptions ? exc.exceptionGroup : exc.baseExceptionGroup, std::vector<Value>{});
    ExceptionData* data = exceptionData(group);
    data->message = str(message);
    data->exceptions = newTuple(exceptions);
    data->exceptionsAsPassed = asList ? newList(std::move(exceptions)) : data->exceptions;
    data->args = newTuple({data->message, data->exceptionsAsPassed});
    return group;
}

void Interpreter::addTraceback(const Value& exception, const CodeObject* code, std::uint32_t line) {
    // CPython makes a traceback object for each frame and searches its exception table. Time
    // only, no budget check: the exception being handled may be the budget's own.
    costPs_ += cost::TracebackOps * cost::Simple;
    if (ExceptionData* data = exceptionData(exception))
        if (data->traceback.size() < 4000)
            data->traceback.push_back({code, line});
}

Value Interpreter::exceptionFrom(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const ScriptError& e) {
        return e.exception;
    } catch (const ScriptAbort&) {
        throw;
    } catch (const awaitscope::CancelledError& e) {
        if (e.message() && !e.message()->empty())
            return newException(exc.cancelledError, *e.message());
        return newException(exc.cancelledError, std::vector<Value>{});
    } catch (const awaitscope::TimeoutError&) {
        return newException(exc.timeoutError, std::vector<Value>{});
    } catch (const awaitscope::InvalidStateError& e) {
        return newException(exc.invalidStateError, e.what());
    } catch (const awaitscope::QueueEmpty&) {
        return newException(exc.queueEmpty, std::vector<Value>{});
    } catch (const awaitscope::QueueFull&) {
        return newException(exc.queueFull, std::vector<Value>{});
    } catch (const awaitscope::ExceptionGroup& e) {
        std::vector<Value> inner;
        for (const std::exception_ptr& each : e.exceptions())
            inner.push_back(exceptionFrom(each));
        return makeExceptionGroup(e.message(), std::move(inner), true);
    } catch (const awaitscope::RuntimeError& e) {
        return newException(exc.runtimeError, e.what());
    } catch (const std::invalid_argument& e) {
        return newException(exc.valueError, e.what());
    } catch (const std::bad_alloc&) {
        return newException(exc.memoryError, "out of memory: the system refused an allocation");
    } catch (const std::exception& e) {
        return newException(exc.runtimeError, e.what());
    } catch (...) {
        return newException(exc.runtimeError, "unknown error");
    }
}

std::string Interpreter::exceptionLine(const Value& exception) {
    ClassObject* cls = typeOf(exception);
    std::string name = cls->nameText();
    const std::string& module = cls->module.as<StrObject>()->text;
    if (module != "builtins" && module != "__main__")
        name = module + "." + name;
    std::string text;
    try {
        text = toStr(exception);
    } catch (const ScriptError&) {
        text = "<exception str() failed>";
    }
    return text.empty() ? name : name + ": " + text;
}

namespace {

void appendEntries(Interpreter& interp, const std::vector<TracebackEntry>& entries, std::string& out,
                   const std::string& margin) {
    // Innermost first in storage; printed most recent call last, with CPython's folding of
    // long runs of the same line (recursion).
    const TracebackEntry* previous = nullptr;
    int repeats = 0;
    auto flushRepeats = [&] {
        if (repeats > 3)
            out += margin + "  [Previous line repeated " + std::to_string(repeats - 3) + " more time" +
                   (repeats - 3 == 1 ? "" : "s") + "]\n";
    };
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
        const TracebackEntry& entry = *it;
        if (previous && previous->code == entry.code && previous->line == entry.line) {
            if (++repeats > 3)
                continue;
        } else {
            flushRepeats();
            repeats = 1;
        }
        previous = &entry;
        out += margin + "  File \"" + std::string(entry.code->file) + "\", line " + std::to_string(entry.line) + ", in " +
               entry.code->name + "\n";
        std::string source = entry.code->isLibrary ? libraryLineText(entry.code->file, entry.line)
                                                   : interp.program().lineText(entry.line);
        const std::size_t start = source.find_first_not_of(" \t");
        if (start != std::string::npos) {
            std::size_t end = source.find_last_not_of(" \t\r");
            out += margin + "    " + source.substr(start, end - start + 1) + "\n";
        }
    }
    flushRepeats();
}

// How deep in exception groups the printing is (CPython's traceback._ExceptionPrintContext).
struct GroupPrintContext {
    int depth = 0;
    bool needClose = false;
    bool hints = false;  // "Did you mean", which only the interpreter's own display adds
};

constexpr std::size_t kMaxGroupWidth = 15;
constexpr int kMaxGroupDepth = 10;

// Each line of `text`, behind the group's margin ("  | " one level down, "+ " for the title of
// the outermost group).
void emit(std::string& out, const GroupPrintContext& ctx, const std::string& text, char marginChar = '|') {
    std::string indent(static_cast<std::size_t>(2 * ctx.depth), ' ');
    if (ctx.depth > 0) {
        indent += marginChar;
        indent += ' ';
    }
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        out += indent + text.substr(start, end - start) + "\n";
        start = end + 1;
    }
}

void formatOne(Interpreter& interp, const Value& exception, std::string& out, GroupPrintContext& ctx, int chain) {
    ExceptionData* data = interp.exceptionData(exception);
    if (!data) {
        emit(out, ctx, interp.exceptionLine(exception));
        return;
    }
    if (!data->cause.empty() && !data->cause.isNone() && chain < 10) {
        formatOne(interp, data->cause, out, ctx, chain + 1);
        emit(out, ctx, "\nThe above exception was the direct cause of the following exception:\n\n");
    } else if (!data->suppressContext && !data->context.empty() && !data->context.isNone() && chain < 10) {
        formatOne(interp, data->context, out, ctx, chain + 1);
        emit(out, ctx, "\nDuring handling of the above exception, another exception occurred:\n\n");
    }
    std::string frames;
    appendEntries(interp, data->traceback, frames, "");
    const bool group = interp.isInstance(exception, interp.exc.baseExceptionGroup) && !data->exceptions.empty();
    if (!group) {
        if (!data->traceback.empty()) {
            emit(out, ctx, "Traceback (most recent call last):\n");
            emit(out, ctx, frames);
        }
        emit(out, ctx, interp.exceptionLine(exception) + (ctx.hints ? interp.suggestion(exception) : ""));
        return;
    }
    if (ctx.depth > kMaxGroupDepth) {
        emit(out, ctx, "... (max_group_depth is " + std::to_string(kMaxGroupDepth) + ")\n");
        return;
    }
    const bool topLevel = ctx.depth == 0;
    if (topLevel)
        ++ctx.depth;
    if (!data->traceback.empty()) {
        emit(out, ctx, "Exception Group Traceback (most recent call last):\n", topLevel ? '+' : '|');
        emit(out, ctx, frames);
    }
    emit(out, ctx, interp.exceptionLine(exception));
    const auto& items = data->exceptions.as<TupleObject>()->items;
    const std::size_t n = items.size() <= kMaxGroupWidth ? items.size() : kMaxGroupWidth + 1;
    ctx.needClose = false;
    for (std::size_t i = 0; i < n; ++i) {
        const bool last = i + 1 == n;
        if (last)
            ctx.needClose = true;
        const bool truncated = i >= kMaxGroupWidth;
        const std::string title = truncated ? "..." : std::to_string(i + 1);
        out += std::string(static_cast<std::size_t>(2 * ctx.depth), ' ') + (i == 0 ? "+-" : "  ") +
               "+---------------- " + title + " ----------------\n";
        ++ctx.depth;
        if (!truncated) {
            formatOne(interp, items[i], out, ctx, chain);
        } else {
            const std::size_t more = items.size() - kMaxGroupWidth;
            emit(out, ctx, "and " + std::to_string(more) + " more exception" + (more > 1 ? "s" : "") + "\n");
        }
        if (last && ctx.needClose) {
            out += std::string(static_cast<std::size_t>(2 * ctx.depth), ' ') + "+------------------------------------\n";
            ctx.needClose = false;
        }
        --ctx.depth;
    }
    if (topLevel)
        ctx.depth = 0;
}

} // namespace

std::string Interpreter::formatTraceback(const Value& exception, bool hints) {
    std::string out;
    GroupPrintContext ctx;
    ctx.hints = hints;
    formatOne(*this, exception, out, ctx, 0);
    return out;
}

} // namespace awaitscope::script
