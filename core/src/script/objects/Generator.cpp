// generator: a function with `yield`, run one step per next() in its own frame.
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

namespace awaitscope::script {

Value Interpreter::makeGenerator(Frame* frame) { return Value(heap_.make<GeneratorObject>(*this, frame)); }

GeneratorObject::~GeneratorObject() {
    if (frame)
        interp->freeFrame(frame);
}

void GeneratorObject::clearReferences() {
    if (frame && !running) {
        interp->freeFrame(frame);
        frame = nullptr;
    }
}

namespace {

bool generatorNext(Interpreter& interp, const Value& iterator, Value& out) {
    auto* generator = iterator.as<GeneratorObject>();
    if (!generator->frame)
        return false;
    if (generator->running)
        interp.valueError("generator already executing");
    generator->running = true;
    generator->frame->awaiter = interp.currentFrame();
    Value result;
    Interpreter::Status status;
    try {
        status = interp.execute(generator->frame, Value::none(), false, result);
    } catch (...) {
        generator->running = false;
        interp.freeFrame(generator->frame);
        generator->frame = nullptr;
        throw;
    }
    generator->running = false;
    if (status == Interpreter::Status::Yielded) {
        out = std::move(result);
        return true;
    }
    interp.freeFrame(generator->frame);
    generator->frame = nullptr;
    return false;
}

std::string generatorRepr(Interpreter&, const Value& value) {
    auto* generator = value.as<GeneratorObject>();
    return "<generator object " + (generator->frame ? generator->frame->code->qualname : std::string("<genexpr>")) + " at " +
           pointerText(value.object()) + ">";
}

Value generatorIter(Interpreter&, const Value& generator) { return generator; }

// send and throw: resume the frame with a value, or with an exception raised at its `yield`
// (contextlib.contextmanager throws the with-block's exception into the generator).
Value resume(Interpreter& interp, const Value& self, Value sent, bool throwIn) {
    auto* generator = self.as<GeneratorObject>();
    if (!generator->frame) {
        if (throwIn)
            interp.raise(std::move(sent));
        interp.raise(interp.newException(interp.exc.stopIteration, std::vector<Value>{}));
    }
    if (generator->running)
        interp.valueError("generator already executing");
    generator->running = true;
    generator->frame->awaiter = interp.currentFrame();
    Value result;
    Interpreter::Status status;
    try {
        status = interp.execute(generator->frame, std::move(sent), throwIn, result);
    } catch (...) {
        generator->running = false;
        interp.freeFrame(generator->frame);
        generator->frame = nullptr;
        throw;
    }
    generator->running = false;
    if (status == Interpreter::Status::Yielded)
        return result;
    interp.freeFrame(generator->frame);
    generator->frame = nullptr;
    std::vector<Value> stopArgs;
    if (!result.isNone())
        stopArgs.push_back(result);
    interp.raise(interp.newException(interp.exc.stopIteration, std::move(stopArgs)));
}

Value generatorSend(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "send", {"self", "value"}, 2);
    auto* generator = a[0].as<GeneratorObject>();
    if (generator->frame && generator->frame->pc == 0 && !a[1].isNone())
        interp.typeError("can't send non-None value to a just-started generator");
    return resume(interp, a[0], a[1], false);
}

Value generatorThrow(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "throw", {"self", "value"}, 2);
    Value error = a[1];
    if (error.is(Kind::Class) && error.as<ClassObject>()->isException)
        error = interp.call(error, nullptr, 0);
    if (!interp.isException(error))
        interp.typeError("exceptions must be classes or instances deriving from BaseException, not " + interp.typeName(error));
    return resume(interp, a[0], error, true);
}

Value generatorClose(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "close", {"self"}, 1);
    auto* generator = a[0].as<GeneratorObject>();
    if (!generator->frame)
        return Value::none();
    if (generator->frame->pc == 0) {
        interp.freeFrame(generator->frame);
        generator->frame = nullptr;
        return Value::none();
    }
    try {
        resume(interp, a[0], interp.newException(interp.exc.generatorExit, std::vector<Value>{}), true);
    } catch (const ScriptError& e) {
        if (interp.isInstance(e.exception, interp.exc.generatorExit) ||
            interp.isInstance(e.exception, interp.exc.stopIteration))
            return Value::none();
        throw;
    }
    interp.raise(interp.exc.runtimeError, "generator ignored GeneratorExit");
}

constexpr TypeSlots kGeneratorSlots{.repr = generatorRepr, .iter = generatorIter, .next = generatorNext};

} // namespace

void installGeneratorType(Interpreter& interp) {
    interp.types.generatorType =
        interp.makeClass("generator", {interp.types.object}, BuiltinType::Generator, kGeneratorSlots);
    interp.addMethod(interp.types.generatorType, "send", generatorSend);
    interp.addMethod(interp.types.generatorType, "throw", generatorThrow);
    interp.addMethod(interp.types.generatorType, "close", generatorClose);
}

} // namespace awaitscope::script
