#!/usr/bin/env bash
# The outbox relay's due query with a backlog of N pending deliveries behind 50,000 delivered ones,
# ordered by id and by (next_attempt_at, id): plan, Handler_read counters, time.
#   bench/explain/outbox-due.sh <database made by bench/run or bench/sqltrace> [pending=200000]
# MariaDB at 127.0.0.1, root; works in a scratch database kefu_explain_outbox, dropped at the end.
set -euo pipefail
src=${1:?name a database made by bench/run or bench/sqltrace}; n=${2:-200000}; db=kefu_explain_outbox
sql() { mysql -uroot "$@"; }
table=$(mktemp); trap 'rm -f "$table"' EXIT
sql -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
sql -N "$src" -e "SHOW CREATE TABLE outbox_delivery" | cut -f2 | sed 's/\\n/\n/g' \
  | grep -v "CONSTRAINT .fk_" | perl -0pe 's/,\s*\n\)/\n)/' > "$table"
sql "$db" < "$table"
sql "$db" -e "
INSERT INTO outbox_delivery (event_id, destination, aggregate_id, status, attempts, next_attempt_at)
SELECT seq, 'erp', seq, 'DELIVERED', 1, NOW() - INTERVAL 1 DAY FROM seq_1_to_50000;
INSERT INTO outbox_delivery (event_id, destination, aggregate_id, status, attempts, next_attempt_at)
SELECT 100000 + seq, 'erp', 100000 + (seq DIV 2), 'PENDING', 3, NOW() - INTERVAL (seq MOD 3600) SECOND FROM seq_1_to_$n;
ANALYZE TABLE outbox_delivery" > /dev/null
measure() { # $1 = ORDER BY; the statement OutboxRelay sends, with the time as a literal
  local now q; now=$(sql -N -e "SELECT NOW(3)")
  q="SELECT d.id FROM outbox_delivery d WHERE d.status = 'PENDING' AND d.next_attempt_at <= '$now' AND (d.claimed_until IS NULL OR d.claimed_until < '$now') AND NOT EXISTS (SELECT 1 FROM outbox_delivery e WHERE e.destination = d.destination AND e.aggregate_id = d.aggregate_id AND e.status = 'PENDING' AND e.event_id < d.event_id) ORDER BY $1 LIMIT 50"
  sql "$db" -e "EXPLAIN $q" | awk -F'\t' 'NR>1 {print "  plan:", $3, $4, "key=" $6, "rows=" $9, $10}'
  sql "$db" -e "FLUSH STATUS; $q; SHOW SESSION STATUS LIKE 'Handler_read%'" \
    | awk -F'\t' '/Handler_read_(key|next|rnd_next)/ {printf "  %s %s\n", $1, $2}'
  local t0 t1; t0=$(date +%s%N); for _ in $(seq 10); do sql "$db" -e "$q" > /dev/null; done; t1=$(date +%s%N)
  echo "  $(( (t1 - t0) / 10000000 )) ms per query including the mysql client's start"
}
for order in "d.id" "d.next_attempt_at, d.id"; do
  echo "== ORDER BY $order: $n pending, all due"
  measure "$order"
done
sql "$db" -e "UPDATE outbox_delivery SET next_attempt_at = NOW() + INTERVAL 5 MINUTE WHERE status = 'PENDING'"
for order in "d.id" "d.next_attempt_at, d.id"; do
  echo "== ORDER BY $order: $n pending, all in back-off"
  measure "$order"
done
sql -e "DROP DATABASE $db"
