"""Contexts of the eleventh held-out corpus: where a credential sits in a file.

Each context is f(r, v) -> (filename, lines) for a row r of formats.ROWS (with "cval", the companion value, filled
in by make.py when the row has one) and a value v. NAMED contexts name the provider (its variable, its name, its SDK
or its API host); GENERIC ones name nothing (used for values with a distinctive prefix); PAIR contexts print the row's
companion value (a key id, an account id) next to it. The containers deliberately differ from heldout10's: Groovy,
Haskell, OCaml, Zig, Nix, Bazel, Packer, Puppet, Salt, CloudFormation, Pulumi, .NET user secrets, Android and Xcode
files, Postman/Insomnia/HAR/Bruno/Hurl, CI systems, systemd credentials, cron, nginx/Apache, migrations, Markdown
tables, reStructuredText, e-mail and chat transcripts, MCP configs, ...
"""

import json
import re
from urllib.parse import urlparse


def ident(r):
    return r["pid"].replace("-", "_")


def kebab(r):
    return r["pid"]


def pascal(r):
    return "".join(x.capitalize() for x in re.split(r"[_\-]", r["pid"]))


def camel(r):
    p = pascal(r)
    return p[0].lower() + p[1:]


def jlines(doc, indent=2):
    return json.dumps(doc, indent=indent).split("\n")


def is_url(v):
    return "://" in v


def cval(r):
    return r.get("cval", "")


# --- how a value travels to its host ---------------------------------------------------------------------
PATHS = ["/v1/status", "/api/v2/items", "/v1/me", "/api/search", "/v3/accounts", "/v2/reports"]


def request(r, v, i=0):
    """-> (url, headers, basic): the request a client makes with the value (basic = (user, password) or None)."""
    path = PATHS[(len(r["pid"]) + i) % len(PATHS)]
    hdr = r["hdr"]
    base = f"https://{r['host']}"
    c = cval(r)
    if hdr.startswith("basic|"):
        _, u, p = hdr.split("|")
        return base + path, {}, (u.format(v=v, c=c), p.format(v=v, c=c))
    if hdr.startswith("?"):
        q = hdr.replace("{v}", v).replace("{c}", c)
        return f"{base}{path}{q}", {}, None
    if hdr.startswith("/"):
        return base + hdr.replace("{v}", v).replace("{c}", c), {}, None
    name, val = hdr.split(": ", 1)
    return base + path, {name: val.replace("{v}", v).replace("{c}", c)}, None


def _b64(s):
    import base64
    return base64.b64encode(s.encode()).decode()


# --- named: variable / name / client ----------------------------------------------------------------------
def n_jenkinsfile(r, v):
    return "Jenkinsfile", ["pipeline {", "    agent any", "    environment {", f"        {r['env']} = '{v}'", "    }", "    stages {",
                           "        stage('sync') { steps { sh './gradlew sync' } }", "    }", "}"]


def n_haskell(r, v):
    return f"src/{pascal(r)}/Config.hs", [f"module {pascal(r)}.Config where", "", f"{camel(r)}ApiKey :: String",
                                          f'{camel(r)}ApiKey = "{v}"']


def n_ocaml(r, v):
    return "lib/config.ml", [f"let {ident(r)}_api_key = \"{v}\"", f"let {ident(r)}_timeout = 30."]


def n_zig(r, v):
    return "src/config.zig", [f'pub const {ident(r)}_api_key = "{v}";', "pub const retries: u8 = 3;"]


def n_nix(r, v):
    return "hosts/worker/configuration.nix", ["{ config, pkgs, ... }:", "{", "  systemd.services.sync.environment = {",
                                              f'    {r["env"]} = "{v}";', "  };", "}"]


def n_bazelrc(r, v):
    return ".bazelrc", ["build --incompatible_strict_action_env", f"build --action_env={r['env']}={v}", "test --test_output=errors"]


def n_packer(r, v):
    return "images/worker.pkr.hcl", [f'variable "{ident(r)}_api_key" {{', "  type      = string", f'  default   = "{v}"', "  sensitive = true",
                                     "}"]


