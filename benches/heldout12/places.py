"""Contexts of the twelfth held-out corpus: where a credential sits in a file.

Each context is f(r, v) -> (filename, lines) for a row r of formats.ROWS (with "cval", the companion value, filled in by
make.py when the row has one) and a value v. SIMPLE contexts are what per-provider detector tests mostly hold: a key name
that contains the provider's name and the value, quoted or not, in .env, Go, Python, JS, YAML, JSON, TOML, PHP, Ruby, Java.
NAMED contexts name the provider in a container heldout10 and heldout11 did not use (Streamlit secrets, Laravel and
Symfony config, Quarkus profiles, Nomad, Consul, supervisord, PM2, Tiltfile, Earthfile, Taskfile, justfile, R, Nim,
Godot, Unity, Unreal, Dhall, Pkl, KDL, Airflow, Expo, Firebase functions config, CLI secret setters, ...). HOST contexts
send the value to the provider's API host with clients the earlier sets did not use. GENERIC contexts name nothing;
PAIR contexts print the row's companion value (a key id, an account id) next to it.
"""

import json
import re
from urllib.parse import urlparse


def ident(r):
    return r["provider"].replace("-", "_")


def kebab(r):
    return r["provider"]


def upper(r):
    return ident(r).upper()


def pascal(r):
    return "".join(x.capitalize() for x in re.split(r"[_\-]", r["provider"]))


def camel(r):
    p = pascal(r)
    return p[0].lower() + p[1:]


def jlines(doc, indent=2):
    return json.dumps(doc, indent=indent).split("\n")


def is_url(v):
    return "://" in v


def cval(r):
    return r.get("cval", "")


def suffix(r):
    """KEY / TOKEN / SECRET / PASSWORD, from the documented variable."""
    env = r["env"]
    for s in ("PASSWORD", "SECRET", "TOKEN", "KEY"):
        if s in env:
            return s
    return "KEY"


def pvar(r):
    """A variable named after the provider: UNZER_SECRET, WEBLATE_TOKEN, ..."""
    return f"{upper(r)}_{'API_KEY' if suffix(r) == 'KEY' else suffix(r)}"


def lvar(r):
    return pvar(r).lower()


# --- how a value travels to its host ---------------------------------------------------------------------
PATHS = ["/v2/ping", "/api/v1/account", "/v1/balance", "/api/status", "/v3/me", "/api/v2/list"]


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


# --- simple: detector-test style, a key name with the provider's name ---------------------------------------
def s_dotenv(r, v):
    return ".env", ["APP_ENV=production", f"{r['env']}={v}"]


def s_dotenv_quoted(r, v):
    return ".env.local", [f'{pvar(r)}="{v}"']


def s_export(r, v):
    return "env.sh", [f"export {pvar(r)}='{v}'"]


def s_py_assign(r, v):
    return f"{ident(r)}_test.py", [f'{lvar(r)} = "{v}"']


def s_py_testcase(r, v):
    return f"tests/test_{ident(r)}.py", [f"def test_{ident(r)}_{suffix(r).lower()}():", f'    data = "{ident(r)}_{suffix(r).lower()} = {v}"',
                                        "    assert scan(data)"]


def s_go_pattern(r, v):
    return f"pkg/detectors/{ident(r)}/{ident(r)}_test.go", [f"package {ident(r)}", "", "var (",
                                                           f'\tvalidPattern = "{ident(r)} {suffix(r).lower()} = {v}"', ")"]


def s_go_table(r, v):
    return f"{ident(r)}_test.go", ["tests := []struct {", "\tname  string", "\tinput string", "}{", "\t{", '\t\tname:  "valid pattern",',
                                   f'\t\tinput: "{pascal(r)} {suffix(r).lower()}: {v}",', "\t},", "}"]


def s_js_const(r, v):
    return f"src/{camel(r)}.js", [f"const {camel(r)}{suffix(r).capitalize()} = '{v}';"]


def s_yaml_section(r, v):
    key = {"KEY": "api_key", "TOKEN": "token", "SECRET": "secret", "PASSWORD": "password"}[suffix(r)]
    return "config.yaml", [f"{ident(r)}:", f"  {key}: {v}"]


