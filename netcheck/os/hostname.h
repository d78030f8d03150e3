/* The machine's name, for the reports (JSON "host", the JUnit suite's
 * hostname, the prometheus "host" label): a fleet's reports must say which
 * machine each came from. Linux: gethostname; Windows: the computer's
 * DNS host name (GetComputerNameExA). */
#ifndef NC_HOSTNAME_H
#define NC_HOSTNAME_H

#include <stddef.h>

/*! The machine's name into buf (size n), always terminated; "" when the
 *  system does not say.  \return 0, or NC_EIO when it could not be
 *  read (buf is then "") */
int os_hostname(char *buf, size_t n);

#endif
