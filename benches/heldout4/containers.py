"""File containers of the fourth held-out corpus (issue 14 item 5: odd containers).

Each container takes a service (`svc`: dict with id, name, env, host) and a value and returns
(filename, lines); the value sits on one line. They lean on what the earlier corpora had little
of: env files escaped inside JSON strings (Slack exports, Terraform state, CloudWatch events,
Vault KV dumps), XML text nodes and attributes (Maven settings, web.config, NuGet, Spring beans,
Ant, log4j), log lines of many shapes (bracketed levels, JSON logs, stack traces, access logs
with a query string, nginx error logs), free text (issue comments, commit messages, runbooks,
chat, wiki tables), YAML variants (anchors, block scalars, flow maps, multi-document, Ansible,
Pulumi, GitHub Actions `with:`), headers (raw HTTP responses, HAR, curl `-H`, Go `Header.Set`,
fetch options), and code in languages the earlier sets used little (Kotlin, Swift, Groovy, F#,
Haskell, Clojure/EDN, Julia, Zig, Crystal, Nim, Erlang, VB.NET, Objective-C, PowerShell data
files, TOML, Nomad HCL, Dockerfiles).
"""

import json


def snake(env):
    return env.lower()


def camel(env):
    parts = env.lower().split("_")
    return parts[0] + "".join(p.capitalize() for p in parts[1:])


def pascal(sid):
    return "".join(p.capitalize() for p in sid.replace("-", "_").split("_"))


def ident(sid):
    return sid.replace("-", "_")


def jstr(s):
    """JSON string literal contents (without the quotes)."""
    return json.dumps(s)[1:-1]


# --- escaped strings ---------------------------------------------------------------------------
def c_slack_export(s, v, rng):
    text = f"here is the .env for the {s['name']} worker:\n```\nNODE_ENV=production\n{s['env']}={v}\n```"
    return "general/2026-11-30.json", ["[", "  {", '    "type": "message",', '    "user": "U04ABCDEF",',
                                       f'    "text": "{jstr(text)}",', '    "ts": "1764512345.000200"', "  }", "]"]


def c_tfstate(s, v, rng):
    env = f"LOG_LEVEL=info\n{s['env']}={v}\nREGION=eu-west-1\n"
    return "terraform.tfstate", ["{", '  "version": 4,', '  "resources": [{', '    "type": "aws_lambda_function",',
                                 '    "instances": [{ "attributes": {',
                                 f'      "environment_file": "{jstr(env)}",', '      "runtime": "python3.12"',
                                 "    } }]", "  }]", "}"]


def c_cloudwatch(s, v, rng):
    msg = json.dumps({"level": "debug", "msg": f"{s['id']} client init", "config": {"host": s["host"], "api_key": v}})
    return "events.json", ['{"events": [', f'  {{"timestamp": 1764512345123, "message": "{jstr(msg)}"}}', "]}"]


def c_vault_kv(s, v, rng):
    return "kv-export.json", ['{"request_id": "7f0e", "data": {"data": {',
                              f'  "{snake(s["env"])}": "{v}", "updated_by": "terraform"', "}}}"]


def c_k8s_last_applied(s, v, rng):
    inner = json.dumps({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": f"{s['id']}-creds"},
                        "stringData": {s["env"]: v}})
    return "secret-live.yaml", ["apiVersion: v1", "kind: Secret", "metadata:", f"  name: {s['id']}-creds",
                                "  annotations:", "    kubectl.kubernetes.io/last-applied-configuration: |",
                                f"      {inner}", "type: Opaque"]


# --- XML ------------------------------------------------------------------------------------------
def c_maven_settings(s, v, rng):
    return "settings.xml", ["<settings>", "  <profiles>", "    <profile>", f"      <id>{s['id']}</id>",
                            "      <properties>", f"        <{s['id']}.apiKey>{v}</{s['id']}.apiKey>",
                            "      </properties>", "    </profile>", "  </profiles>", "</settings>"]