def s_yaml_flat(r, v):
    return "settings.yml", [f'{lvar(r)}: "{v}"']


def s_json(r, v):
    return "config.json", jlines({f"{camel(r)}{suffix(r).capitalize()}": v})


def s_toml_section(r, v):
    return "config.toml", [f"[{ident(r)}]", f'{suffix(r).lower()} = "{v}"']


def s_colon_text(r, v):
    return "notes.txt", [f"{r['name']} {suffix(r).lower()}: {v}"]


def s_php(r, v):
    return "config.php", ["<?php", f"${lvar(r)} = '{v}';"]


def s_ruby(r, v):
    return f"lib/{ident(r)}.rb", [f"{pvar(r)} = '{v}'"]


def s_java(r, v):
    return f"src/main/java/{pascal(r)}Config.java", [f"public class {pascal(r)}Config {{",
                                                     f'    private static final String {pvar(r)} = "{v}";', "}"]


SIMPLE = [s_dotenv, s_dotenv_quoted, s_export, s_py_assign, s_py_testcase, s_go_pattern, s_go_table, s_js_const, s_yaml_section,
          s_yaml_flat, s_json, s_toml_section, s_colon_text, s_php, s_ruby, s_java]


# --- named: containers the earlier sets did not use -----------------------------------------------------------
def n_streamlit(r, v):
    return ".streamlit/secrets.toml", [f"[{ident(r)}]", f'{suffix(r).lower()} = "{v}"', "", "[db]", 'host = "localhost"']


def n_laravel(r, v):
    return "config/services.php", ["<?php", "", "return [", f"    '{ident(r)}' => [", f"        'secret' => env('{r['env']}', '{v}'),", "    ],", "];"]


def n_symfony_env(r, v):
    return ".env.prod.local", ["###> acme/bundle ###", f"{r['env']}={v}", "###< acme/bundle ###"]


def n_quarkus(r, v):
    return "src/main/resources/application.properties", [f"%prod.quarkus.rest-client.{kebab(r)}.url=https://{r['host']}",
                                                         f"%prod.{kebab(r)}.api-key={v}"]


def n_nomad(r, v):
    return "jobs/sync.nomad.hcl", ['job "sync" {', '  group "app" {', '    task "worker" {', "      env {", f'        {r["env"]} = "{v}"', "      }", "    }",
                                   "  }", "}"]


def n_consul_kv(r, v):
    return "seed-consul.sh", [f"consul kv put config/{kebab(r)}/{suffix(r).lower()} '{v}'"]


def n_supervisord(r, v):
    return "supervisor/conf.d/worker.conf", ["[program:worker]", "command=/opt/app/bin/worker", f'environment={r["env"]}="{v}",LOG_LEVEL="info"']


def n_pm2(r, v):
    return "ecosystem.config.js", ["module.exports = {", "  apps: [{", "    name: 'worker',", "    script: 'dist/worker.js',",
                                   f"    env_production: {{ {r['env']}: '{v}' }},", "  }],", "};"]


def n_tiltfile(r, v):
    return "Tiltfile", [f"os.putenv('{r['env']}', '{v}')", "k8s_yaml('deploy/dev.yaml')"]


def n_earthfile(r, v):
    return "Earthfile", ["VERSION 0.8", "build:", "    FROM golang:1.22", f"    ENV {r['env']}={v}", "    RUN go build ./..."]


def n_taskfile(r, v):
    return "Taskfile.yml", ["version: '3'", "env:", f"  {r['env']}: {v}", "tasks:", "  sync:", "    cmds: [go run ./cmd/sync]"]


def n_justfile(r, v):
    return "justfile", [f"export {r['env']} := \"{v}\"", "", "sync:", "    cargo run --bin sync"]


def n_r_setenv(r, v):
    return "analysis/setup.R", [f'Sys.setenv({r["env"]} = "{v}")', f"library({ident(r)})"]


def n_nim(r, v):
    return "src/config.nim", [f'const {camel(r)}{suffix(r).capitalize()}* = "{v}"']


def n_godot(r, v):
    return "scripts/config.gd", ["extends Node", "", f'const {pvar(r)} := "{v}"']


