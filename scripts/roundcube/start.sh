#!/usr/bin/env bash
# Veilig Aanmelden: a throw-away Roundcube 1.6 webmail with its own Dovecot IMAP server, on 127.0.0.1 only, as the
# target of the end-to-end tests. Installs the Debian packages when they are missing (as root), writes its own
# configuration under the state directory, starts both servers in their own process groups and checks that they
# answer. Safe to run again: servers that already run with these settings are left alone.
#
#   VA_RC_DIR        state directory (config, mail, database, logs, pid files)
#                    default: ${TMPDIR:-/tmp}/veilig-aanmelden-roundcube
#   VA_RC_HTTP_PORT  Roundcube (php -S) on 127.0.0.1          default 8089
#   VA_RC_IMAP_PORT  Dovecot IMAP (plain, no TLS) on 127.0.0.1 default 10144
#   VA_RC_USER       mailbox login                             default tester
#   VA_RC_PASSWORD   its password                              default testpass123
#   VA_RC_LANGUAGE   Roundcube interface language              default en_US (nl_NL for Dutch)
#   VA_RC_RESET=1    stop the servers, wipe the mailbox and the Roundcube database, then start
#   VA_RC_LEASE      (test processes) a lease id; with VA_RC_LEASE_PID, the pid that holds it until stop.sh
#                    releases it. While another live process holds a lease, a reset is skipped (the output says
#                    VA_RC_RESET_DONE=0) and stop.sh leaves the servers running.
#
# The last lines of the output are KEY=value lines (VA_RC_URL, VA_RC_IMAP, ..., VA_RC_RESET_DONE).
# stop.sh stops exactly what this script started (the process groups recorded in $VA_RC_DIR/run/).
# Only for Debian 12 (bookworm): php8.2 is that release's PHP.
set -euo pipefail

state_dir=${VA_RC_DIR:-${TMPDIR:-/tmp}/veilig-aanmelden-roundcube}
http_port=${VA_RC_HTTP_PORT:-8089}
imap_port=${VA_RC_IMAP_PORT:-10144}
mail_user=${VA_RC_USER:-tester}
mail_password=${VA_RC_PASSWORD:-testpass123}
language=${VA_RC_LANGUAGE:-en_US}
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Debian packages. php8.2-cgi is named on purpose: it satisfies roundcube-core's need for a PHP web SAPI, which apt
# would otherwise fill with libapache2-mod-php8.2 and apache2-bin. We serve with PHP's built-in server instead.
packages=(dovecot-imapd roundcube-core roundcube-sqlite3 php-cli php8.2-cgi)
docroot=/var/lib/roundcube/public_html
mail_owner=65534   # nobody:nogroup owns the maildir: no system user of our own to create
web_user=www-data  # php -S runs unprivileged, as Debian's web server user

started_at=$(date +%s%N)
say() {
  local elapsed_ms=$(( ($(date +%s%N) - started_at) / 1000000 ))
  printf '[roundcube start %d.%03d s] %s\n' $((elapsed_ms / 1000)) $((elapsed_ms % 1000)) "$*"
}
fail() {
  echo "roundcube start: $*" >&2
  exit 1
}

# ---------------------------------------------------------------------------------------------------- settings
[[ $http_port =~ ^[0-9]{1,5}$ && $http_port -ge 1024 && $http_port -le 65535 ]] || fail "VA_RC_HTTP_PORT must be a port number from 1024 to 65535"
[[ $imap_port =~ ^[0-9]{1,5}$ && $imap_port -ge 1024 && $imap_port -le 65535 ]] || fail "VA_RC_IMAP_PORT must be a port number from 1024 to 65535"
[ "$http_port" != "$imap_port" ] || fail "VA_RC_HTTP_PORT and VA_RC_IMAP_PORT must differ"
[[ $mail_user =~ ^[a-z][a-z0-9._-]{0,31}$ ]] || fail "VA_RC_USER must be lower-case letters, digits, '.', '_' or '-'"
[[ $mail_password =~ ^[A-Za-z0-9._+-]{6,64}$ ]] || fail "VA_RC_PASSWORD must be 6 to 64 of: letters, digits . _ + -"
[[ $language =~ ^[a-z]{2,3}(_[A-Z]{2})?$ ]] || fail "VA_RC_LANGUAGE must look like en_US or nl_NL"

