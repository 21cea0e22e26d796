# Warning flags for Impasse's own targets only (third-party headers come in as system headers).
function(impasse_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local)
  if(IMPASSE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
