"""File containers of the third held-out corpus.

Each container takes a service (`svc`: dict with id, name, env, host) and a value and returns
(filename, lines); the value sits on one line. None of them is one of the first two corpora's
containers: systemd units, Helm values, compose list syntax, Jenkinsfiles, PowerShell, batch,
Makefiles, Elixir, HOCON, Go struct literals, Lua, Dart, R, Jupyter notebooks, raw HTTP request
files, Postman collections, ECS task definitions, CloudFormation parameters, SQL inserts, CSV,
crontabs, C headers, Laravel and Rails config, Serverless, Nix, Scala, Perl, plists, Android
resources, .NET user secrets, GitLab CI, kustomize, logfmt, textproto, e-mail text.
"""


def snake(env):
    return env.lower()


def camel(env):
    parts = env.lower().split("_")
    return parts[0] + "".join(p.capitalize() for p in parts[1:])


def pascal(sid):
    return "".join(p.capitalize() for p in sid.replace("-", "_").split("_"))


def ident(sid):
    return sid.replace("-", "_")


def c_systemd(s, v, rng):
    return f"{s['id']}-sync.service", ["[Unit]", f"Description={s['name']} sync worker", "", "[Service]",
                                       "ExecStart=/usr/local/bin/sync-worker", f'Environment="{s["env"]}={v}"',
                                       "Restart=on-failure"]


def c_helm(s, v, rng):
    leaf = rng.choice(["apiKey", "token", "secretKey", "key"])
    return "values-prod.yaml", ["replicaCount: 2", "secrets:", f"  {camel(s['env'].split('_')[0])}:",
                                f"    {leaf}: \"{v}\"", f"    endpoint: https://{s['host']}"]


def c_compose_list(s, v, rng):
    return "docker-compose.override.yml", ["services:", "  worker:", "    image: acme/worker:1.8",
                                           "    environment:", "      - NODE_ENV=production",
                                           f"      - {s['env']}={v}"]


def c_jenkinsfile(s, v, rng):
    return "Jenkinsfile", ["pipeline {", "  agent any", "  stages {", "    stage('notify') {", "      steps {",
                           f"        withEnv([\"{s['env']}={v}\"]) {{", "          sh './notify.sh'", "        }",
                           "      }", "    }", "  }", "}"]


def c_powershell(s, v, rng):
    return "setup.ps1", ["Set-StrictMode -Version Latest", f'$env:{s["env"]} = "{v}"',
                         f"Invoke-RestMethod -Uri 'https://{s['host']}/v1/ping'"]


def c_batch(s, v, rng):
    return "run.cmd", ["@echo off", f"set {s['env']}={v}", "python -m worker"]


def c_makefile(s, v, rng):
    return "Makefile", [f"export {s['env']} ?= {v}", "", "deploy:", "\t./scripts/deploy.sh"]


def c_elixir(s, v, rng):
    return "runtime.exs", ["import Config", "", f"config :acme, :{ident(s['id'])},",
                           f'  base_url: "https://{s["host"]}",', f'  api_key: "{v}"']


def c_hocon(s, v, rng):
    return "application.conf", ["akka.loglevel = INFO", f"{ident(s['id'])} {{", f'  url = "https://{s["host"]}"',
                                f'  api-key = "{v}"', "}"]


def c_go_struct(s, v, rng):
    return "config.go", ["package config", "", f"var {pascal(s['id'])} = ClientConfig{{",
                         f'\tBaseURL: "https://{s["host"]}",', f'\tAPIKey:  "{v}",', "\tTimeout: 10 * time.Second,", "}"]


def c_lua(s, v, rng):
    return "config.lua", [f"local {ident(s['id'])}_api_key = \"{v}\"", f"local host = \"{s['host']}\""]


def c_dart(s, v, rng):
    return "env.dart", ["class Env {", f"  static const String {camel(s['env'])} = '{v}';", "}"]


def c_r(s, v, rng):
    return "setup.R", ["library(httr)", f'Sys.setenv({s["env"]} = "{v}")']


def c_notebook(s, v, rng):
    return "analysis.ipynb", ['{', ' "cells": [', '  {', '   "cell_type": "code",', '   "source": [',
                              '    "import os\\n",', f'    "os.environ[\\"{s["env"]}\\"] = \\"{v}\\"\\n"',
                              '   ]', '  }', ' ]', '}']


def c_http_file(s, v, rng):
    hdr = rng.choice(["X-Api-Key: ", "Authorization: Bearer ", "Authorization: Token "])
    return "requests.http", [f"### {s['name']} smoke test", f"GET https://{s['host']}/v1/status",
                             f"{hdr}{v}", "Accept: application/json"]


def c_postman(s, v, rng):
    return f"{s['id']}.postman_collection.json", ['{', '  "info": {"name": "' + s["name"] + ' API"},',
                                                  '  "variable": [',
                                                  '    {"key": "baseUrl", "value": "https://' + s["host"] + '"},',
                                                  '    {"key": "apiKey", "value": "' + v + '", "type": "string"}',
                                                  '  ]', '}']


def c_ecs(s, v, rng):
    return "taskdef.json", ['{', '  "containerDefinitions": [{', '    "name": "api",', '    "environment": [',
                            '      {"name": "PORT", "value": "8080"},',
                            f'      {{"name": "{s["env"]}", "value": "{v}"}}', '    ]', '  }]', '}']


