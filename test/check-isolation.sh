#!/usr/bin/env bash
# Proves that `npm test` owns its Redis: a foreign Redis on 127.0.0.1:6379 holding keys is never
# touched (not one connection), whether REDIS_URL is unset or points at it, and no process
# started by the run is left behind. Runs in a private network namespace (`unshare -rn`) so
# the foreign Redis can take port 6379 without disturbing the machine's. Not part of CI
# (it runs the whole suite twice): `npm run test:isolation`.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" != "--inside" ]]; then
  if ! unshare -rn true 2>/dev/null; then
    echo "check-isolation: needs 'unshare -rn' (user + network namespaces) to own port 6379" >&2
    exit 2
  fi
  npm run build --silent
  exec unshare -rn bash -c 'ip link set lo up && exec "$0" --inside' "$0"
fi

dir=$(mktemp -d)
mark="isolation-$RANDOM$RANDOM"
foreign_pid=""
cleanup() {
  [[ -n "$foreign_pid" ]] && kill "$foreign_pid" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT

redis-server --port 6379 --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" >"$dir/log" 2>&1 &
foreign_pid=$!
for _ in $(seq 1 50); do redis-cli -p 6379 ping >/dev/null 2>&1 && break; sleep 0.1; done
for i in $(seq 1 100); do echo "SET foreign:key:$i value-$i"; done | redis-cli -p 6379 >/dev/null
redis-cli -p 6379 HSET foreign:hash owner someone-else >/dev/null

snapshot() { redis-cli -p 6379 --scan | sort | md5sum | cut -d' ' -f1; }
connections() { redis-cli -p 6379 INFO stats | tr -d '\r' | sed -n 's/^total_connections_received://p'; }

leftovers() {
  # Processes (other than this script and the foreign Redis) that inherited the run's marker.
  local pid
  for env in /proc/[0-9]*/environ; do
    pid=${env#/proc/}; pid=${pid%/environ}
    [[ "$pid" == "$$" || "$pid" == "$foreign_pid" || "$pid" == "$BASHPID" ]] && continue
    if { tr '\0' '\n' <"$env"; } 2>/dev/null | grep -qx "ISOLATION_MARK=$mark"; then
      [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" == "Z" ]] && continue
      echo "$pid $({ tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null)"
    fi
  done
  # redis-server overwrites its environment with its title: find servers by their sockets
  # instead. This network namespace is ours, so any listener but the foreign Redis is a leak.
  ss -Hltnp | grep -v '127.0.0.1:6379 ' || true
}

failed=0
run_case() {
  local label=$1; shift
  local keys_before conns_before conns_after keys_after left
  keys_before=$(snapshot)
  conns_before=$(connections)
  echo "== npm test, $label"
  if ! env ISOLATION_MARK="$mark" "$@" npx vitest run --config test/vitest.config.ts >"$dir/test.log" 2>&1; then
    tail -40 "$dir/test.log"; echo "FAIL: npm test failed ($label)"; failed=1
  else
    grep -E 'Test Files|Tests ' "$dir/test.log" | sed 's/\x1b\[[0-9;]*m//g'
  fi
  conns_after=$(connections)
  keys_after=$(snapshot)
  # The INFO call that read conns_after is the one connection expected since conns_before.
  if (( conns_after - conns_before != 1 )); then
    echo "FAIL: the run connected to the foreign Redis on 6379 ($((conns_after - conns_before - 1)) connections)"; failed=1
  fi
  if [[ "$keys_before" != "$keys_after" ]]; then echo "FAIL: the foreign Redis's keys changed"; failed=1; fi
  left=$(leftovers)
  if [[ -n "$left" ]]; then echo "FAIL: processes left behind:"; echo "$left"; failed=1; fi
  echo "   foreign Redis: $(redis-cli -p 6379 DBSIZE) keys, untouched; leftover processes: $(echo -n "$left" | grep -c . || true)"
}

run_case "REDIS_URL unset" env -u REDIS_URL
run_case "REDIS_URL=redis://127.0.0.1:6379 (the foreign one)" env REDIS_URL=redis://127.0.0.1:6379
run_case "REDIS_URL=redis://:secret@127.0.0.1:6379/2" env REDIS_URL=redis://:secret@127.0.0.1:6379/2

if (( failed )); then echo "isolation check: FAILED"; exit 1; fi
echo "isolation check: passed"