def n_unity(r, v):
    return f"Assets/Scripts/{pascal(r)}Settings.cs", [f"public class {pascal(r)}Settings : ScriptableObject", "{",
                                                      f'    [SerializeField] private string {camel(r)}{suffix(r).capitalize()} = "{v}";', "}"]


def n_unreal(r, v):
    return "Config/DefaultGame.ini", [f"[/Script/{pascal(r)}Plugin.{pascal(r)}Settings]", f"{pascal(r)}{suffix(r).capitalize()}={v}"]


def n_dhall(r, v):
    return "config.dhall", ["{ " + f'{camel(r)}{suffix(r).capitalize()} = "{v}"', ', timeout = 30', "}"]


def n_pkl(r, v):
    return "config.pkl", [f"{camel(r)} {{", f'  {suffix(r).lower()} = "{v}"', "}"]


def n_kdl(r, v):
    return "config.kdl", [f'{kebab(r)} {suffix(r).lower()}="{v}" region="eu"']


def n_airflow(r, v):
    return "airflow/variables.json", jlines({f"{ident(r)}_{suffix(r).lower()}": v, "sync_interval": "300"})


def n_expo(r, v):
    return "app.config.js", ["export default {", "  expo: {", "    name: 'acme',", "    extra: {", f"      {camel(r)}{suffix(r).capitalize()}: '{v}',",
                             "    },", "  },", "};"]


def n_firebase_config(r, v):
    return "scripts/set-config.sh", [f"firebase functions:config:set {ident(r)}.{suffix(r).lower()}=\"{v}\""]


def n_fly_secrets(r, v):
    return "deploy.sh", [f"fly secrets set {r['env']}={v} --app acme-worker"]


def n_heroku_config(r, v):
    return "provision.sh", [f"heroku config:set {r['env']}={v} -a acme-api"]


def n_gh_secret(r, v):
    return "scripts/bootstrap-repo.sh", [f"gh secret set {r['env']} --body '{v}' --repo acme/api"]


def n_vault_kv(r, v):
    return "seed-vault.sh", [f"vault kv put secret/{kebab(r)} {suffix(r).lower()}={v}"]


def n_caddy_env(r, v):
    return "Caddyfile", ["api.acme.io {", f"    env {r['env']} {v}", "    reverse_proxy localhost:8080", "}"]


def n_deno(r, v):
    return "main.ts", [f'Deno.env.set("{r["env"]}", "{v}");', "await import('./worker.ts');"]


def n_reg(r, v):
    return "install.reg", ["Windows Registry Editor Version 5.00", "", f"[HKEY_LOCAL_MACHINE\\SOFTWARE\\Acme\\{pascal(r)}]", f'"{pascal(r)}{suffix(r).capitalize()}"="{v}"']


def n_tf_cloud_varset(r, v):
    return "varset.json", jlines({"data": {"type": "vars", "attributes": {"key": r["env"], "value": v, "category": "env", "sensitive": False}}})


def n_lua_table(r, v):
    return "conf/config.lua", ["return {", f'  {ident(r)} = {{ {suffix(r).lower()} = "{v}" }},', "}"]


def n_powershell_dsc(r, v):
    return "Set-Env.ps1", [f"[Environment]::SetEnvironmentVariable('{r['env']}', '{v}', 'Machine')"]


NAMED = [n_streamlit, n_laravel, n_symfony_env, n_quarkus, n_nomad, n_consul_kv, n_supervisord, n_pm2, n_tiltfile, n_earthfile, n_taskfile,
         n_justfile, n_r_setenv, n_nim, n_godot, n_unity, n_unreal, n_dhall, n_pkl, n_kdl, n_airflow, n_expo, n_firebase_config,
         n_fly_secrets, n_heroku_config, n_gh_secret, n_vault_kv, n_caddy_env, n_deno, n_reg, n_tf_cloud_varset, n_lua_table, n_powershell_dsc]


# --- named by host: the value in a request to the provider's API -------------------------------------------
def h_curl_long(r, v):
    url, hs, basic = request(r, v)
    if basic:
        return "scripts/ping.sh", [f"curl --silent --user '{basic[0]}:{basic[1]}' '{url}'"]
    return "scripts/ping.sh", ["curl --silent " + "".join(f"--header '{k}: {x}' " for k, x in hs.items()) + f"'{url}'"]


