# The Debian package (CPack DEB): `cpack -G DEB` in the build directory writes
# osiedle_<version>_<arch>.deb with everything `cmake --install` puts under /usr, plus the maintainer
# scripts in systemd/debian/. Included at the end of the top CMakeLists.txt.
add_subdirectory(${CMAKE_CURRENT_LIST_DIR} ${PROJECT_BINARY_DIR}/systemd)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME osiedle)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "Osiedle")
set(CPACK_PACKAGE_CONTACT "Osiedle maintainers <maintainers@users.noreply.r-seed-442d4983.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "self-hosted portal for a Polish housing cooperative")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "Osiedle is a self-hosted portal for a housing cooperative (spółdzielnia mieszkaniowa): flat owners\n"
    "register and get news, documents, outages and contractors, and staff manage it all from /admin.\n"
    "On first boot the osiedle-setup wizard (http://<box>/, protected by a setup code shown on the\n"
    "console) configures the cooperative, the administrator, TLS and mail.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Binaries without debug info (osiedled: 90 MB with RelWithDebInfo, 3.5 MB stripped), for an SD card.
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # osiedle_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Library dependencies come from dpkg-shlibdeps on the installed binaries (libpistache0, liblmdb0,
# libsodium23, libmbedtls14, libcurl4, libsystemd0, libqrencode4, libhpdf, libcmark, boost, ...);
# these are what no ELF file says: the TTF font libharu embeds in letters (DejaVu), systemd-sysusers and
# systemd-tmpfiles for postinst, deb-systemd-helper (init-system-helpers) for the maintainer scripts.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "systemd, init-system-helpers, fonts-dejavu-core")
# certbot only for a public domain with Let's Encrypt; a LAN name uses a self-signed certificate.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "certbot")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_LIST_DIR}/debian/postinst
    ${CMAKE_CURRENT_LIST_DIR}/debian/prerm
    ${CMAKE_CURRENT_LIST_DIR}/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

include(CPack)
