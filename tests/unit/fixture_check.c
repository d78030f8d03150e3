#include "fixture_check.h"

#include <stdio.h>
#include <string.h>

void fx_check_init(struct nc_check *c, struct fx_check_strings *s,
                   const char *scheme, const char *host, unsigned port)
{
    memset(c, 0, sizeof(*c));
    memset(s, 0, sizeof(*s));
    (void)snprintf(s->name, sizeof(s->name), "%s", "t");
    (void)snprintf(s->scheme, sizeof(s->scheme), "%s", scheme);
    (void)snprintf(s->host, sizeof(s->host), "%s", host);
    (void)snprintf(s->path, sizeof(s->path), "%s", "/");
    (void)snprintf(s->url, sizeof(s->url), "%s://%s:%u/", scheme, host, port);
    c->name = s->name;
    c->url = s->url;
    c->scheme = s->scheme;
    c->host = s->host;
    c->port = port;
    c->path = s->path;
    c->required = true;
    c->status_min = 100;
    c->status_max = 599;
}
