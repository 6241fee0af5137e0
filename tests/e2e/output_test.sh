#!/usr/bin/env bash
# End-to-end checks of where `tmkit export` puts its file: a FIFO or a pipe is written into, a
# full device gives exit status 2 and an error naming it, a symlink stays a link while its
# target is replaced, and a replaced file keeps its mode.
# Usage: output_test.sh [TMKIT]; prints "ok - ..." / "not ok - ..." and "N passed, M failed".
source "$(dirname "$0")/lib.sh"

"$TMKIT" import -q "$repo/tmx/shangganling.en-zh-ko.tmx" ||
    { echo "not ok - import"; echo "0 passed, 1 failed"; exit 1; }
units=14

t_fifo() {
    mkfifo "$W/fifo" || return 1
    timeout 10 cat "$W/fifo" >"$W/from-fifo" &
    local reader=$!
    "$TMKIT" export -q "$W/fifo" || return 1
    wait "$reader" || { echo "the reader got no end of file (timeout)"; return 1; }
    [ -p "$W/fifo" ] || { echo "the FIFO is no longer a FIFO"; return 1; }
    [ "$(grep -c '<tu ' "$W/from-fifo")" -eq "$units" ] && xmllint --noout "$W/from-fifo"
}
check "export into a FIFO writes the TMX into it and leaves the FIFO" t_fifo

# What /dev/stdout links to; unlike /dev/stdout itself, a build that replaced it could not.
t_proc_stdout() {
    [ "$("$TMKIT" export -q /proc/self/fd/1 | grep -c '<tu ')" -eq "$units" ]
}
check "export /proc/self/fd/1 into a pipe writes the TMX into the pipe" t_proc_stdout

# As root, a node of /dev/full's device in the work directory, so that a build that replaced
# devices would replace that node and not /dev/full; others cannot replace /dev/full.
t_full_device() {
    local dev=/dev/full
    if [ "$(id -u)" -eq 0 ]; then
        dev=$W/full
        mknod "$dev" c $((0x$(stat -c %t /dev/full))) $((0x$(stat -c %T /dev/full))) || return 1
    fi
    "$TMKIT" export "$dev"
    local rc=$?
    [ "$rc" -eq 2 ] || { echo "exit status $rc, expected 2"; return 1; }
    [ -c "$dev" ] || { echo "$dev is no longer a character device"; return 1; }
    [ "$(ls "$W" | grep -c '\.tmp-')" -eq 0 ] || { echo "a temporary was left behind"; return 1; }
}
t_full_device_message() {
    local dev=/dev/full
    [ "$(id -u)" -eq 0 ] && dev=$W/full
    "$TMKIT" export "$dev" 2>&1 | grep -F "$dev" | grep -q 'No space left on device'
}
if [ -c /dev/full ]; then
    check "export to a full device fails with exit status 2 and leaves the device" t_full_device
    check "... saying which file and why" t_full_device_message
else
    echo "skip - /dev/full is not a character device"
fi

t_symlink_mode() {
    mkdir -p "$W/real" || return 1
    echo old >"$W/real/target.tmx"
    chmod 640 "$W/real/target.tmx"
    ln -s real/target.tmx "$W/link.tmx" || return 1
    "$TMKIT" export -q "$W/link.tmx" || return 1
    [ -L "$W/link.tmx" ] && [ "$(readlink "$W/link.tmx")" = real/target.tmx ] ||
        { echo "the link was replaced"; return 1; }
    [ "$(grep -c '<tu ' "$W/real/target.tmx")" -eq "$units" ] || { echo "the target was not written"; return 1; }
    [ "$(stat -c %a "$W/real/target.tmx")" = 640 ] || { echo "mode $(stat -c %a "$W/real/target.tmx")"; return 1; }
    [ "$(ls "$W/real")" = target.tmx ] || { echo "left in real/: $(ls "$W/real")"; return 1; }
}
check "export through a symlink replaces its target, keeping the link and the mode" t_symlink_mode

finish