if [ "$(id -u)" -ne 0 ]; then
  fail "must run as root: it installs Debian packages when they are missing ($(IFS=' '; echo "${packages[*]}")) and runs Dovecot and PHP as unprivileged system users. Run it with sudo, or as root in CI."
fi

# ---------------------------------------------------------------------------------------------------- processes
# A pid file holds "<pid> <start time>": the start time (field 22 of /proc/<pid>/stat) proves that the pid still
# belongs to the process we started, and not to a later one that reused the number.
start_time_of() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }  # the command name may contain spaces: skip past it
  # shellcheck disable=SC2086
  set -- $stat
  echo "${20}"
}
recorded_group() {  # prints the recorded pid when that process still runs
  local file="$state_dir/run/$1.pid" pid recorded_start
  [ -s "$file" ] || return 1
  read -r pid recorded_start <"$file" || return 1
  [ -n "$pid" ] && [ "$(start_time_of "$pid")" = "$recorded_start" ] || return 1
  echo "$pid"
}
port_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_for_port() {  # port, seconds, pid that must stay alive meanwhile
  local deadline=$(( $(date +%s) + $2 ))
  until port_answers "$1"; do
    kill -0 "$3" 2>/dev/null || return 1
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.05
  done
}
group_of() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  # shellcheck disable=SC2086
  set -- $stat
  echo "$3"
}
record_group() {  # name pid: the started program must lead its own process group, so that stop.sh can end it all
  local name=$1 pid=$2 group deadline=$(( $(date +%s) + 5 ))
  # The forked job runs setsid a moment later: wait until it leads its own group.
  while group=$(group_of "$pid") && [ "$group" != "$pid" ] && [ "$(date +%s)" -lt "$deadline" ]; do
    sleep 0.01
  done
  [ -n "${group:-}" ] || fail "$name exited right after starting; see the logs in $state_dir/logs"
  [ "$group" = "$pid" ] || { kill "$pid" 2>/dev/null; fail "$name did not get its own process group"; }
  echo "$pid $(start_time_of "$pid")" >"$state_dir/run/$name.pid"
}
# Reuse a running server only when it was started with the same settings; stop it otherwise (status 1), unless
# other test processes use it (status 2).
running_with() {  # name settings-fingerprint port
  local pid
  pid=$(recorded_group "$1") || return 1
  if [ "$(cat "$state_dir/run/$1.settings" 2>/dev/null)" = "$2" ] && port_answers "$3"; then
    echo "$pid"
    return 0
  fi
  [ "$others" -eq 0 ] || return 2
  VA_RC_DIR="$state_dir" VA_RC_LOCK_HELD=1 VA_RC_ONLY="$1" bash "$script_dir/stop.sh" >/dev/null
  return 1
}
ensure_port_free() {
  ! port_answers "$1" || fail "127.0.0.1:$1 is taken by another program; choose another port with $2"
}

prune_leases() {  # removes the leases of processes that are gone; prints how many others than $1 remain
  local file pid recorded_start count=0
  for file in "$state_dir"/run/leases/*; do
    [ -e "$file" ] || continue
    read -r pid recorded_start <"$file" || true
    if [ -z "${pid:-}" ] || [ "$(start_time_of "$pid")" != "${recorded_start:-}" ]; then
      rm -f "$file"
    elif [ "${file##*/}" != "$1" ]; then
      count=$((count + 1))
    fi
  done
  echo "$count"
}

mkdir -p "$state_dir/run/leases"
chmod 755 "$state_dir"  # Dovecot reaches the maildir below it as user nobody
# One start or stop at a time for this state directory (test files may start the sandbox concurrently).
exec 9>"$state_dir/.lock"
flock -w 900 9 || fail "another start.sh or stop.sh holds $state_dir/.lock"

