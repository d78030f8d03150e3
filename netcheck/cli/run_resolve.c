#include "run_resolve.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "file.h"
#include "hostsconf.h"
#include "str.h"
#include "rootfs.h"

/* A system file, under root when given (its symlinks resolved inside the
 * root, as sysenv reads). \return 0, NC_EIO, NC_ELIMIT, NC_ENOMEM */
static int rr_read(const char *root, const char *path, size_t max, char **buf,
                   size_t *len, struct nc_diag *diag)
{
    struct sysenv_root r;
    bool masked;
    int err = 0, ret;

    if (root == NULL)
        return nc_file_read(path, max, buf, len, diag);
    ret = sysenv_root_open(&r, root, &err);
    if (ret != 0)
        return ret;
    ret = sysenv_fs_read(&r, path, max, buf, len, &masked, &err);
    sysenv_root_close(&r);
    if (ret == NC_ELIMIT)
        nc_diag_set(diag, path, 0, "file larger than %zu bytes", max);
    return ret;
}

/* "ROOT/etc/x" for the reports, without a doubled slash. */
static void rr_display(const char *root, const char *path, char *out, size_t n)
{
    size_t len = root != NULL ? strlen(root) : 0;

    while (len > 0 && root[len - 1] == '/')
        len--;
    (void)nc_snprintf(out, n, "%.*s%s", (int)len, root != NULL ? root : "",
                      path);
}

static int rr_nsswitch(const char *root, struct run_resolve *rr,
                       struct nc_resolution *desc, struct nc_diag *diag)
{
    char shown[300], *buf = NULL;
    size_t len = 0;
    struct nc_diag ignored;
    int r;

    if (hostsconf_nsswitch_path() == NULL) {
        /* No name service switch (Windows): the resolver reads the hosts
         * file, then asks DNS. */
        nsswitch_hosts_default(&rr->order);
        return 0;
    }
    rr_display(root, hostsconf_nsswitch_path(), shown, sizeof(shown));
    memset(&ignored, 0, sizeof(ignored));
    r = rr_read(root, hostsconf_nsswitch_path(), NSSWITCH_MAX_BYTES, &buf, &len,
                &ignored);
    if (r == NC_EIO) {
        /* glibc ignores a missing or unreadable file (nss_database.c). */
        nsswitch_hosts_default(&rr->order);
        r = 0;
    } else if (r == 0) {
        r = nsswitch_hosts_parse_buf(buf, len, shown, &rr->order, diag);
    } else if (r == NC_ELIMIT) {
        nc_diag_set(diag, shown, 0, "file larger than %u bytes",
                    NSSWITCH_MAX_BYTES);
    }
    nc_free(buf);
    if (r == 0 && rr->order.line > 0)
        (void)nc_snprintf(desc->nsswitch, sizeof(desc->nsswitch), "%s:%u",
                          shown, rr->order.line);
    return r;
}

static int rr_hosts(const char *root, struct run_resolve *rr,
                    struct nc_diag *diag)
{
    char *buf = NULL;
    size_t len = 0;
    struct nc_diag ignored;
    int r;

    memset(&ignored, 0, sizeof(ignored));
    r = rr_read(root, hostsconf_hosts_path(), HOSTSFILE_MAX_BYTES, &buf, &len,
                &ignored);
    if (r == NC_EIO) {
        r = 0; /* "files" is unavailable, as in glibc */
    } else if (r == 0) {
        r = hostsfile_parse_buf(buf, len, rr->hosts_path, &rr->hosts, diag);
    } else if (r == NC_ELIMIT) {
        nc_diag_set(diag, rr->hosts_path, 0, "file larger than %u bytes",
                    HOSTSFILE_MAX_BYTES);
    }
    nc_free(buf);
    return r;
}

/* Services of the line netcheck does not run, "a, b", into buf. */
static void rr_not_run(const struct nsswitch_hosts *o, char *buf, size_t n)
{
    size_t i, used;

    buf[0] = '\0';
    for (i = 0; i < o->n; i++) {
        if (o->s[i].svc != NSSWITCH_SVC_OTHER)
            continue;
        used = strlen(buf);
        (void)nc_snprintf(buf + used, n - used, "%s%s", used ? ", " : "",
                          o->s[i].name);
    }
}

int run_resolve_setup(const char *root, bool dns_only, struct run_resolve *rr,
                      struct nc_resolution *desc, struct nc_diag *diag)
{
    char other[128], *note = desc->note;
    size_t nn = sizeof(desc->note);
    int r;

    memset(rr, 0, sizeof(*rr));
    memset(desc, 0, sizeof(*desc));
    desc->set = true;
    if (dns_only) {
        desc->dns_only = true;
        (void)nc_strlcpy(note,
                         "DNS only (--dns-server): the hosts file and "
                         "nsswitch.conf are not consulted",
                         nn);
        return 0;
    }
    /* A --root that is not there is a mistake, not an empty system. */
    if (root != NULL) {
        struct sysenv_root sr;
        int err = 0;

        if (sysenv_root_open(&sr, root, &err) != 0) {
            nc_diag_set(diag, root, 0, "cannot open --root: %s", strerror(err));
            return NC_EIO;
        }
        sysenv_root_close(&sr);
    }
    rr_display(root, hostsconf_hosts_path(), rr->hosts_path,
               sizeof(rr->hosts_path));
    r = rr_nsswitch(root, rr, desc, diag);
    if (r == 0)
        r = rr_hosts(root, rr, diag);
    if (r != 0) {
        run_resolve_release(rr);
        return r;
    }
    rr->local.hosts = rr->hosts;
    rr->local.hosts_path = rr->hosts_path;
    rr->local.order = &rr->order;
    nsswitch_hosts_format(&rr->order, desc->order, sizeof(desc->order));
    (void)nc_strlcpy(desc->hosts_file, rr->hosts_path,
                     sizeof(desc->hosts_file));
    if (desc->nsswitch[0] != '\0')
        (void)nc_snprintf(note, nn, "hosts: %s (%s)", desc->order,
                          desc->nsswitch);
    else if (hostsconf_nsswitch_path() == NULL)
        (void)nc_snprintf(note, nn,
                          "hosts: %s (the system's order: the hosts file, "
                          "then DNS)",
                          desc->order);
    else
        (void)nc_snprintf(note, nn,
                          "hosts: %s (glibc's default: no hosts line in "
                          "nsswitch.conf)",
                          desc->order);
    rr_not_run(&rr->order, other, sizeof(other));
    if (other[0] != '\0')
        (void)nc_str_appendf(note, nn, "; not run, counted unavailable: %s",
                             other);
    if (rr->hosts == NULL)
        (void)nc_str_appendf(note, nn, "; %s cannot be read", rr->hosts_path);
    else
        (void)nc_str_appendf(note, nn, "; hosts file %s", rr->hosts_path);
    return 0;
}

void run_resolve_release(struct run_resolve *rr)
{
    hostsfile_free(rr->hosts);
    rr->hosts = NULL;
}
