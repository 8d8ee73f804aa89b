# Includes point one way only: a room may include its own headers and those of the rooms
# below it, never one above. Run at build time (target check_include_layers, part of `all`)
# and as a test:  cmake -DSOURCE_DIR=<repo> -P cmake/CheckIncludeLayers.cmake
#
# ui/   model (Qt adapters) < timeline < teaching < panels < app < the window (ui/*.cpp)
# core/ trace < analysis < io < cpython < cli, and trace < runtime < script
cmake_minimum_required(VERSION 3.25)
if(NOT SOURCE_DIR)
  message(FATAL_ERROR "CheckIncludeLayers.cmake needs -DSOURCE_DIR=<the repository>")
endif()

# What each room may include ("<room>:<allowed rooms>").
set(UI_RULES
  "model:model"
  "timeline:model timeline"
  "teaching:model teaching"
  "panels:model timeline teaching panels"
  "app:model timeline teaching app"
  ".:model timeline teaching panels app .")
set(CORE_RULES
  "trace:trace"
  "analysis:trace analysis"
  "runtime:trace runtime"
  "io:trace analysis io"
  "script:trace runtime script"
  "cpython:trace analysis io cpython"
  "cli:trace analysis io cpython cli")

set(problems "")

# ui: includes of the form "room/File.h" (or "File.h" for the window's own files).
foreach(rule IN LISTS UI_RULES)
  string(REPLACE ":" ";" parts "${rule}")
  list(GET parts 0 room)
  list(GET parts 1 allowed)
  set(allowedText "${allowed}")
  string(REPLACE " " ";" allowed "${allowed}")
  if(room STREQUAL ".")
    file(GLOB files "${SOURCE_DIR}/ui/*.h" "${SOURCE_DIR}/ui/*.cpp")
  else()
    file(GLOB_RECURSE files "${SOURCE_DIR}/ui/${room}/*.h" "${SOURCE_DIR}/ui/${room}/*.cpp")
  endif()
  foreach(file IN LISTS files)
    file(STRINGS "${file}" includes REGEX "^[ \t]*#[ \t]*include[ \t]*[\"<]")
    foreach(line IN LISTS includes)
      string(REGEX MATCH "[\"<]([^\">]+)[\">]" _ "${line}")
      set(target "${CMAKE_MATCH_1}")
      file(RELATIVE_PATH where "${SOURCE_DIR}" "${file}")
      if(target MATCHES "^awaitscope/(runtime/|script/detail/|trace/Recorder)")
        list(APPEND problems "${where}: includes <${target}>: the window knows the trace model, not the runtime or the interpreter's insides")
        continue()
      endif()
      if(NOT line MATCHES "\"")
        continue()  # <...>: Qt, the standard library, core's public headers
      endif()
      if(target MATCHES "^([a-z]+)/")
        set(included "${CMAKE_MATCH_1}")
        if(NOT EXISTS "${SOURCE_DIR}/ui/${included}")
          continue()  # not a ui room (a generated header, say)
        endif()
      elseif(EXISTS "${SOURCE_DIR}/ui/${target}")
        set(included ".")
      else()
        continue()
      endif()
      if(NOT included IN_LIST allowed)
        list(APPEND problems "${where}: includes \"${target}\": ui/${room} may include only ${allowedText}")
      endif()
    endforeach()
  endforeach()
endforeach()

# core: includes of the form "awaitscope/room/File.h", in headers and sources alike.
foreach(rule IN LISTS CORE_RULES)
  string(REPLACE ":" ";" parts "${rule}")
  list(GET parts 0 room)
  list(GET parts 1 allowed)
  set(allowedText "${allowed}")
  string(REPLACE " " ";" allowed "${allowed}")
  file(GLOB_RECURSE files "${SOURCE_DIR}/core/include/awaitscope/${room}/*.h" "${SOURCE_DIR}/core/src/${room}/*.h"
                          "${SOURCE_DIR}/core/src/${room}/*.cpp")
  foreach(file IN LISTS files)
    file(STRINGS "${file}" includes REGEX "^[ \t]*#[ \t]*include[ \t]*[\"<]awaitscope/[a-z]+/")
    foreach(line IN LISTS includes)
      string(REGEX MATCH "awaitscope/([a-z]+)/" _ "${line}")
      set(included "${CMAKE_MATCH_1}")
      if(NOT included IN_LIST allowed)
        file(RELATIVE_PATH where "${SOURCE_DIR}" "${file}")
        list(APPEND problems "${where}: includes awaitscope/${included}/: core/${room} may include only ${allowedText}")
      endif()
    endforeach()
  endforeach()
endforeach()

if(problems)
  list(LENGTH problems count)
  string(REPLACE ";" "\n  " text "${problems}")
  message(FATAL_ERROR "${count} include(s) point upwards:\n  ${text}")
endif()
