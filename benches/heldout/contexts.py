"""The file contexts a token is written in (case groups 1 and 4).

Each form is a function (svc, tok, rng) -> (filename, lines). `svc` is a dict with id (slug),
name (display name), env (the environment variable name people use), host (the API host) and
auth (how the token is sent, see longtail.py). The token appears exactly once in the file.
"""

import json
import re

FORMS = ["yaml", "json", "env", "python", "js", "go", "java", "ruby", "php", "shell",
         "dockerfile", "compose", "terraform", "xml", "ini", "log", "prose", "json-env"]


def field_snake(env):
    parts = env.lower().split("_")
    return "_".join(parts[1:]) if len(parts) > 1 else parts[0]


def camel(snake):
    p = snake.split("_")
    return p[0] + "".join(x.capitalize() for x in p[1:])


def pascal(s):
    return "".join(x.capitalize() for x in re.split(r"[^A-Za-z0-9]+", s) if x)


def needs_quotes(tok):
    return any(c in tok for c in " #'\"$`\\")


def auth_parts(auth):
    """-> (kind, a, b): ('header', name, prefix) | ('query', param, '') | ('path', prefix, '')
    | ('basic', '', '') | ('body', field, '') | ('none', '', '')"""
    if auth == "bearer":
        return ("header", "Authorization", "Bearer ")
    if auth == "token":
        return ("header", "Authorization", "Token ")
    if auth in ("basic", "none"):
        return (auth, "", "")
    kind, _, rest = auth.partition(":")
    if kind == "h":
        name, _, scheme = rest.partition(": ")
        if scheme and not scheme.endswith("="):
            scheme += " "
        return ("header", name, scheme)
    if kind == "q":
        return ("query", rest, "")
    if kind == "path":
        return ("path", rest, "")
    if kind == "body":
        return ("body", rest, "")
    raise ValueError(auth)


def pick(rng, *xs):
    return xs[rng.randrange(len(xs))]


# --- forms -------------------------------------------------------------------------------
def f_yaml(svc, tok, rng):
    key = field_snake(svc["env"])
    v = f'"{tok}"' if needs_quotes(tok) or rng.random() < 0.3 else tok
    style = rng.randrange(3)
    if style == 0:
        lines = [f"# {svc['name']} integration", f"{svc['id']}:", f"  base_url: https://{svc['host']}",
                 f"  {key}: {v}", "  timeout_seconds: 15", "  retries: 3"]
    elif style == 1:
        lines = ["integrations:", "  enabled: true", "  providers:", f"    - name: {svc['id']}",
                 f"      endpoint: https://{svc['host']}", f"      {key}: {v}", "    - name: internal-metrics",
                 "      endpoint: http://metrics.svc.cluster.local:9090"]
    else:
        lines = ["apiVersion: v1", "kind: ConfigMap", "metadata:", f"  name: {svc['id']}-client",
                 "  namespace: backend", "data:", f"  {svc['env']}: {v}",
                 f"  {svc['id'].upper()}_BASE_URL: https://{svc['host']}"]
    return pick(rng, "config.yaml", "settings.yml", "values.yaml"), lines


def f_json(svc, tok, rng):
    key = camel(field_snake(svc["env"]))
    doc = {"name": f"{svc['id']}-sync", "version": "2.3.1",
           "services": {svc["id"]: {"baseUrl": f"https://{svc['host']}", key: tok, "timeoutMs": 8000}},
           "logging": {"level": "info"}}
    return pick(rng, "config.json", "appsettings.json", "settings.json"), json.dumps(doc, indent=2).split("\n")


def f_env(svc, tok, rng):
    v = f'"{tok}"' if needs_quotes(tok) else tok
    lines = ["# production settings", "NODE_ENV=production", "PORT=8080",
             "DATABASE_POOL_SIZE=10", f"{svc['env']}={v}", "LOG_LEVEL=info"]
    if rng.random() < 0.5:
        lines.insert(4, f"{svc['id'].upper()}_BASE_URL=https://{svc['host']}")
    return pick(rng, ".env", ".env.production", "app.env"), lines


