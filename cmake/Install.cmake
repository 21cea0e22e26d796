# Installation layout and the Debian package.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/scenarios/ DESTINATION ${CMAKE_INSTALL_DATADIR}/impasse/scenarios
        FILES_MATCHING PATTERN "*.yaml" PATTERN "*.yml")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/ DESTINATION ${CMAKE_INSTALL_DATADIR}/impasse/assets
        PATTERN "desktop" EXCLUDE)
install(FILES ${PROJECT_SOURCE_DIR}/assets/desktop/impasse.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/assets/desktop/impasse.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)

set(CPACK_PACKAGE_NAME impasse)
set(CPACK_PACKAGE_VENDOR "The Impasse project")
set(CPACK_PACKAGE_CONTACT "Impasse developers <impasse@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libc6, libstdc++6, libgcc-s1, libglfw3, libopengl0, libglx0, libgl1, libyaml-cpp0.7, libsqlite3-0, libstemmer0d, libstb0, libgvc6, libcgraph6, libcdt5, libmicrohttpd12, libqrencode4, liblinear4, libcld2-0, libpqxx-6.4, libpq5, fonts-dejavu-core, fonts-dejavu-extra")
include(CPack)
