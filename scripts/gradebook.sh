#!/usr/bin/env bash
# The class-wide grading's commands, which .github/workflows/grade-class.yml runs.
#
# Usage: scripts/gradebook.sh matrix LIST
#        scripts/gradebook.sh merge FOLDER CSV [--students=LIST] [--github]
#
# matrix: prints the repositories of LIST (owner/name, separated by spaces, commas or new lines) as a JSON array.
# merge:  writes CSV, one row per student, from every grade.json under FOLDER (as scripts/grade-pr.sh writes it):
#         student, points per topic, total, note. See graders/src/main/java/threadlings/grading/pr/Gradebook.java.
#
# This script compiles the command from this copy of the kit with javac (it needs only the JDK) and runs it.

set -eu

kit=$(cd "$(dirname "$0")/.." && pwd)
src=$kit/graders/src/main/java/threadlings/grading
classes=$(mktemp -d "${TMPDIR:-/tmp}/threadlings-gradebook.XXXXXX")
trap 'rm -rf "$classes"' EXIT

javac -nowarn -encoding UTF-8 -d "$classes" "$src/Json.java" "$src/Lang.java" "$src/Manifest.java" "$src"/pr/*.java
status=0
java -cp "$classes" threadlings.grading.pr.Gradebook "$@" || status=$?
exit "$status"
