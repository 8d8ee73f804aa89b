#pragma once

// Everything of the coroutine runtime in one include.
#include "awaitscope/runtime/AsCompleted.h"
#include "awaitscope/runtime/Blocking.h"
#include "awaitscope/runtime/Errors.h"
#include "awaitscope/runtime/Event.h"
#include "awaitscope/runtime/Gather.h"
#include "awaitscope/runtime/Lock.h"
#include "awaitscope/runtime/Loop.h"
#include "awaitscope/runtime/Queue.h"
#include "awaitscope/runtime/Semaphore.h"
#include "awaitscope/runtime/Sleep.h"
#include "awaitscope/runtime/Task.h"
#include "awaitscope/runtime/TaskGroup.h"
#include "awaitscope/runtime/Timeout.h"
#include "awaitscope/runtime/ToThread.h"
#include "awaitscope/trace/Recorder.h"
#include "awaitscope/trace/Trace.h"
