# cmake -DSCDOC=scdoc -DIN=x.scd -DOUT=x.1 -DVERSION=v -P scdoc.cmake
# Puts the version into the page's header and runs scdoc on it (no shell
# redirection in add_custom_command).
file(READ ${IN} text)
string(REPLACE "@PROJECT_VERSION@" "${VERSION}" text "${text}")
file(WRITE ${OUT}.scd "${text}")
execute_process(COMMAND ${SCDOC} INPUT_FILE ${OUT}.scd OUTPUT_FILE ${OUT}
                RESULT_VARIABLE rc ERROR_VARIABLE err)
file(REMOVE ${OUT}.scd)
if(NOT rc EQUAL 0)
    file(REMOVE ${OUT})
    message(FATAL_ERROR "scdoc ${IN}: ${err}")
endif()
