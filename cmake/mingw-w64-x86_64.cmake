# Cross-compiling for x86-64 Windows with Debian's mingw-w64 (GCC, win32
# thread model): cmake -DCMAKE_TOOLCHAIN_FILE=cmake/mingw-w64-x86_64.cmake
# -DNETCHECK_WIN_DEPS=<prefix of the static libraries> (scripts/build-windows).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(NC_MINGW x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${NC_MINGW}-gcc)
set(CMAKE_CXX_COMPILER ${NC_MINGW}-g++)
set(CMAKE_RC_COMPILER ${NC_MINGW}-windres)

# Libraries and headers from the mingw sysroot and the dependency prefix
# only, never the build host's; programs from the host.
set(CMAKE_FIND_ROOT_PATH /usr/${NC_MINGW})
if(NETCHECK_WIN_DEPS)
    list(APPEND CMAKE_FIND_ROOT_PATH ${NETCHECK_WIN_DEPS})
endif()
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
