# Shared compile settings, linked into every target of ours.
add_library(pgsplit_warnings INTERFACE)
target_compile_options(pgsplit_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
  -Wimplicit-fallthrough
  # Designated initializers that leave members at their defaults are intended.
  -Wno-missing-field-initializers
  # GCC 12 reports false positives on std::string concatenation (GCC bug 105329).
  -Wno-restrict)
if(PGSPLIT_WERROR)
  target_compile_options(pgsplit_warnings INTERFACE -Werror)
endif()
