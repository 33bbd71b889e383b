#!/usr/bin/env bash
# Dependency audit: every installed Python package (pip-audit, PyPI's advisory data) and the
# front-end packages the app serves (npm audit --omit=dev, high and critical). Fails on a finding.
# Where this machine cannot reach an advisory service at all, it says so and does not pretend to pass.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0

# The probe asks for a package and version we pin: a mirror that serves only the simple index
# answers 404 there, and pip-audit would then skip every package and still say "no vulnerabilities".
probe=$(grep -m1 '^flask==' requirements.txt | sed 's/==/\//')
if curl -sf -m 15 -o /dev/null "https://pypi.org/pypi/$probe/json"; then
  .venv/bin/pip-audit --progress-spinner off --skip-editable --strict || status=1
else
  echo "audit: PyPI's advisory data (pypi.org/pypi/$probe/json) is not reachable from this machine; pip-audit NOT run"
fi

if npm ping >/dev/null 2>&1 && npm audit --omit=dev --audit-level=high >/tmp/npm-audit.$$ 2>&1; then
  cat /tmp/npm-audit.$$
elif grep -q "audit endpoint returned an error\|405 Method Not Allowed\|ENOTFOUND\|ECONNREFUSED" /tmp/npm-audit.$$ 2>/dev/null; then
  echo "audit: the npm registry's advisory endpoint is not reachable from this machine; npm audit NOT run"
else
  cat /tmp/npm-audit.$$ 2>/dev/null; status=1
fi
rm -f /tmp/npm-audit.$$
exit $status
