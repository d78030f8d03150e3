/* Windows proxy settings, decided the way the MARS agent (a .NET Framework
 * service running as LocalSystem) decides them, free of I/O: the WinINet
 * and WinHTTP binary blobs, the ProxyServer grammar, the bypass list, and
 * the analysis of every source a SYSTEM service can take its proxy from,
 * read through a registry view (model/regview.h). README "Windows: how a
 * SYSTEM service gets its proxy" cites the sources of each rule. */
#ifndef NC_WINPROXY_H
#define NC_WINPROXY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "winproxy_report.h"
#include "regview.h"

/* Which reader's rules apply. NETFX is System.Net's (.NET Framework 4
 * reference source, WebProxyDataBuilder.cs and WebProxy.cs): what the agent
 * does. WININET is what the WinHTTP documentation (WINHTTP_PROXY_INFO)
 * gives for WinHTTP and WinINet: entries separated by ';' or white space. */
enum winproxy_dialect {
    WINPROXY_NETFX = 0,
    WINPROXY_WININET,
    WINPROXY_DIALECT_MAX
};

/* ---- the binary blob (winproxy_blob.c) ---- */

/* dwFlags of DefaultConnectionSettings and WinHttpSettings (wininet.h
 * PROXY_TYPE_*). */
#define WINPROXY_FLAG_DIRECT      0x1u
#define WINPROXY_FLAG_PROXY       0x2u
#define WINPROXY_FLAG_PAC         0x4u /* PROXY_TYPE_AUTO_PROXY_URL */
#define WINPROXY_FLAG_AUTO_DETECT 0x8u

/* .NET Framework ignores a DefaultConnectionSettings whose first field is
 * below this (IE50StrucSize) and then assumes automatic detection. */
#define WINPROXY_IE5_VERSION 60u

#define WINPROXY_STR_MAX 2048 /* one string of a blob, with its NUL */

/* Layout (little-endian; .NET's RegBlobWebProxyDataBuilder reads it in this
 * order): u32 version (0x3C IE 6, 0x46 IE 7 and later; 0x18 or 0x28 in
 * WinHttpSettings), u32 change counter, u32 flags, then three counted
 * strings (u32 length, bytes, no NUL): proxy server, bypass list, PAC URL;
 * more fields follow that no reader here needs. WinHttpSettings stops after
 * the bypass list. */
struct winproxy_blob {
    uint32_t version, counter, flags;
    char proxy[WINPROXY_STR_MAX];
    char bypass[WINPROXY_STR_MAX];
    char pac[WINPROXY_STR_MAX];
    bool has_pac; /* the blob goes as far as the PAC URL's length */
};

/*! Decode a blob of n bytes, every length checked against what is left.
 *  The 12-byte header is required; the blob may end at any field boundary
 *  after it (missing strings are empty). Strings must be printable ASCII.
 *  \return 0, NC_EPARSE (cut inside a field, a string past the end, a
 *  control or non-ASCII byte: why says which), NC_ELIMIT (a string over
 *  WINPROXY_STR_MAX - 1); out is written only on success */
int winproxy_blob_decode(const unsigned char *b, size_t n,
                         struct winproxy_blob *out, char *why, size_t whylen);

/* ---- ProxyServer (winproxy_server.c) ---- */

struct winproxy_server {
    bool set;          /* false: no proxy for this scheme (direct) */
    char scheme[8];    /* of the proxy: "http" unless the entry said */
    char host[256];    /* IPv6 without brackets */
    unsigned port;     /* the entry's, else the proxy scheme's default */
    bool had_port;     /* false: 80 for http://, 443 https://, 1080 socks */
    char entry[16];    /* "http=", "https=", "socks=", or "" (every scheme) */
    char display[300]; /* "scheme://host:port", never a password */
};