def h_deno_fetch(r, v):
    url, hs, basic = request(r, v, 1)
    if basic:
        hs = {"Authorization": "Basic " + _b64(f"{basic[0]}:{basic[1]}")}
    return "ping.ts", [f"const res = await fetch(\"{url}\", {{ headers: {json.dumps(hs)} }});"]


def h_go_resty(r, v):
    url, hs, basic = request(r, v, 2)
    lines = ["resp, err := resty.New().R()."]
    if basic:
        lines.append(f'\tSetBasicAuth("{basic[0]}", "{basic[1]}").')
    lines += [f'\tSetHeader("{k}", "{x}").' for k, x in hs.items()]
    return "internal/client/ping.go", lines + [f'\tGet("{url}")']


def h_java_httpclient(r, v):
    url, hs, basic = request(r, v, 3)
    lines = ["HttpRequest req = HttpRequest.newBuilder()", f'    .uri(URI.create("{url}"))']
    if basic:
        lines.append(f'    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("{basic[0]}:{basic[1]}".getBytes()))')
    lines += [f'    .header("{k}", "{x}")' for k, x in hs.items()]
    return "src/main/java/io/acme/Ping.java", lines + ["    .build();"]


def h_restsharp(r, v):
    url, hs, basic = request(r, v, 4)
    lines = [f'var client = new RestClient("{url}");', "var request = new RestRequest();"]
    if basic:
        lines.append(f'client.Authenticator = new HttpBasicAuthenticator("{basic[0]}", "{basic[1]}");')
    lines += [f'request.AddHeader("{k}", "{x}");' for k, x in hs.items()]
    return "Ping.cs", lines + ["var response = await client.GetAsync(request);"]


def h_faraday(r, v):
    url, hs, basic = request(r, v, 5)
    lines = [f"conn = Faraday.new(url: '{url}') do |f|"]
    if basic:
        lines.append(f"  f.request :authorization, :basic, '{basic[0]}', '{basic[1]}'")
    lines += [f"  f.headers['{k}'] = '{x}'" for k, x in hs.items()]
    return "lib/ping.rb", lines + ["end", "conn.get"]


def h_guzzle(r, v):
    url, hs, basic = request(r, v)
    opts = []
    if basic:
        opts.append(f"'auth' => ['{basic[0]}', '{basic[1]}']")
    if hs:
        opts.append("'headers' => [" + ", ".join(f"'{k}' => '{x}'" for k, x in hs.items()) + "]")
    return "src/Ping.php", ["<?php", "$client = new \\GuzzleHttp\\Client();", f"$res = $client->request('GET', '{url}', [" + ", ".join(opts) + "]);"]


def h_ureq(r, v):
    url, hs, basic = request(r, v, 1)
    lines = [f'let resp = ureq::get("{url}")']
    if basic:
        lines.append(f'    .set("Authorization", &format!("Basic {{}}", base64::encode("{basic[0]}:{basic[1]}")))')
    lines += [f'    .set("{k}", "{x}")' for k, x in hs.items()]
    return "src/ping.rs", lines + ["    .call()?;"]


def h_dart_http(r, v):
    url, hs, basic = request(r, v, 2)
    if basic:
        hs = dict(hs)
        hs["Authorization"] = "Basic " + _b64(f"{basic[0]}:{basic[1]}")
    h = ", ".join(f"'{k}': '{x}'" for k, x in hs.items())
    return "lib/ping.dart", [f"final res = await http.get(Uri.parse('{url}'), headers: {{{h}}});"]


def h_r_httr2(r, v):
    url, hs, basic = request(r, v, 3)
    lines = [f'req <- request("{url}")']
    if basic:
        lines.append(f'req <- req_auth_basic(req, "{basic[0]}", "{basic[1]}")')
    lines += [f'req <- req_headers(req, `{k}` = "{x}")' for k, x in hs.items()]
    return "R/ping.R", lines + ["resp <- req_perform(req)"]


def h_got(r, v):
    url, hs, basic = request(r, v, 4)
    if basic:
        return "ping.mjs", [f"const body = await got('{url}', {{ username: '{basic[0]}', password: '{basic[1]}' }}).json();"]
    return "ping.mjs", [f"const body = await got('{url}', {{ headers: {json.dumps(hs)} }}).json();"]


