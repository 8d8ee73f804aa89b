#pragma once

// The interpreter of one script run: its heap, its classes, exceptions and modules, and the
// bytecode machine (vm/Eval.cpp) with its frames (vm/Calls.cpp) and budgets
// (vm/CostModel.cpp). The operations every value has are members too (objects/Operations.cpp
// asks each value's type through its slots), so that a builtin reads `interp.repr(x)`.
// A Python coroutine is one runtime Task<Value>: the frame runs synchronously until it
// reaches an `await`, then a thin C++ coroutine co_awaits the awaitable on the runtime and
// resumes the frame with the result or the exception (objects/Coroutine.cpp). No global
// mutable state: many interpreters may run at once on different threads.
#include "awaitscope/runtime/Loop.h"
#include "awaitscope/runtime/Task.h"
#include "script/objects/Arguments.h"
#include "script/objects/IntDigitLimit.h"
#include "script/objects/Objects.h"
#include "script/objects/Operators.h"
#include "script/objects/TypeSlots.h"
#include "script/vm/Code.h"
#include "script/vm/Frame.h"

#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace awaitscope {
class Recorder;
}

namespace awaitscope::script {

// A Python exception travelling through C++ (and through the runtime as an exception_ptr).
struct ScriptError : std::exception {
    explicit ScriptError(Value exception_) : exception(std::move(exception_)) {}
    const char* what() const noexcept override { return "Python exception"; }
    Value exception;
};

// The run must stop now and cannot be caught by the script: a budget ran out, the loop froze
// for good, or the user cancelled the run.
struct ScriptAbort : std::exception {
    ScriptAbort(std::string message_, std::uint32_t line_) : message(std::move(message_)), line(line_) {}
    const char* what() const noexcept override { return message.c_str(); }
    std::string message;
    std::uint32_t line = 0;
};

struct InterpreterLimits {
    std::uint64_t maxOpsPerStep = 100'000'000;     // one task step without an await: frozen forever
    std::uint64_t maxOpsTotal = 4'000'000'000ULL;  // the whole run
    int recursionLimit = 1000;
    // Decimal digits of an int converted to or from text (sys.set_int_max_str_digits; 0: none).
    std::size_t maxStrDigits = kDefaultMaxStrDigits;
    // Bytes held by the run: its objects, its tasks and the events recorded so far.
    std::int64_t memoryLimit = 512LL << 20;
    std::size_t objectLimit = 20'000'000;
    double maxWallSeconds = 0;  // real time the whole run may take (0: no limit)
    // Asked once that real time has passed: how many more seconds the run may take (0: stop).
    std::function<double(double elapsedSeconds)> onWallBudgetSpent;
};

class Interpreter {
public:
    struct Output {
        std::function<void(std::string_view)> onStdout;
        std::function<void(std::string_view)> onStderr;
        std::string* stdoutText = nullptr;
        std::string* stderrText = nullptr;
    };

    Interpreter(Program& program, Output output, InterpreterLimits limits, const std::atomic<bool>* cancelled);
    Interpreter(const Interpreter&) = delete;
    Interpreter& operator=(const Interpreter&) = delete;
    ~Interpreter();

    Program& program() { return program_; }
    Heap& heap() { return heap_; }

    // ---- the event loop ----
    void attachLoop(Loop* loop, Recorder* recorder);
    void detachLoop();
    Loop& loop() { return *loop_; }
    bool hasLoop() const { return loop_ != nullptr; }
    Recorder* recorder() const { return recorder_; }
    bool loopRunning() const { return loopRunning_; }
    void setLoopRunning(bool running) { loopRunning_ = running; }

    // ---- running (vm/Eval.cpp, vm/Calls.cpp) ----
    // Runs the module; throws ScriptError (uncaught exception) or ScriptAbort.
    void runModule();
    // Calls any callable from C++ (builtins calling back into the script).
    Value call(const Value& callable, const Value* args, int count, const TupleObject* kwNames = nullptr);
    Value call(const Value& callable, std::initializer_list<Value> args) {
        return call(callable, args.begin(), static_cast<int>(args.size()));
    }
    Value callMethod(const Value& object, std::string_view name, std::initializer_list<Value> args);

