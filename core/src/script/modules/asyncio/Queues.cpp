// asyncio.Queue, PriorityQueue and LifoQueue (CPython's queues.py): put and get wait on the
// runtime's queue, which keeps the subclass's order.
#include "script/modules/asyncio/Asyncio.h"

#include <algorithm>

namespace awaitscope::script {

namespace {

Value newQueue(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "Queue", {"cls", "maxsize"}, 1);
    const std::int64_t maxsize = a.has(1) ? interp.toIndex(a[1], "maxsize") : 0;
    const auto size = static_cast<std::size_t>(std::max<std::int64_t>(0, maxsize));
    auto* cls = a[0].is(Kind::Class) ? a[0].as<ClassObject>() : interp.types.queueType;
    QueueObject* queue = nullptr;
    if (cls == interp.types.priorityQueueType) {
        Interpreter* self = &interp;  // heapq compares with `<`, which may raise TypeError
        queue = interp.heap().make<QueueObject>(size, QueueOrder::Priority,
                                                [self](const Value& x, const Value& y) { return self->lessThan(x, y); });
    } else {
        queue = interp.heap().make<QueueObject>(size, cls == interp.types.lifoQueueType ? QueueOrder::Lifo : QueueOrder::Fifo,
                                                Queue<Value>::Less());
    }
    if (cls != interp.types.queueType)
        queue->subclass = cls;
    return Value(queue);
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

std::string queueRepr(Interpreter& interp, const Value& value) {
    auto* q = static_cast<QueueObject*>(value.object());
    return "<" + interp.typeName(value) + " at " + pointerText(value.object()) + " maxsize=" + std::to_string(q->queue.maxsize()) +
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
    t.priorityQueueType =
        interp.makeClass("PriorityQueue", {t.queueType}, BuiltinType::Runtime, kQueueSlots, newQueue, "asyncio.queues");
    t.lifoQueueType = interp.makeClass("LifoQueue", {t.queueType}, BuiltinType::Runtime, kQueueSlots, newQueue, "asyncio.queues");
}

} // namespace awaitscope::script
