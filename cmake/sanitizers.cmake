# Sanitizer flags, in one place: the fuzz targets (tests/fuzz) and the sanitizer build trees
# (scripts/test.sh --sanitize) use the same ones.
#
# -O1 compiles fast and runs fast enough; -g and frame pointers give readable stacks;
# -fno-sanitize-recover=all makes every UBSan finding fatal (a finding fails the test that
# hit it); asserts and libstdc++'s bounds checks are on, so an out-of-range operator[] aborts
# instead of reading a neighbour.
function(pgsplit_sanitizer_flags out sanitizers)
  set(${out} -fsanitize=${sanitizers} -fno-omit-frame-pointer -fno-sanitize-recover=all -O1 -g
    -UNDEBUG -D_GLIBCXX_ASSERTIONS PARENT_SCOPE)
endfunction()

# PGSPLIT_SANITIZE=address,undefined or thread instruments every target of the tree (libraries
# from Debian are not instrumented). Empty: a normal build.
set(PGSPLIT_SANITIZE "" CACHE STRING
  "Build everything with these sanitizers, e.g. address,undefined or thread (empty: none)")
if(PGSPLIT_SANITIZE)
  pgsplit_sanitizer_flags(pgsplit_sanitize_flags ${PGSPLIT_SANITIZE})
  add_compile_options(${pgsplit_sanitize_flags})
  add_link_options(-fsanitize=${PGSPLIT_SANITIZE})
endif()

