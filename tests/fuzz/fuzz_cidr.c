/* nc_cidr_parse and nc_addr_parse: an accepted range has no host bits,
 * formats and parses back identically, contains exactly what its prefix
 * says; an accepted address is the /32 or /128 range of itself. */
#include <stdbool.h>
#include <string.h>

#include "cidr.h"
#include "fuzz.h"
#include "nc.h"

static unsigned cidr_bits(int family)
{
    return family == 4 ? 32u : 128u;
}

static bool cidr_bit(const struct nc_addr *a, unsigned i)
{
    return (a->bytes[i / 8] & (0x80u >> (i % 8))) != 0;
}

static void cidr_flip(struct nc_addr *a, unsigned i)
{
    a->bytes[i / 8] ^= (unsigned char)(0x80u >> (i % 8));
}

static bool cidr_equal(const struct nc_cidr *a, const struct nc_cidr *b)
{
    return a->base.family == b->base.family && a->prefix == b->prefix &&
           memcmp(a->base.bytes, b->base.bytes, 16) == 0;
}

static void cidr_check_range(const struct nc_cidr *c)
{
    char text[NC_ADDRSTRLEN + 8];
    struct nc_cidr again;
    struct nc_addr probe;
    unsigned bits, i;

    FUZZ_CHECK(c->base.family == 4 || c->base.family == 6);
    bits = cidr_bits(c->base.family);
    FUZZ_CHECK(c->prefix <= bits);
    for (i = c->prefix; i < bits; i++)
        FUZZ_CHECK(!cidr_bit(&c->base, i));
    for (i = bits; i < 128; i++)
        FUZZ_CHECK(!cidr_bit(&c->base, i)); /* IPv4: bytes 4..15 stay 0 */

    nc_cidr_format(c, text, sizeof(text));
    FUZZ_CHECK(strchr(text, '/') != NULL);
    memset(&again, 0xa5, sizeof(again));
    FUZZ_CHECK(nc_cidr_parse(text, &again) == 0);
    FUZZ_CHECK(cidr_equal(c, &again));

    FUZZ_CHECK(nc_cidr_contains(c, &c->base));
    FUZZ_CHECK(nc_cidr_list_contains(c, 1, &c->base));
    if (c->prefix < bits) { /* the last address of the range */
        probe = c->base;
        for (i = c->prefix; i < bits; i++)
            cidr_flip(&probe, i);
        FUZZ_CHECK(nc_cidr_contains(c, &probe));
    }
    if (c->prefix > 0) { /* just outside: the last network bit flipped */
        probe = c->base;
        cidr_flip(&probe, c->prefix - 1);
        FUZZ_CHECK(!nc_cidr_contains(c, &probe));
        FUZZ_CHECK(!nc_cidr_list_contains(c, 1, &probe));
    }
    probe = c->base;
    probe.family = c->base.family == 4 ? 6 : 4;
    FUZZ_CHECK(!nc_cidr_contains(c, &probe));
    FUZZ_CHECK(!nc_cidr_list_contains(c, 0, &c->base));
}

static void cidr_check_addr(const char *s)
{
    char text[NC_ADDRSTRLEN];
    struct nc_addr a, again, untouched;
    struct nc_cidr c;

    memset(&a, 0x5a, sizeof(a));
    untouched = a;
    if (nc_addr_parse(s, &a) != 0) {
        FUZZ_CHECK(memcmp(&a, &untouched, sizeof(a)) == 0);
        /* A range without a '/' is just an address. */
        FUZZ_CHECK(strchr(s, '/') != NULL || nc_cidr_parse(s, &c) != 0);
        return;
    }
    FUZZ_CHECK(a.family == 4 || a.family == 6);
    FUZZ_CHECK(strchr(s, '/') == NULL && strchr(s, '[') == NULL &&
               strchr(s, '%') == NULL);
    nc_addr_format(&a, text, sizeof(text));
    FUZZ_CHECK(nc_addr_parse(text, &again) == 0);
    FUZZ_CHECK(again.family == a.family &&
               memcmp(again.bytes, a.bytes, 16) == 0);
    FUZZ_CHECK(nc_cidr_parse(s, &c) == 0);
    FUZZ_CHECK(c.prefix == cidr_bits(a.family) && c.base.family == a.family &&
               memcmp(c.base.bytes, a.bytes, 16) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    struct nc_cidr c, quiet, untouched;
    char why[128];
    int r;

    memset(&c, 0x5a, sizeof(c));
    untouched = c;
    why[0] = '\0';
    r = nc_cidr_parse_why(s, &c, why, sizeof(why));
    FUZZ_CHECK(nc_cidr_parse(s, &quiet) == r);
    if (r == 0) {
        FUZZ_CHECK(cidr_equal(&c, &quiet));
        cidr_check_range(&c);
    } else {
        FUZZ_CHECK(r == NC_EPARSE);
        FUZZ_CHECK(why[0] != '\0');
        FUZZ_CHECK(memcmp(&c, &untouched, sizeof(c)) == 0);
    }
    cidr_check_addr(s);
    nc_free(s);
    return 0;
}
