# Runs tests/dataops/dataops.test.js: picks a Node.js >= 20.10 (data-ops' engines field), `npm ci` into
# WORK_DIR through the shared harness (tests/npm_harness.cmake), then `node --test` (compare.test.js checks
# the comparison itself, dataops.test.js the round trips) with those packages on
# NODE_PATH, the fixtures in KBULK_FIXTURES_DIR and the kbulk program in KBULK_BINARY.
foreach(var NPM SOURCE_DIR WORK_DIR FIXTURES_DIR KBULK_BINARY)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_dataops.cmake: ${var} is not set")
  endif()
endforeach()
include(${CMAKE_CURRENT_LIST_DIR}/../npm_harness.cmake)

set(minimum 20.10)
set(pinned 20.20.2)  # the npm package `node`, used when the system's Node.js is older than `minimum`
set(usable FALSE)
if(NODE)
  kbulk_node_at_least(${NODE} ${minimum} usable)
endif()
if(NOT usable)
  message(STATUS "dataops: no system Node.js >= ${minimum} ('${NODE}'); installing node@${pinned} with npm")
  kbulk_pinned_node(${NPM} ${WORK_DIR} ${pinned} NODE)
  if(NOT NODE)
    message(STATUS "dataops: SKIPPED: data-ops 2.6.2 needs Node.js >= ${minimum}; the system has none and "
                   "npm could not install node@${pinned}")
    return()
  endif()
endif()

kbulk_npm_ci(${SOURCE_DIR} ${WORK_DIR}/packages ${NPM})
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env NODE_PATH=${WORK_DIR}/packages/node_modules KBULK_BINARY=${KBULK_BINARY}
    KBULK_FIXTURES_DIR=${FIXTURES_DIR} ${NODE} --test --test-reporter=spec ${SOURCE_DIR}/compare.test.js
    ${SOURCE_DIR}/dataops.test.js
  WORKING_DIRECTORY ${SOURCE_DIR} RESULT_VARIABLE test_result)
if(NOT test_result EQUAL 0)
  message(FATAL_ERROR "data-ops round-trip tests failed (${test_result})")
endif()
