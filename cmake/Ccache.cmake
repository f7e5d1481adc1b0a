# Use ccache for C and C++ when it is installed; rebuilds on two cores are slow.
find_program(RTCSIP_CCACHE ccache)
if(RTCSIP_CCACHE)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${RTCSIP_CCACHE})
  set(CMAKE_C_COMPILER_LAUNCHER ${RTCSIP_CCACHE})
endif()
