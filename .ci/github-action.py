"""The GitHub Action without GitHub (called by .ci/github-action with PyYAML installed).

1. The action's scan step (ci/github/scan.sh) runs on temporary repositories with what GitHub
   would give it: the event payload, GITHUB_* variables, the inputs of the example workflow
   (ci/github/vaultsweep.yml) over action.yml's defaults, and the vaultsweep this checkout built
   (VAULTSWEEP_CI_BIN). Per event: the commits it chose, the exit code the last step fails with,
   the outputs, the job summary, the annotations, the SARIF file, and never the secret's text.
2. action.yml: every `inputs.X` exists, every `steps.ID.outputs.X` names an earlier step and an
   output that step really sets (seen in 1 for the scripts), every script it runs exists, every
   INPUT_* the scan step reads is passed; the example's `with:` keys are inputs of the action;
   README's snippet is the example workflow, character for character.
"""

import json
import os
import re
import secrets
import string
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

import yaml

ROOT = Path.cwd()
BIN = os.environ["VAULTSWEEP_CI_BIN"]
ZERO = "0" * 40
problems = []
outputs_seen = {}  # step id -> output names a run set
last_summary = [""]  # the job summary of the last run_scan


def check(ok, what):
    if not ok:
        problems.append(what)
    return ok


def git(repo, *args):
    env = dict(os.environ, GIT_AUTHOR_NAME="Ada Tester", GIT_AUTHOR_EMAIL="ada@example.test",
               GIT_COMMITTER_NAME="Ada Tester", GIT_COMMITTER_EMAIL="ada@example.test")
    return subprocess.run(["git", "-C", str(repo), "-c", "commit.gpgsign=false", *args],
                          check=True, capture_output=True, text=True, env=env).stdout.strip()


