// Event, Lock, Semaphore, BoundedSemaphore and Condition (CPython's locks.py); `async with`
// acquires and releases.
#include "script/modules/asyncio/Asyncio.h"

namespace awaitscope::script {

namespace {

Value newEvent(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "Event", {"cls"}, 1);
    return Value(interp.heap().make<EventObject>());
}

Value newLock(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "Lock", {"cls"}, 1);
    return Value(interp.heap().make<LockObject>());
}

Value newSemaphore(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "Semaphore", {"cls", "value"}, 1);
    const std::int64_t value = a.has(1) ? interp.toIndex(a[1], "value") : 1;
    if (value < 0)
        interp.valueError("Semaphore initial value must be >= 0");
    auto* semaphore = interp.heap().make<SemaphoreObject>(static_cast<int>(std::min<std::int64_t>(value, 1 << 30)));
    if (a[0].object() == interp.types.boundedSemaphoreType) {
        semaphore->subclass = interp.types.boundedSemaphoreType;
        semaphore->bound = semaphore->semaphore.value();
    }
    return Value(semaphore);
}

Value newCondition(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "Condition", {"cls", "lock"}, 1);
    if (!a.has(1) || a[1].isNone())
        return Value(interp.heap().make<ConditionObject>(Condition()));
    if (!a[1].is(Kind::Runtime) || a[1].as<RuntimeObject>()->runtimeKind != RuntimeKind::Lock)
        interp.typeError("Condition() takes an asyncio.Lock, not " + interp.typeName(a[1]));
    auto* condition = interp.heap().make<ConditionObject>(Condition(static_cast<LockObject*>(a[1].object())->lock));
    condition->lock = a[1];
    return Value(condition);
}

Value eventSet(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "set", {"self"}, 1);
    interp.flushCost();
    static_cast<EventObject*>(a[0].object())->event.set();
    return Value::none();
}

Value eventClear(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "clear", {"self"}, 1);
    static_cast<EventObject*>(a[0].object())->event.clear();
    return Value::none();
}

Value eventIsSet(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "is_set", {"self"}, 1);
    return Value::boolean(static_cast<EventObject*>(a[0].object())->event.isSet());
}

Value eventWait(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "wait", {"self"}, 1);
    // The runtime's coroutine reads the event when it starts: call it on the object the Op keeps alive.
    Event& event = static_cast<EventObject*>(a[0].object())->event;
    return makeOp(interp, "wait", withResult(event.wait(), Value::boolean(true)), a[0]);
}

Value lockAcquire(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "acquire", {"self"}, 1);
    Lock& lock = static_cast<LockObject*>(a[0].object())->lock;
    return makeOp(interp, "acquire", withResult(lock.acquire(), Value::boolean(true)), a[0]);
}

Value lockRelease(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "release", {"self"}, 1);
    interp.flushCost();
    static_cast<LockObject*>(a[0].object())->lock.release();
    return Value::none();
}

Value lockLocked(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "locked", {"self"}, 1);
    return Value::boolean(static_cast<LockObject*>(a[0].object())->lock.locked());
}

Value semaphoreAcquire(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "acquire", {"self"}, 1);
    Semaphore& semaphore = static_cast<SemaphoreObject*>(a[0].object())->semaphore;
    return makeOp(interp, "acquire", withResult(semaphore.acquire(), Value::boolean(true)), a[0]);
}

void releaseSemaphore(Interpreter& interp, const Value& self) {
    interp.flushCost();
    auto* s = static_cast<SemaphoreObject*>(self.object());
    if (s->bound >= 0 && s->semaphore.value() >= s->bound)
        interp.valueError("BoundedSemaphore released too many times");
    s->semaphore.release();
}

Value semaphoreRelease(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "release", {"self"}, 1);
    releaseSemaphore(interp, a[0]);
    return Value::none();
}

Condition& conditionOf(const Value& v) { return static_cast<ConditionObject*>(v.object())->condition; }

Value conditionAcquire(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "acquire", {"self"}, 1);
    return makeOp(interp, "acquire", withResult(conditionOf(a[0]).acquire(), Value::boolean(true)), a[0]);
}

Value conditionRelease(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "release", {"self"}, 1);
    interp.flushCost();
    conditionOf(a[0]).release();
    return Value::none();
}

Value conditionLocked(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "locked", {"self"}, 1);
    return Value::boolean(conditionOf(a[0]).locked());
}

Value conditionWait(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "wait", {"self"}, 1);
    return makeOp(interp, "wait", withResult(conditionOf(a[0]).wait(), Value::boolean(true)), a[0]);
}

// Condition.wait_for: the predicate is asked first, then after every wake-up.
detail::Op<Value> conditionWaitFor(Interpreter* interp, Value self, Value predicate) {
    Value result = interp->call(predicate, {});
    while (!interp->truthy(result)) {
        co_await conditionOf(self).wait();
        result = interp->call(predicate, {});
    }
    co_return result;
}

Value conditionWaitForMethod(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "wait_for", {"self", "predicate"}, 2);
    return makeOp(interp, "wait_for", conditionWaitFor(&interp, a[0], a[1]), a[0]);
}

Value conditionNotify(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "notify", {"self", "n"}, 1);
    const std::int64_t n = a.has(1) ? interp.toIndex(a[1], "n") : 1;
    interp.flushCost();
    conditionOf(a[0]).notify(static_cast<std::size_t>(std::max<std::int64_t>(0, n)));
    return Value::none();
}

Value conditionNotifyAll(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "notify_all", {"self"}, 1);
    interp.flushCost();
    conditionOf(a[0]).notifyAll();
    return Value::none();
}

