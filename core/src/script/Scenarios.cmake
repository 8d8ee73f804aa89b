# The built-in lessons, in the order the app lists them (samples/scenarios/<name>.py).
set(AWAITSCOPE_SCENARIOS
  coroutine_runs_nothing
  sequential_awaits
  taskgroup_concurrency
  gather_results
  taskgroup_failure
  forgotten_await
  blocking_sleep
  blocking_http_call
  cpu_heavy_loop
  to_thread_fix
  agent_loop
  semaphore_llm_limit
  timeout_slow_tool
  producer_consumer_queue
  streaming_llm_reply
  one_shot_script
)
set(AWAITSCOPE_SCENARIO_DIR ${PROJECT_SOURCE_DIR}/samples/scenarios)
set(_scenario_files "")
foreach(_name IN LISTS AWAITSCOPE_SCENARIOS)
  list(APPEND _scenario_files ${AWAITSCOPE_SCENARIO_DIR}/${_name}.py)
endforeach()
set(AWAITSCOPE_SCENARIO_CPP ${CMAKE_CURRENT_BINARY_DIR}/generated/ScenarioTexts.cpp)
add_custom_command(
  OUTPUT ${AWAITSCOPE_SCENARIO_CPP}
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${AWAITSCOPE_SCENARIO_DIR} "-DNAMES=${AWAITSCOPE_SCENARIOS}"
          -DOUTPUT=${AWAITSCOPE_SCENARIO_CPP} -P ${CMAKE_CURRENT_SOURCE_DIR}/src/script/EmbedScenarios.cmake
  DEPENDS ${_scenario_files} ${CMAKE_CURRENT_SOURCE_DIR}/src/script/EmbedScenarios.cmake
  COMMENT "Embedding the built-in scenarios"
  VERBATIM)
# The library modules written in Python (src/script/modules/python/<name>.py; each is also
# listed in modules/Modules.def).
set(AWAITSCOPE_LIBRARY_MODULES
  abc
  collections
  concurrent
  concurrent.futures
  contextlib
  copy
  datetime
  functools
  heapq
  inspect
  io
  itertools
  logging
  operator
  os
  os.path
  re
  string
  textwrap
  threading
  types
  uuid
)
set(AWAITSCOPE_LIBRARY_MODULE_DIR ${CMAKE_CURRENT_SOURCE_DIR}/src/script/modules/python)
set(_library_module_files "")
foreach(_name IN LISTS AWAITSCOPE_LIBRARY_MODULES)
  list(APPEND _library_module_files ${AWAITSCOPE_LIBRARY_MODULE_DIR}/${_name}.py)
endforeach()
set(AWAITSCOPE_LIBRARY_MODULE_CPP ${CMAKE_CURRENT_BINARY_DIR}/generated/LibraryModuleTexts.cpp)
add_custom_command(
  OUTPUT ${AWAITSCOPE_LIBRARY_MODULE_CPP}
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${AWAITSCOPE_LIBRARY_MODULE_DIR} "-DNAMES=${AWAITSCOPE_LIBRARY_MODULES}"
          -DOUTPUT=${AWAITSCOPE_LIBRARY_MODULE_CPP} -P ${CMAKE_CURRENT_SOURCE_DIR}/src/script/EmbedLibraryModules.cmake
  DEPENDS ${_library_module_files} ${CMAKE_CURRENT_SOURCE_DIR}/src/script/EmbedLibraryModules.cmake
  COMMENT "Embedding the library modules written in Python"
  VERBATIM)
set(AWAITSCOPE_SCRIPT_SOURCES
  src/script/ScriptRunner.cpp
  src/script/Unsupported.cpp
  src/script/Scenarios.cpp
  src/script/ScriptTarget.cpp
  src/script/compile/SourceDecoder.cpp
  src/script/compile/Lexer.cpp
  src/script/compile/Parser.cpp
  src/script/compile/SymbolTable.cpp
  src/script/compile/Compiler.cpp
  src/script/vm/Interpreter.cpp
  src/script/vm/Opcodes.cpp
  src/script/vm/CostModel.cpp
  src/script/vm/Eval.cpp
  src/script/vm/Calls.cpp
  src/script/vm/ScriptExceptionPolicy.cpp
  src/script/vm/Suggestions.cpp
  src/script/objects/Value.cpp
  src/script/objects/HashTable.cpp
  src/script/objects/SetTable.cpp
  src/script/objects/Unicode.cpp
  src/script/objects/Arguments.cpp
  src/script/objects/Operations.cpp
  src/script/objects/Types.cpp
  src/script/objects/Class.cpp
  src/script/objects/Derived.cpp
  src/script/objects/Instance.cpp
  src/script/objects/Function.cpp
  src/script/objects/Module.cpp
  src/script/objects/BigInt.cpp
  src/script/objects/Int.cpp
  src/script/objects/Float.cpp
  src/script/objects/Str.cpp
  src/script/objects/Bytes.cpp
  src/script/objects/Format.cpp
  src/script/objects/Sequence.cpp
  src/script/objects/List.cpp
  src/script/objects/Tuple.cpp
  src/script/objects/Dict.cpp
  src/script/objects/Set.cpp
  src/script/objects/Range.cpp
  src/script/objects/Slice.cpp
  src/script/objects/Iterator.cpp
  src/script/objects/Generator.cpp
  src/script/objects/AsyncGenerator.cpp
  src/script/objects/Coroutine.cpp
  src/script/objects/Exception.cpp
  src/script/modules/Modules.cpp
  src/script/modules/Builtins.cpp
  src/script/modules/Sys.cpp
  src/script/modules/Time.cpp
  src/script/modules/Collections.cpp
  src/script/modules/WorkerThreads.cpp
  src/script/modules/Contextlib.cpp
  src/script/modules/Dataclasses.cpp
  src/script/modules/Enum.cpp
  src/script/modules/Json.cpp
  src/script/modules/Math.cpp
  src/script/modules/Random.cpp
  src/script/modules/Re.cpp
  src/script/modules/Sha512.cpp
  src/script/modules/Traceback.cpp
  src/script/modules/Typing.cpp
  src/script/modules/asyncio/AsyncioModule.cpp
  src/script/modules/asyncio/Tasks.cpp
  src/script/modules/asyncio/Threads.cpp
  src/script/modules/asyncio/Locks.cpp
  src/script/modules/asyncio/Queues.cpp
  src/script/modules/asyncio/Streams.cpp
  src/script/modules/asyncio/TaskGroups.cpp
  src/script/modules/asyncio/Timeouts.cpp
  src/script/modules/asyncio/EventLoop.cpp
  ${AWAITSCOPE_SCENARIO_CPP}
  ${AWAITSCOPE_LIBRARY_MODULE_CPP}
)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12)
  # GCC 12 at -O2/-O3 reports false positives on std::string under -Wrestrict
  # (https://gcc.gnu.org/bugzilla/show_bug.cgi?id=105651); the interpreter builds strings everywhere.
  set_source_files_properties(${AWAITSCOPE_SCRIPT_SOURCES} DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
                              PROPERTIES COMPILE_OPTIONS -Wno-restrict)
endif()
