# Shared compile settings for every kbulk target.
include(GNUInstallDirs)
function(kbulk_target_settings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wnon-virtual-dtor -Wimplicit-fallthrough -Wno-missing-field-initializers
    # GCC 12 reports -Wrestrict on `"literal" + std::string` at -O2/-O3 (GCC bug 105329): a false positive.
    $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
  if(KBULK_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

if(KBULK_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# kbulk_module(NAME SOURCES... [DEPS ...] [PRIVATE_DEPS ...]) defines the library target kbulk_NAME.
function(kbulk_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(kbulk_${name} STATIC ${ARG_SOURCES})
  # Headers are included as "module/file.h": from the source tree when building, from
  # <prefix>/include/kbulk once installed (cmake/KbulkInstall.cmake).
  target_include_directories(kbulk_${name} PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>
                                                  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/kbulk>)
  target_link_libraries(kbulk_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  set_target_properties(kbulk_${name} PROPERTIES EXPORT_NAME ${name})
  kbulk_target_settings(kbulk_${name})
  install(TARGETS kbulk_${name} EXPORT kbulkTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development)
  install(DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/kbulk/${name}
          COMPONENT development FILES_MATCHING PATTERN "*.h")
endfunction()
