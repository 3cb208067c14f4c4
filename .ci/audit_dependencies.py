"""Supply chain: pip-audit's report on the pinned requirements, read and summed up.

Fails (exit 1) on any known vulnerability. A package pip-audit could not look up (its
vulnerability service is out of reach from this machine) is listed, and the summary says plainly
how many were not audited, so "no vulnerabilities" is never claimed for what was not checked.
Run by `make audit-deps` and by CI; usage: audit_dependencies.py REPORT.json
"""

import json
import sys

report = json.load(open(sys.argv[1]))  # noqa: SIM115 (a one-shot script)
dependencies = report["dependencies"]
vulnerable = [d for d in dependencies if d.get("vulns")]
skipped = [d for d in dependencies if d.get("skip_reason")]
audited = len(dependencies) - len(skipped)

for dependency in vulnerable:
    for vuln in dependency["vulns"]:
        fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed release yet"
        print(f"VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']} ({fixed})")
print(
    f"pip-audit: {len(dependencies)} pinned packages, {audited} audited, "
    f"{len(vulnerable)} with known vulnerabilities, {len(skipped)} not audited."
)
if skipped:
    print(
        "Not audited: the vulnerability service did not know these versions or could not be "
        "reached from this machine: " + ", ".join(d["name"] for d in skipped)
    )
sys.exit(1 if vulnerable else 0)
