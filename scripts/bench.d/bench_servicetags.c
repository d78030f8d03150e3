/* Micro-benchmark of the service tags index (run by scripts/bench on a file
 * from servicetags-gen; built with the tests, not a ctest test).
 *
 *   usage: bench_servicetags FILE [LOADS]
 *
 * Loads FILE LOADS times (default 10) and reports the fastest and the
 * median load. Then looks up, over and over, addresses inside the file's
 * own prefixes (a random host of a random prefix) mixed with as many
 * random IPv4 and IPv6 addresses (mostly misses), 65,536 in all whatever
 * the file's size, and asks servicetags_contains for the first tag's base
 * name. Prints a human line per measurement and a last
 * line of key=value pairs for scripts. Exit 0, or 1 when FILE does not
 * load. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "cidr.h"
#include "nc.h"
#include "servicetags.h"
#include "str.h"

#define BENCH_LOADS_MAX   100
#define BENCH_LOOKUPS_MIN 4000000u /* per measurement */
#define BENCH_PROBES      65536u

static double bench_now_ms(void)
{
    struct timespec ts;

    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static uint64_t bench_rand(uint64_t *s)
{
    /* xorshift64*: reproducible addresses on every run */
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717u;
}

static int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

/* A random host of c. */
static struct nc_addr bench_host(const struct nc_cidr *c, uint64_t *rng)
{
    struct nc_addr a = c->base;
    unsigned bits = c->base.family == 4 ? 32u : 128u, i;

    for (i = c->prefix; i < bits; i++) {
        if (bench_rand(rng) & 1u)
            a.bytes[i / 8] |= (unsigned char)(0x80u >> (i % 8));
    }
    return a;
}

static struct nc_addr bench_random(uint64_t *rng)
{
    struct nc_addr a;
    uint64_t r = bench_rand(rng);
    unsigned i;

    memset(&a, 0, sizeof(a));
    a.family = (r & 1u) != 0 ? 4 : 6;
    for (i = 0; i < 16; i++)
        a.bytes[i] = (unsigned char)(bench_rand(rng) >> 56);
    if (a.family == 4)
        memset(a.bytes + 4, 0, 12);
    else if ((r & 2u) != 0) { /* keep some IPv6 near the file's 2603:10xx */
        a.bytes[0] = 0x26;
        a.bytes[1] = 0x03;
        a.bytes[2] = 0x10;
    }
    return a;
}

/* Every prefix of FILE (through jansson, independently of the index), and
 * the first tag's base name. */
static struct nc_cidr *bench_prefixes(const char *path, size_t *n, char *base,
                                      size_t baselen)
{
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err);
    const json_t *values = json_object_get(root, "values");
    struct nc_cidr *out = NULL;
    size_t cap = 0, i, j;

    *n = 0;
    base[0] = '\0';
    for (i = 0; i < json_array_size(values); i++) {
        const json_t *v = json_array_get(values, i);
        const json_t *pre = json_object_get(json_object_get(v, "properties"),
                                            "addressPrefixes");

        if (i == 0) {
            const char *name = json_string_value(json_object_get(v, "name"));

            (void)nc_strlcpy(base, name != NULL ? name : "", baselen);
            base[strcspn(base, ".")] = '\0';
        }
        for (j = 0; j < json_array_size(pre); j++) {
            if (*n == cap) {
                struct nc_cidr *p;

                cap = cap == 0 ? 1024 : cap * 2;
                p = realloc(out, cap * sizeof(*out));
                if (p == NULL)
                    goto fail;
                out = p;
            }
            if (nc_cidr_parse(json_string_value(json_array_get(pre, j)),
                              &out[*n]) == 0)
                (*n)++;
        }
    }
    json_decref(root);
    return out;
fail:
    free(out);
    json_decref(root);
    *n = 0;
    return NULL;
}

/* BENCH_PROBES addresses, whatever the file's size (so that the branch
 * predictor cannot learn a small set): even ones a random host of a random
 * prefix of the file, odd ones random. */