def f_python(svc, tok, rng):
    kind, a, b = auth_parts(svc["auth"])
    var = field_snake(svc["env"]).upper()
    head = ['"""Thin client for the %s API."""' % svc["name"], "import os", "", "import requests", "",
            f'BASE_URL = "https://{svc["host"]}"', ""]
    if kind == "header":
        body = ["", "def fetch(path, **params):",
                f'    headers = {{"{a}": "{b}{tok}", "Accept": "application/json"}}',
                '    resp = requests.get(BASE_URL + path, params=params, headers=headers, timeout=10)',
                "    resp.raise_for_status()", "    return resp.json()"]
    elif kind == "query":
        body = ["", "def fetch(path, **params):", f'    params.setdefault("{a}", "{tok}")',
                '    resp = requests.get(BASE_URL + path, params=params, timeout=10)',
                "    resp.raise_for_status()", "    return resp.json()"]
    elif kind == "path":
        body = ["", "def rpc(method, *args):",
                f'    url = "https://{svc["host"]}{a}{tok}"',
                '    payload = {"jsonrpc": "2.0", "id": 1, "method": method, "params": list(args)}',
                "    return requests.post(url, json=payload, timeout=10).json()"]
    elif kind == "basic":
        body = ["", "def session():", "    s = requests.Session()",
                f'    s.auth = ("{pick(rng, "api", svc["id"] + "-client", "ci-bot")}", "{tok}")',
                "    return s"]
    elif kind == "body":
        body = ["", "def call(path, **fields):", f'    fields["{a}"] = "{tok}"',
                '    return requests.post(BASE_URL + path, json=fields, timeout=10).json()']
    else:
        body = [f'{var} = os.environ.get("{svc["env"]}", "{tok}")', "",
                "def client():", f'    return {pascal(svc["id"])}Client(secret={var}, base_url=BASE_URL)']
    return pick(rng, "client.py", f"{svc['id']}_client.py", "integrations.py"), head + body


def f_js(svc, tok, rng):
    key = camel(field_snake(svc["env"]))
    q = "'" if "'" not in tok else '"'
    lines = ["'use strict';", "", "module.exports = {", "  server: { port: 3000 },", f"  {svc['id']}: {{",
             f"    baseUrl: 'https://{svc['host']}',", f"    {key}: {q}{tok}{q},", "    timeout: 5000,", "  },", "};"]
    if rng.random() < 0.5:
        kind, a, b = auth_parts(svc["auth"])
        if kind == "header":
            lines = ["import axios from 'axios';", "", "export const api = axios.create({",
                     f"  baseURL: 'https://{svc['host']}',", f"  headers: {{ '{a}': '{b}{tok}' }},", "});"]
    return pick(rng, "config.js", "index.js", "api.mjs"), lines


def f_go(svc, tok, rng):
    kind, a, b = auth_parts(svc["auth"])
    name = camel(svc["env"].lower())
    if kind == "header":
        body = [f"func newRequest(ctx context.Context, path string) (*http.Request, error) {{",
                f'\treq, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://{svc["host"]}"+path, nil)',
                "\tif err != nil {", "\t\treturn nil, err", "\t}",
                f'\treq.Header.Set("{a}", "{b}{tok}")', "\treturn req, nil", "}"]
        imports = ['\t"context"', '\t"net/http"']
    else:
        body = ["const (", f'\tbaseURL = "https://{svc["host"]}"', f'\t{name} = "{tok}"', ")"]
        imports = []
    lines = ["package " + re.sub(r"[^a-z]", "", svc["id"]), ""]
    if imports:
        lines += ["import ("] + imports + [")", ""]
    return pick(rng, "client.go", "config.go"), lines + body


def f_java(svc, tok, rng):
    cls = pascal(svc["id"]) + "Config"
    kind, a, b = auth_parts(svc["auth"])
    lines = [f"package com.acme.{re.sub(r'[^a-z]', '', svc['id'])};", "", f"public final class {cls} {{",
             f'    public static final String BASE_URL = "https://{svc["host"]}";']
    if kind == "header" and rng.random() < 0.5:
        lines += ["", "    static void authorize(java.net.HttpURLConnection conn) {",
                  f'        conn.setRequestProperty("{a}", "{b}{tok}");', "    }"]
    else:
        lines += [f'    private static final String {svc["env"]} = "{tok}";']
    lines += ["", f"    private {cls}() {{}}", "}"]
    return cls + ".java", lines


def f_ruby(svc, tok, rng):
    key = field_snake(svc["env"])
    if rng.random() < 0.5:
        lines = ["# frozen_string_literal: true", "", f"{pascal(svc['id'])}.configure do |config|",
                 f"  config.endpoint = 'https://{svc['host']}'", f"  config.{key} = '{tok}'", "  config.timeout = 10", "end"]
    else:
        lines = ["# frozen_string_literal: true", "", "module Integrations",
                 f"  {svc['env']} = ENV.fetch('{svc['env']}', '{tok}')",
                 f"  BASE_URL = 'https://{svc['host']}'", "end"]
    return pick(rng, f"{svc['id']}.rb", "initializer.rb"), lines


