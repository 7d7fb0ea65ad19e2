#!/usr/bin/env bash
# Start-up time and memory of the engine: seconds from `java -jar` to /actuator/health = 200,
# and the process RSS at that moment, for the embedded default (fresh H2) and for MariaDB
# (fresh database kefu_bench_startup on 127.0.0.1:3306). Usage: bench/startup.sh [extra java options]
set -euo pipefail
cd "$(dirname "$0")/.."
jar=$(ls target/kefu-*.jar 2>/dev/null | head -1)
[ -n "$jar" ] || { mvn -q -B package -DskipTests; jar=$(ls target/kefu-*.jar | head -1); }
port=18080
work=$(mktemp -d)

measure() {
  local label=$1; shift
  local start end pid rss
  start=$(date +%s.%N)
  (cd "$work" && exec java "$@" -jar "$OLDPWD/$jar" --server.port=$port --kefu.home="$OLDPWD") > "$work/$label.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 900); do
    curl -s -o /dev/null -w '%{http_code}' "localhost:$port/actuator/health" 2>/dev/null | grep -q 200 && break
    sleep 0.1
  done
  end=$(date +%s.%N)
  rss=$(ps -o rss= -p "$pid")
  printf '%-10s ready %.1f s   RSS %d MiB\n' "$label" "$(echo "$end - $start" | bc)" $((rss / 1024))
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

rm -rf "$work/data"
# the start alone: no demo data (it is created after start-up, in the same process)
KEFU_DEMO_DATA=false measure embedded "$@"
mysql -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS kefu_bench_startup; CREATE DATABASE kefu_bench_startup CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
KEFU_DB_URL="jdbc:mysql://127.0.0.1:3306/kefu_bench_startup?sendFractionalSeconds=false&nullDatabaseMeansCurrent=true&rewriteBatchedStatements=true&useSSL=false&allowPublicKeyRetrieval=true" \
  KEFU_ADMIN_PASSWORD=startup SPRING_PROFILES_ACTIVE=mysql measure mariadb "$@"
rm -rf "$work"
