/* os/windows/truststore.c on the system it runs on: the LocalMachine ROOT
 * store is read into an X509_STORE with at least one certificate (wine
 * imports the Linux host's CA certificates into ROOT: 149 on Debian 12).
 *
 * Built with the Windows build's tests (tests/windows/CMakeLists.txt) and
 * run under wine by scripts/test-windows (ctest -L windows). */
#include <stdio.h>

#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include "truststore.h"

int main(void)
{
    X509_STORE *store = X509_STORE_new();
    STACK_OF(X509_OBJECT) * objs;
    int n = 0, ok;

    if (store == NULL)
        return 2;
    ok = truststore_system_load(store);
    objs = X509_STORE_get0_objects(store);
    if (objs != NULL)
        n = sk_X509_OBJECT_num(objs);
    printf("truststore_smoke: load %d, %d certificate(s)\n", ok, n);
    X509_STORE_free(store);
    return ok == 1 && n > 0 ? 0 : 1;
}
