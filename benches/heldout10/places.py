"""Contexts of the tenth held-out corpus: where a credential sits in a file.

Each context is f(r, v) -> (filename, lines) for a row r of formats.ROWS (or a dict with the same
keys) and a value v. NAMED contexts name the provider (its variable, its name, its SDK client or its
API host); GENERIC ones name nothing (used for values with a distinctive prefix); PAIR contexts print
the row's companion value (a key id, an account id) next to it.
"""

import json
import re


def ident(r):
    return r["pid"].replace("-", "_")


def kebab(r):
    return r["pid"]


def pascal(r):
    return "".join(x.capitalize() for x in re.split(r"[_\-]", r["pid"]))


def camel(r):
    p = pascal(r)
    return p[0].lower() + p[1:]


def pkg(r):
    return re.sub(r"[^a-z0-9]", "", r["pid"])


def jlines(doc, indent=2):
    return json.dumps(doc, indent=indent).split("\n")


def is_url(v):
    return "://" in v


# --- how a value travels to its host ---------------------------------------------------------------------
PATHS = ["/v1/account", "/v2/status", "/api/v1/projects", "/v1/me", "/api/events", "/v3/usage"]


def request(r, v, i=0):
    """-> (url, headers, basic): the request a client makes with the value."""
    path = PATHS[(len(r["pid"]) + i) % len(PATHS)]
    hdr = r["hdr"]
    base = f"https://{r['host']}"
    if hdr.startswith("?"):
        return f"{base}{path}{hdr.format(v=v) if '{v}' in hdr else '?' + v}", {}, None
    if hdr.startswith("/"):
        return f"{base}{hdr.format(v=v)}", {}, None
    name, val = hdr.split(": ", 1)
    if val == "Basic {v}":
        return base + path, {}, ("ops@acme.io", v)
    return base + path, {name: val.format(v=v)}, None


# --- named: variable / name / client ----------------------------------------------------------------------
def n_dotenv(r, v):
    return ".env", ["NODE_ENV=production", "LOG_LEVEL=info", f"{r['env']}={v}"]


def n_export(r, v):
    return "deploy.sh", ["#!/usr/bin/env bash", "set -euo pipefail", f'export {r["env"]}="{v}"', f"./bin/sync --provider {kebab(r)}"]


def n_py_const(r, v):
    return "settings.py", ["import os", "", "DEBUG = False", f'{r["env"]} = "{v}"']


def n_py_setdefault(r, v):
    return "conftest.py", ["import os", "", f'os.environ.setdefault("{r["env"]}", "{v}")']


def n_py_client(r, v):
    return "client.py", [f"from {pkg(r)} import {pascal(r)}Client", "", f'client = {pascal(r)}Client(api_key="{v}")']


def n_js_const(r, v):
    return "config.js", [f"const {camel(r)}Key = '{v}';", "", f"module.exports = {{ {camel(r)}Key }};"]


def n_ts_config(r, v):
    return "src/config.ts", ["export const config = {", f"  {camel(r)}: {{", f'    apiKey: "{v}",', "    timeoutMs: 5000,", "  },", "};"]


def n_node_client(r, v):
    return "index.mjs", [f"import {pascal(r)} from '{kebab(r)}';", "", f"const client = new {pascal(r)}({{ apiKey: '{v}' }});"]


def n_go_const(r, v):
    return "internal/config/config.go", ["package config", "", f'const {pascal(r)}APIKey = "{v}"']


def n_go_client(r, v):
    return "main.go", ["func main() {", f'\tclient := {pkg(r)}.NewClient("{v}")', "\tdefer client.Close()", "}"]


def n_java_const(r, v):
    return f"src/main/java/io/acme/{pascal(r)}Config.java", [f"public final class {pascal(r)}Config {{",
                                                              f'    public static final String {r["env"]} = "{v}";', "}"]


def n_properties(r, v):
    return "src/main/resources/application.properties", ["server.port=8080", f"{kebab(r)}.api-key={v}"]


def n_spring_yaml(r, v):
    return "src/main/resources/application.yml", [f"{kebab(r)}:", "  api:", f"    key: {v}", "    timeout: 10s"]