    enum class Status { Returned, Yielded, Awaiting };
    // Runs `frame` until it returns, yields or awaits. `sent` is what the suspended expression
    // evaluates to; with throwIn it is an exception raised at that point instead.
    Status execute(Frame* frame, Value sent, bool throwIn, Value& result);

    // ---- frames (vm/Calls.cpp) ----
    Frame* newFrame(CodeObject* code, const Value& function, const Value& globals);
    void freeFrame(Frame* frame) noexcept;
    // Fills a new frame for `function` from the arguments (raises TypeError as CPython does).
    Frame* frameForCall(FunctionObject* function, const Value* args, int count, const TupleObject* kwNames);
    // What calling `function` makes: a coroutine or generator object (objects/Coroutine.cpp,
    // objects/Generator.cpp), or a frame to run now.
    Value makeCoroutine(FunctionObject* function, Frame* frame);
    Value makeGenerator(Frame* frame);
    Value makeAsyncGenerator(Frame* frame);
    Frame* currentFrame() const { return current_; }
    // Where the script is: the current frame, or past library-module frames the script line
    // that called or awaited them.
    SourceLocation currentLocation() const;
    std::uint32_t currentLine() const;
    static Frame* scriptFrame(Frame* frame);
    // The exception an `except` or `finally` block of a running frame handles (None if none):
    // sys.exc_info(), traceback.format_exc(), logging's exception().
    Value handledException() const;
    // Implicit chaining: `error`, raised while another exception is handled, gets that one as
    // its __context__ (CPython's _PyErr_SetObject, which also cuts a link that would close a
    // cycle). `keepExisting`: an error that already has a context keeps it (it was raised in a
    // nested call, where the chaining already happened).
    void chainContext(const Value& error, bool keepExisting);
    static SourceLocation locationOf(Frame* frame);

    // ---- values (vm/Interpreter.cpp) ----
    Value intern(std::string_view text);
    Value str(std::string text);
    Value newTuple(std::vector<Value> items);
    Value newList(std::vector<Value> items = {});
    Value newDict();
    Value newSet();
    Value newNative(NativeFn fn, const char* name, Value self = {}, Value data = {});
    Value emptyTuple() const { return emptyTuple_; }
    // The memory budget (vm/CostModel.cpp). Each check allocates nothing until it raises.
    void checkMemory();  // raises MemoryError when the run holds too much
    void reserveMemory(double bytes);  // raises MemoryError if `bytes` more would not fit
    bool memoryCheckDue() const {
        return heap_.bytes() + externalBytesEstimate_ > memoryCheckAt_ || heap_.grossBytes() > limits_.memoryLimit;
    }
    std::int64_t memoryInUse();  // a census: objects, tasks, recorded events

    ClassObject* typeOf(const Value& value) const {
        // A script's instances first: their attributes and operators are the hot path.
        return value.is(Kind::Instance) ? value.as<InstanceObject>()->klass() : builtinTypeOf(value);
    }
    const TypeSlots& slotsOf(const Value& value) const { return *typeOf(value)->slots; }
    const std::string& typeName(const Value& value) const;
    bool isInstance(const Value& value, const ClassObject* cls) const;
    static bool isSubclass(const ClassObject* cls, const ClassObject* base);

