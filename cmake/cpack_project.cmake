# Read by CPack when it runs (CPACK_PROJECT_CONFIG_FILE): the package version is the one the
# build wrote (cmake/version.cmake), the same string `pgsplit --version` prints.
if(EXISTS "${CPACK_PGSPLIT_VERSION_FILE}")
  file(READ "${CPACK_PGSPLIT_VERSION_FILE}" CPACK_PACKAGE_VERSION)
  string(STRIP "${CPACK_PACKAGE_VERSION}" CPACK_PACKAGE_VERSION)
  set(CPACK_DEBIAN_PACKAGE_VERSION "${CPACK_PACKAGE_VERSION}")
endif()