# Leases: a test process that passes VA_RC_LEASE (an id) and VA_RC_LEASE_PID (its pid) holds the sandbox until its
# stop.sh. While another live process holds a lease, a reset or a restart would pull the servers from under it.
lease=${VA_RC_LEASE:-}
lease_pid=${VA_RC_LEASE_PID:-$PPID}
if [ -n "$lease" ]; then
  [[ $lease =~ ^[A-Za-z0-9._-]{1,64}$ ]] || fail "VA_RC_LEASE must be 1 to 64 of: letters, digits . _ -"
  if ! [[ $lease_pid =~ ^[0-9]+$ ]] || ! start_time_of "$lease_pid" >/dev/null; then
    fail "VA_RC_LEASE_PID is not a running process"
  fi
fi
others=$(prune_leases "$lease")
reset_done=0
if [ "${VA_RC_RESET:-0}" = 1 ]; then
  if [ "$others" -gt 0 ]; then
    say "reset skipped: $others other test process(es) use this sandbox right now"
  else
    VA_RC_DIR="$state_dir" VA_RC_LOCK_HELD=1 bash "$script_dir/stop.sh" >/dev/null
    rm -rf "$state_dir/mail" "$state_dir/roundcube/db" "$state_dir/roundcube/tmp" "$state_dir/roundcube/logs"
    reset_done=1
    say "reset: mailbox and Roundcube database wiped"
  fi
fi
mkdir -p "$state_dir"/{run,logs,dovecot,mail/"$mail_user",roundcube/config,roundcube/db,roundcube/tmp,roundcube/logs}

# ---------------------------------------------------------------------------------------------------- packages
missing=()
for package in "${packages[@]}"; do
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null)" = installed ] || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # roundcube-core must not ask for a database or configure a web server: we bring our own configuration.
  debconf-set-selections <<'EOF'
roundcube-core roundcube/dbconfig-install boolean false
roundcube-core roundcube/reconfigure-webserver multiselect
roundcube-core roundcube/restart-webserver boolean false
roundcube-core roundcube/language select en_US
EOF
  # Without a policy-rc.d that says no, dovecot-core's postinst starts the system Dovecot on 0.0.0.0:143.
  own_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# temporary, by Veilig Aanmelden scripts/roundcube/start.sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    own_policy=1
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT  # also when apt-get is interrupted
  fi
  install_log="$state_dir/logs/apt.log"
  status=0
  {
    apt-get update -q &&
      apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${packages[@]}"
  } >"$install_log" 2>&1 || status=$?
  if [ $own_policy = 1 ]; then
    rm -f /usr/sbin/policy-rc.d
    trap - EXIT
  fi
  if [ $status -ne 0 ]; then
    tail -n 40 "$install_log" >&2
    fail "apt-get failed (exit $status); the whole log is $install_log"
  fi
  say "packages installed"
fi
[ -d "$docroot" ] || fail "$docroot is missing: is roundcube-core installed correctly?"
[ -d "/usr/share/roundcube/program/localization/$language" ] ||
  fail "Roundcube has no localization $language (see /usr/share/roundcube/program/localization)"

# ---------------------------------------------------------------------------------------------------- Dovecot
# A stand-alone configuration: /etc/dovecot is neither read nor changed, and the system Dovecot stays off.
cat >"$state_dir/dovecot/dovecot.conf" <<EOF
# Generated by scripts/roundcube/start.sh (Veilig Aanmelden end-to-end tests). Loopback only, no TLS.
protocols = imap
listen = 127.0.0.1
base_dir = $state_dir/run/dovecot
state_dir = $state_dir/run/dovecot-state
instance_name = veilig-aanmelden-dovecot
log_path = $state_dir/logs/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir

passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%n $state_dir/dovecot/users
}
userdb {
  driver = passwd-file
  args = username_format=%n $state_dir/dovecot/users
}

service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $imap_port
  }
  inet_listener imaps {
    port = 0
  }
}

namespace inbox {
  inbox = yes
  separator = /
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
}
EOF
# passwd-file line: user:password:uid:gid:gecos:home:shell:extra. Dovecot's auth process runs as user dovecot, so
# the file must be readable by that group (a root-only file makes every login a "temporary authentication failure").
printf '%s:{PLAIN}%s:%d:%d::%s::\n' "$mail_user" "$mail_password" $mail_owner $mail_owner "$state_dir/mail/$mail_user" \
  >"$state_dir/dovecot/users"