    // ---- operations (objects/Operations.cpp) ----
    bool truthy(const Value& value);
    Value binary(BinaryOp op, const Value& a, const Value& b, bool inplace = false);
    Value unaryNegative(const Value& value);
    Value unaryPositive(const Value& value);
    Value unaryInvert(const Value& value);
    Value compare(CompareOp op, const Value& a, const Value& b);
    bool equals(const Value& a, const Value& b);
    bool lessThan(const Value& a, const Value& b);
    std::size_t hash(const Value& value);
    bool contains(const Value& container, const Value& item);
    std::int64_t length(const Value& value);
    Value getItem(const Value& object, const Value& index);
    void setItem(const Value& object, const Value& index, Value value);
    void deleteItem(const Value& object, const Value& index);
    Value getAttr(const Value& object, const Value& name);
    bool findAttr(const Value& object, const Value& name, Value& out);
    void setAttr(const Value& object, const Value& name, Value value);
    void deleteAttr(const Value& object, const Value& name);
    // The method `name` of `object` without making a bound method: (function, self) or
    // (callable, Empty).
    void loadMethod(const Value& object, const Value& name, Value& function, Value& self);
    Value lookupClass(const ClassObject* cls, const Value& name) const;  // Empty if missing
    // The attributes every value has through its class: methods bound to it, properties.
    bool typeAttribute(const Value& object, const Value& name, Value& out);
    Value getIter(const Value& iterable);
    bool next(const Value& iterator, Value& out);
    std::vector<Value> toVector(const Value& iterable);
    std::int64_t toIndex(const Value& value, const char* what);
    // PyNumber_Index: an int as it is, an object with __index__ as the int it gives, else Empty.
    Value indexValue(const Value& value);
    double toDouble(const Value& value, const char* what);

    std::string repr(const Value& value);
    std::string toStr(const Value& value);
    std::string format(const Value& value, std::string_view spec);
    // `with` and `async with` (the async forms return what the statement awaits).
    Value enterContext(const Value& manager);
    Value exitContext(const Value& manager, const Value& error);
    Value enterAsyncContext(const Value& manager);
    Value exitAsyncContext(const Value& manager, const Value& error);

    // ---- dicts ----
    Value* dictLookup(DictObject* dict, const Value& key);
    void dictSet(DictObject* dict, Value key, Value value);
    Value dictGetStr(DictObject* dict, std::string_view key);  // Empty if missing
    void dictSetStr(DictObject* dict, std::string_view key, Value value);
    void setInsert(SetObject* set, Value key, std::size_t hash);  // charges the table's growth
    // set.update(iterable) as CPython's set_update_internal: a set merges, anything else adds.
    void setUpdate(SetObject* set, const Value& iterable);

    // ---- exceptions (objects/Exception.cpp) ----
    struct ExceptionClasses {
        ClassObject* baseException = nullptr;
        ClassObject* exception = nullptr;
        ClassObject* systemExit = nullptr;
        ClassObject* keyboardInterrupt = nullptr;
        ClassObject* generatorExit = nullptr;
        ClassObject* baseExceptionGroup = nullptr;
        ClassObject* exceptionGroup = nullptr;
        ClassObject* arithmeticError = nullptr;
        ClassObject* zeroDivisionError = nullptr;
        ClassObject* overflowError = nullptr;
        ClassObject* assertionError = nullptr;
        ClassObject* attributeError = nullptr;
        ClassObject* lookupError = nullptr;
        ClassObject* indexError = nullptr;
        ClassObject* keyError = nullptr;
        ClassObject* nameError = nullptr;
        ClassObject* unboundLocalError = nullptr;
        ClassObject* runtimeError = nullptr;
        ClassObject* recursionError = nullptr;
        ClassObject* notImplementedError = nullptr;
        ClassObject* typeError = nullptr;
        ClassObject* valueError = nullptr;
        ClassObject* unicodeError = nullptr;
        ClassObject* unicodeDecodeError = nullptr;
        ClassObject* unicodeEncodeError = nullptr;
        ClassObject* stopIteration = nullptr;
        ClassObject* stopAsyncIteration = nullptr;
        ClassObject* osError = nullptr;
        ClassObject* timeoutError = nullptr;
        ClassObject* connectionError = nullptr;
        ClassObject* connectionRefusedError = nullptr;
        ClassObject* connectionResetError = nullptr;
        ClassObject* connectionAbortedError = nullptr;
        ClassObject* brokenPipeError = nullptr;
        ClassObject* fileNotFoundError = nullptr;
        ClassObject* eofError = nullptr;
        ClassObject* incompleteReadError = nullptr;  // asyncio's, an EOFError
        ClassObject* importError = nullptr;
        ClassObject* moduleNotFoundError = nullptr;
        ClassObject* memoryError = nullptr;
        ClassObject* syntaxError = nullptr;
        ClassObject* cancelledError = nullptr;
        ClassObject* invalidStateError = nullptr;
        ClassObject* queueEmpty = nullptr;
        ClassObject* queueFull = nullptr;
        ClassObject* warning = nullptr;
        ClassObject* runtimeWarning = nullptr;
    };
    ExceptionClasses exc;

