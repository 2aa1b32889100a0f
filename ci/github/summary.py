"""The action's job summary: markdown from vaultsweep's JSON report (secrets masked).

usage: summary.py REPORT.json RANGE EXIT_CODE FAIL_ON SARIF SHA   (markdown on stdout)

Counts by tier, the verdict, and one row per finding (the first 100). Every value that comes
from the repository (paths, key names, commit subjects) is written as character references, so
no file name can add markdown, HTML or table cells to the summary.
"""

import json
import sys

TIERS = ["critical", "high", "medium", "low"]
ICONS = {"critical": "🔴", "high": "🟠", "medium": "🟡", "low": "⚪"}
MAX_ROWS = 100


def text(value):
    """Plain text for a table cell: anything but letters, digits and a few safe marks escaped."""
    if value is None:
        return ""
    return "".join(c if c.isalnum() or c in " .,:/-=@()" else f"&#{ord(c)};" for c in str(value))


def main():
    report, scanned, code, fail_on, sarif, sha = sys.argv[1:7]
    code = int(code)
    findings = json.load(open(report, encoding="utf-8"))
    try:
        results = len(json.load(open(sarif, encoding="utf-8"))["runs"][0]["results"])
        uploaded = (f"{results} result{'s' if results != 1 else ''}, "
                    f"every commit reachable from {text(sha[:12])}")
    except (OSError, ValueError, LookupError):
        uploaded = "none (no SARIF report)"
    counts = {t: sum(1 for f in findings if f.get("tier") == t) for t in TIERS}
    tier_rule = f"`{fail_on}`" if fail_on else "`fail_on` of .vaultsweep.toml, else `low`"
    if code == 2:
        verdict = "⚠️ **The scan was incomplete** (exit 2): see the step's log."
    elif code == 1:
        verdict = f"❌ **Fails**: findings at or above the fail tier ({tier_rule})."
    elif findings:
        verdict = f"✅ Passes: nothing at or above the fail tier ({tier_rule})."
    else:
        verdict = "✅ No secrets found."
    out = [
        f"### vaultsweep: {len(findings)} finding{'s' if len(findings) != 1 else ''}",
        "",
        f"Commits {text(scanned)}. {verdict}",
        "",
        "| Tier | Findings |",
        "|---|---:|",
    ]
    out += [f"| {ICONS[t]} {t.upper()} | {counts[t]} |" for t in TIERS]
    out += ["", f"SARIF report for code scanning: {uploaded}."]
    if findings:
        order = sorted(
            findings,
            key=lambda f: (TIERS.index(f["tier"]) if f.get("tier") in TIERS else 9,
                           f.get("rel_path") or f.get("path") or "", f.get("line") or 0),
        )
        out += [
            "",
            "| Tier | Rule | Where | Key | Secret (masked) | Confidence | Commit |",
            "|---|---|---|---|---|---|---|",
        ]
        for f in order[:MAX_ROWS]:
            where = f"{f.get('rel_path') or f.get('path')}:{f.get('line')}"
            commit = f.get("commit") or ""
            commit = f"{commit[:12]} {f.get('commit_summary') or ''}".strip()
            out.append(
                f"| {ICONS.get(f.get('tier'), '')} {text((f.get('tier') or '').upper())} "
                f"| {text(f.get('rule_name'))} ({text(f.get('rule_id'))}) | {text(where)} "
                f"| {text(f.get('key'))} | {text(f.get('secret_masked'))} "
                f"| {text(f.get('confidence'))} | {text(commit)} |"
            )
        if len(order) > MAX_ROWS:
            out += ["", f"…and {len(order) - MAX_ROWS} more: see the SARIF or JSON report."]
        out += [
            "",
            "Move each secret to Vault (`vaultsweep migrate plan FILE` for .env and JSON files) "
            "and rotate it: it stays in the history. A false positive: a `vaultsweep:allow` "
            "comment on its line, or `vaultsweep baseline create`.",
        ]
    print("\n".join(out))


if __name__ == "__main__":
    main()
