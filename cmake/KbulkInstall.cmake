# What `cmake --install` and CPack put in place: the kbulk program, its man pages (generated from --help at
# build time), bash and zsh completion, the static libraries with their public headers, and a CMake package
# (find_package(kbulk) -> kbulk::core, kbulk::api, ...). tests/install checks all of it.
include(CMakePackageConfigHelpers)

install(TARGETS kbulk RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
install(TARGETS kbulk_rapidjson kbulk_libcsv EXPORT kbulkTargets)
install(EXPORT kbulkTargets NAMESPACE kbulk:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/kbulk COMPONENT development)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/kbulkConfig.cmake.in ${PROJECT_BINARY_DIR}/kbulkConfig.cmake
                              INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/kbulk)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/kbulkConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/kbulkConfig.cmake ${PROJECT_BINARY_DIR}/kbulkConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/kbulk COMPONENT development)

# Man pages: help2man over every command's --help (scripts/install-deps installs help2man).
find_program(KBULK_HELP2MAN help2man REQUIRED)
set(KBULK_MAN_DIR ${PROJECT_BINARY_DIR}/man)
add_custom_command(OUTPUT ${PROJECT_BINARY_DIR}/man.stamp
                   COMMAND ${CMAKE_COMMAND} -DKBULK=$<TARGET_FILE:kbulk> -DHELP2MAN=${KBULK_HELP2MAN}
                           -DOUT_DIR=${KBULK_MAN_DIR} -DSTAMP=${PROJECT_BINARY_DIR}/man.stamp
                           -P ${PROJECT_SOURCE_DIR}/cmake/GenerateManPages.cmake
                   DEPENDS kbulk ${PROJECT_SOURCE_DIR}/cmake/GenerateManPages.cmake
                   COMMENT "Generating man pages from kbulk --help")
add_custom_target(kbulk_man ALL DEPENDS ${PROJECT_BINARY_DIR}/man.stamp)
install(DIRECTORY ${KBULK_MAN_DIR}/ DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT runtime)

install(FILES ${PROJECT_SOURCE_DIR}/completions/kbulk.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME kbulk COMPONENT runtime)
install(FILES ${PROJECT_SOURCE_DIR}/completions/_kbulk DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions
        COMPONENT runtime)

# `cpack -G DEB` in the build directory makes a Debian package of all of the above.
set(CPACK_PACKAGE_NAME kbulk)
set(CPACK_PACKAGE_VENDOR "kbulk developers")
set(CPACK_PACKAGE_CONTACT "kbulk developers <kbulk@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Move Kontent.ai environments in and out of archives through the Management API v2")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES bin/kbulk)
include(CPack)