Value semaphoreLocked(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "locked", {"self"}, 1);
    return Value::boolean(static_cast<SemaphoreObject*>(a[0].object())->semaphore.locked());
}

std::string eventRepr(Interpreter&, const Value& value) {
    return "<asyncio.locks.Event object at " + pointerText(value.object()) + " [" +
           (static_cast<EventObject*>(value.object())->event.isSet() ? "set" : "unset") + "]>";
}

std::string lockRepr(Interpreter&, const Value& value) {
    return "<asyncio.locks.Lock object at " + pointerText(value.object()) + " [" +
           (static_cast<LockObject*>(value.object())->lock.locked() ? "locked" : "unlocked") + "]>";
}

std::string semaphoreRepr(Interpreter& interp, const Value& value) {
    auto* s = static_cast<SemaphoreObject*>(value.object());
    return "<asyncio.locks." + interp.typeName(value) + " object at " + pointerText(value.object()) + " [" +
           (s->semaphore.locked() ? "locked" : "unlocked, value:" + std::to_string(s->semaphore.value())) + "]>";
}

Value lockEnter(Interpreter& interp, const Value& manager) {
    Lock& lock = static_cast<LockObject*>(manager.object())->lock;
    return makeOp(interp, "__aenter__", withResult(lock.acquire(), Value::none()), manager, false);
}

Value lockExit(Interpreter& interp, const Value& manager, const Value&) {
    interp.flushCost();
    static_cast<LockObject*>(manager.object())->lock.release();
    return readyOp(interp, Value::boolean(false));
}

Value semaphoreEnter(Interpreter& interp, const Value& manager) {
    Semaphore& semaphore = static_cast<SemaphoreObject*>(manager.object())->semaphore;
    return makeOp(interp, "__aenter__", withResult(semaphore.acquire(), Value::none()), manager, false);
}

Value semaphoreExit(Interpreter& interp, const Value& manager, const Value&) {
    releaseSemaphore(interp, manager);
    return readyOp(interp, Value::boolean(false));
}

std::string conditionRepr(Interpreter&, const Value& value) {
    const Condition& c = static_cast<ConditionObject*>(value.object())->condition;
    std::string extra = c.locked() ? "locked" : "unlocked";
    if (c.waiterCount())
        extra += ", waiters:" + std::to_string(c.waiterCount());
    return "<asyncio.locks.Condition object at " + pointerText(value.object()) + " [" + extra + "]>";
}

Value conditionEnter(Interpreter& interp, const Value& manager) {
    return makeOp(interp, "__aenter__", withResult(conditionOf(manager).acquire(), Value::none()), manager, false);
}

Value conditionExit(Interpreter& interp, const Value& manager, const Value&) {
    interp.flushCost();
    conditionOf(manager).release();
    return readyOp(interp, Value::boolean(false));
}

constexpr TypeSlots kEventSlots{.repr = eventRepr};
constexpr TypeSlots kLockSlots{.repr = lockRepr, .asyncEnter = lockEnter, .asyncExit = lockExit};
constexpr TypeSlots kSemaphoreSlots{.repr = semaphoreRepr, .asyncEnter = semaphoreEnter, .asyncExit = semaphoreExit};
constexpr TypeSlots kConditionSlots{.repr = conditionRepr, .asyncEnter = conditionEnter, .asyncExit = conditionExit};

} // namespace

void installLockTypes(Interpreter& interp) {
    auto& t = interp.types;
    t.eventType = interp.makeClass("Event", {t.object}, BuiltinType::Runtime, kEventSlots, newEvent, "asyncio.locks");
    t.lockType = interp.makeClass("Lock", {t.object}, BuiltinType::Runtime, kLockSlots, newLock, "asyncio.locks");
    t.semaphoreType =
        interp.makeClass("Semaphore", {t.object}, BuiltinType::Runtime, kSemaphoreSlots, newSemaphore, "asyncio.locks");
    interp.addMethod(t.eventType, "set", eventSet);
    interp.addMethod(t.eventType, "clear", eventClear);
    interp.addMethod(t.eventType, "is_set", eventIsSet);
    interp.addMethod(t.eventType, "wait", eventWait);
    interp.addMethod(t.lockType, "acquire", lockAcquire);
    interp.addMethod(t.lockType, "release", lockRelease);
    interp.addMethod(t.lockType, "locked", lockLocked);
    interp.addMethod(t.semaphoreType, "acquire", semaphoreAcquire);
    interp.addMethod(t.semaphoreType, "release", semaphoreRelease);
    interp.addMethod(t.semaphoreType, "locked", semaphoreLocked);
    t.boundedSemaphoreType = interp.makeClass("BoundedSemaphore", {t.semaphoreType}, BuiltinType::Runtime, kSemaphoreSlots,
                                              newSemaphore, "asyncio.locks");
    t.conditionType =
        interp.makeClass("Condition", {t.object}, BuiltinType::Runtime, kConditionSlots, newCondition, "asyncio.locks");
    interp.addMethod(t.conditionType, "acquire", conditionAcquire);
    interp.addMethod(t.conditionType, "release", conditionRelease);
    interp.addMethod(t.conditionType, "locked", conditionLocked);
    interp.addMethod(t.conditionType, "wait", conditionWait);
    interp.addMethod(t.conditionType, "wait_for", conditionWaitForMethod);
    interp.addMethod(t.conditionType, "notify", conditionNotify);
    interp.addMethod(t.conditionType, "notify_all", conditionNotifyAll);
}

} // namespace awaitscope::script