    Value newException(ClassObject* cls, std::vector<Value> args);
    Value newException(ClassObject* cls, const std::string& message);
    [[noreturn]] void raise(ClassObject* cls, const std::string& message);
    [[noreturn]] void raise(Value exception);
    [[noreturn]] void typeError(const std::string& message) { raise(exc.typeError, message); }
    [[noreturn]] void valueError(const std::string& message) { raise(exc.valueError, message); }
    [[noreturn]] void raiseRecursionError();
    ExceptionData* exceptionData(const Value& value) const;
    bool isException(const Value& value) const;
    // Any C++ exception as a Python exception object (ScriptError's value, or a translation).
    Value exceptionFrom(const std::exception_ptr& error);
    std::exception_ptr toExceptionPtr(const Value& exception) {
        return std::make_exception_ptr(ScriptError(exception));
    }
    // "Traceback (most recent call last): ..." and the last line, as CPython prints them.
    // As traceback.format_exception prints it; with hints, as a program's end prints it
    // (CPython 3.11's own display adds "Did you mean" to a NameError and an AttributeError).
    std::string formatTraceback(const Value& exception, bool hints = false);
    std::string exceptionLine(const Value& exception);  // "ValueError: boom"
    // ". Did you mean: 'result'?" for a NameError or AttributeError as CPython prints it, or "".
    std::string suggestion(const Value& exception);
    std::string nameSuggestion(const Frame* frame, const Value& name);
    [[noreturn]] void raiseMissingAttribute(const Value& object, const Value& name, const std::string& message);
    std::string exceptionRepr(const Value& exception) { return repr(exception); }
    Value makeExceptionGroup(const std::string& message, std::vector<Value> exceptions, bool asList);
    void addTraceback(const Value& exception, const CodeObject* code, std::uint32_t line);