def h_urllib3(r, v):
    url, hs, basic = request(r, v, 5)
    if basic:
        return "ping.py", ["import urllib3", f'headers = urllib3.make_headers(basic_auth="{basic[0]}:{basic[1]}")',
                           f'resp = urllib3.request("GET", "{url}", headers=headers)']
    return "ping.py", ["import urllib3", f'resp = urllib3.request("GET", "{url}", headers={json.dumps(hs)})']


def h_alamofire(r, v):
    url, hs, basic = request(r, v)
    lines = []
    if basic:
        lines.append(f'AF.request("{url}").authenticate(username: "{basic[0]}", password: "{basic[1]}")')
        return "Sources/Ping.swift", lines
    h = ", ".join(f'"{k}": "{x}"' for k, x in hs.items())
    return "Sources/Ping.swift", [f'AF.request("{url}", headers: [{h}]).responseDecodable(of: Status.self) {{ _ in }}']


def h_xh(r, v):
    url, hs, basic = request(r, v, 1)
    if basic:
        return "check.sh", [f"xh --auth '{basic[0]}:{basic[1]}' GET '{url}'"]
    return "check.sh", ["xh GET '" + url + "'" + "".join(f" '{k}:{x}'" for k, x in hs.items())]


def h_kong(r, v):
    url, hs, basic = request(r, v, 2)
    u = urlparse(url)
    if basic:
        hs = {"Authorization": "Basic " + _b64(f"{basic[0]}:{basic[1]}")}
    lines = ["_format_version: \"3.0\"", "services:", f"  - name: {kebab(r)}", f"    url: {u.scheme}://{u.netloc}{u.path}" + (f"?{u.query}" if u.query else ""),
             "    plugins:", "      - name: request-transformer", "        config:", "          add:", "            headers:"]
    lines += [f'              - "{k}:{x}"' for k, x in hs.items()] or ["              - \"X-Upstream:acme\""]
    return "kong.yaml", lines


def h_thunder(r, v):
    url, hs, basic = request(r, v, 3)
    req = {"name": "status", "url": url, "method": "GET", "headers": [{"name": k, "value": x} for k, x in hs.items()]}
    if basic:
        req["auth"] = {"type": "basic", "basic": {"username": basic[0], "password": basic[1]}}
    return "thunder-tests/thunderclient.json", jlines([req])


HOST = [h_curl_long, h_deno_fetch, h_go_resty, h_java_httpclient, h_restsharp, h_faraday, h_guzzle, h_ureq, h_dart_http, h_r_httr2, h_got,
        h_urllib3, h_alamofire, h_xh, h_kong, h_thunder]


# --- generic: nothing names the provider ---------------------------------------------------------------------
def g_junit(r, v):
    return "src/test/java/TokenParserTest.java", ["@ParameterizedTest", f'@ValueSource(strings = {{"{v}"}})', "void parses(String token) {",
                                                  "    assertTrue(TokenParser.isValid(token));", "}"]


def g_phpunit(r, v):
    return "tests/TokenTest.php", ["public static function tokens(): array", "{", f"    return [['{v}']];", "}"]


def g_exunit(r, v):
    return "test/token_test.exs", ['test "accepts a credential" do', f'  assert {{:ok, _}} = Token.parse("{v}")', "end"]


def g_xctest(r, v):
    return "Tests/TokenTests.swift", ["func testParse() throws {", f'    XCTAssertNoThrow(try Token(raw: "{v}"))', "}"]


def g_xunit(r, v):
    return "Tests/TokenTests.cs", ["[Theory]", f'[InlineData("{v}")]', "public void Parses(string raw) => Assert.True(Token.IsValid(raw));"]


def g_mocha(r, v):
    return "test/token.spec.js", ["it('accepts the credential', () => {", f"  assert.ok(isValid('{v}'));", "});"]


def g_bats(r, v):
    return "test/cli.bats", ["@test \"login with a credential\" {", f"  run ./cli login --credential {v}", "  [ \"$status\" -eq 0 ]", "}"]


