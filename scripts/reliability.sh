#!/usr/bin/env bash
# Repeats a grading to show that its verdict is stable: a grader that passes the reference only most of the time,
# or rejects a mutant only when the machine is idle, is wrong.
#
# Usage: scripts/reliability.sh [-n RUNS] [--busy] [--mutants] TOPIC[,TOPIC...]
#
#   TOPIC      topic ids as in graders/src/main/resources/topics.json (lock,cores), or "all"
#   -n RUNS    how many times to grade (default 10)
#   --busy     keep one core busy with a spinning process for the whole run (it is killed on exit, Ctrl-C too)
#   --mutants  instead of the references, check the mutants: every one must be rejected in every run
#
# References (the default): grades solutions/ RUNS times with `mvn -o -q test -Psolutions -Dtopic=TOPIC` and
# counts the runs in which every selected topic earned full marks (read from graders/target/grading/report.json).
# Mutants: runs `mvn -o -q verify -Pselfcheck -Dtopic=TOPIC -Dtest='SelfCheckTest#mutantsAreRejected'` RUNS times
# and counts, per mutant, the runs that rejected it (read from Surefire's XML report).
#
# Prints one line per run, then a summary such as
#   references lock,cores: 10/10 full marks (idle); wall time per run: min 21.0 s, median 22.4 s, max 25.1 s
# Every run's Maven output and report are kept in target/reliability/. Works offline (-o): the dependencies must
# already be in the local repository. Uses ./mvnw when it can run, mvn otherwise.
#
# Exit status: 0 when every run was as expected, 1 when any was not, 2 on a usage or build error.

set -u

usage() {
    sed -n '/^# Usage:/,/^#   --mutants/s/^# \{0,1\}//p' "$0" >&2
    exit 2
}

runs=10
busy=0
mutants=0
topics=
while [ $# -gt 0 ]; do
    case $1 in
        -n) [ $# -ge 2 ] || usage; runs=$2; shift 2 ;;
        -n*) runs=${1#-n}; shift ;;
        --busy) busy=1; shift ;;
        --mutants) mutants=1; shift ;;
        -h | --help) usage ;;
        -*) echo "unknown option: $1" >&2; usage ;;
        *) [ -z "$topics" ] || usage; topics=$1; shift ;;
    esac
done
case $runs in '' | *[!0-9]* | 0) echo "RUNS must be a positive number, not '$runs'" >&2; usage ;; esac
[ -n "$topics" ] || usage

cd "$(dirname "$0")/.." || exit 2

manifest=graders/src/main/resources/topics.json
if [ "$topics" = all ]; then
    topic_arg=
    selected=$(sed -n 's/^ *"id": *"\([^"]*\)".*/\1/p' "$manifest")
else
    case $topics in *[!a-z0-9_,-]* | ,* | *, | *,,*) echo "not a topic list: $topics" >&2; usage ;; esac
    topic_arg=$topics
    selected=$(printf '%s\n' "$topics" | tr ',' '\n')
    for t in $selected; do
        grep -q "^ *\"id\": *\"$t\"" "$manifest" || { echo "no topic '$t' in $manifest" >&2; exit 2; }
    done
fi

if [ -f ./mvnw ] && sh ./mvnw -o -q -B -v </dev/null >/dev/null 2>&1; then
    mvn_cmd=(sh ./mvnw)
else
    mvn_cmd=(mvn)
fi
maven() {
    "${mvn_cmd[@]}" -o -q -B "$@" </dev/null
}

logs=target/reliability
rm -rf "$logs"
mkdir -p "$logs" || exit 2

# Seconds since the epoch, with a fraction where the system offers one (bash 5, GNU date, python3).
now() {
    if [ -n "${EPOCHREALTIME:-}" ]; then
        printf '%s\n' "${EPOCHREALTIME/,/.}"
        return
    fi
    local t
    t=$(date +%s.%N)
    case $t in
        *N | *.) if command -v python3 >/dev/null 2>&1; then
                     python3 -c 'import time; print("%.3f" % time.time())'
                 else
                     date +%s
                 fi ;;
        *) printf '%s\n' "$t" ;;
    esac
}

busy_pid=
# shellcheck disable=SC2317  # called through the trap below
stop_busy() {
    if [ -n "$busy_pid" ]; then
        kill "$busy_pid" 2>/dev/null
        wait "$busy_pid" 2>/dev/null
        busy_pid=
    fi
}
trap stop_busy EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "$mutants" = 1 ]; then
    profile=-Pselfcheck
else
    profile=-Psolutions
