"""Contexts of the provider half of the thirteenth held-out corpus: the short, test-like snippets a per-provider
detector test holds. Each context is f(r, v) -> (filename, lines) for a row r of providers.ROWS (with "cval", the
companion value, filled in when the row has one) and a value v.

NAMED contexts name the provider (its documented variable, a key under the provider's name, a test named after it);
HOST contexts send the value to the provider's API host the way its docs say (header, query, path, basic auth);
GENERIC contexts name nothing (only rows with a distinctive prefix go there); PAIR contexts print the companion value
(a key id, an account id) on the line above the labelled secret.
"""

import json
import re


def snake(r):
    return r["env"].lower()


def pascal(r):
    return "".join(w.capitalize() for w in re.split(r"[^A-Za-z0-9]+", r["name"]) if w)


def camel(r):
    p = "".join(w.capitalize() for w in r["env"].lower().split("_"))
    return p[0].lower() + p[1:]


def slug(r):
    return r["provider"].replace("-", "_")


def jlines(doc, indent=2):
    return json.dumps(doc, indent=indent).split("\n")


def leaf(r):
    env = r["env"]
    for s, k in (("PASSWORD", "password"), ("SECRET", "secret"), ("TOKEN", "token"), ("URL", "url"), ("KEY", "api_key")):
        if s in env:
            return k
    return "api_key"


# --- NAMED -----------------------------------------------------------------------------------------------------
def n_dotenv(r, v):
    return ".env", ["# local overrides, see README", "APP_ENV=staging", f"{r['env']}={v}", "LOG_LEVEL=info"]


def n_pytest(r, v):
    return f"tests/test_{slug(r)}_detector.py", [
        "import pytest", "", "from scanner import detect", "", "",
        f"def test_{slug(r)}_{leaf(r)}_is_reported():",
        f'    text = "{r["env"]}={v}"',
        "    findings = detect(text)",
        f'    assert findings and findings[0].provider == "{r["provider"]}"']


def n_go_table(r, v):
    return f"pkg/detectors/{slug(r)}/{slug(r)}_test.go", [
        f"package {slug(r)}", "", 'import "testing"', "",
        f"func Test{pascal(r)}_Pattern(t *testing.T) {{",
        "\ttests := []struct {", "\t\tname  string", "\t\tinput string", "\t\twant  bool", "\t}{",
        "\t\t{",
        '\t\t\tname:  "valid pattern",',
        f'\t\t\tinput: `{pascal(r)} {leaf(r)}: {v}`,',
        "\t\t\twant:  true,",
        "\t\t},", "\t}",
        "\tfor _, tt := range tests {", "\t\tif got := Scan(tt.input); got != tt.want {",
        '\t\t\tt.Errorf("%s: got %v", tt.name, got)', "\t\t}", "\t}", "}"]


def n_jest(r, v):
    return f"test/{slug(r)}.test.js", [
        "const { scan } = require('../src/scan');", "",
        f"describe('{r['name']}', () => {{",
        "  it('finds the key in a config line', () => {",
        f"    const {camel(r)} = '{v}';",
        f"    expect(scan(`{r['env']}=${{{camel(r)}}}`)).toHaveLength(1);",
        "  });", "});"]


def n_yaml(r, v):
    return "config/integrations.yaml", ["integrations:", f"  {slug(r)}:", "    enabled: true", f"    {leaf(r)}: {v}", "    timeout: 10s"]


def n_json(r, v):
    doc = {"service": "notifier", slug(r): {leaf(r): v, "region": "eu"}}
    lines = jlines(doc)
    return "settings.json", lines


def n_toml(r, v):
    return "config.toml", ["[server]", 'port = 8080', "", f"[{slug(r)}]", f'{leaf(r)} = "{v}"']


def n_export(r, v):
    return "scripts/env.sh", ["#!/usr/bin/env bash", f"export {r['env']}=\"{v}\"", "exec \"$@\""]


def n_java(r, v):
    return f"src/test/java/io/lumen/{pascal(r)}ClientTest.java", [
        "package io.lumen;", "", "import org.junit.jupiter.api.Test;", "",
        f"class {pascal(r)}ClientTest {{",
        f'    private static final String {r["env"]} = "{v}";', "",
        "    @Test", "    void buildsClient() {",
        f"        var client = new {pascal(r)}Client({r['env']});",
        "        assert client != null;", "    }", "}"]


def n_ruby(r, v):
    return f"spec/{slug(r)}_spec.rb", [
        f"RSpec.describe '{r['name']} client' do",
        f"  let(:{leaf(r)}) {{ '{v}' }}", "",
        "  it 'configures' do",
        f"    expect(Client.new({leaf(r)}: {leaf(r)})).to be_configured", "  end", "end"]


