# Warning, sanitizer and fuzzing flags shared by every rtcsipd target through rtcsip_options.
add_library(rtcsip_options INTERFACE)
target_compile_options(rtcsip_options INTERFACE -Wall -Wextra -Wpedantic)
if(RTCSIP_WERROR)
  target_compile_options(rtcsip_options INTERFACE -Werror)
endif()

if(RTCSIP_SANITIZE)
  set(_san -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_compile_options(rtcsip_options INTERFACE ${_san})
  target_link_options(rtcsip_options INTERFACE ${_san})
endif()

if(RTCSIP_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "RTCSIP_FUZZ needs clang (use the 'fuzz' preset)")
  endif()
  # Library code is instrumented for coverage; only fuzz targets link the libFuzzer main.
  set(_fuzz -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  target_compile_options(rtcsip_options INTERFACE ${_fuzz})
  target_link_options(rtcsip_options INTERFACE -fsanitize=address,undefined)
endif()
