# Every third-party dependency is found here, once, from Debian's packages.
# Libraries without a CMake package are found through pkg-config as IMPORTED targets.
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)

find_package(Boost 1.74 REQUIRED)                 # header-only: Asio, Beast
find_package(OpenSSL 3.0 REQUIRED)
find_package(spdlog 1.10 REQUIRED)
find_package(fmt REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(CLI11 REQUIRED)

pkg_check_modules(SRTP2 REQUIRED IMPORTED_TARGET libsrtp2)
pkg_check_modules(NICE REQUIRED IMPORTED_TARGET nice)
pkg_check_modules(USRSCTP REQUIRED IMPORTED_TARGET usrsctp)
pkg_check_modules(OPUS REQUIRED IMPORTED_TARGET opus)
pkg_check_modules(SPEEXDSP REQUIRED IMPORTED_TARGET speexdsp)
pkg_check_modules(SPANDSP REQUIRED IMPORTED_TARGET spandsp)
pkg_check_modules(CARES REQUIRED IMPORTED_TARGET libcares)
pkg_check_modules(SYSTEMD IMPORTED_TARGET libsystemd)

# Boost.Asio as used everywhere: no deprecated interfaces, standalone from Boost.System's library.
add_library(rtcsip_asio INTERFACE)
target_link_libraries(rtcsip_asio INTERFACE Boost::headers Threads::Threads)
target_compile_definitions(rtcsip_asio INTERFACE
  BOOST_ASIO_NO_DEPRECATED BOOST_ERROR_CODE_HEADER_ONLY)

if(RTCSIP_BUILD_TESTS)
  find_package(GTest REQUIRED)
  find_package(benchmark)
endif()
