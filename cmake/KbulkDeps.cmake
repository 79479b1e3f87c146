# Third-party libraries, all from Debian packages installed by scripts/install-deps.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(OpenSSL REQUIRED)                      # libcrypto: SHA-256
find_package(CURL REQUIRED)                         # the Management API client
find_package(simdjson CONFIG REQUIRED)              # parsing
pkg_check_modules(LIBARCHIVE REQUIRED IMPORTED_TARGET libarchive)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
find_library(LIBCSV_LIBRARY csv REQUIRED)
find_path(CLI11_INCLUDE_DIR CLI/CLI.hpp REQUIRED)
find_path(RAPIDJSON_INCLUDE_DIR rapidjson/document.h REQUIRED)

add_library(kbulk_rapidjson INTERFACE)
target_include_directories(kbulk_rapidjson SYSTEM INTERFACE ${RAPIDJSON_INCLUDE_DIR})
# std::string support and 64-bit sizes everywhere.
target_compile_definitions(kbulk_rapidjson INTERFACE RAPIDJSON_HAS_STDSTRING=1)

add_library(kbulk_libcsv INTERFACE)
target_link_libraries(kbulk_libcsv INTERFACE ${LIBCSV_LIBRARY})