def n_php(r, v):
    return f"config/{slug(r)}.php", ["<?php", "", "return [", f"    '{leaf(r)}' => '{v}',", "    'timeout' => 5,", "];"]


def n_dockerfile(r, v):
    return "Dockerfile", ["FROM node:20-alpine", "WORKDIR /app", "COPY . .", f"ENV {r['env']}={v}", 'CMD ["node", "server.js"]']


def n_k8s(r, v):
    return "deploy/worker.yaml", ["apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: worker", "spec:", "  template:",
                                  "    spec:", "      containers:", "        - name: worker", "          image: lumen/worker:1.4.2",
                                  "          env:", f"            - name: {r['env']}", f'              value: "{v}"']


def n_csharp(r, v):
    return f"tests/{pascal(r)}Tests.cs", ["using Xunit;", "", f"public class {pascal(r)}Tests", "{",
                                          f'    private const string {pascal(r)}{leaf(r).title().replace("_", "")} = "{v}";', "",
                                          "    [Fact]", "    public void Detects() => Assert.True(Scanner.Matches("
                                          f"{pascal(r)}{leaf(r).title().replace('_', '')}));", "}"]


def n_gha(r, v):
    return ".github/workflows/release.yml", ["name: release", "on: [push]", "jobs:", "  publish:", "    runs-on: ubuntu-latest",
                                             "    env:", f"      {r['env']}: {v}", "    steps:", "      - uses: actions/checkout@v4",
                                             "      - run: make publish"]


def n_compose(r, v):
    return "docker-compose.yml", ["services:", "  app:", "    image: lumen/app:latest", "    environment:",
                                  f"      - {r['env']}={v}", "      - PORT=3000"]


def n_python_client(r, v):
    return f"app/{slug(r)}_client.py", [f"# {r['name']} client", "import os", "",
                                        f'{r["env"]} = "{v}"', "", "",
                                        "def client():", f"    return {pascal(r)}Client({r['env']})"]


NAMED = [n_dotenv, n_pytest, n_go_table, n_jest, n_yaml, n_json, n_toml, n_export, n_java, n_ruby, n_php, n_dockerfile, n_k8s,
         n_csharp, n_gha, n_compose, n_python_client]


# --- HOST -------------------------------------------------------------------------------------------------------
def _url(r, path="/v1/status"):
    host = r["host"]
    return f"https://{host}{path}"


def host_ok(r):
    a = r["auth"]
    return r["host"] and (a == "bearer" or a.startswith("header:") or a.startswith("query:") or a in ("basic-pass", "basic-user", "url", "path"))


def _curl_parts(r, v):
    a = r["auth"]
    if a == "bearer":
        return [f'-H "Authorization: Bearer {v}"'], _url(r)
    if a.startswith("header:"):
        h = a.split(":", 1)[1]
        val = f"Bearer {v}" if h == "Authorization" and not r["kind"] == "p" and r["pid"] not in ("gitea", "okta") else v
        if r["pid"] == "okta":
            val = f"SSWS {v}"
        if r["pid"] == "gitea":
            val = f"token {v}"
        return [f'-H "{h}: {val}"'], _url(r)
    if a.startswith("query:"):
        return [], _url(r, f"/v1/lookup?{a.split(':', 1)[1]}={v}")
    if a == "basic-pass":
        user = r.get("cval") or "api"
        return [f'-u "{user}:{v}"'], _url(r)
    if a == "basic-user":
        return [f'-u "{v}:"'], _url(r)
    if a == "path":
        return [], f"https://{r['host']}/bot{v}/getMe"
    if a == "url":
        return ["-X POST", "-H 'Content-Type: application/json'", "-d '{\"text\":\"deploy finished\"}'"], v
    raise ValueError(a)


def h_curl(r, v):
    opts, url = _curl_parts(r, v)
    lines = ["#!/bin/sh", f"# smoke test against {r['name']}", "curl -sS --fail \\"] + [f"  {o} \\" for o in opts] + [f'  "{url}"']
    return f"scripts/check_{slug(r)}.sh", lines


