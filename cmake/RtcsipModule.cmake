# rtcsip_module(<name> SOURCES ... [DEPS ...]): one static library per module,
# named rtcsip_<name>, public headers under include/, private ones beside its sources.
function(rtcsip_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(rtcsip_${name} STATIC ${ARG_SOURCES})
  target_include_directories(rtcsip_${name}
    PUBLIC ${PROJECT_SOURCE_DIR}/include
    PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(rtcsip_${name} PUBLIC ${ARG_DEPS} PRIVATE rtcsip_options ${ARG_PRIVATE_DEPS})
endfunction()
