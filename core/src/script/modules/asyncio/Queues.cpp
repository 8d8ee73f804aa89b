// asyncio.Queue (CPython's queues.py): put and get wait on the runtime's queue.
#include "script/modules/asyncio/Asyncio.h"

#include <algorithm>

namespace awaitscope::script {

namespace {

Value newQueue(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "Queue", {"cls", "maxsize"}, 1);
    const std::int64_t maxsize = a.has(1) ? interp.toIndex(a[1], "maxsize") : 0;
    return Value(interp.heap().make<QueueObject>(static_cast<std::size_t>(std::max<std::int64_t>(0, maxsize))));
}

Queue<Value>& queueOf(const Value& v) { return static_cast<QueueObject*>(v.object())->queue; }

Value queuePut(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "put", {"self", "item"}, 2);
    Queue<Value>& queue = queueOf(a[0]);
    return makeOp(interp, "put", withResult(queue.put(a[1]), Value::none()), a[0]);
}

Value queueGet(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "get", {"self"}, 1);
    Queue<Value>& queue = queueOf(a[0]);
    return makeOp(interp, "get", queue.get(), a[0]);
}

Value queueJoin(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "join", {"self"}, 1);
    Queue<Value>& queue = queueOf(a[0]);
    return makeOp(interp, "join", withResult(queue.join(), Value::none()), a[0]);
}

Value queuePutNowait(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "put_nowait", {"self", "item"}, 2);
    interp.flushCost();
    queueOf(a[0]).putNowait(a[1]);
    return Value::none();
}

Value queueGetNowait(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "get_nowait", {"self"}, 1);
    interp.flushCost();
    return queueOf(a[0]).getNowait();
}

Value queueTaskDone(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "task_done", {"self"}, 1);
    interp.flushCost();
    queueOf(a[0]).taskDone();
    return Value::none();
}

Value queueQsize(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "qsize", {"self"}, 1);
    return Value::integer(static_cast<std::int64_t>(queueOf(a[0]).qsize()));
}

Value queueEmpty(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "empty", {"self"}, 1);
    return Value::boolean(queueOf(a[0]).empty());
}

Value queueFull(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "full", {"self"}, 1);
    return Value::boolean(queueOf(a[0]).full());
}

Value queueMaxsize(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "maxsize", {"self"}, 1);
    return Value::integer(static_cast<std::int64_t>(queueOf(a[0]).maxsize()));
}

std::string queueRepr(Interpreter&, const Value& value) {
    auto* q = static_cast<QueueObject*>(value.object());
    return "<Queue at " + pointerText(value.object()) + " maxsize=" + std::to_string(q->queue.maxsize()) +
           (q->queue.qsize() ? " _queue=" + std::to_string(q->queue.qsize()) + " items" : "") + ">";
}

constexpr TypeSlots kQueueSlots{.repr = queueRepr};

} // namespace

void installQueueType(Interpreter& interp) {
    auto& t = interp.types;
    t.queueType = interp.makeClass("Queue", {t.object}, BuiltinType::Runtime, kQueueSlots, newQueue, "asyncio.queues");
    interp.addMethod(t.queueType, "put", queuePut);
    interp.addMethod(t.queueType, "get", queueGet);
    interp.addMethod(t.queueType, "join", queueJoin);
    interp.addMethod(t.queueType, "put_nowait", queuePutNowait);
    interp.addMethod(t.queueType, "get_nowait", queueGetNowait);
    interp.addMethod(t.queueType, "task_done", queueTaskDone);
    interp.addMethod(t.queueType, "qsize", queueQsize);
    interp.addMethod(t.queueType, "empty", queueEmpty);
    interp.addMethod(t.queueType, "full", queueFull);
    interp.dictSetStr(t.queueType->dict.as<DictObject>(), "maxsize", makeProperty(interp, "maxsize", queueMaxsize));
}

} // namespace awaitscope::script
