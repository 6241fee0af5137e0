# Shared start of the end-to-end tests, sourced with the test's own arguments: TMKIT (the
# binary under test: $1, else build/tmkit), repo, a work directory W holding the store
# TMKIT_DB, removed at exit after the test's on_exit (when it defines one), and the
# reporting: ok, not_ok, check, finish ("N passed, M failed"; exit status 1 on a failure).
set -u
here=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
TMKIT=${1:-$repo/build/tmkit}
W=$(mktemp -d)
export TMKIT_DB="$W/db"
pass=0
fail=0
lib_exit() {
    if declare -F on_exit >/dev/null; then on_exit; fi
    rm -rf "$W"
}
trap lib_exit EXIT
ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $1"; }
# check NAME COMMAND...: the command's exit status decides; a failure shows the last
# ${CHECK_SHOW:-20} lines of its output.
check() {
    local name=$1
    shift
    if "$@" >"$W/.check-out" 2>"$W/.check-err"; then
        ok "$name"
    else
        not_ok "$name"
        sed 's/^/#   /' "$W/.check-out" "$W/.check-err" | tail -n "${CHECK_SHOW:-20}"
    fi
}
finish() {
    echo "$pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