/*! The proxy that list ("host:port", or "http=h:p;https=h:p;socks=h:p")
 *  gives a URL of url_scheme ("http", "https"). NETFX: without '=' one
 *  proxy for every scheme, else ';'-separated scheme=proxy pairs (empty
 *  ones skipped, the last of a scheme wins, a scheme without an entry goes
 *  direct, socks= is never used for http or https). WININET: entries
 *  separated by ';' or white space, the scheme's own entry, else one
 *  without "scheme=", else (WinINet) socks=. A proxy is
 *  [scheme://][user@]host[:port][/] (IPv6 in brackets).
 *  \return 0 (out->set false when direct), NC_EPARSE when the string is
 *  invalid (NETFX then uses no proxy at all; why says why, never quoting
 *  user information); out is written on 0 only */
int winproxy_server_pick(const char *list, enum winproxy_dialect d,
                         const char *url_scheme, struct winproxy_server *out,
                         char *why, size_t whylen);

/* ---- the bypass list (winproxy_bypass.c) ---- */

/*! Does the bypass list (ProxyOverride, the blob's bypass string) send a
 *  URL (scheme, host without brackets, port; port 0 or the scheme's default
 *  means none given) around the proxy? Entries: NETFX splits on ';' only
 *  and trims them, WININET on ';' and white space. "<local>" (any case)
 *  matches a name without a dot (NETFX: and not an IPv6 literal).
 *  Another entry is [scheme://]pattern[:port], '*' matching any run of
 *  characters anywhere, compared without regard to case with the whole of
 *  "scheme://host[:port]" (scheme and port optional unless the entry gives
 *  them), as .NET's BypassStringEscape regex does. No CIDR: "10.0.0.0/8"
 *  is a pattern that matches no host. The entry that matched is copied to
 *  entry (may be NULL; "" when none).  \return true when bypassed */
bool winproxy_bypass_match(const char *list, enum winproxy_dialect d,
                           const char *scheme, const char *host, unsigned port,
                           char *entry, size_t entrylen);

/*! What .NET does before asking for a URL's proxy: a loopback host
 *  (System.Uri.IsLoopback: "localhost", 127.0.0.0/8 literals, ::1) never
 *  goes through one, then the bypass list decides (winproxy_bypass_match,
 *  NETFX). entry gets the bypass entry that matched, "(loopback)" for a
 *  loopback host, "" when none (may be NULL).  \return true when direct */
bool winproxy_url_bypassed(const char *list, const char *scheme,
                           const char *host, unsigned port, char *entry,
                           size_t entrylen);

/*! Glob match, '*' any run, ASCII case ignored; pattern and text are
 *  counted, not NUL-terminated. */
bool winproxy_glob(const char *pat, size_t plen, const char *text, size_t tlen);

/* ---- the analysis (winproxy_decide.c, winproxy_trap.c) ---- */

/* One URL to decide, already parsed by the caller. */
struct winproxy_target {
    const char *url;
    const char *scheme; /* "http", "https" */
    const char *host;   /* IPv6 without brackets */
    unsigned port;      /* 0: the scheme's default */
};

/* Who evaluates a PAC file or WPAD for the targets: what the traps say
 * of it differs. */
enum winproxy_pac {
    WINPROXY_PAC_OFFLINE, /* nobody (a .reg export): pac_not_evaluated */
    WINPROXY_PAC_SHOWN,   /* WinHTTP, its answer shown per URL: pac_evaluated */
    WINPROXY_PAC_RUN      /* WinHTTP, each check going its way: no warning */
};

/*! Read every proxy source of a SYSTEM service through view, decide which
 *  one the agent uses and why, decide each target, and find the traps;
 *  pac says who evaluates a PAC file or WPAD.
 *  \return 0 or NC_ENOMEM; out is filled on 0 */
int winproxy_analyze(const struct winreg_view *view,
                     const struct winproxy_target *targets, size_t n_targets,
                     enum winproxy_pac pac, struct winproxy_report *out);

/*! Free what winproxy_analyze allocated; safe on a zeroed struct. */
void winproxy_report_release(struct winproxy_report *r);

#endif
