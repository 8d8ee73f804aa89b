// Charging virtual CPU time and keeping the run's budgets: the operations per task step
// (past it the loop froze for good), the operations of the whole run, and cancellation.
#include "script/vm/CostModel.h"
#include "script/vm/Interpreter.h"
#include "awaitscope/trace/Recorder.h"

#include <algorithm>

namespace awaitscope::script {

void Interpreter::flushCost() {
    if (costPs_ >= 1000 && loop_) {
        loop_->chargeCpu(static_cast<TimeNs>(costPs_ / 1000));
        costPs_ %= 1000;
    }
}

void Interpreter::chargeOps(std::uint64_t instructions) {
    opsTotal_ += instructions;
    costPs_ += instructions * cost::Simple;
    if (opsTotal_ >= nextCancelCheck_)
        checkBudget(currentLine());
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
    if (opsTotal_ > limits_.maxOpsTotal)
        abort("the script ran out of its instruction budget (" + std::to_string(limits_.maxOpsTotal) +
                  " operations) at line " + std::to_string(line),
              line);
    nextCancelCheck_ = opsTotal_ + 65536;
    if (stepStartOps_ + limits_.maxOpsPerStep + 1 < nextCancelCheck_)
        nextCancelCheck_ = stepStartOps_ + limits_.maxOpsPerStep + 1;
}

} // namespace awaitscope::script