def g_pytest_param(r, v):
    return "tests/test_tokens.py", ["@pytest.mark.parametrize(\"raw\", [", f'    "{v}",', "])", "def test_valid(raw):", "    assert is_valid(raw)"]


def g_go_generic(r, v):
    return "token_test.go", ["func TestValid(t *testing.T) {", f'\tif !Valid("{v}") {{', '\t\tt.Fatal("rejected")', "\t}", "}"]


def g_toml_cases(r, v):
    return "testdata/cases.toml", ["[[case]]", 'name = "accepted"', f'value = "{v}"']


def g_tf_output(r, v):
    return "outputs.json", jlines({"credential": {"sensitive": False, "type": "string", "value": v}})


def g_k8s_secret(r, v):
    return "k8s/credential.yaml", ["apiVersion: v1", "kind: Secret", "metadata:", "  name: upstream", "stringData:", f"  credential: {v}"]


def g_dockerfile(r, v):
    return "Dockerfile", ["FROM alpine:3.20", f"ENV CREDENTIAL={v}", "CMD [\"/app\"]"]


def g_ci_log(r, v):
    return "logs/job-8812.log", ["$ ./deploy.sh", f"+ export CREDENTIAL={v}", "Deploying revision 8812 ..."]


GENERIC = [g_junit, g_phpunit, g_exunit, g_xctest, g_xunit, g_mocha, g_bats, g_pytest_param, g_go_generic, g_toml_cases, g_tf_output,
           g_k8s_secret, g_dockerfile, g_ci_log]


# --- pairs: a companion id next to the secret --------------------------------------------------------------
def low(env):
    return env.lower()


def p_streamlit(r, v, c2):
    e2 = r["comp"][0]
    return ".streamlit/secrets.toml", [f"[{ident(r)}]", f'{low(e2)} = "{c2}"', f'{low(r["env"])} = "{v}"']


def p_vault_kv(r, v, c2):
    e2 = r["comp"][0]
    return "seed-vault.sh", [f"vault kv put secret/{kebab(r)} \\", f"  {low(e2)}={c2} \\", f"  {low(r['env'])}={v}"]


def p_fly_secrets(r, v, c2):
    e2 = r["comp"][0]
    return "deploy.sh", ["fly secrets set \\", f"  {e2}={c2} \\", f"  {r['env']}={v}"]


def p_heroku(r, v, c2):
    e2 = r["comp"][0]
    return "provision.sh", [f"heroku config:set {e2}={c2} \\", f"  {r['env']}={v} -a acme-api"]


def p_gh_secret(r, v, c2):
    e2 = r["comp"][0]
    return "scripts/bootstrap-repo.sh", [f"gh secret set {e2} --body '{c2}'", f"gh secret set {r['env']} --body '{v}'"]


def p_airflow(r, v, c2):
    return "airflow/connections.json", jlines({f"{ident(r)}_default": {"conn_type": "http", "host": r["host"], "login": c2, "password": v}})


def p_laravel(r, v, c2):
    return "config/services.php", ["<?php", "", "return [", f"    '{ident(r)}' => [", f"        'key' => '{c2}',", f"        'secret' => '{v}',", "    ],", "];"]


def p_supervisord(r, v, c2):
    e2 = r["comp"][0]
    return "supervisor/conf.d/sync.conf", ["[program:sync]", "command=/opt/sync/bin/run", f'environment={e2}="{c2}",', f'    {r["env"]}="{v}"']


def p_nomad(r, v, c2):
    e2 = r["comp"][0]
    return "jobs/sync.nomad.hcl", ["task \"sync\" {", "  env {", f'    {e2} = "{c2}"', f'    {r["env"]} = "{v}"', "  }", "}"]


def p_rails_credentials(r, v, c2):
    return "config/credentials.yml", [f"{ident(r)}:", f"  key_id: {c2}", f"  secret: {v}"]


PAIR = [p_streamlit, p_vault_kv, p_fly_secrets, p_heroku, p_gh_secret, p_airflow, p_laravel, p_supervisord, p_nomad, p_rails_credentials]


def p_aws_terraform(r, v, c2):
    return "providers.tf", ['provider "aws" {', '  region     = "eu-central-1"', f'  access_key = "{v}"', f'  secret_key = "{c2}"', "}"]