def c_webconfig(s, v, rng):
    return "Web.config", ['<?xml version="1.0" encoding="utf-8"?>', "<configuration>", "  <appSettings>",
                          f'    <add key="{pascal(s["id"])}ApiKey" value="{v}" />',
                          f'    <add key="{pascal(s["id"])}Endpoint" value="https://{s["host"]}" />',
                          "  </appSettings>", "</configuration>"]


def c_spring_beans(s, v, rng):
    return "applicationContext.xml", ['<bean id="' + ident(s["id"]) + 'Client" class="com.acme.' + pascal(s["id"]) + 'Client">',
                                      f'  <property name="baseUrl" value="https://{s["host"]}"/>',
                                      f'  <property name="apiKey" value="{v}"/>', "</bean>"]


def c_xml_text(s, v, rng):
    return "integration.xml", ["<integrations>", f'  <integration name="{s["name"]}">',
                               f"    <endpoint>https://{s['host']}</endpoint>", f"    <apiKey>{v}</apiKey>",
                               "  </integration>", "</integrations>"]


def c_log4j(s, v, rng):
    return "log4j2.xml", ["<Configuration>", "  <Appenders>", f'    <Http name="{s["name"]}" url="https://{s["host"]}/logs">',
                          f'      <Property name="X-Api-Key" value="{v}"/>', "    </Http>", "  </Appenders>",
                          "</Configuration>"]


# --- log lines -------------------------------------------------------------------------------------
def c_log_debug(s, v, rng):
    return "app.log", ["2026-11-30 10:02:11,204 INFO  [main] starting worker",
                       f"2026-11-30 10:02:11,377 DEBUG [main] {s['name']} client using key={v}",
                       "2026-11-30 10:02:12,003 INFO  [main] ready"]


def c_log_json(s, v, rng):
    return "worker.jsonl", ['{"ts":"2026-11-30T10:02:11Z","level":"info","msg":"boot"}',
                            f'{{"ts":"2026-11-30T10:02:11Z","level":"debug","msg":"config","{snake(s["env"])}":"{v}"}}']


def c_stacktrace(s, v, rng):
    return "crash.txt", ["Exception in thread \"main\" com.acme.ClientException: 401 from " + s["host"],
                         f"\tat com.acme.{pascal(s['id'])}Client.call({pascal(s['id'])}Client.java:88)",
                         f"Caused by: AuthError: rejected credentials {{apiKey={v}, region=eu}}"]


def c_access_log(s, v, rng):
    return "access.log", [f'10.0.4.12 - - [30/Nov/2026:10:02:11 +0000] "GET /v1/sync?{s["id"]}_api_key={v}&page=2 HTTP/1.1" 200 512']


def c_ci_output(s, v, rng):
    return "build-output.txt", ["+ ./scripts/configure.sh", f"+ export {s['env']}={v}", "configured " + s["name"]]


# --- free text ---------------------------------------------------------------------------------------
def c_issue_comment(s, v, rng):
    return "issue-412.md", ["### Repro", "", f"I can reproduce against {s['host']} with my own {s['name']} key,",
                            f"the {s['name']} token is {v} if anyone wants to try.", "", "Thanks!"]


def c_commit_msg(s, v, rng):
    return "COMMIT_EDITMSG", [f"Switch {s['name']} to the production account", "",
                              f"New {s['name']} API key: {v}", "Old one was revoked on Friday."]


def c_runbook_table(s, v, rng):
    return "RUNBOOK.md", ["| service | account | key |", "|---|---|---|",
                          f"| {s['name']} | ops@acme.io | `{v}` |"]


def c_chat(s, v, rng):
    return "chat.txt", ["[10:02] sam: anyone have the staging creds?",
                        f"[10:03] kim: {s['name']} -> {v}", "[10:03] sam: thx"]


