#!/bin/sh
# A fake squid Negotiate helper for tests/integration/test_proxy_negotiate.sh
# (auth_param negotiate program /bin/sh THIS). Squid needs one to offer
# "Proxy-Authenticate: Negotiate"; this one validates nothing and answers
# every request (YR/KK token) with BH, squid's "helper cannot decide", so
# no client ever authenticates. Each request is counted in the file named
# by $1 (the token itself is not kept).
while IFS= read -r line; do
    [ -n "${1:-}" ] && echo "${line%% *}" >>"$1"
    echo "BH not supported"
done
