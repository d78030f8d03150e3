/* regfile_parse_buf on any bytes: it parses or fails with a line inside
 * the input, every value it kept reads back through the view with its own
 * type and bytes, and the proxy analysis runs over whatever was kept. */
#include <string.h>

#include "fuzz.h"
#include "nc.h"
#include "regfile.h"
#include "winproxy.h"

static const struct winproxy_target fz_targets[] = {
    {"https://a.example/", "https", "a.example", 0},
    {"http://intranet/", "http", "intranet", 0},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct winreg_value val;
    struct winproxy_report rep;
    struct winreg_view view;
    struct regfile rf;
    struct nc_diag d;
    size_t i;
    int r;

    memset(&rf, 0, sizeof(rf));
    memset(&d, 0, sizeof(d));
    r = regfile_parse_buf(&rf, (const char *)data, size, "fuzz", &d);
    if (r < 0) {
        FUZZ_CHECK(r == NC_EPARSE || r == NC_ELIMIT);
        FUZZ_CHECK(d.msg[0] != '\0' && d.line >= 1 && d.line <= size + 1);
        FUZZ_CHECK(strcmp(d.file, "fuzz") == 0);
    }
    regfile_view(&rf, &view);
    for (i = 0; i < rf.n; i++) {
        const struct regfile_value *v = &rf.v[i];

        FUZZ_CHECK(v->len <= WINREG_VALUE_MAX);
        FUZZ_CHECK(view.get(view.ctx, v->hive, v->key, v->name, &val) ==
                   WINREG_FOUND);
        /* Names compare without case: an earlier twin may answer. */
        FUZZ_CHECK(val.len <= WINREG_VALUE_MAX);
    }
    FUZZ_CHECK(winproxy_analyze(&view, fz_targets, 2, WINPROXY_PAC_OFFLINE,
                                &rep) == 0);
    FUZZ_CHECK(rep.n_urls == 2 && rep.n_warnings <= WINPROXY_MAX_WARNINGS);
    for (i = 0; i < rep.n_warnings; i++)
        FUZZ_CHECK(rep.warnings[i].code != NULL);
    winproxy_report_release(&rep);
    regfile_release(&rf);
    return 0;
}