def f_php(svc, tok, rng):
    kind, a, b = auth_parts(svc["auth"])
    if kind == "header":
        lines = ["<?php", "", "use GuzzleHttp\\Client;", "", "$client = new Client([",
                 f"    'base_uri' => 'https://{svc['host']}',", f"    'headers' => ['{a}' => '{b}{tok}'],", "    'timeout' => 10,", "]);"]
    else:
        lines = ["<?php", "", "return [", f"    '{svc['id']}' => [", f"        'endpoint' => 'https://{svc['host']}',",
                 f"        '{field_snake(svc['env'])}' => '{tok}',", "    ],", "];"]
    return pick(rng, "config.php", "services.php"), lines


def f_shell(svc, tok, rng):
    kind, a, b = auth_parts(svc["auth"])
    host = svc["host"]
    pre = ["#!/usr/bin/env bash", "set -euo pipefail", ""]
    if kind == "header":
        cmd = [f'curl -sS -H "{a}: {b}{tok}" \\', f'  -H "Accept: application/json" "https://{host}/v1/status"']
    elif kind == "query":
        cmd = [f'curl -sS "https://{host}/v1/search?q=berlin&{a}={tok}" | jq .']
    elif kind == "path":
        cmd = [f"curl -sS -X POST https://{host}{a}{tok} \\",
               "  -d '{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\",\"params\":[]}'"]
    elif kind == "basic":
        cmd = [f'curl -sS -u "{pick(rng, "api", "ci-bot")}:{tok}" https://{host}/v1/account']
    elif kind == "body":
        cmd = [f"curl -sS -X POST https://{host}/v1/messages \\",
               f"  -H 'Content-Type: application/json' -d '{{\"{a}\": \"{tok}\", \"limit\": 10}}'"]
    else:
        cmd = [f'export {svc["env"]}="{tok}"', f"./bin/sync --target https://{host}"]
    return pick(rng, "deploy.sh", "smoke.sh", "run.sh"), pre + cmd


def f_dockerfile(svc, tok, rng):
    v = f'"{tok}"' if needs_quotes(tok) else tok
    lines = ["FROM python:3.12-slim", "WORKDIR /app", "COPY requirements.txt .",
             "RUN pip install --no-cache-dir -r requirements.txt", "COPY . .",
             f"ENV {svc['env']}={v}", "ENV PYTHONUNBUFFERED=1", 'CMD ["python", "-m", "worker"]']
    return "Dockerfile", lines


def f_compose(svc, tok, rng):
    if rng.random() < 0.5:
        env = [f"      - {svc['env']}={tok}"]
    else:
        v = f'"{tok}"' if needs_quotes(tok) else tok
        env = [f"      {svc['env']}: {v}"]
    lines = ["services:", "  worker:", "    image: ghcr.io/acme/worker:1.8.2", "    restart: unless-stopped",
             "    environment:"] + ([ "      - LOG_LEVEL=info"] if env[0].lstrip().startswith("-") else ["      LOG_LEVEL: info"]) + env + \
            ["    depends_on:", "      - redis", "  redis:", "    image: redis:7-alpine"]
    return pick(rng, "docker-compose.yml", "compose.yaml"), lines


def f_terraform(svc, tok, rng):
    name = field_snake(svc["env"])
    if rng.random() < 0.5:
        lines = [f'variable "{svc["id"]}_{name}" {{', '  type      = string', "  sensitive = true",
                 f'  default   = "{tok}"', "}"]
    else:
        lines = ['resource "kubernetes_secret" "' + svc["id"] + '" {', "  metadata {",
                 f'    name      = "{svc["id"]}-credentials"', '    namespace = "apps"', "  }", "  data = {",
                 f'    {svc["env"]} = "{tok}"', "  }", "}"]
    return pick(rng, "main.tf", "secrets.tf", "variables.tf"), lines