def n_puppet(r, v):
    return f"modules/profile/manifests/{ident(r)}.pp", [f"class profile::{ident(r)} {{", f"  $api_key = '{v}'",
                                                         f"  file {{ '/etc/{kebab(r)}/key': content => $api_key, mode => '0600' }}", "}"]


def n_hiera(r, v):
    return "data/common.yaml", ["---", f"profile::{ident(r)}::api_key: '{v}'", "profile::base::ntp_servers: ['0.pool.ntp.org']"]


def n_salt(r, v):
    return f"pillar/{ident(r)}.sls", [f"{ident(r)}:", f"  api_key: {v}", "  enabled: True"]


def n_cfn_json(r, v):
    doc = {"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"SyncFunction": {"Type": "AWS::Lambda::Function", "Properties": {
        "Runtime": "python3.12", "Handler": "app.handler", "Environment": {"Variables": {r["env"]: v}}}}}}
    return "template.json", jlines(doc)


def n_pulumi_yaml(r, v):
    return "Pulumi.prod.yaml", ["config:", "  aws:region: eu-west-1", f"  {kebab(r)}:apiKey: {v}"]


def n_ipynb_magic(r, v):
    doc = {"cells": [{"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [],
                      "source": [f"%env {r['env']}={v}\n", f"import {ident(r)}\n"]}],
           "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}}, "nbformat": 4, "nbformat_minor": 5}
    return "notebooks/explore.ipynb", jlines(doc, indent=1)


def n_user_secrets(r, v):
    return "secrets.json", jlines({f"{pascal(r)}:ApiKey": v, "ConnectionStrings:Cache": "localhost:6379"})


def n_local_properties(r, v):
    return "local.properties", ["sdk.dir=/Users/jdoe/Library/Android/sdk", f"{camel(r)}.apiKey={v}"]


def n_plist(r, v):
    return "App/Info.plist", ['<?xml version="1.0" encoding="UTF-8"?>', "<plist version=\"1.0\">", "<dict>",
                              "  <key>CFBundleName</key>", "  <string>Acme</string>", f"  <key>{pascal(r)}APIKey</key>", f"  <string>{v}</string>",
                              "</dict>", "</plist>"]


def n_postman_env(r, v):
    doc = {"id": "5f0c2b1e-prod", "name": f"{r['name']} production", "values": [
        {"key": "baseUrl", "value": f"https://{r['host']}", "enabled": True},
        {"key": f"{camel(r)}ApiKey", "value": v, "type": "secret", "enabled": True}], "_postman_variable_scope": "environment"}
    return f"{kebab(r)}.postman_environment.json", jlines(doc)


def n_insomnia(r, v):
    doc = {"_type": "export", "__export_format": 4, "resources": [
        {"_id": "env_base", "_type": "environment", "name": "Base Environment", "data": {"base_url": f"https://{r['host']}",
                                                                                         f"{ident(r)}_api_key": v}}]}
    return "insomnia-export.json", jlines(doc)


def n_helm_set(r, v):
    return "deploy.sh", ["helm upgrade --install sync ./charts/sync \\", "  --namespace sync \\", f"  --set {camel(r)}.apiKey={v}"]


def n_gitlab_ci(r, v):
    return ".gitlab-ci.yml", ["variables:", f'  {r["env"]}: "{v}"', "", "sync:", "  stage: deploy", "  script:", "    - ./bin/sync"]


def n_circleci(r, v):
    return ".circleci/config.yml", ["version: 2.1", "jobs:", "  sync:", "    docker:", "      - image: cimg/python:3.12", "    environment:",
                                    f"      {r['env']}: {v}", "    steps:", "      - checkout", "      - run: make sync"]


def n_bitbucket(r, v):
    return "bitbucket-pipelines.yml", ["pipelines:", "  default:", "    - step:", "        name: sync", "        script:",
                                       f'          - export {r["env"]}="{v}"', "          - ./bin/sync"]


def n_azure_pipelines(r, v):
    return "azure-pipelines.yml", ["trigger:", "  - main", "variables:", f"  - name: {r['env']}", f"    value: {v}", "steps:",
                                   "  - script: ./bin/sync"]


def n_systemd_cred(r, v):
    return f"etc/systemd/system/{kebab(r)}-sync.service", ["[Unit]", f"Description={r['name']} sync", "", "[Service]",
                                                             f"SetCredential={kebab(r)}-api-key:{v}", "ExecStart=/usr/local/bin/sync"]


def n_cron(r, v):
    return "crontab", ["MAILTO=ops@acme.io", f"{r['env']}={v}", "*/15 * * * * /usr/local/bin/sync >> /var/log/sync.log 2>&1"]


def n_nginx_env(r, v):
    return "nginx/conf.d/app.conf", ["location ~ \\.php$ {", "    include fastcgi_params;", f"    fastcgi_param {r['env']} {v};",
                                     "    fastcgi_pass php:9000;", "}"]


def n_apache(r, v):
    return "apache/sites-available/app.conf", ["<VirtualHost *:443>", "    ServerName app.acme.io", f"    SetEnv {r['env']} {v}",
                                               "</VirtualHost>"]


def n_sql_migration(r, v):
    return f"db/migrations/20250311_add_{ident(r)}.sql", ["-- migrate:up", "INSERT INTO integration_settings (integration, setting, value)",
                                                          f"VALUES ('{ident(r)}', 'api_key', '{v}');", "", "-- migrate:down",
                                                          f"DELETE FROM integration_settings WHERE integration = '{ident(r)}';"]


def n_md_table(r, v):
    return "docs/integrations.md", ["| Integration | Variable | Value |", "|---|---|---|", f"| {r['name']} | `{r['env']}` | `{v}` |"]


def n_rst(r, v):
    return "docs/setup.rst", [f"Configuring {r['name']}", "=" * (12 + len(r["name"])), "", "Set the key before running the sync:", "",
                              ".. code-block:: bash", "", f"   export {r['env']}={v}", ""]


def n_email(r, v):
    return "mail/credentials.eml", ["From: Jane Doe <jane@acme.io>", "To: ops@acme.io", f"Subject: {r['name']} access for the new worker",
                                    "Date: Tue, 11 Mar 2025 09:14:02 +0000", "", "Hi,", "", f"here is the {r['name']} key for the worker: {v}", "",
                                    "Jane"]


def n_slack_export(r, v):
    return "export/ops/2025-03-11.json", jlines([{"type": "message", "user": "U04ABCD1234", "ts": "1741684442.000200",
                                                   "text": f"new {r['name']} key for staging: {v}"}])


def n_irc(r, v):
    return "logs/#ops.log", ["[09:14] <jdoe> anyone have the staging creds?", f"[09:15] <asmith> {r['name']}: {v}", "[09:15] <jdoe> thx"]


def n_renviron(r, v):
    return ".Renviron", ["R_LIBS_USER=~/R/library", f"{r['env']}={v}"]


def n_julia(r, v):
    return "scripts/fetch.jl", ["using HTTP, JSON3", f'ENV["{r["env"]}"] = "{v}"']


def n_clojure(r, v):
    return "resources/config.edn", ["{:http {:port 8080}", f" :{kebab(r)} {{:api-key \"{v}\"}}}}"]


def n_erlang(r, v):
    return "config/sys.config", ["[", f"  {{{ident(r)}, [{{api_key, \"{v}\"}}, {{timeout, 5000}}]}}", "]."]


def n_fsharp(r, v):
    return "src/Config.fs", [f"module {pascal(r)}Config", "", f'let apiKey = "{v}"']


def n_vbnet(r, v):
    return "Module1.vb", ["Module Settings", f'    Public Const {pascal(r)}ApiKey As String = "{v}"', "End Module"]


def n_objc(r, v):
    return "Acme/Keys.m", ['#import "Keys.h"', "", f'NSString * const k{pascal(r)}APIKey = @"{v}";']


def n_fish(r, v):
    return ".config/fish/conf.d/env.fish", [f"set -gx {r['env']} {v}"]


def n_mcp_json(r, v):
    doc = {"servers": {kebab(r): {"type": "stdio", "command": "npx", "args": ["-y", f"@acme/{kebab(r)}-mcp"], "env": {r["env"]: v}}}}
    return ".vscode/mcp.json", jlines(doc)


def n_claude_desktop(r, v):
    doc = {"mcpServers": {kebab(r): {"command": "uvx", "args": [f"{kebab(r)}-mcp-server"], "env": {r["env"]: v}}}}
    return "claude_desktop_config.json", jlines(doc)


def n_launch_json(r, v):
    doc = {"version": "0.2.0", "configurations": [{"name": "worker", "type": "debugpy", "request": "launch", "module": "worker",
                                                   "env": {r["env"]: v}}]}
    return ".vscode/launch.json", jlines(doc)


def n_envrc(r, v):
    return ".envrc", ["layout python3", f"export {r['env']}={v}"]


def n_wrangler(r, v):
    return "wrangler.toml", ['name = "edge-sync"', 'main = "src/index.ts"', "", "[vars]", f'{r["env"]} = "{v}"']


def n_flytoml(r, v):
    return "fly.toml", ['app = "acme-sync"', "", "[env]", f'  {r["env"]} = "{v}"']


def n_gae(r, v):
    return "app.yaml", ["runtime: python312", "env_variables:", f'  {r["env"]}: "{v}"']


def n_heroku_app_json(r, v):
    return "app.json", jlines({"name": "acme-sync", "env": {r["env"]: {"description": f"{r['name']} key", "value": v}}})


def n_configmap(r, v):
    return "k8s/configmap.yaml", ["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: sync-config", "data:", f"  {r['env']}: \"{v}\""]


def n_kustomize(r, v):
    return "overlays/prod/kustomization.yaml", ["resources:", "  - ../../base", "secretGenerator:", "  - name: sync", "    literals:",
                                                f"      - {r['env']}={v}"]


def n_hocon(r, v):
    return "conf/application.conf", ["akka.loglevel = INFO", f"{kebab(r)} {{", f'  api-key = "{v}"', "}"]


def n_jsonnet(r, v):
    return "config/prod.jsonnet", ["{", f"  {camel(r)}: {{ apiKey: '{v}', region: 'eu' }},", "}"]


def n_cue(r, v):
    return "config.cue", ["package config", "", f'{camel(r)}: apiKey: "{v}"']


def n_dart_define(r, v):
    return "scripts/run_prod.sh", [f"flutter run --release --dart-define={r['env']}={v}"]


def n_xcconfig(r, v):
    return "Config/Release.xcconfig", ["PRODUCT_BUNDLE_IDENTIFIER = io.acme.app", f"{r['env']} = {v}"]


def n_gradle_kts(r, v):
    return "app/build.gradle.kts", ["android {", "    defaultConfig {", f'        buildConfigField("String", "{r["env"]}", "\\"{v}\\"")',
                                    "    }", "}"]


def n_vagrant(r, v):
    return "Vagrantfile", ['Vagrant.configure("2") do |config|', '  config.vm.box = "ubuntu/jammy64"',
                           f'  config.vm.provision "shell", path: "bootstrap.sh", env: {{ "{r["env"]}" => "{v}" }}', "end"]


def n_chef(r, v):
    return f"cookbooks/{ident(r)}/attributes/default.rb", [f"default['{ident(r)}']['api_key'] = '{v}'", f"default['{ident(r)}']['enabled'] = true"]


def n_docker_run(r, v):
    return "run.sh", ["#!/bin/sh", f"docker run -d --name sync -e {r['env']}={v} acme/sync:2.3.1"]


def n_k8s_env(r, v):
    return "k8s/deployment.yaml", ["spec:", "  template:", "    spec:", "      containers:", "        - name: sync", "          env:",
                                   f"            - name: {r['env']}", f'              value: "{v}"']


def n_php_putenv(r, v):
    return "bootstrap.php", ["<?php", f"putenv('{r['env']}={v}');", "require __DIR__ . '/vendor/autoload.php';"]


def n_tfvars(r, v):
    return "terraform.tfvars", ['region = "eu-west-1"', f'{ident(r)}_api_key = "{v}"']


def n_inventory(r, v):
    return "inventory/prod.ini", ["[workers]", "worker01 ansible_host=10.0.4.11", "", "[all:vars]", f"{ident(r)}_api_key={v}"]


NAMED = [n_jenkinsfile, n_haskell, n_ocaml, n_zig, n_nix, n_bazelrc, n_packer, n_puppet, n_hiera, n_salt, n_cfn_json, n_pulumi_yaml,
         n_ipynb_magic, n_user_secrets, n_local_properties, n_plist, n_postman_env, n_insomnia, n_helm_set, n_gitlab_ci, n_circleci,
         n_bitbucket, n_azure_pipelines, n_systemd_cred, n_cron, n_nginx_env, n_apache, n_sql_migration, n_md_table, n_rst, n_email,
         n_slack_export, n_irc, n_renviron, n_julia, n_clojure, n_erlang, n_fsharp, n_vbnet, n_objc, n_fish, n_mcp_json,
         n_claude_desktop, n_launch_json, n_envrc, n_wrangler, n_flytoml, n_gae, n_heroku_app_json, n_configmap, n_kustomize, n_hocon,
         n_jsonnet, n_cue, n_dart_define, n_xcconfig, n_gradle_kts, n_vagrant, n_chef, n_docker_run, n_k8s_env, n_php_putenv, n_tfvars,
         n_inventory]


# --- named by host: the value in a request to the provider's API -------------------------------------------
def h_httpie(r, v):
    url, hs, basic = request(r, v)
    if basic:
        return "scripts/check.sh", [f"http -a '{basic[0]}:{basic[1]}' GET '{url}'"]
    return "scripts/check.sh", ["http GET '" + url + "'" + "".join(f" '{k}:{x}'" for k, x in hs.items())]


def h_wget(r, v):
    url, hs, basic = request(r, v, 1)
    if basic:
        return "fetch.sh", [f"wget -q --user='{basic[0]}' --password='{basic[1]}' -O - '{url}'"]
    return "fetch.sh", ["wget -q -O - " + "".join(f"--header='{k}: {x}' " for k, x in hs.items()) + f"'{url}'"]


def h_axios(r, v):
    url, hs, basic = request(r, v, 2)
    if basic:
        return "src/client.ts", [f"const res = await axios.get('{url}', {{", f"  auth: {{ username: '{basic[0]}', password: '{basic[1]}' }},", "});"]
    h = ", ".join(f"'{k}': '{x}'" for k, x in hs.items())
    return "src/client.ts", [f"const res = await axios.get('{url}', {{ headers: {{ {h} }} }});"]


def h_httpx(r, v):
    url, hs, basic = request(r, v, 3)
    lines = ["import httpx", ""]
    if basic:
        return "client.py", lines + [f'resp = httpx.get("{url}", auth=("{basic[0]}", "{basic[1]}"))']
    return "client.py", lines + [f'resp = httpx.get("{url}", headers={json.dumps(hs)})']


def h_aiohttp(r, v):
    url, hs, basic = request(r, v, 4)
    if basic:
        return "poller.py", ["async with aiohttp.ClientSession() as s:",
                             f'    async with s.get("{url}", auth=aiohttp.BasicAuth("{basic[0]}", "{basic[1]}")) as resp:', "        data = await resp.json()"]
    return "poller.py", ["async with aiohttp.ClientSession() as s:", f'    async with s.get("{url}", headers={json.dumps(hs)}) as resp:',
                         "        data = await resp.json()"]


def h_reqwest(r, v):
    url, hs, basic = request(r, v, 5)
    lines = ["let client = reqwest::Client::new();", f'let resp = client.get("{url}")']
    if basic:
        lines.append(f'    .basic_auth("{basic[0]}", Some("{basic[1]}"))')
    lines += [f'    .header("{k}", "{x}")' for k, x in hs.items()]
    return "src/fetch.rs", lines + ["    .send()", "    .await?;"]


def h_okhttp(r, v):
    url, hs, basic = request(r, v)
    lines = ["Request request = new Request.Builder()", f'    .url("{url}")']
    if basic:
        lines.append(f'    .header("Authorization", Credentials.basic("{basic[0]}", "{basic[1]}"))')
    lines += [f'    .header("{k}", "{x}")' for k, x in hs.items()]
    return "src/main/java/io/acme/Fetch.java", lines + ["    .build();"]


def h_ktor(r, v):
    url, hs, basic = request(r, v, 1)
    lines = [f'val resp = client.get("{url}") {{']
    if basic:
        lines.append(f'    basicAuth("{basic[0]}", "{basic[1]}")')
    lines += [f'    header("{k}", "{x}")' for k, x in hs.items()]
    return "src/main/kotlin/Fetch.kt", lines + ["}"]


def h_urlsession(r, v):
    url, hs, basic = request(r, v, 2)
    lines = [f'var req = URLRequest(url: URL(string: "{url}")!)']
    if basic:
        lines.append(f'req.setValue("Basic " + Data("{basic[0]}:{basic[1]}".utf8).base64EncodedString(), forHTTPHeaderField: "Authorization")')
    lines += [f'req.setValue("{x}", forHTTPHeaderField: "{k}")' for k, x in hs.items()]
    return "Sources/App/Fetch.swift", lines + ["let (data, _) = try await URLSession.shared.data(for: req)"]


def h_php_curl(r, v):
    url, hs, basic = request(r, v, 3)
    lines = ["<?php", f"$ch = curl_init('{url}');", "curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);"]
    if basic:
        lines.append(f"curl_setopt($ch, CURLOPT_USERPWD, '{basic[0]}:{basic[1]}');")
    if hs:
        lines.append("curl_setopt($ch, CURLOPT_HTTPHEADER, [" + ", ".join(f"'{k}: {x}'" for k, x in hs.items()) + "]);")
    return "fetch.php", lines + ["$body = curl_exec($ch);"]


def h_elixir_req(r, v):
    url, hs, basic = request(r, v, 4)
    if basic:
        return "lib/fetch.ex", [f'Req.get!("{url}", auth: {{:basic, "{basic[0]}:{basic[1]}"}})']
    h = ", ".join(f'{{"{k}", "{x}"}}' for k, x in hs.items())
    return "lib/fetch.ex", [f'Req.get!("{url}", headers: [{h}])']


def h_k6(r, v):
    url, hs, basic = request(r, v, 5)
    if basic:
        u = urlparse(url)
        url = f"{u.scheme}://{basic[0]}:{basic[1]}@{u.netloc}{u.path}" + (f"?{u.query}" if u.query else "")
    h = ", ".join(f"'{k}': '{x}'" for k, x in hs.items())
    return "load/smoke.js", ["import http from 'k6/http';", "", "export default function () {", f"  http.get('{url}', {{ headers: {{ {h} }} }});", "}"]


def h_hurl(r, v):
    url, hs, basic = request(r, v)
    lines = [f"GET {url}"]
    if basic:
        lines += ["[BasicAuth]", f"{basic[0]}: {basic[1]}"]
    lines += [f"{k}: {x}" for k, x in hs.items()]
    return "tests/smoke.hurl", lines + ["HTTP 200"]


def h_bruno(r, v):
    url, hs, basic = request(r, v, 1)
    lines = ["meta {", "  name: status", "  type: http", "  seq: 1", "}", "", "get {", f"  url: {url}",
             "  auth: " + ("basic" if basic else "none"), "}", ""]
    if basic:
        lines += ["auth:basic {", f"  username: {basic[0]}", f"  password: {basic[1]}", "}"]
    if hs:
        lines += ["headers {"] + [f"  {k}: {x}" for k, x in hs.items()] + ["}"]
    return "bruno/status.bru", lines


def h_ansible_uri(r, v):
    url, hs, basic = request(r, v, 2)
    lines = ["- name: check the API", "  ansible.builtin.uri:", f"    url: {url}", "    method: GET"]
    if basic:
        lines += [f"    url_username: {basic[0]}", f"    url_password: {basic[1]}", "    force_basic_auth: true"]
    if hs:
        lines += ["    headers:"] + [f'      {k}: "{x}"' for k, x in hs.items()]
    return "roles/check/tasks/main.yml", lines


def h_har(r, v):
    url, hs, basic = request(r, v, 3)
    headers = [{"name": "Accept", "value": "application/json"}] + [{"name": k, "value": x} for k, x in hs.items()]
    if basic:
        headers.append({"name": "Authorization", "value": "Basic " + _b64(f"{basic[0]}:{basic[1]}")})
    doc = {"log": {"version": "1.2", "creator": {"name": "Firefox", "version": "124.0"}, "entries": [
        {"startedDateTime": "2025-03-11T09:14:02.118Z", "request": {"method": "GET", "url": url, "httpVersion": "HTTP/2", "headers": headers},
         "response": {"status": 200}}]}}
    return "capture.har", jlines(doc)


def h_postman_collection(r, v):
    url, hs, basic = request(r, v, 4)
    req = {"method": "GET", "header": [{"key": k, "value": x} for k, x in hs.items()], "url": {"raw": url}}
    if basic:
        req["auth"] = {"type": "basic", "basic": [{"key": "username", "value": basic[0]}, {"key": "password", "value": basic[1]}]}
    doc = {"info": {"name": f"{r['name']} API", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
           "item": [{"name": "status", "request": req}]}
    return f"{kebab(r)}.postman_collection.json", jlines(doc)


def h_gha_step(r, v):
    url, hs, basic = request(r, v, 5)
    if basic:
        run = f"curl -fsS -u '{basic[0]}:{basic[1]}' '{url}'"
    else:
        run = "curl -fsS " + "".join(f"-H '{k}: {x}' " for k, x in hs.items()) + f"'{url}'"
    return ".github/workflows/smoke.yml", ["name: smoke", "on: [workflow_dispatch]", "jobs:", "  smoke:", "    runs-on: ubuntu-latest",
                                           "    steps:", f"      - run: {run}"]


HOST = [h_httpie, h_wget, h_axios, h_httpx, h_aiohttp, h_reqwest, h_okhttp, h_ktor, h_urlsession, h_php_curl, h_elixir_req, h_k6, h_hurl,
        h_bruno, h_ansible_uri, h_har, h_postman_collection, h_gha_step]


# --- generic: nothing names the provider ---------------------------------------------------------------------
def g_unittest(r, v):
    return "tests/test_client.py", ["class ClientTest(unittest.TestCase):", "    def test_header(self):", f'        c = Client("{v}")',
                                    "        self.assertIn(\"Authorization\", c.headers())"]


def g_jest(r, v):
    return "src/__tests__/client.test.ts", ["describe('client', () => {", "  it('sends the credential', async () => {",
                                            f"    const c = new Client('{v}');", "    expect(await c.ping()).toBe(true);", "  });", "});"]


def g_yaml_vectors(r, v):
    return "testdata/vectors.yaml", ["- name: accepted", f"  input: {v}", "  want: ok"]


def g_heredoc(r, v):
    return "setup.sh", ["cat > /etc/app/credentials <<EOF", f"{v}", "EOF", "chmod 600 /etc/app/credentials"]


def g_md_table(r, v):
    return "docs/staging.md", ["| Environment | Credential |", "|---|---|", f"| staging | `{v}` |"]


def g_chat(r, v):
    return "transcripts/support-4821.txt", ["[2025-03-11 09:14] customer: it still fails with 401", f"[2025-03-11 09:15] agent: try this one instead: {v}"]


def g_email(r, v):
    return "mail/handover.eml", ["From: ops@acme.io", "To: contractor@example.net", "Subject: handover", "", "The credential you need:", "", f"    {v}",
                                 "", "Please rotate it after the migration."]


def g_jsonl(r, v):
    return "logs/requests.jsonl", [json.dumps({"ts": "2025-03-11T09:14:02Z", "level": "debug", "msg": "outgoing request",
                                               "headers": {"authorization": f"Bearer {v}"}})]


def g_csv(r, v):
    return "exports/credentials.csv", ["name,created,value", f"ci,2025-03-11,{v}"]


def g_go_testdata(r, v):
    return "internal/auth/testdata/valid.txt", [v]


def g_rust_test(r, v):
    return "tests/auth.rs", ["#[test]", "fn accepts_credential() {", f'    assert!(parse("{v}").is_ok());', "}"]


def g_kotlin_test(r, v):
    return "src/test/kotlin/AuthTest.kt", ["@Test", "fun acceptsCredential() {", f'    assertTrue(Auth.parse("{v}").isValid)', "}"]


def g_rspec(r, v):
    return "spec/auth_spec.rb", ["RSpec.describe Auth do", f"  let(:credential) {{ '{v}' }}", "  it { expect(Auth.valid?(credential)).to be true }",
                                 "end"]


def g_properties(r, v):
    return "conf/upstream.properties", ["upstream.url=https://upstream.internal", f"upstream.credential={v}"]


GENERIC = [g_unittest, g_jest, g_yaml_vectors, g_heredoc, g_md_table, g_chat, g_email, g_jsonl, g_csv, g_go_testdata, g_rust_test,
           g_kotlin_test, g_rspec, g_properties]


# --- pairs: a companion id next to the secret --------------------------------------------------------------
def low(env):
    return env.lower()


def p_nix(r, v, c2):
    e2 = r["comp"][0]
    return "modules/sync.nix", ["{", "  services.sync.environment = {", f'    {e2} = "{c2}";', f'    {r["env"]} = "{v}";', "  };", "}"]


def p_helm_set(r, v, c2):
    e2 = r["comp"][0]
    return "install.sh", ["helm install sync ./chart \\", f"  --set {camel(r)}.{low(e2)}={c2} \\", f"  --set {camel(r)}.{low(r['env'])}={v}"]


def p_pulumi(r, v, c2):
    e2 = r["comp"][0]
    return "Pulumi.dev.yaml", ["config:", f"  {kebab(r)}:{low(e2)}: {c2}", f"  {kebab(r)}:{low(r['env'])}: {v}"]


def p_cfn_params(r, v, c2):
    e2 = r["comp"][0]
    return "params/prod.json", jlines([{"ParameterKey": pascal(r) + "KeyId", "ParameterValue": c2},
                                       {"ParameterKey": pascal(r) + "Secret", "ParameterValue": v}])


def p_gitlab_vars(r, v, c2):
    e2 = r["comp"][0]
    return ".gitlab-ci.yml", ["variables:", f"  {e2}: \"{c2}\"", f"  {r['env']}: \"{v}\"", "deploy:", "  script: ./deploy.sh"]


def p_user_secrets(r, v, c2):
    return "secrets.json", jlines({f"{pascal(r)}:KeyId": c2, f"{pascal(r)}:Secret": v})


def p_hiera(r, v, c2):
    e2 = r["comp"][0]
    return "data/nodes/worker01.yaml", [f"profile::{ident(r)}::{low(e2)}: '{c2}'", f"profile::{ident(r)}::{low(r['env'])}: '{v}'"]


def p_salt(r, v, c2):
    e2 = r["comp"][0]
    return f"pillar/{ident(r)}.sls", [f"{ident(r)}:", f"  {low(e2)}: {c2}", f"  {low(r['env'])}: {v}"]


def p_postman_env(r, v, c2):
    e2 = r["comp"][0]
    doc = {"name": r["name"], "values": [{"key": low(e2), "value": c2, "enabled": True}, {"key": low(r["env"]), "value": v, "type": "secret", "enabled": True}]}
    return "env.postman_environment.json", jlines(doc)


def p_tfvars(r, v, c2):
    e2 = r["comp"][0]
    return "prod.auto.tfvars", [f'{low(e2)} = "{c2}"', f'{low(r["env"])} = "{v}"']


PAIR = [p_nix, p_helm_set, p_pulumi, p_cfn_params, p_gitlab_vars, p_user_secrets, p_hiera, p_salt, p_postman_env, p_tfvars]


def p_aws_cli(r, v, c2):
    return "bootstrap.sh", [f"aws configure set aws_access_key_id {v} --profile deploy", f"aws configure set aws_secret_access_key {c2} --profile deploy",
                            "aws configure set region eu-west-1 --profile deploy"]


def p_aws_boto(r, v, c2):
    return "lambda_local.py", ["session = boto3.Session(", f'    aws_access_key_id="{v}",', f'    aws_secret_access_key="{r.get("cval2", "")}",',
                               f'    aws_session_token="{c2}",', ")"]
