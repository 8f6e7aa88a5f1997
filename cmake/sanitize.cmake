# Sanitizer flags, per target (nothing global): framelens_sanitize(<target>) adds AddressSanitizer and
# UndefinedBehaviorSanitizer (every UB report fatal) when FRAMELENS_SANITIZE or FRAMELENS_FUZZ is on; with
# FRAMELENS_FUZZ the code is also instrumented for libFuzzer's coverage (fuzzer-no-link).
function(framelens_sanitize target)
  if(NOT (FRAMELENS_SANITIZE OR FRAMELENS_FUZZ))
    return()
  endif()
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang|GNU")
    message(FATAL_ERROR "FRAMELENS_SANITIZE/FRAMELENS_FUZZ need clang or gcc (configure with -DCMAKE_CXX_COMPILER=clang++-14)")
  endif()
  # -O1 and line tables only (configure with CMAKE_BUILD_TYPE=Sanitize, which adds no flags of its own, and
  # asserts stay on): sanitizer builds compile about twice as fast and stacks keep file:line
  set(_flags -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -O1)
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    list(APPEND _flags -gline-tables-only)
  else()
    list(APPEND _flags -g1)
  endif()
  if(FRAMELENS_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
      message(FATAL_ERROR "FRAMELENS_FUZZ needs clang (configure with -DCMAKE_CXX_COMPILER=clang++-14)")
    endif()
    list(APPEND _flags -fsanitize=fuzzer-no-link)
  endif()
  target_compile_options(${target} PRIVATE ${_flags})
  # The link flags travel with the library to everything that links it (tests, harnesses, examples).
  get_target_property(_type ${target} TYPE)
  if(_type STREQUAL "EXECUTABLE")
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  else()
    target_link_options(${target} INTERFACE -fsanitize=address,undefined)
  endif()
endfunction()
