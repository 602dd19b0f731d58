#!/usr/bin/env bash
# The one test command. On a Debian machine it first installs what the tests need (Chromium from Debian's packages,
# nginx, axe-core from npm, the dotnet local tools), then builds, checks that the SQL Server migrations script, runs every
# test project and ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
results="$root/artifacts/test-results"
say() { echo "test.sh: $*"; }
finish() { echo "$1 passed, $2 failed"; exit "$3"; }

# Chromium for the browser tests and nginx for the scale-out test: Debian's packages (Chromium unless STAFFVOICE_CHROMIUM
# names another). RUNLEVEL=1 keeps the package scripts from starting nginx as a service.
packages=()
[[ -z "${STAFFVOICE_CHROMIUM:-}" && ! -x /usr/bin/chromium ]] && packages+=(chromium fonts-dejavu-core)
[[ ! -x /usr/sbin/nginx ]] && packages+=(nginx-light)
if [[ ${#packages[@]} -gt 0 ]]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
    say "installing ${packages[*]} from Debian's packages"
    $sudo apt-get update -qq && $sudo env RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null \
      || { say "could not install ${packages[*]}"; finish 0 1 1; }
  else
    say "missing ${packages[*]}: install them (Chromium at /usr/bin/chromium or STAFFVOICE_CHROMIUM, nginx at /usr/sbin/nginx)"; finish 0 1 1
  fi
fi

say "installing axe-core for the browser tests"
(cd tests/StaffVoice.BrowserTests && npm ci --no-audit --no-fund --loglevel=error) || { say "npm ci failed"; finish 0 1 1; }

say "restoring dotnet local tools"
dotnet tool restore >/dev/null || { say "dotnet tool restore failed"; finish 0 1 1; }

say "building"
dotnet build StaffVoice.sln -nologo -v quiet || { say "build failed"; finish 0 1 1; }

# No SQL Server runs here, so generating the idempotent script is what proves the SQL Server migrations are sound.
say "scripting the SQL Server migrations"
mkdir -p artifacts/sql
dotnet ef migrations script --idempotent --no-build --project src/StaffVoice.Web --context StaffVoiceDb \
  --output artifacts/sql/staffvoice-sqlserver.sql >/dev/null || { say "the SQL Server migrations do not script"; finish 0 1 1; }

say "running the tests"
rm -rf "$results"
# One test project at a time (-m:1): the browser journeys time their waits for a machine that is not also running the
# 1,700 service and HTTP tests; run side by side on two cores, a 40,000-character save waited past 15 s (session 11).
dotnet test StaffVoice.sln --no-build -nologo -m:1 --logger "trx" --results-directory "$results"
status=$?

passed=0; failed=0; files=0
for trx in "$results"/*.trx; do
  [[ -f $trx ]] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [[ $files -lt 2 ]]; then say "expected results from both test projects, found $files"; failed=$((failed + 1)); status=1; fi
if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
finish "$passed" "$failed" "$([[ $status -eq 0 && $failed -eq 0 ]] && echo 0 || echo 1)"