def commit(repo, files, message):
    for name, content in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(content)
    git(repo, "add", "--", *files)
    git(repo, "commit", "-q", "--no-verify", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def action_inputs(example_with):
    """The INPUT_* variables: the example workflow's `with:` over action.yml's defaults."""
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    values = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
    values.update({k: str(v) for k, v in example_with.items()})
    return {"INPUT_" + k.upper().replace("-", "_"): v for k, v in values.items()}


def run_scan(name, repo, event_name, payload, inputs, sha, ref, token, expect):
    """Runs scan.sh as the action's scan step does; checks what `expect` says."""
    tmp = Path(tempfile.mkdtemp(prefix=f"gh-{name}-"))
    (tmp / "event.json").write_text(json.dumps(payload))
    env = dict(os.environ, GITHUB_EVENT_NAME=event_name, GITHUB_EVENT_PATH=str(tmp / "event.json"),
               GITHUB_SHA=sha, GITHUB_REF=ref, GITHUB_OUTPUT=str(tmp / "output"),
               GITHUB_STEP_SUMMARY=str(tmp / "summary.md"), RUNNER_TEMP=str(tmp / "runner"),
               VAULTSWEEP=BIN, **inputs)
    (tmp / "output").touch()
    run = subprocess.run(["bash", str(ROOT / "ci/github/scan.sh")], cwd=repo, env=env,
                         capture_output=True, text=True)
    outputs = dict(line.split("=", 1) for line in (tmp / "output").read_text().splitlines())
    outputs_seen.setdefault("scan", set()).update(outputs)
    summary = (tmp / "summary.md").read_text() if (tmp / "summary.md").exists() else ""
    last_summary[:] = [summary]
    before = len(problems)
    log = run.stdout + run.stderr
    check(run.returncode == 0, f"{name}: the scan step itself failed ({run.returncode})")
    check(outputs.get("exit-code") == str(expect["exit"]),
          f"{name}: exit-code {outputs.get('exit-code')}, expected {expect['exit']}")
    check(outputs.get("range") == expect["range"],
          f"{name}: range {outputs.get('range')!r}, expected {expect['range']!r}")
    want_findings = None if expect["findings"] is None else str(expect["findings"])
    check(outputs.get("findings") == want_findings,
          f"{name}: findings {outputs.get('findings')}, expected {expect['findings']}")
    if expect["range"]:
        sarif = outputs.get("sarif-file")
        if check(sarif and Path(sarif).is_file(), f"{name}: no sarif-file"):
            results = json.loads(Path(sarif).read_text())["runs"][0]["results"]
            want = expect.get("sarif", expect["findings"])
            check(len(results) == want, f"{name}: {len(results)} SARIF results, expected {want}")
        check(outputs.get("json-file") and Path(outputs["json-file"]).is_file(),
              f"{name}: no json-file")
        for needle in expect.get("summary", []):
            check(needle in summary, f"{name}: the summary lacks {needle!r}")
    for needle in expect.get("log", []):
        check(needle in log, f"{name}: the log lacks {needle!r}")
    leaked = [p.name for p in tmp.rglob("*") if p.is_file() and token in p.read_text(errors="replace")]
    check(token not in log and not leaked, f"{name}: the secret appears unmasked ({leaked or 'log'})")
    if len(problems) == before:
        print(f"github-action: {name}: ok (exit-code {expect['exit']}, range {expect['range'] or 'none'})")
    else:
        print(f"github-action: {name}: FAILED\n{log}\n{summary}", file=sys.stderr)


def scenarios():
    example = yaml.safe_load((ROOT / "ci/github/vaultsweep.yml").read_text())
    steps = [s for job in example["jobs"].values() for s in job["steps"]]
    ours = [s for s in steps if s.get("uses", "").startswith("vaultsweep/vaultsweep@")]
    if not check(len(ours) == 1, "the example workflow must use vaultsweep/vaultsweep@ once"):
        return
    inputs = action_inputs(ours[0].get("with", {}))
    check(inputs["INPUT_FAIL_ON"] == "high", "the scenarios below assume the example's fail-on: high")
    check(any(s.get("with", {}).get("fetch-depth") == 0 for s in steps),
          "the example must check out the whole history (fetch-depth: 0)")

    base = Path(tempfile.mkdtemp(prefix="gh-action-"))
    origin, repo = base / "origin.git", base / "repo"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    git(repo, "remote", "add", "origin", str(origin))
    c1 = commit(repo, {"README.md": "# herd service\n"}, "init")
    c2 = commit(repo, {"src/app.py": 'import os\n\nTOKEN = os.environ["GITHUB_TOKEN"]\n'}, "app")
    git(repo, "push", "-q", "origin", "main")
    # The planted secret, made here so that no source file holds one.
    # A classic GitHub token: 30 random base62 characters and their CRC32 in 6 base62 digits,
    # as GitHub issues them (the rule rejects a token whose checksum fails).
    base62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
    body = "".join(secrets.choice(base62) for _ in range(30))
    n, digits = zlib.crc32(body.encode()), ""
    for _ in range(6):
        n, r = divmod(n, 62)
        digits = base62[r] + digits
    token = "ghp_" + body + digits
    git(repo, "checkout", "-q", "-b", "topic")
    c3 = commit(repo, {"config/app.env": f"GITHUB_TOKEN={token}\n"}, "demo config")
    git(repo, "push", "-q", "origin", "topic")
    repo_info = {"default_branch": "main"}
    pr = {"pull_request": {"base": {"sha": c1}, "head": {"sha": c3}}, "repository": repo_info}
    failing = {"exit": 1, "findings": 1,
               "summary": ["HIGH | 1", "config/app.env:1", "ghp&#95;&#8230;(40 chars)",
                           "**Fails**", f"{c3[:12]} demo config"],
               "log": ["::error file=config/app.env,line=1", "vaultsweep: exit 1"]}

    run_scan("pull-request", repo, "pull_request", pr, inputs, c3, "refs/pull/1/merge", token,
             {**failing, "range": f"{c1}..{c3}"})
    run_scan("push-clean", repo, "push", {"before": c1, "after": c2, "repository": repo_info},
             inputs, c2, "refs/heads/main", token,
             {"exit": 0, "findings": 0, "range": f"{c1}..{c2}", "summary": ["No secrets found"]})
    run_scan("fail-on-critical", repo, "pull_request", pr, {**inputs, "INPUT_FAIL_ON": "critical"},
             c3, "refs/pull/1/merge", token,
             {"exit": 0, "findings": 1, "range": f"{c1}..{c3}",
              "summary": ["Passes", "HIGH | 1", "`critical`"]})
    run_scan("fail-on-none", repo, "pull_request", pr, {**inputs, "INPUT_FAIL_ON": "none"},
             c3, "refs/pull/1/merge", token, {"exit": 0, "findings": 1, "range": f"{c1}..{c3}"})
    run_scan("annotations-off", repo, "pull_request", pr, {**inputs, "INPUT_ANNOTATIONS": "false"},
             c3, "refs/pull/1/merge", token,
             {"exit": 1, "findings": 1, "range": f"{c1}..{c3}", "log": ["config/app.env", "1 finding"]})
    # A new branch (before is all zeros) in a checkout without the default branch's ref.
    git(repo, "update-ref", "-d", "refs/remotes/origin/main")
    run_scan("push-new-branch", repo, "push", {"before": ZERO, "after": c3, "repository": repo_info},
             inputs, c3, "refs/heads/topic", token, {**failing, "range": f"origin/main..{c3}"})
    run_scan("push-deleted-branch", repo, "push",
             {"before": c3, "after": ZERO, "repository": repo_info}, inputs, c2,
             "refs/heads/topic", token, {"exit": 0, "findings": 0, "range": ""})
    run_scan("schedule", repo, "schedule", {"repository": repo_info}, inputs, c3,
             "refs/heads/topic", token, {**failing, "range": c3})
    # A later clean push: nothing new fails, but code scanning still gets the secret, which is
    # reachable from the pushed commit (an upload without it would close its alert).
    c4 = commit(repo, {"README.md": "# herd service\n\nSee config/.\n"}, "readme")
    run_scan("push-after", repo, "push", {"before": c3, "after": c4, "repository": repo_info},
             inputs, c4, "refs/heads/topic", token,
             {"exit": 0, "findings": 0, "sarif": 1, "range": f"{c3}..{c4}",
              "summary": ["No secrets found", "SARIF report for code scanning: 1 result, every commit"]})
    # A file name that is markdown and HTML: the summary's row stays one row of text.
    git(repo, "checkout", "-q", "-b", "hostile", c2)
    hostile = "config/<img src=x>|*x*.env"
    c5 = commit(repo, {hostile: f"GITHUB_TOKEN={token}\n"}, "hostile name")
    run_scan("hostile-file-name", repo, "pull_request",
             {"pull_request": {"base": {"sha": c2}, "head": {"sha": c5}}, "repository": repo_info},
             inputs, c5, "refs/pull/2/merge", token,
             {"exit": 1, "findings": 1, "range": f"{c2}..{c5}",
              "summary": ["config/&#60;img src=x&#62;&#124;&#42;x&#42;.env:1"]})
    rows = [line for line in last_summary[0].splitlines() if "GitHub personal access token" in line]
    check(len(rows) == 1 and rows[0].count("|") == 8 and "<img" not in last_summary[0],
          f"hostile-file-name: the summary row is not one escaped row: {rows}")
    git(repo, "checkout", "-q", "topic")
    run_scan("bad-fail-on", repo, "pull_request", pr, {**inputs, "INPUT_FAIL_ON": "severe"},
             c3, "refs/pull/1/merge", token,
             {"exit": 2, "findings": None, "range": None, "log": ["::error title=vaultsweep::fail-on"]})
    # actions/checkout's default depth 1: the step fetches the history it needs.
    shallow = base / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", "--branch", "topic",
                    f"file://{origin}", str(shallow)], check=True)
    run_scan("pull-request-shallow-clone", shallow, "pull_request", pr, inputs, c3,
             "refs/pull/1/merge", token,
             {**failing, "range": f"{c1}..{c3}", "log": [*failing["log"], "shallow clone"]})

    # The build key script (run in this checkout, as in the action's).
    out = Path(tempfile.mkdtemp()) / "output"
    subprocess.run(["bash", "ci/github/build-key.sh"], check=True,
                   env=dict(os.environ, GITHUB_OUTPUT=str(out), GITHUB_ACTION_PATH=str(ROOT)))
    keys = dict(line.split("=", 1) for line in out.read_text().splitlines())
    check(keys.get("key", "").startswith(keys.get("prefix", "?")), "build-key: key lacks prefix")
    outputs_seen["key"] = set(keys)


