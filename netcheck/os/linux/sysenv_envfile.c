/* EnvironmentFile= files, as systemd 252's load_env_file (env-file.c):
 * a character state machine over the whole file, then the assignments
 * with invalid names dropped. Also /etc/environment, leniently. */
#include "sysenv.h"

#include <string.h>

#include "nc.h"
#include "sysenv_int.h"

#define WHITESPACE " \t\n\r"

enum envfile_state {
    EF_PRE_KEY,
    EF_KEY,
    EF_PRE_VALUE,
    EF_VALUE,
    EF_VALUE_ESCAPE,
    EF_SQUOTE,
    EF_DQUOTE,
    EF_DQUOTE_ESCAPE,
    EF_COMMENT,
    EF_COMMENT_ESCAPE,
    EF_MAX
};

struct envfile {
    const char *source;
    unsigned flags;
    struct nc_env got; /* this file's assignments, names not yet checked */
    struct sysenv_warnings *warn;
    struct nc_diag *diag;
    char *key, *value;
    size_t n_key, n_value, key_ws, value_ws; /* *_ws: trailing blanks */
    unsigned line, key_line;
};

#define NO_WS ((size_t)-1)

static int envfile_push(struct envfile *ef, bool chomp)
{
    char *key = ef->key;
    int r;

    key[ef->n_key] = '\0';
    if (ef->key_ws != NO_WS)
        key[ef->key_ws] = '\0';
    ef->value[ef->n_value] = '\0';
    if (chomp && ef->value_ws != NO_WS)
        ef->value[ef->value_ws] = '\0';
    ef->n_key = ef->n_value = 0;
    if ((ef->flags & SYSENV_ENVFILE_LENIENT) &&
        strncmp(key, "export", 6) == 0 && key[6] != '\0' &&
        strchr(WHITESPACE, key[6]) != NULL)
        key += 6 + strspn(key + 6, WHITESPACE);
    if (!sysenv_utf8_valid(key) || !sysenv_utf8_valid(ef->value)) {
        if (ef->flags & SYSENV_ENVFILE_LENIENT) {
            sysenv_warn(ef->warn, ef->source, ef->key_line,
                        "invalid UTF-8, line ignored");
            return 0;
        }
        nc_diag_set(ef->diag, ef->source, ef->key_line,
                    "invalid UTF-8: systemd rejects the whole file");
        return NC_EPARSE;
    }
    if (strchr(key, '=') != NULL) { /* "=x=1": a name starting with '=' */
        sysenv_warn(ef->warn, ef->source, ef->key_line,
                    "invalid variable name, ignored");
        return 0;
    }
    r = env_set(&ef->got, key, ef->value);
    if (r == NC_ELIMIT)
        nc_diag_set(ef->diag, ef->source, ef->key_line,
                    "more than %u variables", NC_ENV_MAX_VARS);
    return r;
}

/* One step of the machine per state, as systemd's switch; each returns 0
 * or the error of a pushed assignment. NUL counts as white space, as in
 * systemd's strchr(WHITESPACE, c). */
static bool envfile_nl(char c)
{
    return c == '\n' || c == '\r';
}

static bool envfile_ws(char c)
{
    return strchr(WHITESPACE, c) != NULL;
}

static int envfile_pre_key(struct envfile *ef, enum envfile_state *st, char c)
{
    if (c == '#' || c == ';') {
        *st = EF_COMMENT;
    } else if (!envfile_ws(c)) {
        *st = EF_KEY;
        ef->key_ws = NO_WS;
        ef->key_line = ef->line;
        ef->key[ef->n_key++] = c;
    }
    return 0;
}

static int envfile_key(struct envfile *ef, enum envfile_state *st, char c)
{
    if (envfile_nl(c)) {
        *st = EF_PRE_KEY;
        ef->n_key = 0; /* no '=': the line is dropped */
    } else if (c == '=') {
        *st = EF_PRE_VALUE;
        ef->value_ws = NO_WS;
    } else {
        if (!envfile_ws(c))
            ef->key_ws = NO_WS;
        else if (ef->key_ws == NO_WS)
            ef->key_ws = ef->n_key;
        ef->key[ef->n_key++] = c;
    }
    return 0;
}

static int envfile_pre_value(struct envfile *ef, enum envfile_state *st, char c)
{
    if (envfile_nl(c)) {
        *st = EF_PRE_KEY;
        return envfile_push(ef, false);
    }
    if (c == '\'')
        *st = EF_SQUOTE;
    else if (c == '"')
        *st = EF_DQUOTE;
    else if (c == '\\')
        *st = EF_VALUE_ESCAPE;
    else if (!envfile_ws(c)) {
        *st = EF_VALUE;
        ef->value[ef->n_value++] = c;
    }
    return 0;
}

static int envfile_value(struct envfile *ef, enum envfile_state *st, char c)
{
    if (envfile_nl(c)) {
        *st = EF_PRE_KEY;
        return envfile_push(ef, true);
    }
    if (c == '\\') {
        *st = EF_VALUE_ESCAPE;
        ef->value_ws = NO_WS;
    } else {
        if (!envfile_ws(c))
            ef->value_ws = NO_WS;
        else if (ef->value_ws == NO_WS)
            ef->value_ws = ef->n_value;
        ef->value[ef->n_value++] = c;
    }
    return 0;
}

static int envfile_value_escape(struct envfile *ef, enum envfile_state *st,
                                char c)
{
    *st = EF_VALUE;
    if (!envfile_nl(c)) /* an escaped newline is dropped */
        ef->value[ef->n_value++] = c;
    return 0;
}

