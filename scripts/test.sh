#!/usr/bin/env bash
# `npm test`: installs what the tests need, then runs every test on SQLite and again on MariaDB.
# As root it installs the Debian packages the real-peer tests drive and starts MariaDB and Redis
# when they are not already running.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n== %s\n' "$*"; }

if [ "$(id -u)" = 0 ]; then
  missing=()
  # Debian package -> a file it installs.
  for pair in sip-tester:/usr/bin/sipp baresip:/usr/bin/baresip chromium:/usr/bin/chromium kamailio:/usr/sbin/kamailio \
              espeak-ng:/usr/bin/espeak-ng sox:/usr/bin/sox mariadb-server:/usr/sbin/mariadbd redis-server:/usr/bin/redis-server \
              mariadb-client:/usr/bin/mariadb-admin; do
    [ -e "${pair#*:}" ] || missing+=("${pair%%:*}")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    # Waits for another apt run (an unattended upgrade) instead of failing on its lock.
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
  fi
  if ! mariadb-admin -h127.0.0.1 -uroot ping >/dev/null 2>&1; then
    log "starting MariaDB"
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
    for _ in $(seq 1 60); do mariadb-admin -h127.0.0.1 -uroot ping >/dev/null 2>&1 && break; sleep 1; done
  fi
  if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
    log "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
    for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 1; done
  fi
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund
fi

log "lint";      npm run -s lint
log "typecheck"; npm run -s typecheck
log "build";     npm run -s build

status=0
# The FreeSWITCH engine runs the same contract suite, the voice ACD end to end and the outage tests
# when DRACHTIO_*/FREESWITCH_* point at a live stack (and the browser softphone when DRACHTIO_WS_URL
# names drachtio's WebSocket); without one every test reports itself skipped with the reason (CI has
# none). One file at a time: drachtio-server shares INVITEs among apps.
log "engine contract suite, voice ACD, softphone and outages on FreeSWITCH"
TELEPHONY_ENGINE=freeswitch npx vitest run --no-file-parallelism telephony/contract/{dtmf,lifecycle,audio,features}.contract.test.ts \
  test/e2e/voice-acd.test.ts test/e2e/voice-dropped-caller.test.ts test/e2e/softphone.test.ts test/e2e/freeswitch-outage.test.ts || status=1
log "tests on SQLite"
env -u DATABASE_URL npx vitest run "$@" || status=1
log "tests on MariaDB (127.0.0.1:3306, a fresh database per test file)"
DATABASE_URL="${TEST_MYSQL_URL:-mysql://root@127.0.0.1:3306/test}" npx vitest run "$@" || status=1
exit $status
