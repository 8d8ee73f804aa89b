// async_generator: an `async def` with `yield`. Its frame is resumed by steps (__anext__,
// asend, athrow, aclose), each a coroutine made in objects/Coroutine.cpp. Like CPython's loop,
// the run keeps a list of the generators iterated while the loop ran: one dropped unfinished
// is closed by a new task (the loop's finalizer hook), and asyncio.run closes those left at
// the end (loop.shutdown_asyncgens).
#include "script/objects/Awaitables.h"
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

#include <algorithm>

namespace awaitscope::script {

Value Interpreter::makeAsyncGenerator(Frame* frame) {
    return Value(heap_.make<AsyncGeneratorObject>(*this, frame, frame->code));
}

namespace {

void forget(AsyncGeneratorObject* generator) {
    if (!generator->hooked)
        return;
    generator->hooked = false;
    auto& list = generator->interp->asyncGenerators;
    list.erase(std::remove(list.begin(), list.end(), generator), list.end());
}

} // namespace

void AsyncGeneratorObject::finish() {
    forget(this);
    if (frame) {
        interp->freeFrame(frame);
        frame = nullptr;
    }
}

AsyncGeneratorObject::~AsyncGeneratorObject() {
    const bool unfinished = hooked && frame && frame->pc > 0;
    forget(this);
    if (!frame)
        return;
    Interpreter& in = *interp;
    if (unfinished && !in.loopDestroyed && !in.aborting() && in.hasLoop() && in.loopRunning()) {
        // CPython's finalizer hook: call_soon(create_task, agen.aclose()). The frame moves to a
        // new generator object that the closing task owns. It stays on the loop's list until
        // the closing step has run, so that asyncio.run still closes it if the run ends first
        // (or cancels the closing task before its first step, which here never runs a body).
        auto* heir = in.heap().make<AsyncGeneratorObject>(in, std::exchange(frame, nullptr), code);
        Value held(heir);
        Value closing = asyncGeneratorStep(in, held, AsyncGenAction::Close, Value());  // puts it on the list
        Interpreter* owner = interp;
        in.loop().callSoon([owner, held, closing] {
            auto* generator = held.as<AsyncGeneratorObject>();
            if (owner->aborting() || owner->loopDestroyed || !generator->hooked)
                return;
            auto* coroutine = closing.as<CoroutineObject>();
            (void)createTask(coroutine->take(), TaskOptions{}, coroutine->creation);
        }, CallbackKind::AsyncGenClose);
        return;
    }
    in.freeFrame(frame);
    frame = nullptr;
}

void AsyncGeneratorObject::clearReferences() {
    forget(this);
    if (frame && !running) {
        interp->freeFrame(frame);
        frame = nullptr;
    }
}

Value asyncIterator(Interpreter& interp, const Value& iterable, bool forStatement) {
    if (iterable.is(Kind::AsyncGenerator))
        return iterable;
    Value method;
    // A script's class, or a builtin type with the methods (asyncio's StreamReader).
    if (!iterable.isObject() || (method = interp.lookupClass(interp.typeOf(iterable), interp.intern("__aiter__"))).empty()) {
        if (forStatement)
            interp.typeError("'async for' requires an object with __aiter__ method, got " + interp.typeName(iterable));
        interp.typeError("'" + interp.typeName(iterable) + "' object is not an async iterable");
    }
    Value iterator = interp.callMethod(iterable, "__aiter__", {});
    const bool hasNext = iterator.is(Kind::AsyncGenerator) ||
                         (iterator.isObject() &&
                          !interp.lookupClass(interp.typeOf(iterator), interp.intern("__anext__")).empty());
    if (!hasNext) {
        if (forStatement)
            interp.typeError("'async for' received an object from __aiter__ that does not implement __anext__: " +
                             interp.typeName(iterator));
        interp.typeError("aiter() returned not an async iterator of type '" + interp.typeName(iterator) + "'");
    }
    return iterator;
}

Value asyncNext(Interpreter& interp, const Value& iterator, bool forStatement) {
    if (iterator.is(Kind::AsyncGenerator))
        return asyncGeneratorStep(interp, iterator, AsyncGenAction::Send, Value::none());
    if (!iterator.isObject() || interp.lookupClass(interp.typeOf(iterator), interp.intern("__anext__")).empty()) {
        if (forStatement)
            interp.typeError("'async for' requires an iterator with __anext__ method, got " + interp.typeName(iterator));
        interp.typeError("'" + interp.typeName(iterator) + "' object is not an async iterator");
    }
    Value awaitable = interp.callMethod(iterator, "__anext__", {});
    if (forStatement && !(awaitable.is(Kind::Coroutine) || awaitable.is(Kind::Task) || awaitable.is(Kind::Future) ||
                          awaitable.is(Kind::Sleep) || awaitable.is(Kind::Op)))
        interp.typeError("'async for' received an invalid object from __anext__: " + interp.typeName(awaitable));
    return awaitable;
}

namespace {

AsyncGeneratorObject* self(Interpreter& interp, const Value& value, const char* method) {
    if (!value.is(Kind::AsyncGenerator))
        interp.typeError(std::string("descriptor '") + method + "' requires a 'async_generator' object but received a '" +
                         interp.typeName(value) + "'");
    return value.as<AsyncGeneratorObject>();
}

Value agenAiter(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "__aiter__", {"self"}, 1);
    self(interp, a[0], "__aiter__");
    return a[0];
}

Value agenAnext(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "__anext__", {"self"}, 1);
    self(interp, a[0], "__anext__");
    return asyncGeneratorStep(interp, a[0], AsyncGenAction::Send, Value::none());
}