    // ---- classes and types (objects/Class.cpp; each type's own file fills its slots) ----
    struct Types {
        ClassObject* object = nullptr;
        ClassObject* type = nullptr;
        ClassObject* noneType = nullptr;
        ClassObject* boolType = nullptr;
        ClassObject* intType = nullptr;
        ClassObject* floatType = nullptr;
        ClassObject* strType = nullptr;
        ClassObject* bytesType = nullptr;
        ClassObject* byteArrayType = nullptr;
        ClassObject* listType = nullptr;
        ClassObject* tupleType = nullptr;
        ClassObject* dictType = nullptr;
        ClassObject* setType = nullptr;
        ClassObject* frozensetType = nullptr;
        ClassObject* rangeType = nullptr;
        ClassObject* sliceType = nullptr;
        ClassObject* functionType = nullptr;
        ClassObject* builtinFunctionType = nullptr;
        ClassObject* methodType = nullptr;
        ClassObject* moduleType = nullptr;
        ClassObject* cellType = nullptr;
        ClassObject* generatorType = nullptr;
        ClassObject* asyncGeneratorType = nullptr;
        ClassObject* asyncGenAsendType = nullptr;   // what __anext__ and asend return
        ClassObject* asyncGenAthrowType = nullptr;  // what athrow and aclose return
        ClassObject* anextAwaitableType = nullptr;  // what anext(iterator, default) returns
        ClassObject* coroutineType = nullptr;
        ClassObject* superType = nullptr;
        ClassObject* unionType = nullptr;  // types.UnionType: int | None
        ClassObject* genericAliasType = nullptr;  // types.GenericAlias: list[int]
        ClassObject* iteratorTypes[16] = {};
        ClassObject* dictKeysType = nullptr;
        ClassObject* dictValuesType = nullptr;
        ClassObject* dictItemsType = nullptr;
        // asyncio
        ClassObject* taskType = nullptr;
        ClassObject* futureType = nullptr;
        ClassObject* eventType = nullptr;
        ClassObject* lockType = nullptr;
        ClassObject* semaphoreType = nullptr;
        ClassObject* queueType = nullptr;
        ClassObject* taskGroupType = nullptr;
        ClassObject* timeoutType = nullptr;
        ClassObject* loopType = nullptr;
        ClassObject* asCompletedType = nullptr;
        ClassObject* streamType = nullptr;
        // asyncio: Future() itself (futureType is gather's _GatheringFuture), the other locks
        // and queues, and the loop's callback handles
        ClassObject* plainFutureType = nullptr;
        ClassObject* boundedSemaphoreType = nullptr;
        ClassObject* conditionType = nullptr;
        ClassObject* priorityQueueType = nullptr;
        ClassObject* lifoQueueType = nullptr;
        ClassObject* handleType = nullptr;
        ClassObject* timerHandleType = nullptr;
        ClassObject* streamReaderType = nullptr;
        ClassObject* streamWriterType = nullptr;
        ClassObject* serverType = nullptr;
        ClassObject* listeningSocketType = nullptr;  // server.sockets[0]
    };
    Types types;
    ClassObject* makeClass(const std::string& name, std::vector<ClassObject*> bases, BuiltinType builtin,
                           const TypeSlots& slots, NativeFn construct = nullptr, const char* module = "builtins");
    void addMethod(ClassObject* cls, const char* name, NativeFn fn);
    Value buildClass(const Value& bodyFunction, const Value& name, const Value& bases);
    Value instantiate(ClassObject* cls, const Value* args, int count, const TupleObject* kwNames);

    // ---- modules (vm/Interpreter.cpp, modules/Modules.cpp) ----
    Value importModule(const std::string& name);
    Value globals() const { return globals_; }
    Value builtins() const { return builtins_; }

    // ---- output and diagnostics ----
    void writeStdout(std::string_view text);
    void writeStderr(std::string_view text);
    void recordOutput(std::string_view text);
    void flushOutputLine();  // records a last line written without a newline, on either stream
    void warnNeverAwaited(const char* name, const SourceLocation& created);

    // ---- cost model and budgets (vm/CostModel.cpp) ----
    void chargeOps(std::uint64_t instructions);  // extra work done by builtins (per element)
    void flushCost();
    void checkBudget(std::uint32_t line);
    bool wallBudgetExtended(std::uint32_t line);  // asks limits_.onWallBudgetSpent
    [[noreturn]] void abort(const std::string& message, std::uint32_t line);
    bool aborting() const { return aborting_; }
    void beginAbort() { aborting_ = true; }  // from now on, script code raises ScriptAbort at once
    std::uint64_t instructionsExecuted() const { return opsTotal_; }
    const InterpreterLimits& limits() const { return limits_; }
    // sys.setrecursionlimit: raises as CPython does for a limit below 1 or below the depth
    // reached; a limit beyond what the C++ stack holds still ends in RecursionError.
    void setRecursionLimit(std::int64_t limit);
    // sys.set_int_max_str_digits, already checked (0, or at least kStrDigitsCheckThreshold).
    void setMaxStrDigits(std::size_t digits) { limits_.maxStrDigits = digits; }

