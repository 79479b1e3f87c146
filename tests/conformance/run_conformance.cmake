# Runs the SDK conformance tests: `npm ci` into WORK_DIR through tests/npm_harness.cmake (skipped while
# package-lock.json is unchanged; --prefer-offline uses the npm cache when it has the packages), then
# `node --test` on TESTS with the installed packages on NODE_PATH and the kbulk program in KBULK_BINARY.
foreach(var NODE NPM SOURCE_DIR WORK_DIR KBULK_BINARY TESTS)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_conformance.cmake: ${var} is not set")
  endif()
endforeach()

include(${CMAKE_CURRENT_LIST_DIR}/../npm_harness.cmake)
kbulk_npm_ci(${SOURCE_DIR} ${WORK_DIR} ${NPM})

execute_process(
  COMMAND ${CMAKE_COMMAND} -E env NODE_PATH=${WORK_DIR}/node_modules KBULK_BINARY=${KBULK_BINARY}
    ${NODE} --test --test-reporter=spec ${TESTS}
  WORKING_DIRECTORY ${SOURCE_DIR} RESULT_VARIABLE test_result)
if(NOT test_result EQUAL 0)
  message(FATAL_ERROR "SDK conformance tests failed (${test_result})")
endif()
