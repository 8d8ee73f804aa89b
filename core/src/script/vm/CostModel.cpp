// Charging virtual CPU time and keeping the run's budgets: the operations per task step
// (past it the loop froze for good), the operations of the whole run, its real time, its
// memory, and cancellation.
#include "script/vm/CostModel.h"
#include "script/vm/Interpreter.h"
#include "awaitscope/trace/Recorder.h"

#include <algorithm>
#include <sstream>

namespace awaitscope::script {

namespace {

// What a pending task holds beyond its script objects: the runtime's task state, the C++
// coroutine frames that await for it and its script frame (measured with a million tasks).
constexpr std::int64_t kBytesPerTask = 1200;
// Event logs grow by doubling: on average half again what they hold.
constexpr std::int64_t kBytesPerRecordedEvent = sizeof(TraceEvent) * 3 / 2;

std::string megabytes(std::int64_t bytes) { return std::to_string(bytes >> 20) + " MB"; }

} // namespace

std::int64_t Interpreter::externalBytes() const {
    std::int64_t bytes = 0;
    if (loop_)
        bytes += static_cast<std::int64_t>(loop_->pendingTaskCount()) * kBytesPerTask;
    if (recorder_) {
        const Trace& trace = recorder_->trace();
        bytes += static_cast<std::int64_t>(recorder_->eventsRecorded()) * kBytesPerRecordedEvent +
                 static_cast<std::int64_t>(trace.tasks.size() * sizeof(TaskRecord) + trace.strings.bytes() +
                                           trace.output.size() * sizeof(OutputLine));
    }
    return bytes;
}

std::int64_t Interpreter::memoryInUse() {
    externalBytesEstimate_ = externalBytes();
    return heap_.census() + externalBytesEstimate_;
}

void Interpreter::checkMemory() {
    if (raisingMemoryError_)
        return;
    externalBytesEstimate_ = externalBytes();
    if (!memoryCheckDue() && heap_.liveObjects() <= limits_.objectLimit)
        return;
    const std::int64_t held = memoryInUse();
    if (held > limits_.memoryLimit || heap_.liveObjects() > limits_.objectLimit)
        raiseMemoryError(0);
    // The estimate is the truth again. Just below the limit, allow a sixty-fourth of it
    // before the next census, so that a run holding nearly all it may does not count its
    // objects at every allocation.
    memoryCheckAt_ = std::max(limits_.memoryLimit, held + limits_.memoryLimit / 64);
}

void Interpreter::reserveMemory(double bytes) {
    if (raisingMemoryError_)
        return;
    externalBytesEstimate_ = externalBytes();
    const double limit = static_cast<double>(limits_.memoryLimit);
    if (static_cast<double>(heap_.bytes() + externalBytesEstimate_) + bytes <= limit)
        return;
    if (static_cast<double>(memoryInUse()) + bytes > limit)
        raiseMemoryError(bytes);
}

void Interpreter::raiseMemoryError(double wanted) {
    // The message and the exception are objects too: while they are built, memory is not
    // checked again (that used to recurse until the stack overflowed).
    struct Building {
        bool& flag;
        ~Building() { flag = false; }
    } building{raisingMemoryError_};
    raisingMemoryError_ = true;
    // One result that is a good part of the budget is named as such.
    const bool oneLargeResult = wanted > static_cast<double>(limits_.memoryLimit) / 16;
    const std::string message = (oneLargeResult ? "the result would be larger than Awaitscope allows ("
                                                : "the script used more memory than Awaitscope allows (") +
                                megabytes(limits_.memoryLimit) + ")";
    raise(exc.memoryError, message);
}

void Interpreter::flushCost() {
    if (costPs_ >= 1000 && loop_) {
        loop_->chargeCpu(static_cast<TimeNs>(costPs_ / 1000));
        costPs_ %= 1000;
    }
}

void Interpreter::chargeOps(std::uint64_t instructions) {
    // A large charge (a big int's arithmetic) belongs to the step it is made in: the step is
    // settled first, or a new step would start its count after the charge and miss it.
    if (instructions >= 65536)
        checkBudget(currentLine());
    opsTotal_ += instructions;
    costPs_ += instructions * cost::Simple;
    if (opsTotal_ >= nextCancelCheck_)
        checkBudget(currentLine());
}

void Interpreter::setRecursionLimit(std::int64_t limit) {
    if (limit > INT32_MAX)
        raise(exc.overflowError, "Python int too large to convert to C int");
    if (limit < 1)
        valueError("recursion limit must be greater or equal than 1");
    // CPython counts the builtin being called as one level more.
    const int depth = depth_ + 1;
    if (depth >= limit)
        raise(exc.recursionError, "cannot set the recursion limit to " + std::to_string(limit) + " at the recursion depth " +
                                      std::to_string(depth) + ": the limit is too low");
    // Calls between script functions use no C++ stack, and native recursion is stopped by the
    // stack's own guard (DepthGuard): any limit is safe to honour.
    limits_.recursionLimit = static_cast<int>(limit);
}

void Interpreter::abort(const std::string& message, std::uint32_t line) {
    aborting_ = true;
    flushCost();
    // Stop the loop at the end of this iteration, so no task waits on (and no virtual time
    // passes for) a run that is over.
    if (loop_ && loopRunning_)
        loop_->stop(std::make_exception_ptr(ScriptAbort(message, line)));
    throw ScriptAbort(message, line);
}

bool Interpreter::wallBudgetExtended(std::uint32_t line) {
    if (!limits_.onWallBudgetSpent)
        return false;
    const double more = limits_.onWallBudgetSpent(static_cast<double>(wallNowNs() - wallStartNs_) / 1e9);
    // A cancel given while the question was open wins over the answer.
    if (cancelled_ && cancelled_->load(std::memory_order_relaxed))
        abort("the run was cancelled", line);
    if (!(more > 0))
        return false;
    wallSecondsAllowed_ += more;
    wallDeadlineNs_ = wallNowNs() + static_cast<std::int64_t>(more * 1e9);
    return true;
}

void Interpreter::checkBudget(std::uint32_t line) {
    if (aborting_)
        throw ScriptAbort("aborted", line);
    if (cancelled_ && cancelled_->load(std::memory_order_relaxed))
        abort("the run was cancelled", line);
    // A new task step (another task, or the same task in a later loop iteration) resets the
    // per-step count.
    const void* task = loop_ ? static_cast<const void*>(loop_->currentTask()) : nullptr;
    const void* thread = loop_ ? static_cast<const void*>(loop_->threadContext()) : nullptr;
    const std::uint64_t iteration = loop_ ? loop_->iterations() : 0;
    if (task != stepTask_ || thread != stepThread_ || iteration != stepIteration_) {
        stepTask_ = task;
        stepThread_ = thread;
        stepIteration_ = iteration;
        stepStartOps_ = opsTotal_;
    }
    if (loop_ && loopRunning_ && current_) {
        // A long step names the line doing the work, for the frozen stretch it causes.
        flushCost();
        loop_->markCpuSite(current_->code->location(static_cast<std::size_t>(std::max(0, current_->pc - 1))));
    }
    if (opsTotal_ - stepStartOps_ > limits_.maxOpsPerStep) {
        const std::string message = "the loop never yielded: frozen forever at line " + std::to_string(line);
        if (recorder_ && loop_) {
            flushCost();
            const SourceLocation where = current_ ? current_->code->location(static_cast<std::size_t>(std::max(0, current_->pc - 1)))
                                                  : SourceLocation(program_.fileName.c_str(), "<module>", line, 0);
            recorder_->scriptError(loop_->now(), loop_->threadContext() ? loop_->threadContext()->lane : loop_->currentTaskId(),
                                   where, message);
        }
        abort(message, line);
    }
    if (wallDeadlineNs_ && wallNowNs() > wallDeadlineNs_ && !wallBudgetExtended(line)) {
        std::ostringstream seconds;
        seconds << wallSecondsAllowed_;
        abort("the script ran out of its wall-time budget (" + seconds.str() + " s) at line " + std::to_string(line), line);
    }
    checkMemory();
    if (opsTotal_ > limits_.maxOpsTotal)
        abort("the script ran out of its instruction budget (" + std::to_string(limits_.maxOpsTotal) +
                  " operations) at line " + std::to_string(line),
              line);
    nextCancelCheck_ = opsTotal_ + 65536;
    if (stepStartOps_ + limits_.maxOpsPerStep + 1 < nextCancelCheck_)
        nextCancelCheck_ = stepStartOps_ + limits_.maxOpsPerStep + 1;
}

} // namespace awaitscope::script
