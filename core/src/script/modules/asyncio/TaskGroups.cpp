// asyncio.TaskGroup (CPython's taskgroups.py): `async with` enters and waits for its tasks.
#include "script/modules/asyncio/Asyncio.h"

namespace awaitscope::script {

namespace {

Value newTaskGroup(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "TaskGroup", {"cls"}, 1);
    return Value(interp.heap().make<TaskGroupObject>(interp.currentLocation()));
}

Value taskGroupCreateTask(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "create_task", {"self", "coro", "name", "context"}, 2);
    auto* group = static_cast<TaskGroupObject*>(a[0].object());
    if (!a[1].is(Kind::Coroutine))
        interp.typeError("a coroutine was expected, got " + interp.repr(a[1]));
    std::string name;
    if (a.has(2) && !a[2].isNone())
        name = interp.toStr(a[2]);
    interp.flushCost();
    if (!group->entered) {
        a[1].as<CoroutineObject>()->close();
        interp.raise(interp.exc.runtimeError, "TaskGroup " + interp.repr(a[0]) + " has not been entered");
    }
    const CodeObject* code = a[1].as<CoroutineObject>()->code;
    TaskHandle<Value> handle = group->group.createTask(a[1].as<CoroutineObject>()->take(), {}, interp.currentLocation());
    if (!name.empty())
        handle.setName(name);
    return taskObjectFor(interp, std::move(handle), code);
}

Value taskGroupEnter(Interpreter& interp, const Value& manager) {
    auto* group = static_cast<TaskGroupObject*>(manager.object());
    if (group->entered)
        interp.raise(interp.exc.runtimeError, "TaskGroup " + interp.repr(manager) + " has already been entered");
    interp.flushCost();
    group->group.enter();
    group->entered = true;
    return readyOp(interp, manager);
}

detail::Op<Value> taskGroupExit(TaskGroup group, std::exception_ptr error) {
    detail::Op<void> exit = group.exit(std::move(error));
    co_await std::move(exit);
    co_return Value::boolean(false);
}

Value taskGroupExitOp(Interpreter& interp, const Value& manager, const Value& error) {
    const std::exception_ptr errorPtr = error.empty() ? nullptr : interp.toExceptionPtr(error);
    TaskGroup& group = static_cast<TaskGroupObject*>(manager.object())->group;
    return makeOp(interp, "__aexit__", taskGroupExit(group, errorPtr), manager, false);
}

std::string taskGroupRepr(Interpreter&, const Value& value) {
    return "<TaskGroup" + std::string(static_cast<TaskGroupObject*>(value.object())->entered ? " entered" : "") + ">";
}

constexpr TypeSlots kTaskGroupSlots{.repr = taskGroupRepr, .asyncEnter = taskGroupEnter, .asyncExit = taskGroupExitOp};

} // namespace

void installTaskGroupType(Interpreter& interp) {
    auto& t = interp.types;
    t.taskGroupType =
        interp.makeClass("TaskGroup", {t.object}, BuiltinType::Runtime, kTaskGroupSlots, newTaskGroup, "asyncio.taskgroups");
    interp.addMethod(t.taskGroupType, "create_task", taskGroupCreateTask);
}

} // namespace awaitscope::script