Value agenAsend(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "asend", {"self", "value"}, 2);
    self(interp, a[0], "asend");
    return asyncGeneratorStep(interp, a[0], AsyncGenAction::Send, a[1]);
}

// athrow(exception) or athrow(type[, value]): the exception raised at the paused `yield`.
Value agenAthrow(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "athrow", {"self", "typ", "val", "tb"}, 2);
    self(interp, a[0], "athrow");
    Value error = a[1];
    if (error.is(Kind::Class) && error.as<ClassObject>()->isException) {
        if (a.has(2) && !a[2].isNone())
            error = interp.isException(a[2]) ? a[2] : interp.call(error, {a[2]});
        else
            error = interp.call(error, nullptr, 0);
    } else if (!interp.isException(error)) {
        interp.typeError("exceptions must be classes or instances deriving from BaseException, not " +
                         interp.typeName(error));
    }
    return asyncGeneratorStep(interp, a[0], AsyncGenAction::Throw, std::move(error));
}

Value agenAclose(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "aclose", {"self"}, 1);
    self(interp, a[0], "aclose");
    return asyncGeneratorStep(interp, a[0], AsyncGenAction::Close, Value());
}

std::string agenRepr(Interpreter&, const Value& value) {
    return "<async_generator object " + value.as<AsyncGeneratorObject>()->code->qualname + " at " +
           pointerText(value.object()) + ">";
}

constexpr TypeSlots kAsyncGeneratorSlots{.repr = agenRepr};

} // namespace

void installAsyncGeneratorType(Interpreter& interp) {
    ClassObject* cls =
        interp.makeClass("async_generator", {interp.types.object}, BuiltinType::AsyncGenerator, kAsyncGeneratorSlots);
    interp.types.asyncGeneratorType = cls;
    interp.addMethod(cls, "__aiter__", agenAiter);
    interp.addMethod(cls, "__anext__", agenAnext);
    interp.addMethod(cls, "asend", agenAsend);
    interp.addMethod(cls, "athrow", agenAthrow);
    interp.addMethod(cls, "aclose", agenAclose);
    // The awaitables of its steps share the coroutine type's slots and methods.
    const TypeSlots& slots = *interp.types.coroutineType->slots;
    interp.types.asyncGenAsendType = interp.makeClass("async_generator_asend", {interp.types.object}, BuiltinType::Coroutine, slots);
    interp.types.asyncGenAthrowType = interp.makeClass("async_generator_athrow", {interp.types.object}, BuiltinType::Coroutine, slots);
    interp.types.anextAwaitableType = interp.makeClass("anext_awaitable", {interp.types.object}, BuiltinType::Coroutine, slots);
}

} // namespace awaitscope::script
