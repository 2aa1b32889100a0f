"""Contexts of the provider part: the short snippets a per-provider detector test holds, each f(r, v) -> (filename, lines)
for a row r of providers.ROWS (with r["cval"], the companion value, when the row has one) and a value v.

NAMED: the provider's documented variable or a key under the provider's name (.env, YAML, JSON, TOML, code strings in
five languages, a k8s Secret's stringData, compose, CI env); HEADER: the value sent to the provider's API host the way
its docs say (curl, a .http file, fetch, requests); PAIR: the companion value (key id, account id, client id) on the
line above the labelled secret.
"""

import base64
import json
import re


def slug(r):
    return re.sub(r"[^a-z0-9]+", "_", r["provider"].lower()).strip("_")


def pascal(r):
    return "".join(w.capitalize() for w in re.split(r"[^A-Za-z0-9]+", r["name"]) if w) or "Client"


def camel(r):
    p = "".join(w.capitalize() for w in r["env"].lower().split("_"))
    return p[0].lower() + p[1:]


def leaf(r):
    env = r["env"]
    for s, k in (("PASSWORD", "password"), ("SECRET", "secret"), ("TOKEN", "token"), ("URL", "url"), ("DSN", "dsn"), ("KEY", "api_key"),
                 ("WIF", "wif"), ("XPRV", "xprv"), ("SEED", "seed"), ("PHRASE", "phrase"), ("PROVHASH", "provhash"), ("PAT", "token")):
        if s in env:
            return k
    return "api_key"


def q(v):
    return json.dumps(v)


# --- NAMED -------------------------------------------------------------------------------------------------------------
def n_dotenv(r, v):
    return ".env", ["# copied from the team vault on onboarding", "NODE_ENV=production", f"{r['env']}={v}", "PORT=8080"]


def n_yaml(r, v):
    return "config/integrations.yml", ["integrations:", f"  {slug(r)}:", "    enabled: true", f"    {leaf(r)}: \"{v}\"",
                                       f"    base_url: https://{r['host'] or 'localhost'}"]


def n_json(r, v):
    doc = {"name": "calder-worker", "integrations": {slug(r): {leaf(r): v, "timeout_ms": 5000}}}
    return "config/default.json", json.dumps(doc, indent=2).split("\n")


def n_toml(r, v):
    return "settings.toml", ["[app]", "name = \"calder-sync\"", "", f"[{slug(r)}]", f"{leaf(r)} = \"{v}\"", "retries = 3"]


def n_python(r, v):
    return f"tests/test_{slug(r)}.py", ["import pytest", "", f"from calder.integrations import {pascal(r)}Client", "", "",
                                         f"{r['env']} = \"{v}\"", "", "",
                                         f"def test_{slug(r)}_client_builds():",
                                         f"    client = {pascal(r)}Client({leaf(r)}={r['env']})", "    assert client.ready()"]


def n_node(r, v):
    return f"src/integrations/{slug(r)}.js", [f"const {{ {pascal(r)} }} = require('./vendor/{slug(r)}');", "",
                                               f"const {camel(r)} = '{v}';", "",
                                               f"module.exports = new {pascal(r)}({{ {leaf(r)}: {camel(r)}, retries: 2 }});"]


def n_go(r, v):
    return f"internal/{slug(r)}/client_test.go", [f"package {slug(r)}", "", "import \"testing\"", "",
                                                  f"const test{pascal(r)}Key = \"{v}\"", "",
                                                  f"func TestNew{pascal(r)}Client(t *testing.T) {{",
                                                  f"\tc := NewClient(test{pascal(r)}Key)", "\tif c == nil {", "\t\tt.Fatal(\"nil client\")", "\t}", "}"]


def n_ruby(r, v):
    return f"config/initializers/{slug(r)}.rb", [f"{pascal(r)}.configure do |config|", f"  config.{leaf(r)} = '{v}'",
                                                 "  config.timeout = 10", "end"]


def n_php(r, v):
    return f"config/services.php", ["<?php", "", "return [", f"    '{slug(r)}' => [", f"        '{leaf(r)}' => '{v}',",
                                    "        'timeout' => 10,", "    ],", "];"]


def n_java(r, v):
    return f"src/test/java/io/calder/{pascal(r)}ClientIT.java", ["package io.calder;", "", "import org.junit.jupiter.api.Test;", "",
                                                                  f"class {pascal(r)}ClientIT {{",
                                                                  f"    private static final String {r['env']} = \"{v}\";", "",
                                                                  "    @Test", "    void connects() {",
                                                                  f"        new {pascal(r)}Client({r['env']}).ping();", "    }", "}"]


def n_k8s_secret(r, v):
    return "deploy/secret.yaml", ["apiVersion: v1", "kind: Secret", "metadata:", f"  name: {slug(r).replace('_', '-')}-credentials",
                                  "type: Opaque", "stringData:", f"  {r['env']}: \"{v}\""]


def n_compose(r, v):
    return "docker-compose.yml", ["services:", "  worker:", "    image: calder/worker:2.3.1", "    environment:",
                                  f"      {r['env']}: \"{v}\"", "      LOG_LEVEL: info"]


def n_ci(r, v):
    return ".gitlab-ci.yml", ["stages: [sync]", "", "sync:", "  stage: sync", "  image: python:3.12-slim", "  variables:",
                              f"    {r['env']}: \"{v}\"", "  script:", "    - python -m calder.sync"]