static struct nc_addr *bench_probes(const struct nc_cidr *prefixes, size_t n)
{
    struct nc_addr *out = calloc(BENCH_PROBES, sizeof(*out));
    uint64_t rng = 0x9e3779b97f4a7c15u;
    size_t i;

    if (out == NULL)
        return NULL;
    for (i = 0; i < BENCH_PROBES; i++) {
        if (i % 2 == 0)
            out[i] = bench_host(&prefixes[bench_rand(&rng) % n], &rng);
        else
            out[i] = bench_random(&rng);
    }
    return out;
}

int main(int argc, char **argv)
{
    struct servicetags *st = NULL;
    struct nc_diag diag;
    double loads[BENCH_LOADS_MAX], t0, lookup_ns, contains_ns;
    unsigned long nloads = 10;
    struct nc_cidr *cidrs;
    struct nc_addr *probes = NULL;
    size_t ncidrs, nprobes = BENCH_PROBES, tags, prefixes, hits = 0, rounds;
    size_t r, i;
    volatile size_t sink = 0;
    char base[NC_ST_MAX_STRING + 1];

    if (argc < 2 || argc > 3 ||
        (argc == 3 &&
         nc_parse_uint(argv[2], 1, BENCH_LOADS_MAX, &nloads) != 0)) {
        fprintf(stderr, "usage: bench_servicetags FILE [LOADS 1-%d]\n",
                BENCH_LOADS_MAX);
        return 2;
    }
    for (i = 0; i < nloads; i++) {
        memset(&diag, 0, sizeof(diag));
        servicetags_free(st);
        st = NULL;
        t0 = bench_now_ms();
        if (servicetags_load_file(argv[1], &st, &diag) != 0) {
            fprintf(stderr, "bench_servicetags: %s:%u:%u: %s\n", diag.file,
                    diag.line, diag.col, diag.msg);
            return 1;
        }
        loads[i] = bench_now_ms() - t0;
    }
    qsort(loads, nloads, sizeof(loads[0]), bench_cmp_double);
    servicetags_counts(st, &tags, &prefixes);
    printf("file %s: %zu tags, %zu prefixes\n", argv[1], tags, prefixes);
    printf("load: fastest %.1f ms, median %.1f ms over %lu loads\n", loads[0],
           loads[(nloads - 1) / 2], nloads);

    cidrs = bench_prefixes(argv[1], &ncidrs, base, sizeof(base));
    if (ncidrs > 0)
        probes = bench_probes(cidrs, ncidrs);
    free(cidrs);
    if (probes == NULL) {
        fprintf(stderr, "bench_servicetags: no prefixes to probe\n");
        servicetags_free(st);
        return 1;
    }
    for (i = 0; i < nprobes; i++)
        hits += servicetags_lookup(st, &probes[i]) != NULL;
    rounds = (BENCH_LOOKUPS_MIN + nprobes - 1) / nprobes;

    t0 = bench_now_ms();
    for (r = 0; r < rounds; r++) {
        for (i = 0; i < nprobes; i++)
            sink += servicetags_lookup(st, &probes[i]) != NULL;
    }
    lookup_ns = (bench_now_ms() - t0) * 1e6 / (double)(rounds * nprobes);

    t0 = bench_now_ms();
    for (r = 0; r < rounds; r++) {
        for (i = 0; i < nprobes; i++)
            sink += servicetags_contains(st, base, &probes[i]);
    }
    contains_ns = (bench_now_ms() - t0) * 1e6 / (double)(rounds * nprobes);

    printf("lookup: %.0f ns (%zu addresses, %zu in a tag), contains('%s'): "
           "%.0f ns\n",
           lookup_ns, nprobes, hits, base, contains_ns);
    printf("load_ms=%.1f load_median_ms=%.1f lookup_ns=%.0f contains_ns=%.0f "
           "tags=%zu prefixes=%zu\n",
           loads[0], loads[(nloads - 1) / 2], lookup_ns, contains_ns, tags,
           prefixes);
    servicetags_free(st);
    free(probes);
    return 0;
}
