#!/usr/bin/env bash
# Makes this machine ready to grade: Debian's docker.io, debootstrap, redis-server and git installed
# (the service starts a private redis-server of its own unless REDIS_URL is set), dockerd running.
# Idempotent: installs only what is missing, starts dockerd only when it does not answer.
set -euo pipefail

log() { printf '[setup] %s\n' "$*" >&2; }

need_packages=()
command -v dockerd >/dev/null 2>&1 || need_packages+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || need_packages+=(debootstrap)
command -v redis-server >/dev/null 2>&1 || need_packages+=(redis-server)
# git: the service's git remote runs `git http-backend` (issue #10).
[ -x /usr/lib/git-core/git-http-backend ] || need_packages+=(git)
[ -x /usr/bin/docker-init ] || [ -x /usr/libexec/docker/docker-init ] || command -v tini >/dev/null 2>&1 || need_packages+=(tini)
# SOCKGRADE_EXTRA_PACKAGES: what only the tests need (`npm test` asks for chromium, for the browser tests).
for extra in ${SOCKGRADE_EXTRA_PACKAGES:-}; do
  dpkg -s "$extra" >/dev/null 2>&1 || need_packages+=("$extra")
done

if ((${#need_packages[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    log "missing Debian packages: ${need_packages[*]}. Install them as root: apt-get install ${need_packages[*]}"
    exit 1
  fi
  log "installing ${need_packages[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${need_packages[@]}" >/dev/null
fi

docker_answers() {
  node -e '
    const http = require("node:http");
    const req = http.get({ socketPath: process.env.SOCK, path: "/_ping", timeout: 2000 }, (res) => process.exit(res.statusCode === 200 ? 0 : 1));
    req.on("error", () => process.exit(1)); req.on("timeout", () => process.exit(1));
  ' 2>/dev/null
}
export SOCK=/var/run/docker.sock

if [ -n "${DOCKER_HOST:-}" ]; then
  log "DOCKER_HOST is set ($DOCKER_HOST): not starting a local dockerd"
  exit 0
fi

if ! docker_answers; then
  if [ "$(id -u)" -ne 0 ]; then
    log "dockerd is not running and this is not root: start it as root (dockerd &) or set DOCKER_HOST"
    exit 1
  fi
  log "starting dockerd (log: /var/log/sockgrade-dockerd.log)"
  setsid nohup dockerd >/var/log/sockgrade-dockerd.log 2>&1 < /dev/null &
  for _ in $(seq 1 60); do
    docker_answers && break
    sleep 0.5
  done
  if ! docker_answers; then
    log "dockerd did not come up within 30 s; last lines of its log:"
    tail -n 20 /var/log/sockgrade-dockerd.log >&2 || true
    exit 1
  fi
fi
log "docker engine is answering"
