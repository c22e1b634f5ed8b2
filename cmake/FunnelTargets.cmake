# Project-wide conventions for our own targets: warnings, strict strings, sanitizers.
# Third-party code never sees these flags; every target we own goes through funnel_target_defaults().

function(funnel_target_defaults target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
    if(FUNNEL_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
    # Every user-visible string is a visible tr() decision (see STYLE.md, "Strict strings").
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING
        QT_USE_QSTRINGBUILDER QT_NO_KEYWORDS QT_DISABLE_DEPRECATED_UP_TO=0x060400
        FUNNELBOARD_VERSION="${PROJECT_VERSION}")
    if(FUNNEL_SANITIZE)
        target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
        target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    endif()
endfunction()

# funnel_add_library(name FOLDER_GLOB [LIBS ...]): a static library made of every .cpp/.h in the
# current folder. One library per architectural folder keeps the dependency direction honest:
# domain cannot reach storage because it does not link it.
function(funnel_add_library name)
    cmake_parse_arguments(ARG "" "" "PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
    file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp ${CMAKE_CURRENT_SOURCE_DIR}/*.h)
    qt_add_library(${name} STATIC ${sources})
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
    target_link_libraries(${name} PUBLIC ${ARG_PUBLIC_LIBS} PRIVATE ${ARG_PRIVATE_LIBS})
    funnel_target_defaults(${name})
endfunction()

# funnel_add_tests(LIBS ... [LABELS ...]): one CTest test per tst_<class>.cpp in the current folder.
function(funnel_add_tests)
    cmake_parse_arguments(ARG "" "" "LIBS;LABELS" ${ARGN})
    file(GLOB tests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/tst_*.cpp)
    foreach(test_source IN LISTS tests)
        get_filename_component(test_name ${test_source} NAME_WE)
        qt_add_executable(${test_name} ${test_source})
        target_link_libraries(${test_name} PRIVATE Qt6::Test ${ARG_LIBS})
        funnel_target_defaults(${test_name})
        add_test(NAME ${test_name} COMMAND ${test_name})
        set_tests_properties(${test_name} PROPERTIES
            LABELS "${ARG_LABELS}"
            TIMEOUT 600
            ENVIRONMENT "QT_QPA_PLATFORM=offscreen;FUNNEL_BUILD_DIR=${PROJECT_BINARY_DIR};ASAN_OPTIONS=detect_leaks=0")
    endforeach()
endfunction()
