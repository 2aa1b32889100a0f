"""File containers of the second held-out corpus.

Each container takes a service description (`svc`: dict with id, name, env, host) and a value,
and returns (filename, lines). The value sits on one line of the file. Containers differ from
the first corpus's on purpose: nested sections named after the service, client constructors,
Kubernetes and CI manifests, properties and TOML files, Rust/Kotlin/C#/Swift code, structured
(JSON) logs, Markdown runbooks, chat transcripts, escaped multi-line strings.
"""


def snake(env):
    return env.lower()


def camel(env):
    parts = env.lower().split("_")
    return parts[0] + "".join(p.capitalize() for p in parts[1:])


def dotted(env):
    return env.lower().replace("_", ".")


def pascal(sid):
    return "".join(p.capitalize() for p in sid.replace("-", "_").split("_"))


def c_yaml_nested(svc, v, rng):
    leaf = rng.choice(["api_key", "token", "secret", "key", "access_token", "apiKey"])
    return "settings.yaml", ["integrations:", f"  {svc['id']}:", "    enabled: true",
                             f"    base_url: https://{svc['host']}", f"    {leaf}: {v}", "    timeout: 30"]


def c_json_nested(svc, v, rng):
    leaf = rng.choice(["apiKey", "token", "secret", "key", "credentials"])
    return "config.json", ["{", '  "providers": {', f'    "{svc["id"]}": {{',
                           f'      "endpoint": "https://{svc["host"]}",', f'      "{leaf}": "{v}"',
                           "    }", "  },", '  "retries": 3', "}"]


def c_env_export(svc, v, rng):
    return ".envrc", ["# direnv", "export APP_ENV=staging", f"export {svc['env']}=\"{v}\"",
                      "export LOG_LEVEL=info"]


def c_k8s_secret(svc, v, rng):
    return "secret.yaml", ["apiVersion: v1", "kind: Secret", "metadata:", f"  name: {svc['id']}-credentials",
                           "type: Opaque", "stringData:", f"  {svc['env']}: \"{v}\""]


def c_gha(svc, v, rng):
    return "deploy.yml", ["name: deploy", "on: [push]", "jobs:", "  ship:", "    runs-on: ubuntu-latest",
                          "    env:", f"      {svc['env']}: {v}", "    steps:", "      - run: make deploy"]


def c_properties(svc, v, rng):
    return "application.properties", ["server.port=8080", f"{svc['id']}.api.url=https://{svc['host']}",
                                      f"{dotted(svc['env'])}={v}", "spring.jpa.show-sql=false"]


def c_toml(svc, v, rng):
    return "config.toml", ["[server]", "port = 8080", "", f"[{svc['id']}]", f'endpoint = "https://{svc["host"]}"',
                           f'api_key = "{v}"']


def c_tfvars(svc, v, rng):
    return "prod.auto.tfvars", ['region = "eu-west-1"', f'{snake(svc["env"])} = "{v}"', "replicas = 3"]


def c_tf_provider(svc, v, rng):
    return "main.tf", [f'provider "{svc["id"]}" {{', f'  api_token = "{v}"', "}", "",
                       f'resource "{svc["id"]}_project" "main" {{', '  name = "web"', "}"]


def c_rust(svc, v, rng):
    return "client.rs", ["use std::time::Duration;", "", f"pub fn {svc['id'].replace('-', '_')}_client() -> Client {{",
                         f'    Client::builder(\"https://{svc["host"]}\")',
                         f'        .bearer_auth("{v}")', "        .timeout(Duration::from_secs(10))",
                         "        .build()", "}"]


def c_kotlin(svc, v, rng):
    return "Config.kt", ["package com.example.config", "", "object Config {",
                         f'    const val {svc["env"]} = "{v}"', f'    const val BASE_URL = "https://{svc["host"]}"', "}"]


def c_csharp(svc, v, rng):
    return "Startup.cs", ["public class Startup", "{", "    public void Configure(IServiceCollection services)",
                          "    {", f'        var client = new {pascal(svc["id"])}Client("{v}");',
                          "        services.AddSingleton(client);", "    }", "}"]


def c_swift(svc, v, rng):
    return "Secrets.swift", ["enum Secrets {", f'    static let {camel(svc["env"])} = "{v}"', "}"]


def c_js_header(svc, v, rng):
    return "api.js", [f"const BASE = 'https://{svc['host']}';", "export async function get(path) {",
                      "  const res = await fetch(BASE + path, {",
                      f"    headers: {{ Authorization: `Bearer {v}` }},", "  });", "  return res.json();", "}"]


def c_curl(svc, v, rng):
    return "smoke.sh", ["#!/bin/sh", "set -eu", f"curl -sS https://{svc['host']}/v1/status \\",
                        f"  -H 'Authorization: Bearer {v}' \\", "  -H 'Accept: application/json'"]


def c_log_json(svc, v, rng):
    return "app.log", ['{"ts":"2026-11-30T08:12:44Z","level":"info","msg":"starting"}',
                       f'{{"ts":"2026-11-30T08:12:45Z","level":"debug","msg":"{svc["id"]} client ready","{snake(svc["env"])}":"{v}"}}',
                       '{"ts":"2026-11-30T08:12:46Z","level":"info","msg":"listening on :8080"}']


def c_log_plain(svc, v, rng):
    return "worker.log", ["2026-11-30 08:12:44,101 INFO worker boot", 
                          f"2026-11-30 08:12:45,007 DEBUG {svc['name']} init with token {v}",
                          "2026-11-30 08:12:45,310 INFO ready"]


def c_markdown(svc, v, rng):
    return "RUNBOOK.md", ["# Staging runbook", "", f"To call {svc['name']} from a laptop, use the shared staging key:",
                          "", f"    {v}", "", "Rotate it after the incident review."]


def c_chat(svc, v, rng):
    return "transcript.txt", ["[09:14] alice: does anyone have the staging creds?",
                              f"[09:15] bob: {svc['name']} key is {v} - don't paste it elsewhere",
                              "[09:15] alice: thanks"]


def c_escaped(svc, v, rng):
    return "task-def.json", ["{", '  "family": "api",',
                             f'  "envFile": "APP_ENV=prod\\nPORT=8080\\n{svc["env"]}={v}\\nLOG_LEVEL=warn\\n",',
                             '  "cpu": 256', "}"]


def c_xml(svc, v, rng):
    return "settings.xml", ['<?xml version="1.0" encoding="utf-8"?>', "<settings>", f"  <{svc['id']}>",
                            f"    <endpoint>https://{svc['host']}</endpoint>", f"    <apiKey>{v}</apiKey>",
                            f"  </{svc['id']}>", "</settings>"]


def c_python_call(svc, v, rng):
    return "jobs.py", [f"from {svc['id'].replace('-', '_')} import Client", "",
                       f"client = Client(api_key=\"{v}\", timeout=10)", "", "def run():",
                       "    return client.ping()"]


def c_ini(svc, v, rng):
    return "app.ini", ["[general]", "debug = false", "", f"[{svc['id']}]", f"host = {svc['host']}", f"token = {v}"]


# containers that carry the service's own name or variable next to the value
NAMED = [c_yaml_nested, c_json_nested, c_env_export, c_k8s_secret, c_gha, c_properties, c_toml, c_tfvars,
         c_tf_provider, c_kotlin, c_swift, c_log_json, c_log_plain, c_markdown, c_chat, c_escaped, c_xml,
         c_python_call, c_ini, c_csharp]
# all containers, for values that are recognisable by their own format
ALL = NAMED + [c_rust, c_js_header, c_curl]
