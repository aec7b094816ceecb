#!/usr/bin/env bash
# Writes a student copy of the kit to a folder: what an instructor pushes as the class's template repository.
#
# Usage: scripts/export-template.sh DIR
#
#   DIR   the folder to write; it must not exist yet, or be empty
#
# The copy has the exercises (stubs and given classes), the graders and their harness, the Maven wrapper, the
# student-facing README and the workflows that grade pull requests and a whole class (both kept in
# scripts/template/, so that they run in the class's repositories and not in the kit's own), with the scripts
# they run (scripts/grade-pr.sh, scripts/gradebook.sh). It has no reference solutions, no mutants, no self-check
# or kit tests, and none of the maintainers' CI, scripts or guide; its pom.xml no longer lists the solutions
# module.
#
# Files are those git tracks in this working tree (committed or staged), as they are on disk.
# In the copy, `mvn test` (or ./mvnw test) grades every topic and prints the scoreboard.

set -eu

usage() {
    sed -n '/^# Usage:/,/^#   DIR/s/^# \{0,1\}//p' "$0" >&2
    exit 2
}

[ $# -eq 1 ] || usage
case $1 in -*) usage ;; esac
dest=$1

kit=$(cd "$(dirname "$0")/.." && pwd)
if [ -e "$dest" ] && [ -n "$(ls -A "$dest" 2>/dev/null)" ]; then
    echo "export-template: $dest is not empty" >&2
    exit 2
fi
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
case $dest/ in "$kit"/*) echo "export-template: $dest is inside the kit" >&2; exit 2 ;; esac

# What a student copy leaves out, as path prefixes.
excluded() {
    case $1 in
        solutions/* | graders/src/mutants/* | graders/src/hostile/* | graders/src/test/java/threadlings/selfcheck/* | \
        graders/src/test/java/threadlings/grading/* | graders/src/test/java/threadlings/fixtures/* | \
        .ci/* | .github/workflows/ci.yml | scripts/reliability.sh | scripts/export-template.sh | \
        scripts/template/* | CONTRIBUTING.md | README.md)
            return 0 ;;
    esac
    return 1
}

count=0
while IFS= read -r -d '' path; do
    [ -f "$kit/$path" ] || continue # deleted in the working tree
    excluded "$path" && continue
    mkdir -p "$dest/$(dirname "$path")"
    cp -p "$kit/$path" "$dest/$path"
    count=$((count + 1))
done < <(git -C "$kit" ls-files -z --cached)

cp "$kit/scripts/template/README.md" "$dest/README.md"
mkdir -p "$dest/.github/workflows"
cp "$kit"/scripts/template/.github/workflows/*.yml "$dest/.github/workflows/"
# The copy has no solutions module.
sed '/<module>solutions<\/module>/d' "$kit/pom.xml" >"$dest/pom.xml"

echo "export-template: wrote $((count + 1 + $(find "$kit/scripts/template/.github/workflows" -name '*.yml' | wc -l))) files to $dest"