static int envfile_squote(struct envfile *ef, enum envfile_state *st, char c)
{
    if (c == '\'')
        *st = EF_PRE_VALUE;
    else
        ef->value[ef->n_value++] = c;
    return 0;
}

static int envfile_dquote(struct envfile *ef, enum envfile_state *st, char c)
{
    if (c == '"')
        *st = EF_PRE_VALUE;
    else if (c == '\\')
        *st = EF_DQUOTE_ESCAPE;
    else
        ef->value[ef->n_value++] = c;
    return 0;
}

static int envfile_dquote_escape(struct envfile *ef, enum envfile_state *st,
                                 char c)
{
    *st = EF_DQUOTE;
    if (strchr("\"\\`$", c) != NULL) {
        ef->value[ef->n_value++] = c;
    } else if (c != '\n') { /* kept with its backslash, like sh */
        ef->value[ef->n_value++] = '\\';
        ef->value[ef->n_value++] = c;
    }
    return 0;
}

static int envfile_comment(struct envfile *ef, enum envfile_state *st, char c)
{
    (void)ef;
    if (c == '\\')
        *st = EF_COMMENT_ESCAPE;
    else if (envfile_nl(c))
        *st = EF_PRE_KEY;
    return 0;
}

/* 252: a comment continues past "\\\n" */
static int envfile_comment_escape(struct envfile *ef, enum envfile_state *st,
                                  char c)
{
    (void)ef;
    (void)c;
    *st = EF_COMMENT;
    return 0;
}

static int (*const envfile_steps[EF_MAX])(struct envfile *,
                                          enum envfile_state *, char) = {
    [EF_PRE_KEY] = envfile_pre_key,
    [EF_KEY] = envfile_key,
    [EF_PRE_VALUE] = envfile_pre_value,
    [EF_VALUE] = envfile_value,
    [EF_VALUE_ESCAPE] = envfile_value_escape,
    [EF_SQUOTE] = envfile_squote,
    [EF_DQUOTE] = envfile_dquote,
    [EF_DQUOTE_ESCAPE] = envfile_dquote_escape,
    [EF_COMMENT] = envfile_comment,
    [EF_COMMENT_ESCAPE] = envfile_comment_escape,
};

static int envfile_char(struct envfile *ef, enum envfile_state *st, char c)
{
    return envfile_steps[*st](ef, st, c);
}

/* Move the valid assignments of ef->got into env (later ones win). */
static int envfile_commit(struct envfile *ef, struct nc_env *env)
{
    size_t i;
    int r;

    for (i = 0; i < ef->got.n; i++) {
        const char *a = ef->got.vars[i];
        char name[64];

        if (!sysenv_env_assignment_valid(a)) {
            sysenv_name_of(a, name, sizeof(name));
            sysenv_warn(ef->warn, ef->source, 0,
                        "invalid variable name '%s', ignored", name);
            continue;
        }
        r = env_put(env, a);
        if (r < 0) {
            if (r == NC_ELIMIT)
                nc_diag_set(ef->diag, ef->source, 0, "too many variables");
            return r;
        }
    }
    return 0;
}

int sysenv_envfile_parse_ex(const char *buf, size_t len, const char *source,
                            unsigned flags, struct nc_env *env,
                            struct sysenv_warnings *warn, struct nc_diag *diag)
{
    struct envfile ef;
    enum envfile_state st = EF_PRE_KEY;
    struct nc_env merged = {NULL, 0};
    size_t i;
    int r = NC_ENOMEM;

    memset(&ef, 0, sizeof(ef));
    ef.source = source;
    ef.flags = flags;
    ef.warn = warn;
    ef.diag = diag;
    ef.line = 1;
    if (flags & SYSENV_ENVFILE_LENIENT)
        len = strnlen(buf, len);
    if (memchr(buf, '\0', len) != NULL) { /* read_full_stream refuses it */
        nc_diag_set(diag, source, 0,
                    "NUL byte: systemd rejects the whole file");
        return NC_EPARSE;
    }
    ef.key = nc_malloc(len + 1);
    ef.value = nc_malloc(len + 1); /* no escape grows the text */
    if (ef.key == NULL || ef.value == NULL)
        goto out;
    for (i = 0; i < len; i++) {
        r = envfile_char(&ef, &st, buf[i]);
        if (r < 0)
            goto out;
        if (buf[i] == '\n' || buf[i] == '\r')
            ef.line++;
    }
    r = 0;
    if (st == EF_PRE_VALUE || st == EF_VALUE || st == EF_VALUE_ESCAPE ||
        st == EF_SQUOTE || st == EF_DQUOTE || st == EF_DQUOTE_ESCAPE)
        r = envfile_push(&ef, st == EF_VALUE);
    if (r < 0)
        goto out;
    /* Out-parameter written only on success: build the result aside. */
    r = env_merge(&merged, env);
    if (r == 0)
        r = envfile_commit(&ef, &merged);
    if (r == 0) {
        env_release(env);
        *env = merged;
        merged.vars = NULL;
        merged.n = 0;
    }
out:
    if (r == NC_ENOMEM)
        nc_diag_set(diag, source, 0, "out of memory");
    env_release(&merged);
    env_release(&ef.got);
    if (ef.key != NULL)
        nc_explicit_bzero(ef.key, len + 1);
    if (ef.value != NULL)
        nc_explicit_bzero(ef.value, len + 1);
    nc_free(ef.key);
    nc_free(ef.value);
    return r;
}

#ifdef NETCHECK_UNITTESTS
int sysenv_envfile_parse_buf(const char *buf, size_t len, const char *source,
                             struct nc_env *env, struct nc_diag *diag)
{
    return sysenv_envfile_parse_ex(buf, len, source, 0, env, NULL, diag);
}
#endif
