/* A library's version as netcheck sees it, for --version (curl -V's idea:
 * the version loaded at run time, beside the one compiled against). Each
 * layer fills the rows of the libraries it links; cli prints them. */
#ifndef NC_LIBVER_H
#define NC_LIBVER_H

#define NC_LIBVER_LEN 64

struct nc_libver {
    const char *name;          /* as curl -V names it: "libcurl", "OpenSSL" */
    char run[NC_LIBVER_LEN];   /* the loaded library's answer, "" if none */
    char built[NC_LIBVER_LEN]; /* the headers compiled against, "" if unknown */
};

#endif
