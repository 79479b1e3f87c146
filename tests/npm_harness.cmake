# The one npm harness of the tests and benchmarks that drive Node.js packages against `kbulk emulator`
# (tests/conformance, tests/dataops). Included by their run_*.cmake scripts (cmake -P), it provides:
#
#   kbulk_npm_ci(SOURCE_DIR WORK_DIR NPM)
#     `npm ci` of SOURCE_DIR/package.json + package-lock.json into WORK_DIR (never the source tree);
#     skipped while the installed package-lock.json is unchanged; --prefer-offline uses the npm cache.
#   kbulk_node_at_least(NODE MINIMUM OUT_VAR)
#     OUT_VAR is TRUE when `NODE --version` is MINIMUM or newer.
#   kbulk_pinned_node(NPM WORK_DIR VERSION OUT_VAR)
#     installs the npm package `node@VERSION` (a Node.js binary) into WORK_DIR/node-VERSION and sets
#     OUT_VAR to its node program, or to "" when that fails (no network, no binary for this platform).

function(kbulk_npm_ci source_dir work_dir npm)
  file(MAKE_DIRECTORY ${work_dir})
  set(stamp ${work_dir}/installed-package-lock.json)
  file(SHA256 ${source_dir}/package-lock.json wanted)
  set(have "")
  if(EXISTS ${stamp} AND EXISTS ${work_dir}/node_modules)
    file(SHA256 ${stamp} have)
  endif()
  if(have STREQUAL wanted)
    return()
  endif()
  file(COPY ${source_dir}/package.json ${source_dir}/package-lock.json DESTINATION ${work_dir})
  execute_process(COMMAND ${npm} ci --prefer-offline --no-audit --no-fund --loglevel=error
    WORKING_DIRECTORY ${work_dir} RESULT_VARIABLE npm_result)
  if(NOT npm_result EQUAL 0)
    message(FATAL_ERROR "npm ci failed (${npm_result}) in ${work_dir}")
  endif()
  file(COPY_FILE ${source_dir}/package-lock.json ${stamp})
endfunction()

function(kbulk_node_at_least node minimum out_var)
  execute_process(COMMAND ${node} --version OUTPUT_VARIABLE version RESULT_VARIABLE result
    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  string(REGEX REPLACE "^v" "" version "${version}")
  if(result EQUAL 0 AND version MATCHES "^[0-9]+\\.[0-9]+" AND NOT version VERSION_LESS minimum)
    set(${out_var} TRUE PARENT_SCOPE)
  else()
    set(${out_var} FALSE PARENT_SCOPE)
  endif()
endfunction()

function(kbulk_pinned_node npm work_dir version out_var)
  set(prefix ${work_dir}/node-${version})
  set(node ${prefix}/node_modules/.bin/node)
  if(NOT EXISTS ${node})
    file(MAKE_DIRECTORY ${prefix})
    execute_process(COMMAND ${npm} install --prefix ${prefix} --no-save --no-audit --no-fund --loglevel=error
        node@${version}
      RESULT_VARIABLE npm_result OUTPUT_QUIET ERROR_QUIET)
    if(NOT npm_result EQUAL 0 OR NOT EXISTS ${node})
      set(${out_var} "" PARENT_SCOPE)
      return()
    endif()
  endif()
  kbulk_node_at_least(${node} ${version} usable)
  if(usable)
    set(${out_var} ${node} PARENT_SCOPE)
  else()
    set(${out_var} "" PARENT_SCOPE)
  endif()
endfunction()