def c_cfn_params(s, v, rng):
    return "params-prod.json", ['[', '  {"ParameterKey": "Stage", "ParameterValue": "prod"},',
                                f'  {{"ParameterKey": "{pascal(s["env"].lower())}", "ParameterValue": "{v}"}}', ']']


def c_sql_insert(s, v, rng):
    return "seed.sql", ["INSERT INTO integrations (provider, endpoint, api_key) VALUES",
                        f"  ('{s['id']}', 'https://{s['host']}', '{v}');"]


def c_csv(s, v, rng):
    return "integrations.csv", ["provider,environment,api_key", f"{s['id']},production,{v}"]


def c_crontab(s, v, rng):
    return "crontab", ["# m h dom mon dow command",
                       f"*/15 * * * * curl -fsS -H 'X-Api-Key: {v}' https://{s['host']}/v1/heartbeat >/dev/null"]


def c_c_header(s, v, rng):
    return "secrets.h", ["#pragma once", f'#define {s["env"]} "{v}"', f'#define {s["env"].split("_")[0]}_HOST "{s["host"]}"']


def c_laravel(s, v, rng):
    return "services.php", ["<?php", "return [", f"    '{ident(s['id'])}' => [", f"        'key' => '{v}',",
                            f"        'url' => 'https://{s['host']}',", "    ],", "];"]


def c_rails(s, v, rng):
    return f"{ident(s['id'])}.rb", [f"{pascal(s['id'])}.configure do |config|", f'  config.api_key = "{v}"',
                                     "  config.timeout = 5", "end"]


def c_serverless(s, v, rng):
    return "serverless.yml", ["service: billing", "provider:", "  name: aws", "  environment:",
                              f"    {s['env']}: {v}"]


def c_nix(s, v, rng):
    return "configuration.nix", ["{ config, pkgs, ... }:", "{", f'  environment.variables.{s["env"]} = "{v}";', "}"]


def c_scala(s, v, rng):
    return "Settings.scala", ["object Settings {", f'  val {camel(s["env"])}: String = "{v}"', "}"]


def c_perl(s, v, rng):
    return "notify.pl", ["use strict;", f"my ${ident(s['id'])}_key = '{v}';", f"my $url = 'https://{s['host']}';"]


def c_plist(s, v, rng):
    return "Info.plist", ['<?xml version="1.0" encoding="UTF-8"?>', "<plist version=\"1.0\">", "<dict>",
                          f"  <key>{pascal(s['id'])}APIKey</key>", f"  <string>{v}</string>", "</dict>", "</plist>"]


def c_android(s, v, rng):
    return "strings.xml", ["<resources>", '    <string name="app_name">Acme</string>',
                           f'    <string name="{ident(s["id"])}_api_key">{v}</string>', "</resources>"]


def c_user_secrets(s, v, rng):
    return "secrets.json", ["{", f'  "{pascal(s["id"])}:ApiKey": "{v}",',
                            f'  "{pascal(s["id"])}:BaseUrl": "https://{s["host"]}"', "}"]


def c_gitlab_ci(s, v, rng):
    return ".gitlab-ci.yml", ["variables:", f"  {s['env']}: \"{v}\"", "", "test:", "  script:", "    - make test"]


def c_kustomize(s, v, rng):
    return "kustomization.yaml", ["secretGenerator:", f"  - name: {s['id']}-creds", "    literals:",
                                  f"      - {snake(s['env'])}={v}"]


def c_logfmt(s, v, rng):
    return "worker.log", [f'ts=2026-12-01T10:02:11Z level=info msg="starting"',
                          f'ts=2026-12-01T10:02:12Z level=debug msg="{s["id"]} client configured" '
                          f'host={s["host"]} {snake(s["env"])}={v}']


def c_textproto(s, v, rng):
    return "integration.textproto", [f'name: "{s["id"]}"', f'endpoint: "https://{s["host"]}"', f'api_key: "{v}"']


def c_email(s, v, rng):
    return "handover.eml", ["From: ops@acme.io", "Subject: staging access", "",
                            f"Hi Sam, the {s['name']} API key for staging is: {v}", "Please keep it out of Slack."]


# containers that carry the service's name, variable or host next to the value
NAMED = [c_systemd, c_helm, c_compose_list, c_jenkinsfile, c_powershell, c_batch, c_makefile, c_elixir, c_hocon,
         c_go_struct, c_lua, c_dart, c_r, c_notebook, c_http_file, c_postman, c_ecs, c_cfn_params, c_sql_insert,
         c_csv, c_crontab, c_c_header, c_laravel, c_rails, c_serverless, c_nix, c_scala, c_perl, c_plist, c_android,
         c_user_secrets, c_gitlab_ci, c_kustomize, c_logfmt, c_textproto, c_email]


# generic containers: the value must speak for itself (prefixed formats only)
def c_generic_yaml(s, v, rng):
    return "app.yaml", ["http:", "  port: 8080", "upstream:", f"  token: {v}"]


def c_generic_go(s, v, rng):
    return "main.go", ["package main", "", f'const token = "{v}"']


def c_generic_header(s, v, rng):
    return "client.ts", ["const headers = {", f"  Authorization: 'Bearer {v}',", "};"]


ALL = NAMED + [c_generic_yaml, c_generic_go, c_generic_header]