# --- YAML variants ---------------------------------------------------------------------------------
def c_yaml_anchor(s, v, rng):
    return "config.yml", ["defaults: &defaults", "  timeout: 5", f"{ident(s['id'])}:", "  <<: *defaults",
                          f"  api_key: {v}", f"  url: https://{s['host']}"]


def c_yaml_flow(s, v, rng):
    return "services.yaml", [f"{ident(s['id'])}: {{ host: {s['host']}, token: \"{v}\", retries: 3 }}"]


def c_ansible(s, v, rng):
    return "group_vars/prod.yml", ["---", f"{snake(s['env'])}: \"{v}\"", f"{ident(s['id'])}_host: {s['host']}"]


def c_pulumi(s, v, rng):
    return "Pulumi.prod.yaml", ["config:", "  aws:region: eu-west-1", f"  acme:{camel(s['env'])}: {v}"]


def c_gha_with(s, v, rng):
    return ".github/workflows/notify.yml", ["jobs:", "  notify:", "    runs-on: ubuntu-latest", "    steps:",
                                            f"      - uses: acme/{s['id']}-action@v2", "        with:",
                                            f"          {ident(s['id'])}-token: {v}"]


def c_yaml_multidoc(s, v, rng):
    return "stack.yaml", ["---", "kind: ConfigMap", "data:", "  LOG_LEVEL: info", "---", "kind: Secret",
                          "stringData:", f"  {s['env']}: '{v}'"]


# --- headers ---------------------------------------------------------------------------------------
def c_curl(s, v, rng):
    hdr = rng.choice(["Authorization: Bearer ", "X-API-Key: ", "Authorization: Token token=", "Api-Token: "])
    return "smoke.sh", ["#!/bin/sh", f"curl -sS https://{s['host']}/v1/me \\", f"  -H '{hdr}{v}' \\",
                        "  -H 'Accept: application/json'"]


def c_har(s, v, rng):
    return "session.har", ['{"log": {"entries": [{"request": {', f'  "url": "https://{s["host"]}/v2/items",',
                           '  "headers": [', '    {"name": "Accept", "value": "application/json"},',
                           f'    {{"name": "Authorization", "value": "Bearer {v}"}}', "  ]", "}}]}}"]


def c_go_header(s, v, rng):
    return "client.go", ["package client", "", "func newReq(url string) *http.Request {",
                         "\treq, _ := http.NewRequest(\"GET\", url, nil)",
                         f'\treq.Header.Set("Authorization", "Bearer {v}") // {s["name"]}', "\treturn req", "}"]


def c_fetch(s, v, rng):
    return "api.js", [f"export const list = () => fetch('https://{s['host']}/v1/list', {{",
                      f"  headers: {{ 'X-Api-Key': '{v}' }},", "});"]


def c_raw_http(s, v, rng):
    return "capture.txt", [f"POST /v1/events HTTP/1.1", f"Host: {s['host']}", f"Authorization: Bearer {v}",
                           "Content-Type: application/json"]


# --- code in languages used little ------------------------------------------------------------------
def c_kotlin(s, v, rng):
    return "Config.kt", ["object Config {", f'    const val {s["env"]} = "{v}"', "}"]


def c_swift(s, v, rng):
    return "Secrets.swift", ["enum Secrets {", f'    static let {camel(s["env"])} = "{v}"', "}"]


def c_groovy(s, v, rng):
    return "build.gradle", ["android {", "  defaultConfig {",
                            f'    buildConfigField "String", "{s["env"]}", "\\"{v}\\""', "  }", "}"]


def c_fsharp(s, v, rng):
    return "Config.fs", ["module Config", f'let {camel(s["env"])} = "{v}"']


def c_haskell(s, v, rng):
    return "Config.hs", ["module Config where", f"{camel(s['env'])} :: Text", f'{camel(s["env"])} = "{v}"']


def c_clojure(s, v, rng):
    return "config.edn", ["{:" + ident(s["id"]) + " {:host \"" + s["host"] + "\"", f'  :api-key "{v}"}}}}']


def c_julia(s, v, rng):
    return "setup.jl", [f'ENV["{s["env"]}"] = "{v}"']