chown root:dovecot "$state_dir/dovecot/users"
chmod 640 "$state_dir/dovecot/users"
chown -R $mail_owner:$mail_owner "$state_dir/mail"

dovecot_settings="$imap_port $mail_user $(md5sum <"$state_dir/dovecot/users" | cut -c1-12)"
pid=$(running_with dovecot "$dovecot_settings" "$imap_port") && status=0 || status=$?
[ "$status" -ne 2 ] || fail "Dovecot must restart for new settings, but $others other test process(es) use it now"
if [ "$status" -eq 0 ]; then
  say "Dovecot already runs (process group $pid) on 127.0.0.1:$imap_port"
else
  ensure_port_free "$imap_port" VA_RC_IMAP_PORT
  /usr/sbin/dovecot -c "$state_dir/dovecot/dovecot.conf" -n >/dev/null 2>"$state_dir/logs/dovecot-config.log" ||
    { cat "$state_dir/logs/dovecot-config.log" >&2; fail "Dovecot rejected the generated configuration"; }
  # No job control here, so the background job is not a group leader and setsid makes it one without forking:
  # $! is Dovecot's own pid and its process group id.
  setsid /usr/sbin/dovecot -F -c "$state_dir/dovecot/dovecot.conf" >>"$state_dir/logs/dovecot.stdout.log" 2>&1 </dev/null 9>&- &
  record_group dovecot $!
  echo "$dovecot_settings" >"$state_dir/run/dovecot.settings"
  wait_for_port "$imap_port" 15 "$!" ||
    { tail -n 20 "$state_dir/logs/dovecot.log" >&2 2>/dev/null || true; fail "Dovecot did not open 127.0.0.1:$imap_port"; }
  say "Dovecot started (process group $!) on 127.0.0.1:$imap_port"
fi

# ---------------------------------------------------------------------------------------------------- Roundcube
# Debian's program/include/iniset.php reads the configuration directory from ROUNDCUBE_CONFIG_DIR, so
# /etc/roundcube/config.inc.php stays untouched. defaults.inc.php and mimetypes.php come from the package.
config_dir="$state_dir/roundcube/config"
ln -sfn /etc/roundcube/defaults.inc.php "$config_dir/defaults.inc.php"
ln -sfn /etc/roundcube/mimetypes.php "$config_dir/mimetypes.php"
if [ ! -s "$state_dir/roundcube/des_key" ]; then  # 24 characters, kept for the life of the state directory
  (umask 077 && head -c 64 /dev/urandom | base64 -w0 | tr -dc 'A-Za-z0-9' | head -c 24 >"$state_dir/roundcube/des_key")
fi
des_key=$(cat "$state_dir/roundcube/des_key")
cat >"$config_dir/config.inc.php" <<EOF
<?php
// Generated by scripts/roundcube/start.sh (Veilig Aanmelden end-to-end tests).
\$config = [];
\$config['db_dsnw'] = 'sqlite:///$state_dir/roundcube/db/roundcube.sqlite?mode=0640'; // schema made on first request
\$config['imap_host'] = '127.0.0.1:$imap_port';  // no scheme: plain IMAP, no STARTTLS
\$config['smtp_host'] = '127.0.0.1:1';            // nothing is ever sent; saving drafts needs no SMTP
\$config['smtp_user'] = '';
\$config['smtp_pass'] = '';
\$config['des_key'] = '$des_key';
\$config['support_url'] = '';
\$config['skin'] = 'elastic';
\$config['language'] = '$language';
\$config['dont_override'] = ['language']; // VA_RC_LANGUAGE wins over the language stored for the user
\$config['plugins'] = [];
\$config['log_dir'] = '$state_dir/roundcube/logs/';
\$config['temp_dir'] = '$state_dir/roundcube/tmp/';
\$config['enable_installer'] = false;
\$config['ip_check'] = false;
\$config['use_https'] = false;
\$config['session_lifetime'] = 60;
\$config['htmleditor'] = 0;       // compose in plain text: textarea#composebody
\$config['draft_autosave'] = 300; // seconds; tests save explicitly
\$config['drafts_mbox'] = 'Drafts';
\$config['create_default_folders'] = true;
\$config['max_message_size'] = '50M';
\$config['imap_cache'] = null;
\$config['messages_cache'] = false;
\$config['mime_types'] = '/etc/mime.types';
EOF
chown root:$web_user "$config_dir/config.inc.php"
chmod 640 "$config_dir/config.inc.php"
chown -R $web_user:$web_user "$state_dir/roundcube/db" "$state_dir/roundcube/tmp" "$state_dir/roundcube/logs"