def check_action():
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    inputs = set(action["inputs"])
    check(action["runs"]["using"] == "composite", "action.yml: not a composite action")
    steps = action["runs"]["steps"]
    known = {"actions/cache/restore": {"cache-hit", "cache-primary-key", "cache-matched-key"}}
    defined = {}  # step id -> the outputs it can set
    text = (ROOT / "action.yml").read_text()
    for name in re.findall(r"\binputs\.([A-Za-z0-9_-]+)", text):
        check(name in inputs, f"action.yml: inputs.{name} is not an input")

    def refs(value, allowed, where):
        for sid, out in re.findall(r"\bsteps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)", value):
            if check(sid in allowed, f"action.yml: {where}: steps.{sid} is not an earlier step"):
                check(out in allowed[sid], f"action.yml: {where}: steps.{sid} sets no output {out}")

    for i, step in enumerate(steps):
        where = f"step {i + 1} ({step.get('name', step.get('uses'))})"
        refs(yaml.safe_dump(step), defined, where)
        if "run" in step:
            check("shell" in step, f"action.yml: {where}: a run step needs shell")
            for script in re.findall(r'\$GITHUB_ACTION_PATH/([^"\s]+)', step["run"]):
                check((ROOT / script).is_file(), f"action.yml: {where}: no file {script}")
                if script == "ci/github/scan.sh":
                    wanted = set(re.findall(r"\bINPUT_[A-Z_]+", (ROOT / script).read_text()))
                    check(wanted <= set(step.get("env", {})),
                          f"action.yml: {where}: env lacks {sorted(wanted - set(step.get('env', {})))}")
        else:
            check("@" in step["uses"], f"action.yml: {where}: pin a version")
        if "id" in step:
            defined[step["id"]] = (known.get(step.get("uses", "").split("@")[0])
                                   or outputs_seen.get(step["id"], set()))
    for name, out in action.get("outputs", {}).items():
        refs(out["value"], defined, f"output {name}")

    example = yaml.safe_load((ROOT / "ci/github/vaultsweep.yml").read_text())
    for job in example["jobs"].values():
        for step in job["steps"]:
            if step.get("uses", "").startswith("vaultsweep/vaultsweep@"):
                extra = set(step.get("with", {})) - inputs
                check(not extra, f"ci/github/vaultsweep.yml: not inputs of the action: {extra}")
    readme = (ROOT / "README.md").read_text()
    m = re.search(r"<!-- snippet: github-workflow -->\n```yaml\n(.*?)```\n", readme, re.S)
    check(m and m.group(1) == (ROOT / "ci/github/vaultsweep.yml").read_text(),
          "README.md: the github-workflow snippet differs from ci/github/vaultsweep.yml")


scenarios()
check_action()
for p in problems:
    print(f"github-action: {p}", file=sys.stderr)
print("github-action: action.yml and the example: " + ("ok" if not problems else f"{len(problems)} problems"))
sys.exit(1 if problems else 0)