def f_xml(svc, tok, rng):
    x = tok.replace("&", "&amp;").replace("<", "&lt;")
    if rng.random() < 0.5:
        lines = ['<?xml version="1.0" encoding="utf-8"?>', "<configuration>", "  <appSettings>",
                 f'    <add key="{pascal(svc["id"])}BaseUrl" value="https://{svc["host"]}" />',
                 f'    <add key="{pascal(svc["id"])}{pascal(field_snake(svc["env"]))}" value="{x}" />',
                 "  </appSettings>", "</configuration>"]
        fn = pick(rng, "App.config", "Web.config")
    else:
        lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<settings>", f'  <service name="{svc["id"]}">',
                 f"    <endpoint>https://{svc['host']}</endpoint>",
                 f"    <{camel(field_snake(svc['env']))}>{x}</{camel(field_snake(svc['env']))}>",
                 "  </service>", "</settings>"]
        fn = pick(rng, "settings.xml", "integration.xml")
    return fn, lines


def f_ini(svc, tok, rng):
    lines = ["[general]", "environment = production", "workers = 4", "", f"[{svc['id']}]",
             f"endpoint = https://{svc['host']}", f"{field_snake(svc['env'])} = {tok}", "timeout = 30"]
    return pick(rng, "settings.ini", "app.cfg", "config.ini"), lines


def f_log(svc, tok, rng):
    ts = f"2024-0{rng.randrange(1, 9)}-1{rng.randrange(0, 9)} 0{rng.randrange(0, 9)}:{rng.randrange(10, 59)}:{rng.randrange(10, 59)}"
    kind, a, b = auth_parts(svc["auth"])
    mod = svc["id"]
    style = rng.randrange(3)
    if style == 0:
        line = f"{ts},412 [DEBUG] {mod}.client: using key={tok}"
    elif style == 1 and kind == "header":
        line = f"{ts},413 [DEBUG] urllib3: > GET https://{svc['host']}/v1/items  {a}: {b}{tok}"
    elif style == 1 and kind == "query":
        line = f"{ts},413 [DEBUG] http: GET https://{svc['host']}/v1/items?{a}={tok} -> 200"
    else:
        line = f"{ts},414 [INFO] {mod}: authenticated with token {tok}"
    lines = [f"{ts},101 [INFO] worker: starting, pid=4242", f"{ts},230 [INFO] {mod}: loading configuration",
             line, f"{ts},887 [INFO] {mod}: 200 OK in 143 ms", f"{ts},990 [INFO] worker: job finished"]
    return pick(rng, "debug.log", "worker.log", "app.log"), lines


def f_prose(svc, tok, rng):
    what = pick(rng, "token", "API key", "key")
    s = rng.randrange(3)
    if s == 0:
        line = f"The {svc['name']} {what} is {tok} (ask ops before rotating it)."
    elif s == 1:
        line = f"- {svc['name']}: use {what} {tok} for the staging account, same as prod for now"
    else:
        line = f"{svc['name']} {what} for the nightly export: {tok}"
    lines = ["Onboarding notes", "================", "",
             "Accounts we use for the data pipeline. Talk to Priya about access.", "", line, "",
             "The dashboard lives at https://" + svc["host"] + "/dashboard."]
    return pick(rng, "NOTES.txt", "onboarding.md", "handover.txt"), lines


def f_json_env(svc, tok, rng):
    env = f"APP_ENV=production\\nPORT=8080\\n{svc['env']}={tok}\\nLOG_LEVEL=info\\n"
    lines = ["{", '  "name": "worker",', '  "image": "ghcr.io/acme/worker:1.8.2",',
             f'  "env_file_contents": "{env}",', '  "replicas": 2', "}"]
    return pick(rng, "task.json", "deployment.json"), lines


FORM_FUNCS = {"yaml": f_yaml, "json": f_json, "env": f_env, "python": f_python, "js": f_js, "go": f_go,
              "java": f_java, "ruby": f_ruby, "php": f_php, "shell": f_shell, "dockerfile": f_dockerfile,
              "compose": f_compose, "terraform": f_terraform, "xml": f_xml, "ini": f_ini, "log": f_log,
              "prose": f_prose, "json-env": f_json_env}


def render(form, svc, tok, rng):
    """-> (filename, lines, 1-based line of the token)"""
    fn, lines = FORM_FUNCS[form](svc, tok, rng)
    esc = tok.replace("&", "&amp;").replace("<", "&lt;")
    hits = [i for i, ln in enumerate(lines, 1) if tok in ln or esc in ln]
    if len(hits) != 1:
        raise AssertionError(f"{form}: token on {len(hits)} lines for {svc['id']}")
    return fn, lines, hits[0]
