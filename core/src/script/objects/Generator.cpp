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

constexpr TypeSlots kGeneratorSlots{.repr = generatorRepr, .iter = generatorIter, .next = generatorNext};

} // namespace

void installGeneratorType(Interpreter& interp) {
    interp.types.generatorType =
        interp.makeClass("generator", {interp.types.object}, BuiltinType::Generator, kGeneratorSlots);
}

} // namespace awaitscope::script
