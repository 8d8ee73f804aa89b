# Installs the build into a fresh prefix, then builds and runs samples/cpp against it through
# find_package(Awaitscope): the exported Awaitscope::core target is what C++ users get.
# Arguments: BUILD_DIR, SOURCE_DIR, WORK_DIR, GENERATOR.
file(REMOVE_RECURSE "${WORK_DIR}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${WORK_DIR}/prefix" --component Unspecified
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${rc}")
endif()
if(NOT EXISTS "${WORK_DIR}/prefix/include/awaitscope/Runtime.h")
  message(FATAL_ERROR "headers were not installed")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" -S "${SOURCE_DIR}/samples/cpp" -B "${WORK_DIR}/sample" -G "${GENERATOR}"
                        "-DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix" -DCMAKE_BUILD_TYPE=Release
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configuring the sample failed:\n${out}\n${err}")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${WORK_DIR}/sample" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building the sample failed:\n${out}\n${err}")
endif()
execute_process(COMMAND "${WORK_DIR}/sample/agent_demo" RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the sample exited with ${rc}")
endif()
set(expected [[plan ready at 0.8 s
  hotels finished at 1.4 s
  flights finished at 1.7 s
  weather finished at 2.0 s
tools done at 2.0 s (in parallel, not 2.7 s one after another)
answer at 2.6 s
recorded 5 tasks and 73 events
loop frozen 0.7 s by Task-1 (requests.get('https://example.com'))
  heartbeat ran 0.55 s late
]])
if(NOT out STREQUAL expected)
  message(FATAL_ERROR "unexpected output from the sample:\n${out}\nexpected:\n${expected}")
endif()
message(STATUS "installed package works:\n${out}")
