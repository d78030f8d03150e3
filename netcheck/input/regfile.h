/* `reg export` / regedit files (.reg) as a registry view: "Windows Registry
 * Editor Version 5.00" (UTF-16LE with a byte-order mark, as Windows writes
 * it, or UTF-8) and "REGEDIT4" (8-bit). Several files add up, later values
 * replacing earlier ones as regedit would import them. The parser reads a
 * buffer (no I/O); regfile_load is the thin file wrapper. */
#ifndef NC_REGFILE_H
#define NC_REGFILE_H

#include <stddef.h>
#include <stdint.h>

#include "nc.h"
#include "regview.h"

#define REGFILE_MAX_SIZE   (16u * 1024u * 1024u) /* one file */
#define REGFILE_MAX_VALUES 100000u               /* all files together */
#define REGFILE_MAX_LINE   (1024u * 1024u)       /* after continuations */
#define REGFILE_MAX_KEY    1024u                 /* bytes of a key path */

struct regfile_value {
    enum winreg_hive hive;
    char *key;  /* path below the hive, e.g. "SOFTWARE\Microsoft" */
    char *name; /* "" for the default value (@) */
    uint32_t type;
    unsigned char *data; /* as the registry holds it: REG_SZ in UTF-16LE */
    size_t len;
};

struct regfile {
    struct regfile_value *v;
    size_t n, cap;
    char origin[512]; /* the files read, for the report */
};

/*! Parse one .reg file held in buf into rf (which may hold earlier files).
 *  Values: "string" (escapes \\ and \"), dword:, hex:, hex(N): (lines
 *  continued by a trailing backslash), - to delete; [-key] deletes a key
 *  and its subkeys; ';' starts a comment line.
 *  \return 0, NC_EPARSE (diag: source:line and why), NC_ELIMIT, NC_ENOMEM;
 *  on failure rf may hold part of this file: the caller discards it */
int regfile_parse_buf(struct regfile *rf, const char *buf, size_t len,
                      const char *source, struct nc_diag *diag);

/*! Read path (at most REGFILE_MAX_SIZE bytes) and parse it into rf.
 *  \return as regfile_parse_buf, or NC_EIO */
int regfile_load(struct regfile *rf, const char *path, struct nc_diag *diag);

/*! Free what rf holds; safe on a zeroed struct. */
void regfile_release(struct regfile *rf);

/*! A view over rf, valid while rf lives and is not changed. */
void regfile_view(struct regfile *rf, struct winreg_view *out);

#endif
