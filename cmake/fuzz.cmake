# libFuzzer targets of tests/fuzz/ (see tests/fuzz/README.md). Included at the end of the
# top-level CMakeLists.txt; does nothing unless -DPF_FUZZ=ON, which needs clang:
#
#   CC=clang cmake -S . -B build-fuzz -DPF_FUZZ=ON && cmake --build build-fuzz
#
# Each target tests/fuzz/fuzz_NAME.c becomes build-fuzz/fuzz_NAME, built with libFuzzer,
# AddressSanitizer and UndefinedBehaviorSanitizer over an instrumented copy of the library.
# ctest gets two tests per target: fuzz_NAME_regressions runs every file of
# tests/fuzz/regressions/NAME/ once, and fuzz_NAME_short fuzzes for PF_FUZZ_SECONDS from the
# committed seeds of tests/fuzz/corpus/NAME/ (new inputs go to the build tree, never there).
option(PF_FUZZ "Build the libFuzzer targets of tests/fuzz (needs clang)" OFF)
if(NOT PF_FUZZ)
  return()
endif()

if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "PF_FUZZ needs clang for libFuzzer (on Debian 12: apt-get install clang "
                      "libclang-rt-14-dev), then configure a fresh build directory with "
                      "CC=clang cmake -S . -B build-fuzz -DPF_FUZZ=ON")
endif()

set(PF_FUZZ_SECONDS 20 CACHE STRING "How long each fuzz_NAME_short test fuzzes, in seconds")
set(PF_FUZZ_RSS_MB 2048 CACHE STRING "libFuzzer -rss_limit_mb for the fuzz tests")

set(PF_FUZZ_DIR ${CMAKE_SOURCE_DIR}/tests/fuzz)
# -fno-sanitize-recover makes any undefined behaviour a crash that libFuzzer reports and saves.
set(PF_FUZZ_SAN -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)

# The library once more, instrumented for coverage but without libFuzzer's main: the sources,
# include directories, definitions and libraries of the portfolj_objects target, so that this file
# needs no change when the library gains a source file or a dependency.
get_target_property(pf_fuzz_sources portfolj_objects SOURCES)
get_target_property(pf_fuzz_includes portfolj_objects INCLUDE_DIRECTORIES)
get_target_property(pf_fuzz_defs portfolj_objects COMPILE_DEFINITIONS)
get_target_property(pf_fuzz_libs portfolj_objects LINK_LIBRARIES)
add_library(portfolj_fuzzlib STATIC ${pf_fuzz_sources})
target_compile_options(portfolj_fuzzlib PRIVATE ${PF_FUZZ_SAN} -fsanitize=fuzzer-no-link -g)
target_include_directories(portfolj_fuzzlib PRIVATE ${pf_fuzz_includes}
  PUBLIC ${CMAKE_SOURCE_DIR}/include ${CMAKE_SOURCE_DIR}/src ${CMAKE_SOURCE_DIR})
if(pf_fuzz_defs)
  target_compile_definitions(portfolj_fuzzlib PRIVATE ${pf_fuzz_defs})
endif()
# PUBLIC: the targets use libzip (fuzz_xlsx_xml builds archives) and the static library's
# dependencies must follow it to the link.
target_link_libraries(portfolj_fuzzlib PUBLIC ${pf_fuzz_libs})
# The generated sources (schema_sql.c) come from custom commands of the portfolj_objects target.
add_dependencies(portfolj_fuzzlib portfolj_objects)

if(NOT PF_TESTS)
  enable_testing()
endif()

file(GLOB PF_FUZZ_SOURCES CONFIGURE_DEPENDS ${PF_FUZZ_DIR}/fuzz_*.c)
foreach(src IN LISTS PF_FUZZ_SOURCES)
  get_filename_component(target ${src} NAME_WE)
  string(REGEX REPLACE "^fuzz_" "" name ${target})
  add_executable(${target} ${src})
  target_compile_options(${target} PRIVATE ${PF_FUZZ_SAN} -fsanitize=fuzzer -g)
  target_link_options(${target} PRIVATE ${PF_FUZZ_SAN} -fsanitize=fuzzer)
  target_link_libraries(${target} PRIVATE portfolj_fuzzlib)
  target_compile_definitions(${target} PRIVATE PF_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  # The server's request handler (src/server/, without the libmicrohttpd glue) is not in the
  # library: fuzz_http compiles it in, instrumented.
  if(name STREQUAL "http")
    target_sources(${target} PRIVATE ${PF_SERVER_SOURCES})
    target_include_directories(${target} PRIVATE ${CMAKE_SOURCE_DIR}/src/server)
    target_link_libraries(${target} PRIVATE PkgConfig::SODIUM PkgConfig::LIBZIP Threads::Threads)
  endif()

  add_test(NAME ${target}_regressions
           COMMAND bash ${PF_FUZZ_DIR}/short.sh regressions $<TARGET_FILE:${target}>
                   ${PF_FUZZ_DIR} ${name} ${CMAKE_CURRENT_BINARY_DIR}/fuzz-work/${name})
  add_test(NAME ${target}_short
           COMMAND bash ${PF_FUZZ_DIR}/short.sh fuzz $<TARGET_FILE:${target}>
                   ${PF_FUZZ_DIR} ${name} ${CMAKE_CURRENT_BINARY_DIR}/fuzz-work/${name}
                   ${PF_FUZZ_SECONDS} ${PF_FUZZ_RSS_MB})
  math(EXPR timeout "${PF_FUZZ_SECONDS} + 300")
  set_tests_properties(${target}_short PROPERTIES TIMEOUT ${timeout} LABELS fuzz
                       DEPENDS ${target}_regressions)
  set_tests_properties(${target}_regressions PROPERTIES TIMEOUT 300 LABELS fuzz)
endforeach()
