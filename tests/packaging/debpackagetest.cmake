# cmake -DBUILD_DIR=... -DWORK_DIR=... -P debpackagetest.cmake
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

execute_process(COMMAND cpack -G DEB -B "${WORK_DIR}" --config "${BUILD_DIR}/CPackConfig.cmake"
                RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "cpack failed:\n${output}")
endif()
file(GLOB packages "${WORK_DIR}/funnelboard_*.deb")
list(LENGTH packages count)
if(NOT count EQUAL 1)
    message(FATAL_ERROR "expected one funnelboard_*.deb in ${WORK_DIR}, found: ${packages}")
endif()

execute_process(COMMAND dpkg-deb --field "${packages}" Package Depends RESULT_VARIABLE result OUTPUT_VARIABLE fields)
if(NOT result EQUAL 0 OR NOT fields MATCHES "Package: funnelboard" OR NOT fields MATCHES "libqt6sql6-sqlite")
    message(FATAL_ERROR "unexpected package metadata:\n${fields}")
endif()

set(root "${WORK_DIR}/root")
execute_process(COMMAND dpkg-deb -x "${packages}" "${root}" RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "dpkg-deb -x failed")
endif()
foreach(installed
        usr/bin/funnelboard
        usr/bin/funnelctl
        usr/share/applications/funnelboard.desktop
        usr/share/icons/hicolor/scalable/apps/funnelboard.svg
        usr/share/metainfo/io.funnelboard.Funnelboard.metainfo.xml)
    if(NOT EXISTS "${root}/${installed}")
        message(FATAL_ERROR "the package does not install ${installed}")
    endif()
endforeach()

execute_process(COMMAND "${root}/usr/bin/funnelctl" --help
                RESULT_VARIABLE result OUTPUT_VARIABLE help ERROR_VARIABLE help)
if(NOT result EQUAL 0 OR NOT help MATCHES "Commands:" OR NOT help MATCHES "import-leads")
    message(FATAL_ERROR "the installed funnelctl --help failed (${result}):\n${help}")
endif()

execute_process(COMMAND "${root}/usr/bin/funnelctl" --db "${WORK_DIR}/check.sqlite" init
                RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT result EQUAL 0 OR NOT output MATCHES "schema version")
    message(FATAL_ERROR "the installed funnelctl could not create a database (${result}):\n${output}")
endif()
message(STATUS "package OK: ${packages}")
