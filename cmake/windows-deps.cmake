# The Windows build's dependencies (WIN32 only): static libraries that
# scripts/build-windows built from Debian's sources into NETCHECK_WIN_DEPS.
# They get the same target names as the Linux build's find_package and
# pkg_check_modules, so netcheck/CMakeLists.txt links them the same way.
if(NOT NETCHECK_WIN_DEPS OR NOT EXISTS ${NETCHECK_WIN_DEPS}/lib/libcurl.a)
    message(FATAL_ERROR "NETCHECK_WIN_DEPS must name the prefix built by "
                        "scripts/build-windows (no lib/libcurl.a there)")
endif()

# Winsock, the IP helper and what OpenSSL, libuv and curl call (secur32 for
# curl's SSPI); linked after every static library that needs them.
# winpthread (static) has mingw's clock_gettime.
set(NC_WIN_SYSLIBS ws2_32 iphlpapi userenv psapi user32 advapi32 crypt32
    bcrypt gdi32 winmm shell32 secur32 winpthread)

# nc_win_import(TARGET file [DEFS d...] [DEPS target...])
function(nc_win_import target file)
    cmake_parse_arguments(W "" "" "DEFS;DEPS" ${ARGN})
    set(path ${NETCHECK_WIN_DEPS}/lib/${file})
    if(NOT EXISTS ${path})
        message(FATAL_ERROR "${path} is missing: run scripts/build-windows")
    endif()
    add_library(${target} STATIC IMPORTED GLOBAL)
    set_target_properties(${target} PROPERTIES
        IMPORTED_LOCATION ${path}
        INTERFACE_INCLUDE_DIRECTORIES ${NETCHECK_WIN_DEPS}/include
        INTERFACE_COMPILE_DEFINITIONS "${W_DEFS}"
        INTERFACE_LINK_LIBRARIES "${W_DEPS};${NC_WIN_SYSLIBS}")
endfunction()

nc_win_import(OpenSSL::Crypto libcrypto.a)
nc_win_import(OpenSSL::SSL libssl.a DEPS OpenSSL::Crypto)
nc_win_import(PkgConfig::CARES libcares.a DEFS CARES_STATICLIB)
nc_win_import(CURL::libcurl libcurl.a DEFS CURL_STATICLIB
              DEPS PkgConfig::CARES OpenSSL::SSL OpenSSL::Crypto)
nc_win_import(PkgConfig::LIBUV libuv_a.a)
nc_win_import(PkgConfig::JANSSON libjansson.a)
nc_win_import(PkgConfig::INIH libinih.a)
if(BUILD_TESTING)
    nc_win_import(PkgConfig::CMOCKA libcmocka-static.a)
endif()
