#include "proxycfg.h"

#include <string.h>

#include "nc.h"
#include "str.h"

/* Split USER[:PASS] into the URL's credential fields (curl's -U). */
static int proxycfg_user(const char *arg, struct proxy_url *u, char *why,
                         size_t whylen)
{
    const char *colon = strchr(arg, ':');
    size_t ulen = colon ? (size_t)(colon - arg) : strlen(arg);

    if (ulen == 0 || ulen >= sizeof(u->user) ||
        (colon != NULL && strlen(colon + 1) >= sizeof(u->pass))) {
        (void)nc_snprintf(why, whylen,
                          "invalid --proxy-user: want USER[:PASSWORD]");
        return NC_EPARSE;
    }
    nc_explicit_bzero(u->user, sizeof(u->user));
    nc_explicit_bzero(u->pass, sizeof(u->pass));
    memcpy(u->user, arg, ulen);
    u->has_user = true;
    u->has_pass = colon != NULL;
    if (colon != NULL)
        (void)nc_strlcpy(u->pass, colon + 1, sizeof(u->pass));
    return 0;
}

static int proxycfg_set(struct proxycfg_scheme *s, const char *value,
                        const char *var, char *why, size_t whylen)
{
    char reason[200];

    if (proxy_url_parse(value, &s->url, reason, sizeof(reason)) < 0) {
        (void)nc_snprintf(why, whylen, "invalid proxy in %s: %s", var, reason);
        return NC_EPARSE;
    }
    s->enabled = true;
    (void)nc_strlcpy(s->var, var, sizeof(s->var));
    proxy_url_format(&s->url, false, s->display, sizeof(s->display));
    return 0;
}

int proxycfg_decide(const struct proxycfg_in *in, struct proxycfg *out,
                    char *why, size_t whylen)
{
    struct proxy_env_choice ch;
    int i, r = 0;

    memset(out, 0, sizeof(*out));
    if (in->env != NULL)
        proxy_env_warn(in->env, &out->warnings);
    if (in->flag_no_proxy) {
        out->source = NC_PROXY_SOURCE_FLAG;
        return 0;
    }
    for (i = 0; i < 2 && r == 0; i++) {
        if (in->flag_proxy != NULL) {
            r = proxycfg_set(&out->scheme[i], in->flag_proxy, "--proxy", why,
                             whylen);
            continue;
        }
        if (in->env == NULL)
            continue;
        proxy_env_choose(in->env, i == 1, &ch);
        if (ch.var != NULL)
            r = proxycfg_set(&out->scheme[i], ch.value, ch.var, why, whylen);
        /* NO_PROXY is one list for both schemes. */
        if (r == 0 && ch.noproxy != NULL && out->noproxy == NULL) {
            out->noproxy = nc_strdup(ch.noproxy);
            if (out->noproxy == NULL)
                r = NC_ENOMEM;
        }
    }
    for (i = 0; i < 2 && r == 0 && in->flag_user != NULL; i++)
        if (out->scheme[i].enabled)
            r = proxycfg_user(in->flag_user, &out->scheme[i].url, why, whylen);
    if (r < 0) {
        proxycfg_release(out);
        return r;
    }
    if (out->scheme[0].enabled || out->scheme[1].enabled)
        out->source =
            in->flag_proxy != NULL ? NC_PROXY_SOURCE_FLAG : in->env_source;
    return 0;
}

static void proxycfg_one_to_probe(const struct proxycfg *cfg,
                                  const struct proxycfg_scheme *s,
                                  struct probe_proxy *p)
{
    memset(p, 0, sizeof(*p));
    if (!s->enabled)
        return;
    p->enabled = true;
    (void)nc_strlcpy(p->url, s->display, sizeof(p->url));
    (void)nc_strlcpy(p->host, s->url.host, sizeof(p->host));
    p->port = s->url.port;
    p->https = s->url.scheme == PROXY_SCHEME_HTTPS;
    p->socks = s->url.scheme == PROXY_SCHEME_SOCKS4 ||
                       s->url.scheme == PROXY_SCHEME_SOCKS4A
                   ? 4
               : s->url.scheme == PROXY_SCHEME_SOCKS5 ||
                       s->url.scheme == PROXY_SCHEME_SOCKS5H
                   ? 5
                   : 0;
    p->remote_dns = s->url.scheme == PROXY_SCHEME_SOCKS4A ||
                    s->url.scheme == PROXY_SCHEME_SOCKS5H;
    p->noproxy = cfg->noproxy;
    p->winbypass = cfg->winbypass;
    p->user = s->url.has_user ? s->url.user : NULL;
    p->password = s->url.has_pass ? s->url.pass : NULL;
    p->from = s->var[0] != '\0' ? s->var : NULL;
}

void proxycfg_to_probe(const struct proxycfg *cfg, struct probe_proxy out[2])
{
    int i;

    for (i = 0; i < 2; i++)
        proxycfg_one_to_probe(cfg, &cfg->scheme[i], &out[i]);
}

int proxycfg_pac_add(struct proxycfg *cfg, const char *url, const char *user,
                     const char *var, size_t *idx, char *why, size_t whylen)
{
    struct proxycfg_scheme s, *grown;
    size_t i;
    int r;

    memset(&s, 0, sizeof(s));
    r = proxycfg_set(&s, url, var, why, whylen);
    if (r == 0 && user != NULL)
        r = proxycfg_user(user, &s.url, why, whylen);
    if (r < 0)
        goto out;
    for (i = 0; i < cfg->n_pac; i++) {
        if (strcmp(cfg->pac[i].display, s.display) == 0) {
            *idx = i;
            goto out;
        }
    }
    if (cfg->n_pac >= PROXYCFG_MAX_PAC) {
        (void)nc_snprintf(why, whylen, "%s names more than %u distinct proxies",
                          var, PROXYCFG_MAX_PAC);
        r = NC_ELIMIT;
        goto out;
    }
    grown = nc_realloc(cfg->pac, (cfg->n_pac + 1) * sizeof(*grown));
    if (grown == NULL) {
        r = NC_ENOMEM;
        goto out;
    }
    cfg->pac = grown;
    cfg->pac[cfg->n_pac] = s;
    memset(&s, 0, sizeof(s)); /* moved, credentials with it */
    *idx = cfg->n_pac++;
out:
    proxy_url_wipe(&s.url);
    return r;
}

void proxycfg_pac_to_probe(const struct proxycfg *cfg, struct probe_proxy *out)
{
    size_t i;

    for (i = 0; i < cfg->n_pac; i++)
        proxycfg_one_to_probe(cfg, &cfg->pac[i], &out[i]);
}

const char *proxycfg_display(const struct proxycfg *cfg)
{
    if (cfg->scheme[1].enabled)
        return cfg->scheme[1].display;
    if (cfg->scheme[0].enabled)
        return cfg->scheme[0].display;
    return "";
}

void proxycfg_release(struct proxycfg *cfg)
{
    int i;

    for (i = 0; i < 2; i++)
        proxy_url_wipe(&cfg->scheme[i].url);
    for (size_t k = 0; cfg->pac != NULL && k < cfg->n_pac; k++)
        proxy_url_wipe(&cfg->pac[k].url);
    nc_free(cfg->pac);
    cfg->pac = NULL;
    cfg->n_pac = 0;
    if (cfg->noproxy != NULL)
        nc_explicit_bzero(cfg->noproxy, strlen(cfg->noproxy));
    nc_free(cfg->noproxy);
    cfg->noproxy = NULL;
    nc_free(cfg->winbypass);
    cfg->winbypass = NULL;
}
