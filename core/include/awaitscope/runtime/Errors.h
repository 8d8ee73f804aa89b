#pragma once

// The exceptions the runtime raises, and the policy that makes them. The script interpreter
// installs its own policy so that cancellation, timeouts and exception groups are Python
// objects its `except` clauses can catch; C++ callers get the classes below.
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace awaitscope {

// Delivered at the suspended await of a cancelled task (asyncio.CancelledError).
class CancelledError : public std::exception {
public:
    explicit CancelledError(std::optional<std::string> message = std::nullopt);
    const char* what() const noexcept override { return what_.c_str(); }
    const std::optional<std::string>& message() const { return message_; }

private:
    std::optional<std::string> message_;
    std::string what_;
};

class TimeoutError : public std::runtime_error {
public:
    TimeoutError() : std::runtime_error("TimeoutError") {}
};

class InvalidStateError : public std::logic_error {
public:
    using std::logic_error::logic_error;
};

// asyncio's RuntimeError cases: awaiting outside a task, reusing a coroutine, and so on.
class RuntimeError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// asyncio's RecursionError cases: cancelling round a cycle of tasks that await one another.
class RecursionError : public RuntimeError {
public:
    using RuntimeError::RuntimeError;
};

class QueueEmpty : public std::runtime_error {
public:
    QueueEmpty() : std::runtime_error("QueueEmpty") {}
};

class QueueFull : public std::runtime_error {
public:
    QueueFull() : std::runtime_error("QueueFull") {}
};

// What a TaskGroup raises when children fail: every failure, in the order they happened.
class ExceptionGroup : public std::exception {
public:
    ExceptionGroup(std::string message, std::vector<std::exception_ptr> exceptions);
    const char* what() const noexcept override { return what_.c_str(); }
    const std::string& message() const { return message_; }
    const std::vector<std::exception_ptr>& exceptions() const { return exceptions_; }

private:
    std::string message_;
    std::vector<std::exception_ptr> exceptions_;
    std::string what_;
};

// The loop ran out of things to do while tasks still wait: under CPython the program would hang.
class DeadlockError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The run hit its step or time budget (an endless loop of awaits).
class BudgetExceeded : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class ExceptionPolicy {
public:
    virtual ~ExceptionPolicy() = default;
    virtual std::exception_ptr cancelled(const std::optional<std::string>& message) const;
    virtual bool isCancelled(const std::exception_ptr& error) const;
    virtual std::exception_ptr timeout() const;
    // `raise error from cause`: the default ignores the cause.
    virtual std::exception_ptr withCause(std::exception_ptr error, std::exception_ptr cause) const;
    virtual std::exception_ptr exceptionGroup(const std::string& message, std::vector<std::exception_ptr> errors) const;
    // SystemExit and KeyboardInterrupt: errors a TaskGroup re-raises on their own.
    virtual bool isBaseError(const std::exception_ptr& error) const;
    virtual std::exception_ptr runtimeError(const std::string& message) const;
    virtual std::exception_ptr recursionError(const std::string& message) const;
    virtual std::exception_ptr invalidState(const std::string& message) const;
    virtual std::exception_ptr queueEmpty() const;
    virtual std::exception_ptr queueFull() const;
    // A short description for the trace, like Python's repr: "ValueError('boom')".
    virtual std::string describe(const std::exception_ptr& error) const;
};

const ExceptionPolicy& defaultExceptionPolicy();

} // namespace awaitscope
