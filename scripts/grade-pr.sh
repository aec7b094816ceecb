#!/usr/bin/env bash
# Grades a pull request with the graders of its base: the one command the grading workflows run.
#
# Usage: scripts/grade-pr.sh [options] REPO BASE HEAD OUTDIR
#
# REPO is a local git repository holding the BASE (trusted) and HEAD (student) commits; the results go to OUTDIR.
# Options are GradePullRequest's: --topic=IDS, --offline, --maven=COMMAND, --timeout=SECONDS, --student=NAME,
# --github, --paths-only, --keep (see graders/src/main/java/threadlings/grading/pr/GradePullRequest.java).
#
# This script compiles the command from this copy of the kit with javac (it needs only the JDK) and runs it.
# Run it from a checkout of the trusted base, never from the student's commit.

set -eu

kit=$(cd "$(dirname "$0")/.." && pwd)
src=$kit/graders/src/main/java/threadlings/grading
classes=$(mktemp -d "${TMPDIR:-/tmp}/threadlings-pr.XXXXXX")
trap 'rm -rf "$classes"' EXIT

javac -nowarn -encoding UTF-8 -d "$classes" "$src/Json.java" "$src/Lang.java" "$src/Manifest.java" "$src"/pr/*.java
status=0
java -cp "$classes" threadlings.grading.pr.GradePullRequest "$@" || status=$?
exit "$status"