def n_cs_client(r, v):
    return "Startup.cs", [f'services.AddSingleton(new {pascal(r)}Client("{v}"));']


def n_appsettings(r, v):
    return "appsettings.json", jlines({"Logging": {"LogLevel": {"Default": "Information"}}, pascal(r): {"ApiKey": v}})


def n_rails_init(r, v):
    return f"config/initializers/{ident(r)}.rb", [f"{pascal(r)}.configure do |config|", f"  config.api_key = '{v}'", "end"]


def n_php_config(r, v):
    return "config/services.php", ["<?php", "", "return [", f"    '{ident(r)}' => [", f"        'key' => '{v}',", "    ],", "];"]


def n_rust_const(r, v):
    return "src/config.rs", [f'pub const {r["env"]}: &str = "{v}";']


def n_kotlin(r, v):
    return "app/src/main/java/io/acme/Keys.kt", ["object Keys {", f'    const val {r["env"]} = "{v}"', "}"]


def n_swift(r, v):
    return "Sources/App/Secrets.swift", ["enum Secrets {", f'    static let {camel(r)}Key = "{v}"', "}"]


def n_compose(r, v):
    return "docker-compose.yml", ["services:", "  worker:", "    image: acme/worker:1.8.2", "    environment:", f"      - {r['env']}={v}"]


def n_k8s_secret(r, v):
    return "k8s/secret.yaml", ["apiVersion: v1", "kind: Secret", "metadata:", f"  name: {kebab(r)}-credentials", "type: Opaque",
                               "stringData:", f'  {r["env"]}: "{v}"']


def n_gha_env(r, v):
    return ".github/workflows/sync.yml", ["name: sync", "on: [push]", "jobs:", "  sync:", "    runs-on: ubuntu-latest", "    env:",
                                          f"      {r['env']}: {v}", "    steps:", "      - uses: actions/checkout@v4", "      - run: make sync"]


def n_json(r, v):
    return "config.json", jlines({ident(r): {"apiKey": v, "timeout": 30}})


def n_toml(r, v):
    return "config.toml", [f"[{ident(r)}]", f'api_key = "{v}"', "timeout = 30"]


def n_ini(r, v):
    return "settings.ini", ["[general]", "debug = false", "", f"[{ident(r)}]", f"api_key = {v}"]


def n_dockerfile(r, v):
    return "Dockerfile", ["FROM python:3.12-slim", "WORKDIR /app", f"ENV {r['env']}={v}", 'CMD ["python", "-m", "worker"]']


def n_terraform(r, v):
    return "variables.tf", [f'variable "{ident(r)}_api_key" {{', "  type    = string", f'  default = "{v}"', "}"]


def n_xml(r, v):
    return "App.config", ['<?xml version="1.0" encoding="utf-8"?>', "<configuration>", "  <appSettings>",
                          f'    <add key="{pascal(r)}ApiKey" value="{v}" />', "  </appSettings>", "</configuration>"]


def n_log(r, v):
    return "logs/worker.log", ["2025-02-11T08:14:07.102Z INFO  worker  starting 4 threads",
                               f"2025-02-11T08:14:07.331Z DEBUG {ident(r)}.client  configured api_key={v} region=us-east-1"]


def n_markdown(r, v):
    return "docs/SETUP.md", ["## Local setup", "", f"Use the shared {r['name']} key `{v}` for the staging account."]


def n_powershell(r, v):
    return "setup.ps1", [f'$env:{r["env"]} = "{v}"', "dotnet run --project src/Worker"]


def n_ansible(r, v):
    return "group_vars/all.yml", ["app_user: deploy", f'{ident(r)}_api_key: "{v}"']


def n_helm(r, v):
    return "values.yaml", [f"{camel(r)}:", "  enabled: true", f"  apiKey: {v}"]


def n_c_header(r, v):
    return "include/config.h", ["#pragma once", f'#define {r["env"]} "{v}"']


def n_elixir(r, v):
    return "config/runtime.exs", ["import Config", "", f'config :{ident(r)}, api_key: "{v}"']


def n_dart(r, v):
    return "lib/env.dart", [f"const {camel(r)}ApiKey = '{v}';"]


def n_scala(r, v):
    return "src/main/scala/Config.scala", ["object Config {", f'  val {camel(r)}ApiKey = "{v}"', "}"]