# The configuration is read on every request: a new language needs no restart, a new port does.
php_settings="$http_port $imap_port"
pid=$(running_with php "$php_settings" "$http_port") && status=0 || status=$?
[ "$status" -ne 2 ] || fail "Roundcube must restart for new settings, but $others other test process(es) use it now"
if [ "$status" -eq 0 ]; then
  say "Roundcube already runs (process group $pid) on http://127.0.0.1:$http_port/"
else
  ensure_port_free "$http_port" VA_RC_HTTP_PORT
  # setsid and setpriv both exec in place: $! is the php master, which forks the workers into its process group.
  env ROUNDCUBE_CONFIG_DIR="$config_dir" PHP_CLI_SERVER_WORKERS=4 \
    setsid setpriv --reuid=$web_user --regid=$web_user --init-groups \
    php -d upload_max_filesize=25M -d post_max_size=30M -d memory_limit=256M -d display_errors=0 \
    -d log_errors=1 -d error_log="$state_dir/roundcube/logs/php_errors.log" \
    -S "127.0.0.1:$http_port" -t "$docroot" >>"$state_dir/logs/php.log" 2>&1 </dev/null 9>&- &
  record_group php $!
  echo "$php_settings" >"$state_dir/run/php.settings"
  wait_for_port "$http_port" 15 "$!" ||
    { tail -n 20 "$state_dir/logs/php.log" >&2 2>/dev/null || true; fail "php -S did not open 127.0.0.1:$http_port"; }
  say "Roundcube started (process group $!) on http://127.0.0.1:$http_port/"
fi

# ---------------------------------------------------------------------------------------------------- checks
# Bash's /dev/tcp only: a fresh Debian has neither python3 nor curl.
imap_login_works() {
  local line
  exec 4<>"/dev/tcp/127.0.0.1/$imap_port" || return 1
  if ! IFS= read -r -t 5 line <&4 || [[ $line != '* OK'* ]]; then
    exec 4>&-
    return 1
  fi
  printf 'c1 LOGIN %s %s\r\nc2 LIST "" "*"\r\nc3 LOGOUT\r\n' "$mail_user" "$mail_password" >&4
  local logged_in=1
  while IFS= read -r -t 5 line <&4; do
    [[ $line == 'c1 OK'* ]] && logged_in=0
    [[ $line == 'c3 '* ]] && break
  done
  exec 4>&-
  return $logged_in
}
imap_login_works || fail "IMAP login as $mail_user on 127.0.0.1:$imap_port failed; see $state_dir/logs/dovecot.log"

login_page=$(
  exec 5<>"/dev/tcp/127.0.0.1/$http_port"
  printf 'GET / HTTP/1.0\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$http_port" >&5
  timeout 20 cat <&5
) || true
if [[ $login_page != *rcmloginuser* ]]; then
  tail -n 20 "$state_dir/roundcube/logs/errors.log" >&2 2>/dev/null || true
  fail "Roundcube did not serve its login page on http://127.0.0.1:$http_port/ (first line: ${login_page%%$'\r'*})"
fi
say "IMAP login and Roundcube login page answer"
if [ -n "$lease" ]; then
  echo "$lease_pid $(start_time_of "$lease_pid")" >"$state_dir/run/leases/$lease"
fi

cat <<EOF
VA_RC_URL=http://127.0.0.1:$http_port/
VA_RC_IMAP=127.0.0.1:$imap_port
VA_RC_USER=$mail_user
VA_RC_PASSWORD=$mail_password
VA_RC_LANGUAGE=$language
VA_RC_DIR=$state_dir
VA_RC_RESET_DONE=$reset_done
EOF
