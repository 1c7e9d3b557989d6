#!/usr/bin/env bash
# Veilig Aanmelden: stop the Roundcube and Dovecot servers that scripts/roundcube/start.sh started, and nothing else.
# start.sh records each server's process group in $VA_RC_DIR/run/<name>.pid as "<pid> <start time>". The whole group
# is signalled, because the php -S master does not pass SIGTERM on to its workers. A pid whose start time no longer
# matches belongs to some other program by now and is left alone. Safe to run when nothing runs.
#
#   VA_RC_DIR    state directory, default ${TMPDIR:-/tmp}/veilig-aanmelden-roundcube (the same as start.sh)
#   VA_RC_LEASE  the lease id a test process passed to start.sh: release it, and stop the servers only when no
#                other live test process holds a lease. Without it, the servers are stopped in any case.
set -uo pipefail

state_dir=${VA_RC_DIR:-${TMPDIR:-/tmp}/veilig-aanmelden-roundcube}
[ -d "$state_dir/run" ] || { echo "roundcube stop: nothing started in $state_dir"; exit 0; }

if [ "${VA_RC_LOCK_HELD:-0}" != 1 ]; then  # start.sh calls us while it holds the lock itself
  exec 9>"$state_dir/.lock"
  flock -w 60 9 || { echo "roundcube stop: $state_dir/.lock is held by another start.sh or stop.sh" >&2; exit 1; }
fi

start_time_of() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  # shellcheck disable=SC2086
  set -- $stat
  echo "${20}"
}
group_alive() { kill -0 -- "-$1" 2>/dev/null; }

if [ -n "${VA_RC_LEASE:-}" ]; then
  [[ $VA_RC_LEASE =~ ^[A-Za-z0-9._-]{1,64}$ ]] || { echo "roundcube stop: invalid VA_RC_LEASE" >&2; exit 1; }
  rm -f "$state_dir/run/leases/$VA_RC_LEASE"
  holders=0
  for file in "$state_dir"/run/leases/*; do
    [ -e "$file" ] || continue
    read -r pid recorded_start <"$file" || true
    if [ -n "${pid:-}" ] && [ "$(start_time_of "$pid")" = "${recorded_start:-}" ]; then
      holders=$((holders + 1))
    else
      rm -f "$file"  # its process is gone
    fi
  done
  if [ $holders -gt 0 ]; then
    echo "roundcube stop: lease released; $holders other test process(es) still use the servers, left running"
    exit 0
  fi
fi

stop_group() {
  local name=$1 file="$state_dir/run/$1.pid" pid recorded_start
  if [ ! -s "$file" ]; then
    echo "$name: not started"
    return 0
  fi
  read -r pid recorded_start <"$file"
  rm -f "$file" "$state_dir/run/$name.settings"
  if [[ ! $pid =~ ^[0-9]+$ ]] || [ "$pid" -le 1 ]; then
    echo "$name: invalid pid file, ignored" >&2
    return 0
  fi
  if [ "$(start_time_of "$pid")" != "$recorded_start" ]; then
    # The leader is gone. Its group can only outlive it with members that we started (a group id is not reused
    # while the group has members), so end those too.
    if group_alive "$pid"; then
      kill -KILL -- "-$pid" 2>/dev/null
      echo "$name: leader had exited; killed the rest of process group $pid"
    else
      echo "$name: was not running"
    fi
    return 0
  fi
  kill -TERM -- "-$pid" 2>/dev/null
  for _ in $(seq 1 100); do  # up to 5 s for a graceful exit
    group_alive "$pid" || break
    sleep 0.05
  done
  if group_alive "$pid"; then
    kill -KILL -- "-$pid" 2>/dev/null
    echo "$name: process group $pid did not stop within 5 s, killed"
  else
    echo "$name: stopped (process group $pid)"
  fi
}

case "${VA_RC_ONLY:-}" in
  php | dovecot) stop_group "$VA_RC_ONLY" ;;
  *)
    # Both at once: each takes one to two seconds to shut down gracefully.
    stop_group php &
    stop_group dovecot &
    wait
    ;;
esac
exit 0
