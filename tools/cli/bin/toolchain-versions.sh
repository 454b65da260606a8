#!/bin/sh
# The versions of every external tool the tests and the matrix run, one line each ("missing" when absent).
# nx hashes this output as a runtime input (nx.json), so a changed or removed compiler invalidates the cache.
for t in gcc clang valgrind wireguard-go wg ip iperf3 shellcheck unifdef perl git chromium; do
	if command -v "$t" >/dev/null 2>&1; then
		case "$t" in
		wireguard-go) v=$(wireguard-go --version 2>&1 | head -n 1) ;;
		wg) v=$(wg --version 2>&1 | head -n 1) ;;
		ip) v=$(ip -V 2>&1 | head -n 1) ;;
		iperf3) v=$(iperf3 --version 2>&1 | head -n 1) ;;
		unifdef) v=$(unifdef -V 2>&1 | head -n 1) ;;
		perl) v=$(perl -e 'print $^V') ;;
		*) v=$("$t" --version 2>&1 | head -n 1) ;;
		esac
		echo "$t: $v"
	else
		echo "$t: missing"
	fi
done
echo "node: $(node --version)"
