#!/usr/bin/env bash
# Camunda's job acquisition query with N waiting timer jobs (each resolved ticket keeps an auto-close
# timer), without and with an index on ACT_RU_JOB(DUEDATE_): plan, Handler_read counters, time.
#   bench/explain/job-acquisition.sh <database made by bench/run or bench/sqltrace> [timers=100000]
# MariaDB at 127.0.0.1, root; works in a scratch database kefu_explain_jobs, dropped at the end.
set -euo pipefail
src=${1:?name a database made by bench/run or bench/sqltrace}; n=${2:-100000}; db=kefu_explain_jobs
sql() { mysql -uroot "$@"; }
table=$(mktemp); trap 'rm -f "$table"' EXIT
sql -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
# Camunda's table as created there, without foreign keys (nothing else is copied) or Kefu's own index.
sql -N "$src" -e "SHOW CREATE TABLE ACT_RU_JOB" | cut -f2 | sed 's/\\n/\n/g' \
  | grep -v "CONSTRAINT\|KEFU_IDX_JOB_DUEDATE" | perl -0pe 's/,\s*\n\)/\n)/' > "$table"
sql "$db" < "$table"
sql "$db" -e "
INSERT INTO ACT_RU_JOB (ID_, REV_, TYPE_, EXCLUSIVE_, EXECUTION_ID_, PROCESS_INSTANCE_ID_, RETRIES_, DUEDATE_, HANDLER_TYPE_, SUSPENSION_STATE_, PRIORITY_)
SELECT UUID(), 1, 'timer', 1, UUID(), UUID(), 3, NOW() + INTERVAL 3 DAY, 'timer-intermediate-transition', 1, 0 FROM seq_1_to_$n;
INSERT INTO ACT_RU_JOB (ID_, REV_, TYPE_, EXCLUSIVE_, EXECUTION_ID_, PROCESS_INSTANCE_ID_, RETRIES_, DUEDATE_, HANDLER_TYPE_, SUSPENSION_STATE_, PRIORITY_)
SELECT UUID(), 1, 'message', 1, UUID(), UUID(), 3, NULL, 'async-continuation', 1, 0 FROM seq_1_to_3;
ANALYZE TABLE ACT_RU_JOB" > /dev/null
query() { # the statement Camunda 7.24 sends (statements.sql of bench/sqltrace), with the times as literals
  local now; now=$(sql -N -e "SELECT NOW()")
  echo "select RES.ID_, RES.REV_, RES.DUEDATE_, RES.PROCESS_INSTANCE_ID_, RES.EXCLUSIVE_ from ACT_RU_JOB RES where (RES.RETRIES_ > 0) and ( RES.DUEDATE_ is null or RES.DUEDATE_ <= '$now' ) and (RES.LOCK_OWNER_ is null or RES.LOCK_EXP_TIME_ < '$now') and RES.SUSPENSION_STATE_ = 1 and ( ( RES.EXCLUSIVE_ = 1 and not exists( select J2.ID_ from ACT_RU_JOB J2 where J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_ and (J2.EXCLUSIVE_ = 1) and (J2.LOCK_OWNER_ is not null and J2.LOCK_EXP_TIME_ >= '$now') ) ) or RES.EXCLUSIVE_ = 0 ) LIMIT 3 OFFSET 0"
}
measure() {
  local q; q=$(query)
  sql "$db" -e "EXPLAIN $q" | awk -F'\t' 'NR>1 {print "  plan:", $3, $4, "key=" $6, "rows=" $9, $10}'
  sql "$db" -e "FLUSH STATUS; $q; SHOW SESSION STATUS LIKE 'Handler_read%'" \
    | awk -F'\t' '/Handler_read_(key|next|rnd_next)/ {printf "  %s %s\n", $1, $2}'
  local t0 t1; t0=$(date +%s%N); for _ in $(seq 20); do sql "$db" -e "$q" > /dev/null; done; t1=$(date +%s%N)
  echo "  $(( (t1 - t0) / 20000000 )) ms per query including the mysql client's start"
}
for index in without with; do
  if [ $index = with ]; then sql "$db" -e "CREATE INDEX KEFU_IDX_JOB_DUEDATE ON ACT_RU_JOB (DUEDATE_); ANALYZE TABLE ACT_RU_JOB" > /dev/null; fi
  echo "== $index an index on DUEDATE_: $n timers due in 3 days, 3 async jobs due now"
  measure
  sql "$db" -e "UPDATE ACT_RU_JOB SET DUEDATE_ = NOW() + INTERVAL 1 DAY WHERE TYPE_ = 'message'"
  echo "== $index an index on DUEDATE_: nothing due (the idle poll)"
  measure
  sql "$db" -e "UPDATE ACT_RU_JOB SET DUEDATE_ = NULL WHERE TYPE_ = 'message'"
done
t0=$(date +%s%N); for _ in $(seq 20); do sql -e "SELECT 1" > /dev/null; done; t1=$(date +%s%N)
echo "(the mysql client's start alone: $(( (t1 - t0) / 20000000 )) ms)"
sql -e "DROP DATABASE $db"
