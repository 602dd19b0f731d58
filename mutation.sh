#!/usr/bin/env bash
# Mutation testing with Stryker.NET (a local tool) over the unit/HTTP/component test project. Not part of ./test.sh or CI:
# it is slow. Pass the files to mutate (paths under src/StaffVoice.Web, globs allowed); with none, the rules and sweeps
# named in docs/testing.md. One area at a time finishes in well under 30 minutes on two cores.
#   ./mutation.sh Features/Responses/DraftImages.cs Data/AuditTrail.cs
# The MTP runner is required: Stryker's default VSTest runner does not see xunit v3 tests and reports a false 0%.
set -euo pipefail
cd "$(dirname "$0")"
dotnet tool restore >/dev/null
files=("$@")
if [[ ${#files[@]} -eq 0 ]]; then
  files=("Features/Responses/**/*.cs" "Features/Training/Sweeps/*.cs" "Data/AuditTrail.cs" "Features/Responses/DraftImages.cs" "Security/*.cs")
fi
args=()
for f in "${files[@]}"; do args+=(--mutate "$f"); done
# Generated code and Razor pages are not the rules under test.
args+=(--mutate "!**/Pages/**" --mutate "!**/Migrations/**")
cd tests/StaffVoice.Tests
# Tests one at a time while Stryker records which tests reach which mutant (tests/StaffVoice.Tests/MutationTesting.cs).
export StrykerSerialTests=true
dotnet stryker --project StaffVoice.Web.csproj --test-runner mtp --reporter progress --reporter dots --reporter html --reporter json \
  --output ../../artifacts/mutation --concurrency 2 "${args[@]}"
echo "Report: artifacts/mutation/reports/mutation-report.html"