    // Native recursion (repr of nested lists, __init__ creating instances, ...) counts against
    // the recursion limit, and so does the real C++ stack: whatever the build or the thread's
    // stack size, a deep recursion ends in RecursionError, never in a stack overflow.
    struct DepthGuard {
        Interpreter& interp;
        explicit DepthGuard(Interpreter& i) : interp(i) {
            if (++interp.depth_ > interp.limits_.recursionLimit || stackAddress() < interp.stackFloor_) {
                --interp.depth_;
                interp.raiseRecursionError();
            }
        }
        ~DepthGuard() { --interp.depth_; }
    };
    // Notes the calling thread's stack so DepthGuard can keep a safety margin.
    void measureStack();
    // Where the machine stack is now. Not a local's address: inside a C++ coroutine the
    // optimiser may keep locals in the heap-allocated coroutine frame, and ASan may move
    // them to its fake stack; the frame address is always on the real stack.
    static std::uintptr_t stackAddress() { return reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0)); }

    // The task objects of this run, so that asyncio.current_task() returns the same object.
    std::unordered_map<const void*, Object*> taskObjects;
    // The event loop's one script object while anything holds it (get_running_loop() is itself).
    Object* loopObject = nullptr;
    bool loopDestroyed = false;
    // asyncio's simulated network (modules/asyncio/Streams.cpp): the servers listening in this
    // run by port, not owning (a server leaves when it is closed or freed), and the next port
    // that port 0 or a connecting client is given.
    std::unordered_map<std::int64_t, Object*> listeningServers;
    std::int64_t nextEphemeralPort = 54321;
    // Async generators iterated while the loop ran and not finished yet, oldest first: what
    // asyncio.run closes at the end (loop.shutdown_asyncgens). Not owning.
    std::vector<AsyncGeneratorObject*> asyncGenerators;

private:
    friend struct DepthGuard;
    ClassObject* builtinTypeOf(const Value& value) const;

    Value callFunctionNested(FunctionObject* function, const Value* args, int count, const TupleObject* kwNames);
    void stepCheck(std::uint32_t line);
    bool concatenateInPlace(Frame* f, const Instr& next, Value* locals, Value* sp);
    [[noreturn]] void raiseMemoryError(double wanted);
    std::int64_t externalBytes() const;  // tasks and recorded events: memory the heap does not see
    void recordLines(std::string& pending, std::string_view text, OutputStream stream);

    Program& program_;
    Heap heap_;
    Output output_;
    InterpreterLimits limits_;
    const std::atomic<bool>* cancelled_;
    Loop* loop_ = nullptr;
    Recorder* recorder_ = nullptr;
    bool loopRunning_ = false;
    bool aborting_ = false;
    std::string pendingStdoutLine_;
    std::string pendingStderrLine_;

    std::unordered_map<std::string_view, StrObject*> interned_;
    std::vector<Value> internedKeep_;
    Value emptyTuple_;
    Value globals_;
    Value builtins_;
    std::unordered_map<std::string, Value> modules_;

    // Frames
    std::vector<std::vector<Frame*>> framePool_;
    Frame* current_ = nullptr;
    int depth_ = 0;
    std::uintptr_t stackFloor_ = 0;  // lowest stack address the interpreter may reach

    // Cost model and budgets
    std::uint64_t opsTotal_ = 0;
    std::uint64_t costPs_ = 0;
    std::uint64_t stepStartOps_ = 0;
    std::uint64_t stepIteration_ = ~0ULL;
    const void* stepTask_ = nullptr;
    const void* stepThread_ = nullptr;
    std::uint64_t nextCancelCheck_ = 0;
    std::int64_t wallDeadlineNs_ = 0;  // steady clock; 0: none
    std::int64_t wallStartNs_ = 0;
    double wallSecondsAllowed_ = 0;  // the budget, with every extension granted
    std::int64_t externalBytesEstimate_ = 0;  // as of the last budget check
    std::int64_t memoryCheckAt_ = 0;          // the estimate that calls for a census
    bool raisingMemoryError_ = false;  // building the MemoryError must not check memory again
};

} // namespace awaitscope::script