def n_perl(r, v):
    return "lib/Config.pm", [f"our ${r['env']} = '{v}';", "1;"]


def n_notebook(r, v):
    doc = {"cells": [{"cell_type": "code", "execution_count": 3, "metadata": {}, "outputs": [],
                      "source": ["import os\n", f'os.environ["{r["env"]}"] = "{v}"\n']}],
           "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}}, "nbformat": 4, "nbformat_minor": 5}
    return "analysis.ipynb", jlines(doc, indent=1)


def n_makefile(r, v):
    return "Makefile", [f"{r['env']} ?= {v}", "", "sync:", f"\t./bin/sync --key $({r['env']})"]


def n_systemd(r, v):
    return "worker.service", ["[Unit]", "Description=sync worker", "", "[Service]", f"Environment={r['env']}={v}",
                              "ExecStart=/usr/local/bin/worker"]


def n_sql(r, v):
    return "db/seed.sql", [f"INSERT INTO integrations (provider, api_key) VALUES ('{ident(r)}', '{v}');"]


def n_lua(r, v):
    return "config.lua", [f'local {ident(r)}_key = "{v}"', f"return {{ {ident(r)} = {ident(r)}_key }}"]


def n_serverless(r, v):
    return "serverless.yml", ["service: sync", "provider:", "  name: aws", "  environment:", f"    {r['env']}: {v}"]


def n_gradle_props(r, v):
    return "gradle.properties", ["org.gradle.jvmargs=-Xmx2g", f"{camel(r)}ApiKey={v}"]


def n_netlify_toml(r, v):
    return "netlify.toml", ["[build]", '  command = "npm run build"', "", "[build.environment]", f'  {r["env"]} = "{v}"']


# --- named by host: the value in a request to the provider's API -------------------------------------------
def h_curl(r, v):
    url, hs, basic = request(r, v)
    if basic:
        return "scripts/check.sh", [f'curl -s -u "{basic[0]}:{basic[1]}" "{url}"']  # vaultsweep:allow (template: the value is drawn at generation time)
    return "scripts/check.sh", ["curl -s \\"] + [f'  -H "{k}: {x}" \\' for k, x in hs.items()] + [f'  "{url}"']


def h_python(r, v):
    url, hs, basic = request(r, v, 1)
    if basic:
        return "fetch.py", ["import requests", "", f'resp = requests.get("{url}", auth=("{basic[0]}", "{basic[1]}"), timeout=10)']  # vaultsweep:allow (template: the value is drawn at generation time)
    if hs:
        return "fetch.py", ["import requests", "", f'resp = requests.get("{url}", headers={json.dumps(hs)}, timeout=10)']
    return "fetch.py", ["import requests", "", f'resp = requests.get("{url}", timeout=10)']


def h_fetch(r, v):
    url, hs, basic = request(r, v, 2)
    if basic:
        hs = {"Authorization": f"Basic ${{btoa('{basic[0]}:{basic[1]}')}}"}
        return "src/api.js", [f"const res = await fetch('{url}', {{", f"  headers: {{ Authorization: `Basic ${{btoa('{basic[0]}:{basic[1]}')}}` }},", "});"]
    h = ", ".join(f"'{k}': '{x}'" for k, x in hs.items())
    return "src/api.js", [f"const res = await fetch('{url}', {{", f"  headers: {{ {h} }},", "});"]


def h_go(r, v):
    url, hs, basic = request(r, v, 3)
    lines = ["func fetch(ctx context.Context) (*http.Response, error) {", f'\treq, err := http.NewRequestWithContext(ctx, "GET", "{url}", nil)',
             "\tif err != nil {", "\t\treturn nil, err", "\t}"]
    if basic:
        lines.append(f'\treq.SetBasicAuth("{basic[0]}", "{basic[1]}")')  # vaultsweep:allow (template: the value is drawn at generation time)
    for k, x in hs.items():
        lines.append(f'\treq.Header.Set("{k}", "{x}")')
    return "client.go", lines + ["\treturn http.DefaultClient.Do(req)", "}"]


def h_http_file(r, v):
    url, hs, basic = request(r, v, 4)
    lines = [f"GET {url}", "Accept: application/json"]
    if basic:
        lines.append(f"Authorization: Basic {basic[0]} {basic[1]}")
    lines += [f"{k}: {x}" for k, x in hs.items()]
    return "requests.http", ["### account"] + lines


def h_ruby(r, v):
    url, hs, basic = request(r, v, 5)
    lines = [f'uri = URI("{url}")', "req = Net::HTTP::Get.new(uri)"]
    if basic:
        lines.append(f'req.basic_auth("{basic[0]}", "{basic[1]}")')  # vaultsweep:allow (template: the value is drawn at generation time)
    lines += [f'req["{k}"] = "{x}"' for k, x in hs.items()]
    return "lib/fetch.rb", lines + ["res = Net::HTTP.start(uri.hostname, uri.port, use_ssl: true) { |http| http.request(req) }"]


def h_php(r, v):
    url, hs, basic = request(r, v)
    lines = ["<?php", f"$client = new \\GuzzleHttp\\Client();", f"$res = $client->request('GET', '{url}', ["]
    if basic:
        lines.append(f"    'auth' => ['{basic[0]}', '{basic[1]}'],")
    if hs:
        lines.append("    'headers' => [" + ", ".join(f"'{k}' => '{x}'" for k, x in hs.items()) + "],")
    return "src/Fetch.php", lines + ["]);"]


def h_java(r, v):
    url, hs, basic = request(r, v, 1)
    lines = ["HttpRequest request = HttpRequest.newBuilder()", f'    .uri(URI.create("{url}"))']
    if basic:
        lines.append(f'    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("{basic[0]}:{basic[1]}".getBytes()))')
    lines += [f'    .header("{k}", "{x}")' for k, x in hs.items()]
    return "src/main/java/io/acme/Fetch.java", lines + ["    .build();"]


def h_csharp(r, v):
    url, hs, basic = request(r, v, 2)
    lines = ["using var http = new HttpClient();"]
    if basic:
        lines.append(f'http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("{basic[0]}:{basic[1]}")));')
    lines += [f'http.DefaultRequestHeaders.Add("{k}", "{x}");' for k, x in hs.items()]
    return "Fetch.cs", lines + [f'var body = await http.GetStringAsync("{url}");']


def h_pwsh(r, v):
    url, hs, basic = request(r, v, 3)
    if basic:
        return "fetch.ps1", [f'$pair = "{basic[0]}:{basic[1]}"', "$b64 = [Convert]::ToBase64String([Text.Encoding]::ASCII.GetBytes($pair))",
                             f'Invoke-RestMethod -Uri "{url}" -Headers @{{ Authorization = "Basic $b64" }}']
    h = "; ".join(f'"{k}" = "{x}"' for k, x in hs.items())
    return "fetch.ps1", [f'Invoke-RestMethod -Uri "{url}"' + (f" -Headers @{{ {h} }}" if hs else "")]


NAMED = [n_dotenv, n_export, n_py_const, n_py_setdefault, n_py_client, n_js_const, n_ts_config, n_node_client, n_go_const, n_go_client,
         n_java_const, n_properties, n_spring_yaml, n_cs_client, n_appsettings, n_rails_init, n_php_config, n_rust_const, n_kotlin,
         n_swift, n_compose, n_k8s_secret, n_gha_env, n_json, n_toml, n_ini, n_dockerfile, n_terraform, n_xml, n_log, n_markdown,
         n_powershell, n_ansible, n_helm, n_c_header, n_elixir, n_dart, n_scala, n_perl, n_notebook, n_makefile, n_systemd, n_sql,
         n_lua, n_serverless, n_gradle_props, n_netlify_toml]
HOST = [h_curl, h_python, h_fetch, h_go, h_http_file, h_ruby, h_php, h_java, h_csharp, h_pwsh]


# --- generic: nothing names the provider ---------------------------------------------------------------------
def g_pytest(r, v):
    return "tests/test_headers.py", ["def test_auth_header_is_set():", f'    token = "{v}"', "    headers = build_headers(token)",
                                     '    assert headers["Authorization"].endswith(token)']


def g_json_fixture(r, v):
    return "fixtures/integration.json", jlines({"name": "ci", "enabled": True, "credential": v})


def g_yaml(r, v):
    return "config/local.yml", ["server:", "  port: 8080", "auth:", f"  token: {v}"]


def g_curl(r, v):
    if is_url(v):
        return "notify.sh", [f"curl -s -X POST -H 'Content-Type: application/json' -d '{{\"text\":\"deploy done\"}}' '{v}'"]
    return "scripts/call.sh", [f'curl -sf -H "Authorization: Bearer {v}" "$API_URL/v1/status"']


def g_markdown(r, v):
    return "NOTES.md", ["Staging credentials (rotate after the demo):", "", f"- `{v}`"]


def g_log(r, v):
    if is_url(v):
        return "debug.log", [f"2025-03-02 11:02:44,117 DEBUG notifier posting to {v}"]
    return "debug.log", [f"2025-03-02 11:02:44,117 DEBUG http headers={{'authorization': 'Bearer {v}', 'accept': '*/*'}}"]


def g_go_test(r, v):
    return "client_test.go", ["func TestClient(t *testing.T) {", f'\tc := New("{v}")', "\tif c == nil {", '\t\tt.Fatal("nil client")', "\t}", "}"]


def g_rust(r, v):
    return "examples/run.rs", ["fn main() {", f'    let credential = "{v}";', "    run(credential);", "}"]


def g_java(r, v):
    return "src/test/java/ClientTest.java", ["@Test", "void sendsCredential() {", f'    String credential = "{v}";',
                                             "    assertNotNull(new Client(credential));", "}"]


def g_env(r, v):
    return ".env.local", ["PORT=3000", f"SERVICE_CREDENTIAL={v}"]


def g_toml(r, v):
    return "secrets.toml", ["[upstream]", f'credential = "{v}"']


def g_csharp(r, v):
    return "Tests/Fixtures.cs", ["internal static class Fixtures", "{", f'    public const string Credential = "{v}";', "}"]


GENERIC = [g_pytest, g_json_fixture, g_yaml, g_curl, g_markdown, g_log, g_go_test, g_rust, g_java, g_env, g_toml, g_csharp]


# --- pairs: a companion id next to the secret --------------------------------------------------------------
def low(env):
    return env.lower()


def p_dotenv(r, v, c2):
    e2 = r["comp"][0]
    return ".env", [f"{e2}={c2}", f"{r['env']}={v}"]


def p_yaml(r, v, c2):
    e2 = r["comp"][0]
    return "config/credentials.yml", [f"{ident(r)}:", f"  {low(e2)}: {c2}", f"  {low(r['env'])}: {v}"]


def p_py_client(r, v, c2):
    e2 = r["comp"][0]
    return "integrations.py", [f"client = {pascal(r)}Client(", f'    {low(e2)}="{c2}",', f'    {low(r["env"])}="{v}",', ")"]


def p_json(r, v, c2):
    e2 = r["comp"][0]
    return "credentials.json", jlines({e2: c2, r["env"]: v})


def p_k8s(r, v, c2):
    e2 = r["comp"][0]
    return "k8s/secret.yaml", ["apiVersion: v1", "kind: Secret", "metadata:", f"  name: {kebab(r)}", "stringData:",
                               f"  {e2}: {c2}", f"  {r['env']}: {v}"]


def p_terraform(r, v, c2):
    e2 = r["comp"][0]
    return "providers.tf", [f'provider "{ident(r)}" {{', f'  {low(e2)} = "{c2}"', f'  {low(r["env"])} = "{v}"', "}"]


def p_export(r, v, c2):
    e2 = r["comp"][0]
    return "env.sh", [f"export {e2}='{c2}'", f"export {r['env']}='{v}'"]


def p_properties(r, v, c2):
    e2 = r["comp"][0]
    return "application.properties", [f"{kebab(r)}.{low(e2).replace('_', '-')}={c2}", f"{kebab(r)}.{low(r['env']).replace('_', '-')}={v}"]


def p_aws_credentials(r, v, c2):
    return ".aws/credentials", ["[default]", f"aws_access_key_id = {v}", f"aws_secret_access_key = {c2}", "region = eu-west-1"]


PAIR = [p_dotenv, p_yaml, p_py_client, p_json, p_k8s, p_terraform, p_export, p_properties]
