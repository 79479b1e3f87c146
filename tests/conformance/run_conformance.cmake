# Runs the SDK conformance tests: `npm ci` into WORK_DIR (skipped while package-lock.json is unchanged;
# --prefer-offline uses the npm cache when it has the packages), then `node --test` on TESTS with the
# installed packages on NODE_PATH and the kbulk program in KBULK_BINARY.
foreach(var NODE NPM SOURCE_DIR WORK_DIR KBULK_BINARY TESTS)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_conformance.cmake: ${var} is not set")
  endif()
endforeach()

file(MAKE_DIRECTORY ${WORK_DIR})
set(stamp ${WORK_DIR}/installed-package-lock.json)
file(SHA256 ${SOURCE_DIR}/package-lock.json wanted)
set(have "")
if(EXISTS ${stamp} AND EXISTS ${WORK_DIR}/node_modules)
  file(SHA256 ${stamp} have)
endif()
if(NOT have STREQUAL wanted)
  file(COPY ${SOURCE_DIR}/package.json ${SOURCE_DIR}/package-lock.json DESTINATION ${WORK_DIR})
  execute_process(COMMAND ${NPM} ci --prefer-offline --no-audit --no-fund --loglevel=error
    WORKING_DIRECTORY ${WORK_DIR} RESULT_VARIABLE npm_result)
  if(NOT npm_result EQUAL 0)
    message(FATAL_ERROR "npm ci failed (${npm_result}) in ${WORK_DIR}")
  endif()
  file(COPY_FILE ${SOURCE_DIR}/package-lock.json ${stamp})
endif()

execute_process(
  COMMAND ${CMAKE_COMMAND} -E env NODE_PATH=${WORK_DIR}/node_modules KBULK_BINARY=${KBULK_BINARY}
    ${NODE} --test --test-reporter=spec ${TESTS}
  WORKING_DIRECTORY ${SOURCE_DIR} RESULT_VARIABLE test_result)
if(NOT test_result EQUAL 0)
  message(FATAL_ERROR "SDK conformance tests failed (${test_result})")
endif()
