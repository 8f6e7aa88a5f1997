# Runs EXE on INPUT and checks that it fails cleanly: exit code 1 (a framelens error, not a crash) and a
# message on stderr matching EXPECT (which names the file).
execute_process(COMMAND ${EXE} ${INPUT} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message(STATUS "exit ${rc}: ${err}")
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "expected exit code 1 for ${INPUT}, got ${rc}")
endif()
if(NOT err MATCHES "${EXPECT}")
  message(FATAL_ERROR "the message does not match '${EXPECT}'")
endif()