def c_zig(s, v, rng):
    return "config.zig", [f'pub const {snake(s["env"])} = "{v}";']


def c_crystal(s, v, rng):
    return "config.cr", [f'{s["env"]} = "{v}"', f'HOST = "{s["host"]}"']


def c_nim(s, v, rng):
    return "config.nim", [f'const {camel(s["env"])}* = "{v}"']


def c_erlang(s, v, rng):
    return "sys.config", ["[{acme, [", f'  {{{ident(s["id"])}_api_key, "{v}"}},', f'  {{{ident(s["id"])}_host, "{s["host"]}"}}',
                          "]}]."]


def c_vbnet(s, v, rng):
    return "Settings.vb", ["Module Settings", f'    Public Const {pascal(s["env"].lower())} As String = "{v}"',
                           "End Module"]


def c_objc(s, v, rng):
    return "Keys.m", [f'NSString * const k{pascal(s["env"].lower())} = @"{v}";']


def c_powershell_hash(s, v, rng):
    return "config.psd1", ["@{", f"    {pascal(s['env'].lower())} = '{v}'", f"    Host = '{s['host']}'", "}"]


def c_toml_table(s, v, rng):
    return "config.toml", [f"[{ident(s['id'])}]", f'host = "{s["host"]}"', f'api_token = "{v}"']


def c_hcl_nomad(s, v, rng):
    return "job.nomad.hcl", ['task "worker" {', "  env {", f'    {s["env"]} = "{v}"', "  }", "}"]


def c_dockerfile(s, v, rng):
    return "Dockerfile", ["FROM python:3.12-slim", f"ENV {s['env']}={v}", "CMD [\"python\", \"-m\", \"worker\"]"]


def c_envrc_export(s, v, rng):
    return ".env.production", ["# generated", f"export {s['env']}='{v}'  # rotated 2026-11"]


# containers that carry the service's name, variable or host next to the value
NAMED = [c_slack_export, c_tfstate, c_cloudwatch, c_vault_kv, c_k8s_last_applied, c_maven_settings, c_webconfig,
         c_spring_beans, c_xml_text, c_log4j, c_log_debug, c_log_json, c_stacktrace, c_access_log, c_ci_output,
         c_issue_comment, c_commit_msg, c_runbook_table, c_chat, c_yaml_anchor, c_yaml_flow, c_ansible, c_pulumi,
         c_gha_with, c_yaml_multidoc, c_curl, c_har, c_go_header, c_fetch, c_raw_http, c_kotlin, c_swift, c_groovy,
         c_fsharp, c_haskell, c_clojure, c_julia, c_zig, c_crystal, c_nim, c_erlang, c_vbnet, c_objc,
         c_powershell_hash, c_toml_table, c_hcl_nomad, c_dockerfile, c_envrc_export]


# generic containers: the value must speak for itself (prefixed formats only)
def c_generic_log(s, v, rng):
    return "debug.log", [f"[DEBUG] 2026-11-30T10:02:11Z using credential {v}"]


def c_generic_text(s, v, rng):
    return "notes.txt", ["todo: rotate this before friday", v]


def c_generic_json(s, v, rng):
    return "fixture.json", ['{"auth": {"value": "' + v + '"}}']


def c_generic_py(s, v, rng):
    return "client.py", ["import httpx", f'client = httpx.Client(headers={{"Authorization": "Bearer {v}"}})']


ALL = NAMED + [c_generic_log, c_generic_text, c_generic_json, c_generic_py]

# containers in which a URL-shaped value reads naturally
URL_OK = [c_slack_export, c_tfstate, c_vault_kv, c_k8s_last_applied, c_webconfig, c_xml_text, c_log_debug,
          c_issue_comment, c_commit_msg, c_chat, c_ansible, c_kotlin, c_swift, c_toml_table, c_hcl_nomad,
          c_dockerfile, c_envrc_export, c_generic_text, c_generic_json]
