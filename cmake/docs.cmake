# Man pages and shell completions, generated at build time from the binary's --help texts and
# docs/mapping.md (scripts/make-docs.sh), so that they list exactly what the code defines.
# Needs help2man and pandoc (Debian packages; scripts/install-deps.sh installs them).
option(PGSPLIT_BUILD_DOCS "Generate the man pages and shell completions" ON)
if(PGSPLIT_SANITIZE)
  set(PGSPLIT_BUILD_DOCS OFF) # an instrumented tree builds the tests only
endif()
if(NOT PGSPLIT_BUILD_DOCS)
  return()
endif()

find_program(PGSPLIT_HELP2MAN help2man)
find_program(PGSPLIT_PANDOC pandoc)
find_package(Python3 REQUIRED COMPONENTS Interpreter)
if(NOT PGSPLIT_HELP2MAN OR NOT PGSPLIT_PANDOC)
  message(FATAL_ERROR "the man pages need help2man and pandoc: run scripts/install-deps.sh "
    "(or apt-get install help2man pandoc), or configure with -DPGSPLIT_BUILD_DOCS=OFF")
endif()

set(PGSPLIT_DOCS_DIR ${PROJECT_BINARY_DIR}/docs)
set(generated_docs
  ${PGSPLIT_DOCS_DIR}/pgsplit.1.gz ${PGSPLIT_DOCS_DIR}/pgsplit-mapping.5.gz
  ${PGSPLIT_DOCS_DIR}/pgsplit.bash ${PGSPLIT_DOCS_DIR}/_pgsplit)
add_custom_command(OUTPUT ${generated_docs}
  COMMAND ${PROJECT_SOURCE_DIR}/scripts/make-docs.sh $<TARGET_FILE:pgsplit> ${PGSPLIT_DOCS_DIR}
  DEPENDS pgsplit ${PROJECT_SOURCE_DIR}/scripts/make-docs.sh
    ${PROJECT_SOURCE_DIR}/scripts/cli-reference.py ${PROJECT_SOURCE_DIR}/docs/mapping.md
  COMMENT "Generating the man pages and shell completions"
  VERBATIM)
add_custom_target(pgsplit_docs ALL DEPENDS ${generated_docs})