def h_requests(r, v):
    a = r["auth"]
    lines = ["import requests", ""]
    if a == "bearer" or a.startswith("header:"):
        h = "Authorization" if a == "bearer" else a.split(":", 1)[1]
        val = f"Bearer {v}" if a == "bearer" else v
        lines += [f'resp = requests.get("{_url(r)}", headers={{"{h}": "{val}"}}, timeout=10)']
    elif a.startswith("query:"):
        lines += [f'resp = requests.get("{_url(r)}", params={{"{a.split(":", 1)[1]}": "{v}"}}, timeout=10)']
    elif a == "basic-pass":
        lines += [f'resp = requests.get("{_url(r)}", auth=("{r.get("cval") or "api"}", "{v}"), timeout=10)']
    elif a == "basic-user":
        lines += [f'resp = requests.get("{_url(r)}", auth=("{v}", ""), timeout=10)']
    elif a == "path":
        lines += [f'resp = requests.get("https://{r["host"]}/bot{v}/getMe", timeout=10)']
    else:
        lines += [f'resp = requests.post("{v}", json={{"text": "deploy finished"}}, timeout=10)']
    lines += ["resp.raise_for_status()", "print(resp.json())"]
    return f"tools/ping_{slug(r)}.py", lines


def h_http_file(r, v):
    a = r["auth"]
    if a == "bearer":
        return "requests.http", [f"GET {_url(r)}", f"Authorization: Bearer {v}", "Accept: application/json"]
    if a.startswith("header:"):
        return "requests.http", [f"GET {_url(r)}", f"{a.split(':', 1)[1]}: {v}", "Accept: application/json"]
    if a.startswith("query:"):
        return "requests.http", [f"GET {_url(r, '/v1/lookup?' + a.split(':', 1)[1] + '=' + v)}", "Accept: application/json"]
    if a == "path":
        return "requests.http", [f"GET https://{r['host']}/bot{v}/getMe"]
    if a == "url":
        return "requests.http", [f"POST {v}", "Content-Type: application/json", "", '{"text": "hello"}']
    return h_curl(r, v)


def h_fetch(r, v):
    a = r["auth"]
    if a == "bearer":
        hdr = f"{{ Authorization: 'Bearer {v}' }}"
    elif a.startswith("header:"):
        hdr = f"{{ '{a.split(':', 1)[1]}': '{v}' }}"
    else:
        return h_requests(r, v)
    return f"src/{slug(r)}.ts", [f"export async function ping{pascal(r)}(): Promise<unknown> {{",
                                 f"  const res = await fetch('{_url(r)}', {{ headers: {hdr} }});",
                                 "  if (!res.ok) throw new Error(`status ${res.status}`);", "  return res.json();", "}"]


HOST = [h_curl, h_requests, h_http_file, h_fetch]


# --- GENERIC (rows with a distinctive prefix only) -----------------------------------------------------------
def g_assign(r, v):
    return "snippet.py", ["# copied from the onboarding wiki", f'token = "{v}"', "client = Client(token)"]


def g_list(r, v):
    return "testdata/inputs.json", jlines({"cases": [{"input": v, "expect": "match"}]})


def g_log(r, v):
    return "logs/worker.log", ["2025-03-11T09:14:02Z INFO starting worker pid=4121",
                               f"2025-03-11T09:14:03Z DEBUG using credential {v}",
                               "2025-03-11T09:14:03Z INFO connected"]


def g_markdown(r, v):
    return "NOTES.md", ["## Access", "", "Use this while the vault migration is pending:", "", "```", v, "```"]


def g_yaml_value(r, v):
    return "values.yaml", ["auth:", "  type: static", f"  value: {v}"]


def g_cli_arg(r, v):
    return "Makefile", ["deploy:", f"\t./bin/deploy --credential {v} --env staging"]


GENERIC = [g_assign, g_list, g_log, g_markdown, g_yaml_value, g_cli_arg]


# --- PAIR ---------------------------------------------------------------------------------------------------------
def p_dotenv(r, v):
    cenv, _ = r["comp"]
    return ".env.production", [f"{cenv}={r['cval']}", f"{r['env']}={v}"]


def p_yaml(r, v):
    cenv, _ = r["comp"]
    return "config/credentials.yml", [f"{slug(r)}:", f"  {cenv.lower()}: {r['cval']}", f"  {r['env'].lower()}: {v}"]


def p_python(r, v):
    cenv, _ = r["comp"]
    return f"scripts/{slug(r)}_sync.py", [f"{cenv} = \"{r['cval']}\"", f"{r['env']} = \"{v}\"", "",
                                          f"client = {pascal(r)}Client({cenv}, {r['env']})"]


def p_k8s_secret(r, v):
    cenv, _ = r["comp"]
    return "k8s/secret.yaml", ["apiVersion: v1", "kind: Secret", "metadata:", f"  name: {r['provider']}-credentials",
                               "type: Opaque", "stringData:", f"  {cenv}: \"{r['cval']}\"", f"  {r['env']}: \"{v}\""]


def p_aws_credentials(r, v):
    return ".aws/credentials", ["[deploy]", f"aws_access_key_id = {r['cval']}", f"aws_secret_access_key = {v}", "region = eu-west-1"]


PAIR = [p_dotenv, p_yaml, p_python, p_k8s_secret]