NAMED = [n_dotenv, n_yaml, n_json, n_toml, n_python, n_node, n_go, n_ruby, n_php, n_java, n_k8s_secret, n_compose, n_ci]


# --- HEADER (the value sent to the provider the way its docs say) --------------------------------------------------------
def header_ok(r):
    a = r["auth"]
    return bool(r["host"]) and (a in ("bearer", "basic-user", "basic-pass", "url") or a.startswith("header:") or a.startswith("query:"))


def _req(r, v):
    """-> (url, headers dict, basic (user, pass) or None)"""
    a, host = r["auth"], r["host"]
    url = f"https://{host}/v1/me"
    if a == "url":
        return v, {}, None
    if a == "bearer":
        return url, {"Authorization": f"Bearer {v}"}, None
    if a.startswith("header:"):
        name = a.split(":", 1)[1]
        return url, {name: (f"Bearer {v}" if name == "Authorization" else v)}, None
    if a.startswith("query:"):
        return f"{url}?{a.split(':', 1)[1]}={v}", {}, None
    if a == "basic-user":
        return url, {}, (v, "")
    return url, {}, (r.get("cval") or "api", v)


def h_curl(r, v):
    url, hdr, basic = _req(r, v)
    lines = ["#!/usr/bin/env bash", "set -euo pipefail", f"# smoke check against {r['name']}", f"curl -fsS \\"]
    for k, val in hdr.items():
        lines.append(f"  -H '{k}: {val}' \\")
    if basic:
        lines.append(f"  -u '{basic[0]}:{basic[1]}' \\")
    lines.append(f"  '{url}'")
    return "scripts/smoke.sh", lines


def h_http(r, v):
    url, hdr, basic = _req(r, v)
    lines = [f"### {r['name']}: current account", f"GET {url}", "Accept: application/json"]
    for k, val in hdr.items():
        lines.append(f"{k}: {val}")
    if basic:
        lines.append("Authorization: Basic " + base64.b64encode(f"{basic[0]}:{basic[1]}".encode()).decode())
    return f"http/{slug(r)}.http", lines


def h_fetch(r, v):
    url, hdr, basic = _req(r, v)
    if basic:
        hdr = {"Authorization": "Basic " + base64.b64encode(f"{basic[0]}:{basic[1]}".encode()).decode()}
    lines = [f"export async function ping{pascal(r)}() {{", f"  const res = await fetch('{url}', {{", "    headers: {"]
    for k, val in hdr.items():
        lines.append(f"      '{k}': '{val}',")
    lines += ["    },", "  });", "  return res.ok;", "}"]
    return f"src/health/{slug(r)}.ts", lines


def h_requests(r, v):
    url, hdr, basic = _req(r, v)
    lines = ["import requests", "", ""]
    lines.append(f"def ping_{slug(r)}():")
    if basic:
        lines.append(f"    resp = requests.get(\"{url}\", auth=(\"{basic[0]}\", \"{basic[1]}\"), timeout=10)")
    elif hdr:
        (k, val), = hdr.items()
        lines.append(f"    resp = requests.get(\"{url}\", headers={{\"{k}\": \"{val}\"}}, timeout=10)")
    else:
        lines.append(f"    resp = requests.get(\"{url}\", timeout=10)")
    lines.append("    return resp.status_code == 200")
    return f"checks/{slug(r)}_check.py", lines


HEADER = [h_curl, h_http, h_fetch, h_requests]


# --- PAIR (companion on the line above) ------------------------------------------------------------------------------
def p_env(r, v):
    return ".env.production", ["# vendor credentials", f"{r['comp'][0]}={r['cval']}", f"{r['env']}={v}", "SYNC_INTERVAL=300"]


def p_yaml(r, v):
    return "config/vendors.yaml", ["vendors:", f"  {slug(r)}:", f"    {r['comp'][0].lower()}: \"{r['cval']}\"", f"    {r['env'].lower()}: \"{v}\"",
                                   "    sandbox: false"]


def p_json(r, v):
    doc = {slug(r): {r["comp"][0].lower(): r["cval"], r["env"].lower(): v}}
    return "credentials.json", json.dumps(doc, indent=2).split("\n")


def p_python(r, v):
    return f"scripts/{slug(r)}_export.py", [f"import {slug(r)}_sdk", "", f"client = {slug(r)}_sdk.Client(",
                                            f"    {r['comp'][0].lower()}=\"{r['cval']}\",", f"    {r['env'].lower()}=\"{v}\",", ")",
                                            "client.export(since=\"2025-01-01\")"]


PAIR = [p_env, p_yaml, p_json, p_python]


# --- identifiers (no secret) -----------------------------------------------------------------------------------------
def i_env(r, env, v):
    return ".env", ["# vendor account settings", f"{env}={v}", "FEATURE_BANNER=true"]


def i_js(r, env, v):
    return f"src/{slug(r)}-init.js", [f"// {r['name']} settings",
                                       f"window.{camel(dict(r, env=env))} = '{v}';", "bootstrap();"]


def i_yaml(r, env, v):
    return "config/public.yml", ["public:", f"  {env.lower()}: \"{v}\"", "  locale: en-GB"]


IDENT = [i_env, i_js, i_yaml]
