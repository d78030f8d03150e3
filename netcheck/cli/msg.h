/* Messages on standard error (curl's tool_msgs.c): every command prints
 * through these, so the wording "netcheck: ..." lives in one place. */
#ifndef NC_CLI_MSG_H
#define NC_CLI_MSG_H

#include "nc.h"

struct nc_diag;

/*! Print "netcheck: <message>" on stderr. */
void cli_err(const char *fmt, ...) NC_PRINTF(1, 2);

/*! Print a parser diagnostic as "netcheck: FILE:LINE: message". */
void cli_print_diag(const struct nc_diag *d);

#endif