fi
echo "compiling ($profile) ..."
if ! maven test-compile "$profile" >"$logs/compile.log" 2>&1; then
    tail -n 30 "$logs/compile.log"
    echo "the build does not compile; see $logs/compile.log" >&2
    exit 2
fi

if [ "$busy" = 1 ]; then
    sh -c 'while :; do :; done' &
    busy_pid=$!
    mode="one core busy"
else
    mode=idle
fi

label=${topics}
times=$logs/times.txt
: >"$times"

# Runs one Maven command, timed; the seconds go to $times and to $elapsed, the exit code to $status.
timed_maven() {
    local log=$1 start end
    shift
    start=$(now)
    maven "$@" >"$log" 2>&1
    status=$?
    end=$(now)
    elapsed=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
    echo "$elapsed" >>"$times"
}

time_summary() {
    sort -n "$times" | awk '{ t[NR] = $1 }
        END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
              printf "wall time per run: min %.1f s, median %.1f s, max %.1f s", t[1], m, t[NR] }'
}

# For each topic of a pretty-printed report.json: "id points max status", one line each. Topic-level fields
# are the first "points", "max" and "status" after the topic's "id" (tests have none of the first two, and
# their "status" comes after the topic's own).
topic_lines() {
    awk '
        function value(line) { sub(/^ *"[a-z]*": */, "", line); sub(/,$/, "", line); gsub(/"/, "", line); return line }
        /^ *"id": /     { if (id != "") print id, p, m, s; id = value($0); p = m = s = ""; next }
        id == ""        { next }
        /^ *"points": / { if (p == "") p = value($0); next }
        /^ *"max": /    { if (m == "") m = value($0); next }
        /^ *"status": / { if (s == "") s = value($0); next }
        END             { if (id != "") print id, p, m, s }
    ' "$1"
}

# For each testcase of Surefire's XML report: "key verdict", verdict "rejected" (no failure, error or skip) or
# "not-rejected". The key is the mutant ("topic/id"), from the test's name when it starts with it, else from
# what the test printed or failed with; else the test's raw name. Text inside CDATA sections is never markup.
mutant_lines() {
    awk '
        function unescape(s) {
            gsub(/&quot;/, "\"", s); gsub(/&apos;/, "\047", s); gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s)
            gsub(/&amp;/, "\\&", s); return s
        }
        function mutant_in(s, prefix,    r) {
            if (match(s, prefix "[a-z0-9_-]+/[A-Za-z0-9_.-]+")) {
                r = substr(s, RSTART + length(prefix), RLENGTH - length(prefix)); return r
            }
            return ""
        }
        function emit() {
            k = key; if (k == "") k = name
            print k, (bad ? "not-rejected" : "rejected")
            open = 0
        }
        # Leaves in_cdata as it stands at the end of the line.
        function scan_cdata(line,    i) {
            while (1) {
                if (in_cdata) { i = index(line, "]]>"); if (!i) return; in_cdata = 0; line = substr(line, i + 3) }
                else { i = index(line, "<![CDATA["); if (!i) return; in_cdata = 1; line = substr(line, i + 9) }
            }
        }
        {
            markup = !in_cdata
            if (markup && $0 ~ /^[ \t]*<testcase[ >]/) {
                if (open) emit()
                open = 1; bad = 0; key = ""; name = ""
                if (match($0, /name="[^"]*"/)) name = unescape(substr($0, RSTART + 6, RLENGTH - 7))
                if (match(name, /^[a-z0-9_-]+\/[A-Za-z0-9_.-]+: /)) key = substr(name, 1, RLENGTH - 2)
                if ($0 ~ /\/>[ \t]*$/) { emit(); next }
            } else if (open && markup && $0 ~ /^[ \t]*<(failure|error|skipped|flakyFailure|flakyError|rerunFailure|rerunError)[ >\/]/) {
                bad = 1
            } else if (open && markup && $0 ~ /^[ \t]*<\/testcase>/) {
                emit(); next
            }
            if (open && key == "") {
                key = mutant_in(unescape($0), "rejected ")
                if (key == "") key = mutant_in(unescape($0), "mutant ")
            }
            scan_cdata($0)
        }
        END { if (open) emit() }
    ' "$1"
}

failed_runs=0

if [ "$mutants" = 0 ]; then
    report=graders/target/grading/report.json
    full_runs=0
    i=1
    while [ "$i" -le "$runs" ]; do
        rm -f "$report"
        timed_maven "$logs/run-$i.log" test -Psolutions ${topic_arg:+"-Dtopic=$topic_arg"}
        verdict=
        if [ -f "$report" ]; then
            cp "$report" "$logs/run-$i-report.json"
            lines=$(topic_lines "$report")
            for t in $selected; do
                line=$(printf '%s\n' "$lines" | awk -v t="$t" '$1 == t')
                if [ -z "$line" ]; then
                    verdict="$verdict; $t missing from the report"
                    continue
                fi
                read -r _ points max state <<EOF
$line
EOF
                if [ -z "$max" ] || [ "$points" != "$max" ] || [ "$max" = 0 ]; then
                    verdict="$verdict; $t ${points:-?}/${max:-?} ${state:-?}"
                fi
            done
        else
            verdict="; no report.json"
        fi
        if [ -z "$verdict" ] && [ "$status" != 0 ]; then
            verdict="; full marks, but Maven exited with $status"
        fi
        if [ -z "$verdict" ]; then
            full_runs=$((full_runs + 1))
            echo "run $i/$runs: full marks ($elapsed s)"
        else
            failed_runs=$((failed_runs + 1))
            echo "run $i/$runs: NOT full marks: ${verdict#; } ($elapsed s; $logs/run-$i.log)"
        fi
        i=$((i + 1))
    done
    echo "references $label: $full_runs/$runs full marks ($mode); $(time_summary)"
else
    xml=graders/target/surefire-reports/TEST-threadlings.selfcheck.SelfCheckTest.xml
    tally=$logs/tally.txt
    : >"$tally"
    # The mutants the self-check must find: each folder with a mutant.properties, of a selected topic.
    expected=
    expected_count=0
    for t in $selected; do
        for p in graders/src/mutants/"$t"/*/mutant.properties; do
            [ -f "$p" ] || continue
            m=${p#graders/src/mutants/}
            expected="$expected ${m%/mutant.properties}"
            expected_count=$((expected_count + 1))
        done
    done
    i=1
    while [ "$i" -le "$runs" ]; do
        rm -f "$xml"
        timed_maven "$logs/run-$i.log" verify -Pselfcheck ${topic_arg:+"-Dtopic=$topic_arg"} \
            '-Dtest=SelfCheckTest#mutantsAreRejected' -Dsurefire.failIfNoSpecifiedTests=false
        if [ -f "$xml" ]; then
            cp "$xml" "$logs/run-$i-surefire.xml"
            mutant_lines "$xml" >"$logs/run-$i-mutants.txt"
        else
            : >"$logs/run-$i-mutants.txt"
        fi
        # Every expected mutant gets a line; one the report lacks was not rejected in this run.
        for m in $expected; do
            grep -q "^$m " "$logs/run-$i-mutants.txt" || echo "$m not-rejected" >>"$logs/run-$i-mutants.txt"
        done
        awk -v run="$i" '{ print run, $0 }' "$logs/run-$i-mutants.txt" >>"$tally"
        rejected=$(grep -c ' rejected$' "$logs/run-$i-mutants.txt")
        total=$(wc -l <"$logs/run-$i-mutants.txt" | tr -d ' ')
        if [ "$rejected" = "$total" ] && [ "$total" -gt 0 ] && [ "$status" = 0 ]; then
            echo "run $i/$runs: $rejected/$total mutants rejected ($elapsed s)"
        else
            failed_runs=$((failed_runs + 1))
            escaped=$(awk '$2 != "rejected" { printf "%s%s", sep, $1; sep = ", " }' "$logs/run-$i-mutants.txt")
            [ -f "$xml" ] || escaped="no Surefire report${escaped:+; $escaped}"
            [ -n "$escaped" ] || escaped="Maven exited with $status"
            echo "run $i/$runs: $rejected/$total mutants rejected; not: $escaped ($elapsed s; $logs/run-$i.log)"
        fi
        i=$((i + 1))
    done
    # Per mutant: in how many runs it was rejected.
    awk -v runs="$runs" '
        { seen[$2] = 1; if ($3 == "rejected") ok[$2]++ }
        END { for (m in seen) printf "%s: rejected in %d/%d runs%s\n", m, ok[m], runs, (ok[m] == runs ? "" : "  <--") }
    ' "$tally" | sort
    always=$(awk -v runs="$runs" '{ seen[$2] = 1; if ($3 == "rejected") ok[$2]++ }
        END { n = 0; for (m in seen) if (ok[m] == runs) n++; print n }' "$tally")
    kinds=$(awk '{ seen[$2] = 1 } END { n = 0; for (m in seen) n++; print n }' "$tally")
    echo "mutants $label: $always/$kinds rejected in every one of $runs runs ($expected_count expected; $mode); $(time_summary)"
fi

if [ "$failed_runs" -gt 0 ]; then
    echo "$failed_runs of $runs runs were not as expected; logs in $logs/"
    exit 1
fi
exit 0
