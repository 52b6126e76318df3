# `cmake --install` and the Debian package (scripts/package.sh runs CPack): the binary, its man
# pages and completions, the documentation, in the usual places under CMAKE_INSTALL_PREFIX.
include(GNUInstallDirs)

install(TARGETS pgsplit RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(PGSPLIT_BUILD_DOCS)
  install(FILES ${PGSPLIT_DOCS_DIR}/pgsplit.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  install(FILES ${PGSPLIT_DOCS_DIR}/pgsplit-mapping.5.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man5)
  # Where Debian's bash-completion and zsh look for completions of installed packages.
  install(FILES ${PGSPLIT_DOCS_DIR}/pgsplit.bash
    DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME pgsplit)
  install(FILES ${PGSPLIT_DOCS_DIR}/_pgsplit
    DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
endif()
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs FILES_MATCHING
  PATTERN "*.md" PATTERN "*.svg")
# The example mappings (config/demo.yaml needs the demo's migration folders: not installed).
install(DIRECTORY config/examples/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
# Debian's place for the license.
install(FILES LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME copyright)

# The Debian package. Its version (project version plus git) is known at build time only:
# cmake/cpack_project.cmake reads it when CPack runs.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME pgsplit)
set(CPACK_PACKAGE_VENDOR "pgsplit")
set(CPACK_PACKAGE_CONTACT "pgsplit maintainers <pgsplit@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "split one PostgreSQL database into per-service databases")
set(CPACK_PACKAGE_DESCRIPTION
  "pgsplit reads a mapping file (which tables go to which service database), checks it against
the source and the targets (plan), recreates each target's schema and copies its tables from one
consistent snapshot in parallel (apply), proves the targets hold what the source holds (verify)
and stamps the migration tools' version tables (stamp).")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION database)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON) # libpq5, libyaml-cpp, libfmt, boost, … from the binary
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "graphviz, postgresql-client")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PROJECT_CONFIG_FILE ${PROJECT_SOURCE_DIR}/cmake/cpack_project.cmake)
set(PGSPLIT_VERSION_FILE ${PROJECT_BINARY_DIR}/generated/version.txt)
set(CPACK_PGSPLIT_VERSION_FILE ${PGSPLIT_VERSION_FILE})
include(CPack)
