/* Winsock's start, shared by the Windows socket backends (sock.c,
 * sockio.c). */
#ifndef NC_WSA_H
#define NC_WSA_H

/*! WSAStartup(2.2), once per process (the process exit releases it, so
 *  there is no WSACleanup).
 *  \return 0, or WSAStartup's error code (a WSA* value, not mapped) */
int wsa_start(void);

#endif
