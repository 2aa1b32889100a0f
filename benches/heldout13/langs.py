"""Programming languages of the real-repository half: for each, the file skeleton (header, optional class wrapper,
filler members drawn from a pool of ordinary business code) and the ways a credential reaches code in it: a constant,
driver and client calls, an HTTP header, a JWT signing call, and the lookups that keep it out of the source
(environment, configuration, a secrets manager, a parameter). The labelled line is one of these; the filler holds no
credential of any kind.

Blocks are written as text with @svc@ / @Svc@ / @n@ substituted per file.
"""

import json


def B(text):
    return text.strip("\n").split("\n")


def dq(s):
    return json.dumps(s)


def sq(s):
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


def upper(words):
    return "_".join(w.upper() for w in words)


def snake(words):
    return "_".join(w.lower() for w in words)


def camel(words):
    return words[0].lower() + "".join(w.capitalize() for w in words[1:])


def pascal(words):
    return "".join(w.capitalize() for w in words)


class Lang:
    def __init__(self, **kw):
        self.__dict__.update(kw)


LANGS = {}


def lang(**kw):
    LANGS[kw["name"]] = Lang(**kw)


# --- Python --------------------------------------------------------------------------------------------------------
lang(
    name="python", paths=["app/db.py", "@svc@/settings.py", "services/@svc@_client.py", "src/@svc@/config.py", "jobs/sync_@svc@.py"],
    header=B('''
"""@Svc@ service helpers."""
import logging
import os
from datetime import datetime, timedelta

import requests
'''),
    wrap=None, ind="    ",
    fillers=[B('''
logger = logging.getLogger(__name__)
'''), B('''
def chunked(items, size=@n@):
    for i in range(0, len(items), size):
        yield items[i:i + size]
'''), B('''
def parse_amount(raw):
    """Parse '12.50 EUR' into (1250, 'EUR')."""
    value, currency = raw.strip().split()
    return int(round(float(value) * 100)), currency.upper()
'''), B('''
class RetryPolicy:
    def __init__(self, attempts=3, backoff=1.5):
        self.attempts = attempts
        self.backoff = backoff

    def delays(self):
        return [self.backoff ** i for i in range(self.attempts)]
'''), B('''
def normalize_sku(sku):
    return sku.strip().upper().replace(" ", "-")
'''), B('''
def summarize(rows):
    total = sum(r["amount"] for r in rows)
    logger.info("summarized %d rows, total=%d", len(rows), total)
    return {"count": len(rows), "total": total}
''')],
    naming=upper, lit=dq,
    env=lambda n: f'os.environ["{n}"]', cfg=lambda n: f"settings.{n.lower()}", vault=lambda p: f'vault_client.secrets.kv.read_secret_version(path="{p}")["data"]["data"]["password"]',
    const=lambda n, rhs: [f"{n} = {rhs}"],
    calls=[
        ("psycopg2", lambda rhs, par=False: B(f'''
def get_connection({"password" if par else ""}):
    return psycopg2.connect(
        host="db.internal.lumen",
        port=5432,
        dbname="@svc@",
        user="@svc@_app",
        password={rhs},
    )''')),
        ("redis", lambda rhs, par=False: B(f'''
def cache_client({"password" if par else ""}):
    return redis.Redis(host="cache.internal.lumen", port=6379, db=2, password={rhs}, socket_timeout=3)''')),
        ("smtplib", lambda rhs, par=False: B(f'''
def send_report(body{", password" if par else ""}):
    with smtplib.SMTP("smtp.lumen.io", 587) as smtp:
        smtp.starttls()
        smtp.login("reports@lumen.io", {rhs})
        smtp.sendmail("reports@lumen.io", ["ops@lumen.io"], body)''')),
        ("ldap", lambda rhs, par=False: B(f'''
def directory({"bind_password" if par else ""}):
    conn = ldap.initialize("ldaps://ldap.lumen.io")
    conn.simple_bind_s("cn=svc-@svc@,ou=services,dc=lumen,dc=io", {"bind_password" if par else rhs})
    return conn''')),
        ("paramiko", lambda rhs, par=False: B(f'''
def open_sftp(host{", password" if par else ""}):
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    client.connect(host, username="deploy", password={rhs})
    return client.open_sftp()''')),
        ("pika", lambda rhs, par=False: B(f'''
def channel({"password" if par else ""}):
    creds = pika.PlainCredentials("@svc@", {rhs})
    params = pika.ConnectionParameters("mq.internal.lumen", 5672, "/@svc@", creds)
    return pika.BlockingConnection(params).channel()''')),
    ],
    param_rhs="password",
    header_call=lambda rhs: B(f'''
def fetch_report(report_id):
    headers = {{"Authorization": {rhs}, "Accept": "application/json"}}
    resp = requests.get(f"https://reports.lumen.io/api/reports/{{report_id}}", headers=headers, timeout=15)
    resp.raise_for_status()
    return resp.json()'''),
    jwt_call=lambda rhs: B(f'''
def issue_token(user_id):
    payload = {{"sub": str(user_id), "exp": datetime.utcnow() + timedelta(hours=12)}}
    return jwt.encode(payload, {rhs}, algorithm="HS256")'''),
    raise_msg=lambda m: B(f'''
def check_password(pw):
    if len(pw) < 12:
        raise ValueError({dq(m)})'''),
    regex=lambda r: [f'PASSWORD_PATTERN = re.compile(r"{r}")'],
    fixture=lambda pw: ("tests/test_login.py", B(f'''
import pytest

from app.auth import login


@pytest.fixture
def user(db):
    return db.create_user(email="alice@lumen.test", password="{pw}")


def test_login_succeeds(client, user):
    resp = client.post("/login", data={{"email": user.email, "password": "{pw}"}})
    assert resp.status_code == 302


def test_login_rejects_wrong_password(client, user):
    resp = client.post("/login", data={{"email": user.email, "password": "nope"}})
    assert resp.status_code == 401''')),
)

# --- JavaScript ------------------------------------------------------------------------------------------------------
lang(
    name="javascript", paths=["src/@svc@.js", "lib/@svc@/client.js", "server/config/@svc@.js", "scripts/@svc@-sync.js"],
    header=B('''
'use strict';

const axios = require('axios');
const { Pool } = require('pg');
'''),
    wrap=None, ind="  ",
    fillers=[B('''
function chunk(items, size = @n@) {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
'''), B('''
const formatPrice = (cents, currency = 'EUR') =>
  new Intl.NumberFormat('de-DE', { style: 'currency', currency }).format(cents / 100);
'''), B('''
async function withRetry(fn, attempts = 3) {
  let lastErr;
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn();
    } catch (err) {
      lastErr = err;
      await new Promise((r) => setTimeout(r, 250 * 2 ** i));
    }
  }
  throw lastErr;
}
'''), B('''
function toSlug(title) {
  return title.toLowerCase().trim().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
'''), B('''
const DEFAULT_PAGE_SIZE = @n@;
const @svc@Routes = ['/@svc@', '/@svc@/:id', '/@svc@/:id/history'];
''')],
    naming=upper, lit=sq,
    env=lambda n: f"process.env.{n}", cfg=lambda n: f"config.get('{n.lower().replace('_', '.')}')",
    vault=lambda p: f"secrets.get('{p}')",
    const=lambda n, rhs: [f"const {n} = {rhs};"],
    calls=[
        ("pg", lambda rhs, par=False: B(f'''
function createPool({"password" if par else ""}) {{
  return new Pool({{
    host: 'db.internal.lumen',
    database: '@svc@',
    user: '@svc@_app',
    password: {rhs},
    max: 10,
  }});
}}''')),
        ("mysql2", lambda rhs, par=False: B(f'''
async function connect({"password" if par else ""}) {{
  return mysql.createConnection({{ host: 'mysql.internal.lumen', user: 'reporting', password: {rhs}, database: '@svc@' }});
}}''')),
        ("nodemailer", lambda rhs, par=False: B(f'''
function mailer({"pass" if par else ""}) {{
  return nodemailer.createTransport({{
    host: 'smtp.lumen.io',
    port: 587,
    auth: {{ user: 'noreply@lumen.io', pass: {"pass" if par else rhs} }},
  }});
}}''')),
        ("ioredis", lambda rhs, par=False: B(f'''
function cache({"password" if par else ""}) {{
  return new Redis({{ host: 'cache.internal.lumen', port: 6379, password: {rhs}, keyPrefix: '@svc@:' }});
}}''')),
    ],
    param_rhs="password",
    header_call=lambda rhs: B(f'''
async function fetchReport(id) {{
  const res = await axios.get(`https://reports.lumen.io/api/reports/${{id}}`, {{
    headers: {{ Authorization: {rhs}, Accept: 'application/json' }},
    timeout: 15000,
  }});
  return res.data;
}}'''),
    jwt_call=lambda rhs: B(f'''
function issueToken(user) {{
  return jwt.sign({{ sub: user.id, role: user.role }}, {rhs}, {{ expiresIn: '12h' }});
}}'''),
    raise_msg=lambda m: B(f'''
function checkPassword(pw) {{
  if (pw.length < 12) throw new Error({sq(m)});
}}'''),
    regex=lambda r: [f"const PASSWORD_PATTERN = /{r}/;"],
    fixture=lambda pw: ("test/auth.test.js", B(f'''
const request = require('supertest');
const app = require('../src/app');

describe('POST /login', () => {{
  beforeEach(async () => {{
    await db.users.insert({{ email: 'alice@lumen.test', password: '{pw}' }});
  }});

  it('logs the user in', async () => {{
    const res = await request(app).post('/login').send({{ email: 'alice@lumen.test', password: '{pw}' }});
    expect(res.status).toBe(302);
  }});
}});''')),
)

# --- TypeScript ------------------------------------------------------------------------------------------------------
lang(
    name="typescript", paths=["src/@svc@/client.ts", "src/config/@svc@.ts", "packages/@svc@/src/index.ts"],
    header=B('''
import axios from 'axios';
import { DataSource } from 'typeorm';
'''),
    wrap=None, ind="  ",
    fillers=[B('''
export interface @Svc@Record {
  id: string;
  createdAt: Date;
  amount: number;
}
'''), B('''
export function sumAmounts(rows: @Svc@Record[]): number {
  return rows.reduce((acc, r) => acc + r.amount, 0);
}
'''), B('''
export const PAGE_SIZE = @n@;
export const TIMEOUT_MS = 15_000;
'''), B('''
export async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}
'''), B('''
export function isExpired(date: Date, now: Date = new Date()): boolean {
  return date.getTime() < now.getTime();
}
''')],
    naming=upper, lit=sq,
    env=lambda n: f"process.env.{n} ?? ''", cfg=lambda n: f"configService.get<string>('{n}')",
    vault=lambda p: f"await getSecret('{p}')",
    const=lambda n, rhs: [f"export const {n} = {rhs};"],
    calls=[
        ("typeorm", lambda rhs, par=False: B(f'''
export const dataSource{"Factory = (password: string)" if par else ""} = {"() => " if par else ""}new DataSource({{
  type: 'postgres',
  host: 'db.internal.lumen',
  port: 5432,
  username: '@svc@_app',
  password: {rhs},
  database: '@svc@',
}});''')),
        ("mongoose", lambda rhs, par=False: B(f'''
export async function connectMongo({"password: string" if par else ""}): Promise<void> {{
  await mongoose.connect('mongodb://mongo.internal.lumen:27017/@svc@', {{ user: '@svc@', pass: {"password" if par else rhs}, authSource: 'admin' }});
}}''')),
        ("kafkajs", lambda rhs, par=False: B(f'''
export const kafka{"For = (password: string)" if par else ""} = {"() => " if par else ""}new Kafka({{
  clientId: '@svc@',
  brokers: ['kafka-1.internal.lumen:9093'],
  ssl: true,
  sasl: {{ mechanism: 'scram-sha-512', username: '@svc@', password: {rhs} }},
}});''')),
    ],
    param_rhs="password",
    header_call=lambda rhs: B(f'''
export async function fetchReport(id: string): Promise<unknown> {{
  const res = await axios.get(`https://reports.lumen.io/api/reports/${{id}}`, {{
    headers: {{ Authorization: {rhs} }},
  }});
  return res.data;
}}'''),
    jwt_call=lambda rhs: B(f'''
export function issueToken(userId: string): string {{
  return jwt.sign({{ sub: userId }}, {rhs}, {{ algorithm: 'HS256', expiresIn: '1d' }});
}}'''),
    raise_msg=lambda m: B(f'''
export function validatePassword(pw: string): void {{
  if (pw.length < 12) {{
    throw new ValidationError({sq(m)});
  }}
}}'''),
    regex=lambda r: [f"export const PASSWORD_PATTERN = /{r}/;"],
    fixture=lambda pw: ("src/auth/auth.service.spec.ts", B(f'''
import {{ AuthService }} from './auth.service';

describe('AuthService', () => {{
  let service: AuthService;

  beforeEach(() => {{
    service = new AuthService(new InMemoryUsers([{{ email: 'bob@lumen.test', password: '{pw}' }}]));
  }});

  it('accepts the right password', async () => {{
    await expect(service.login('bob@lumen.test', '{pw}')).resolves.toBeDefined();
  }});
}});''')),
)

# --- Java -------------------------------------------------------------------------------------------------------------
lang(
    name="java", paths=["src/main/java/io/lumen/@svc@/@Svc@Config.java", "src/main/java/io/lumen/@svc@/@Svc@Client.java"],
    header=B('''
package io.lumen.@svc@;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
'''),
    wrap=(["public class @Cls@ {"], ["}"]), ind="    ",
    fillers=[B('''
private static final int PAGE_SIZE = @n@;
'''), B('''
public static List<List<String>> partition(List<String> items, int size) {
    List<List<String>> out = new java.util.ArrayList<>();
    for (int i = 0; i < items.size(); i += size) {
        out.add(items.subList(i, Math.min(i + size, items.size())));
    }
    return out;
}
'''), B('''
public static String normalizeSku(String sku) {
    return sku.trim().toUpperCase().replace(' ', '-');
}
'''), B('''
private long backoffMillis(int attempt) {
    return (long) (250 * Math.pow(2, attempt));
}
''')],
    naming=upper, lit=dq,
    env=lambda n: f'System.getenv("{n}")', cfg=lambda n: f'environment.getProperty("{n.lower().replace("_", ".")}")',
    vault=lambda p: f'secretsClient.getSecretValue(r -> r.secretId("{p}")).secretString()',
    const=lambda n, rhs: [f"private static final String {n} = {rhs};"],
    calls=[
        ("jdbc", lambda rhs, par=False: B(f'''
public Connection open({"String password" if par else ""}) throws Exception {{
    return DriverManager.getConnection("jdbc:postgresql://db.internal.lumen:5432/@svc@", "@svc@_app", {rhs});
}}''')),
        ("hikari", lambda rhs, par=False: B(f'''
public HikariDataSource dataSource({"String password" if par else ""}) {{
    HikariDataSource ds = new HikariDataSource();
    ds.setJdbcUrl("jdbc:mysql://mysql.internal.lumen:3306/@svc@");
    ds.setUsername("@svc@");
    ds.setPassword({rhs});
    ds.setMaximumPoolSize(10);
    return ds;
}}''')),
        ("javamail", lambda rhs, par=False: B(f'''
public Session mailSession({"String password" if par else ""}) {{
    return Session.getInstance(props, new Authenticator() {{
        @Override
        protected PasswordAuthentication getPasswordAuthentication() {{
            return new PasswordAuthentication("alerts@lumen.io", {rhs});
        }}
    }});
}}''')),
        ("jedis", lambda rhs, par=False: B(f'''
public Jedis cache({"String password" if par else ""}) {{
    Jedis jedis = new Jedis("cache.internal.lumen", 6379);
    jedis.auth({rhs});
    return jedis;
}}''')),
    ],
    param_rhs="password",
    header_call=lambda rhs: B(f'''
public String fetchReport(String id) throws Exception {{
    HttpRequest req = HttpRequest.newBuilder(URI.create("https://reports.lumen.io/api/reports/" + id))
        .header("Authorization", {rhs})
        .GET()
        .build();
    return HttpClient.newHttpClient().send(req, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
}}'''),
    jwt_call=lambda rhs: B(f'''
public String issueToken(String subject) {{
    return Jwts.builder()
        .setSubject(subject)
        .signWith(Keys.hmacShaKeyFor({rhs}.getBytes(StandardCharsets.UTF_8)))
        .compact();
}}'''),
    raise_msg=lambda m: B(f'''
public void validate(String password) {{
    if (password.length() < 12) {{
        throw new IllegalArgumentException({dq(m)});
    }}
}}'''),
    regex=lambda r: [f'private static final Pattern PASSWORD_PATTERN = Pattern.compile("{r.replace(chr(92), chr(92) * 2)}");'],
    fixture=lambda pw: ("src/test/java/io/lumen/auth/LoginServiceTest.java", B(f'''
package io.lumen.auth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoginServiceTest {{
    private final LoginService service = new LoginService(new InMemoryUserStore());

    @Test
    void acceptsCorrectPassword() {{
        service.register("carol@lumen.test", "{pw}");
        assertTrue(service.login("carol@lumen.test", "{pw}"));
    }}
}}''')),
)

# --- Kotlin -------------------------------------------------------------------------------------------------------------
lang(
    name="kotlin", paths=["app/src/main/kotlin/io/lumen/@svc@/@Svc@Module.kt", "src/main/kotlin/io/lumen/@Svc@Repository.kt"],
    header=B('''
package io.lumen.@svc@

import java.time.Duration
import okhttp3.OkHttpClient
import okhttp3.Request
'''),
    wrap=(["object @Cls@ {"], ["}"]), ind="    ",
    fillers=[B('''
private val timeout = Duration.ofSeconds(@n@)
'''), B('''
fun normalize(sku: String): String = sku.trim().uppercase().replace(' ', '-')
'''), B('''
fun <T> List<T>.pages(size: Int): List<List<T>> = chunked(size)
'''), B('''
data class Page(val items: List<String>, val next: String?)
''')],
    naming=upper, lit=dq,
    env=lambda n: f'System.getenv("{n}") ?: error("{n} not set")', cfg=lambda n: f'config.property("{n.lower().replace("_", ".")}").getString()',
    vault=lambda p: f'secretManager.accessSecretVersion("{p}").payload.data.toStringUtf8()',
    const=lambda n, rhs: [f"private const val {n} = {rhs}" if rhs.startswith('"') else f"private val {n} = {rhs}"],
    calls=[
        ("exposed", lambda rhs, par=False: B(f'''
fun connect({"password: String" if par else ""}) = Database.connect(
    url = "jdbc:postgresql://db.internal.lumen:5432/@svc@",
    driver = "org.postgresql.Driver",
    user = "@svc@_app",
    password = {rhs},
)''')),
        ("lettuce", lambda rhs, par=False: B(f'''
fun redis({"password: String" if par else ""}): RedisClient {{
    val uri = RedisURI.builder().withHost("cache.internal.lumen").withPort(6379)
        .withPassword({rhs}.toCharArray()).build()
    return RedisClient.create(uri)
}}''')),
    ],
    param_rhs="password",
    header_call=lambda rhs: B(f'''
fun fetchReport(client: OkHttpClient, id: String): String {{
    val request = Request.Builder()
        .url("https://reports.lumen.io/api/reports/$id")
        .header("Authorization", {rhs})
        .build()
    return client.newCall(request).execute().use {{ it.body!!.string() }}
}}'''),
    jwt_call=lambda rhs: B(f'''
fun issueToken(userId: String): String = JWT.create()
    .withSubject(userId)
    .sign(Algorithm.HMAC256({rhs}))'''),
    raise_msg=lambda m: B(f'''
fun validate(password: String) {{
    require(password.length >= 12) {{ {dq(m)} }}
}}'''),
    regex=lambda r: [f'private val PASSWORD_PATTERN = Regex("{r.replace(chr(92), chr(92) * 2)}")'],
    fixture=lambda pw: ("app/src/test/kotlin/io/lumen/auth/LoginViewModelTest.kt", B(f'''
package io.lumen.auth

import kotlin.test.Test
import kotlin.test.assertTrue

class LoginViewModelTest {{
    private val vm = LoginViewModel(FakeAuthRepository())

    @Test
    fun `valid credentials log in`() {{
        vm.onEmailChanged("dave@lumen.test")
        vm.onPasswordChanged("{pw}")
        vm.submit()
        assertTrue(vm.state.value.loggedIn)
    }}
}}''')),
)

# --- C# -------------------------------------------------------------------------------------------------------------------
lang(
    name="csharp", paths=["src/Lumen.@Svc@/@Svc@Options.cs", "src/Lumen.@Svc@/Infrastructure/@Svc@Client.cs"],
    header=B('''
using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;

namespace Lumen.@Svc@;
'''),
    wrap=(["public class @Cls@", "{"], ["}"]), ind="    ",
    fillers=[B('''
private const int PageSize = @n@;
'''), B('''
public static string Normalize(string sku) => sku.Trim().ToUpperInvariant().Replace(' ', '-');
'''), B('''
private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt));
'''), B('''
public record Page(string[] Items, string? Next);
''')],
    naming=pascal, lit=dq,
    env=lambda n: f'Environment.GetEnvironmentVariable("{n}")', cfg=lambda n: f'_configuration["{n.title().replace("_", ":")}"]',
    vault=lambda p: f'Vault.Client.GetSecret("{p}").Value.Value',
    const=lambda n, rhs: [f"private const string {n} = {rhs};" if rhs.startswith('"') else f"private static readonly string {n} = {rhs};"],
    calls=[
        ("sqlclient", lambda rhs, par=False: B(f'''
public SqlConnection Open({"string password" if par else ""})
{{
    var builder = new SqlConnectionStringBuilder
    {{
        DataSource = "sql01.internal.lumen",
        InitialCatalog = "@Svc@",
        UserID = "svc_@svc@",
        Password = {rhs},
        Encrypt = true,
    }};
    return new SqlConnection(builder.ConnectionString);
}}''')),
        ("networkcredential", lambda rhs, par=False: B(f'''
public SmtpClient Mailer({"string password" if par else ""})
{{
    return new SmtpClient("smtp.lumen.io", 587)
    {{
        EnableSsl = true,
        Credentials = new NetworkCredential("alerts@lumen.io", {rhs}),
    }};
}}''')),
    ],
    param_rhs="password",
    header_call=lambda rhs: B(f'''
public async Task<string> FetchReportAsync(HttpClient http, string id)
{{
    using var req = new HttpRequestMessage(HttpMethod.Get, $"https://reports.lumen.io/api/reports/{{id}}");
    req.Headers.TryAddWithoutValidation("Authorization", {rhs});
    var res = await http.SendAsync(req);
    return await res.Content.ReadAsStringAsync();
}}'''),
    jwt_call=lambda rhs: B(f'''
public string IssueToken(string userId)
{{
    var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes({rhs}));
    var creds = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
    var token = new JwtSecurityToken("lumen", "api", new[] {{ new Claim("sub", userId) }}, expires: DateTime.UtcNow.AddHours(8), signingCredentials: creds);
    return new JwtSecurityTokenHandler().WriteToken(token);
}}'''),
    raise_msg=lambda m: B(f'''
public static void Validate(string password)
{{
    if (password.Length < 12)
        throw new ArgumentException({dq(m)}, nameof(password));
}}'''),
    regex=lambda r: [f'private static readonly Regex PasswordPattern = new(@"{r}");'],
    fixture=lambda pw: ("tests/Lumen.Auth.Tests/LoginTests.cs", B(f'''
using Xunit;

namespace Lumen.Auth.Tests;

public class LoginTests
{{
    [Fact]
    public void Login_WithCorrectPassword_Succeeds()
    {{
        var store = new InMemoryUserStore();
        store.Add("erin@lumen.test", "{pw}");
        Assert.True(new LoginService(store).Login("erin@lumen.test", "{pw}"));
    }}
}}''')),
)

# --- Go ---------------------------------------------------------------------------------------------------------------------
lang(
    name="go", paths=["internal/@svc@/config.go", "pkg/@svc@/client.go", "cmd/@svc@-worker/main.go"],
    header=B('''
package @svc@

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"os"
	"time"
)
'''),
    wrap=None, ind="\t",
    fillers=[B('''
const pageSize = @n@
'''), B('''
func chunk(items []string, size int) [][]string {
	var out [][]string
	for size < len(items) {
		items, out = items[size:], append(out, items[0:size:size])
	}
	return append(out, items)
}
'''), B('''
func backoff(attempt int) time.Duration {
	return time.Duration(250*(1<<attempt)) * time.Millisecond
}
'''), B('''
type Page struct {
	Items []string `json:"items"`
	Next  string   `json:"next,omitempty"`
}
'''), B('''
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("@svc@: %s: %w", op, err)
}
''')],
    naming=camel, lit=dq,
    env=lambda n: f'os.Getenv("{n}")', cfg=lambda n: f'viper.GetString("{n.lower().replace("_", ".")}")',
    vault=lambda p: f'mustSecret(context.Background(), "{p}")',
    const=lambda n, rhs: [f"const {n} = {rhs}" if rhs.startswith('"') else f"var {n} = {rhs}"],
    calls=[
        ("sqlopen", lambda rhs, par=False: B(f'''
func openDB({"password string" if par else ""}) (*sql.DB, error) {{
	cfg := mysql.Config{{
		User:   "@svc@",
		Passwd: {rhs},
		Net:    "tcp",
		Addr:   "mysql.internal.lumen:3306",
		DBName: "@svc@",
	}}
	return sql.Open("mysql", cfg.FormatDSN())
}}''')),
        ("goredis", lambda rhs, par=False: B(f'''
func newCache({"password string" if par else ""}) *redis.Client {{
	return redis.NewClient(&redis.Options{{
		Addr:     "cache.internal.lumen:6379",
		Password: {rhs},
		DB:       1,
	}})
}}''')),
        ("basicauth", lambda rhs, par=False: B(f'''
func newRequest(ctx context.Context, url string{", password string" if par else ""}) (*http.Request, error) {{
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {{
		return nil, err
	}}
	req.SetBasicAuth("exporter", {rhs})
	return req, nil
}}''')),
    ],
    param_rhs="password",
    header_call=lambda rhs: B(f'''
func fetchReport(ctx context.Context, id string) (*http.Response, error) {{
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://reports.lumen.io/api/reports/"+id, nil)
	if err != nil {{
		return nil, err
	}}
	req.Header.Set("Authorization", {rhs})
	return http.DefaultClient.Do(req)
}}'''),
    jwt_call=lambda rhs: B(f'''
func issueToken(userID string) (string, error) {{
	claims := jwt.RegisteredClaims{{Subject: userID, ExpiresAt: jwt.NewNumericDate(time.Now().Add(12 * time.Hour))}}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte({rhs}))
}}'''),
    raise_msg=lambda m: B(f'''
func validatePassword(pw string) error {{
	if len(pw) < 12 {{
		return errors.New({dq(m)})
	}}
	return nil
}}'''),
    regex=lambda r: [f"var passwordPattern = regexp.MustCompile(`{r}`)"],
    fixture=lambda pw: ("internal/auth/login_test.go", B(f'''
package auth

import "testing"

func TestLogin(t *testing.T) {{
	store := NewMemoryStore()
	store.Add("frank@lumen.test", "{pw}")
	svc := NewService(store)
	if _, err := svc.Login("frank@lumen.test", "{pw}"); err != nil {{
		t.Fatalf("login failed: %v", err)
	}}
}}''')),
)

# --- Ruby -------------------------------------------------------------------------------------------------------------------
lang(
    name="ruby", paths=["app/services/@svc@_client.rb", "lib/@svc@/connection.rb", "config/initializers/@svc@.rb"],
    header=B('''
# frozen_string_literal: true

require "net/http"
require "json"
'''),
    wrap=(["class @Cls@"], ["end"]), ind="  ",
    fillers=[B('''
PAGE_SIZE = @n@
'''), B('''
def self.normalize(sku)
  sku.strip.upcase.tr(" ", "-")
end
'''), B('''
def backoff(attempt)
  0.25 * (2**attempt)
end
'''), B('''
def each_page(items, &block)
  items.each_slice(PAGE_SIZE, &block)
end
''')],
    naming=upper, lit=dq,
    env=lambda n: f'ENV.fetch("{n}")', cfg=lambda n: f"Rails.application.config.x.{n.lower()}",
    vault=lambda p: f'Vault.logical.read("{p}").data[:password]',
    const=lambda n, rhs: [f"{n} = {rhs}"],
    calls=[
        ("pg", lambda rhs, par=False: B(f'''
def connection{"(password)" if par else ""}
  @connection ||= PG.connect(host: "db.internal.lumen", dbname: "@svc@", user: "@svc@_app", password: {rhs})
end''')),
        ("netsftp", lambda rhs, par=False: B(f'''
def upload(path{", password" if par else ""})
  Net::SFTP.start("files.lumen.io", "uploader", password: {rhs}) do |sftp|
    sftp.upload!(path, "/incoming/#{{File.basename(path)}}")
  end
end''')),
        ("redis", lambda rhs, par=False: B(f'''
def redis{"(password)" if par else ""}
  @redis ||= Redis.new(host: "cache.internal.lumen", port: 6379, password: {rhs})
end''')),
    ],
    param_rhs="password",
    header_call=lambda rhs: B(f'''
def fetch_report(id)
  uri = URI("https://reports.lumen.io/api/reports/#{{id}}")
  req = Net::HTTP::Get.new(uri)
  req["Authorization"] = {rhs}
  Net::HTTP.start(uri.host, uri.port, use_ssl: true) {{ |http| JSON.parse(http.request(req).body) }}
end'''),
    jwt_call=lambda rhs: B(f'''
def issue_token(user)
  JWT.encode({{ sub: user.id, exp: 12.hours.from_now.to_i }}, {rhs}, "HS256")
end'''),
    raise_msg=lambda m: B(f'''
def validate!(password)
  raise ArgumentError, {dq(m)} if password.length < 12
end'''),
    regex=lambda r: [f"PASSWORD_PATTERN = /{r}/"],
    fixture=lambda pw: ("spec/requests/sessions_spec.rb", B(f'''
require "rails_helper"

RSpec.describe "Sessions", type: :request do
  let!(:user) {{ User.create!(email: "gina@lumen.test", password: "{pw}") }}

  it "signs the user in" do
    post "/login", params: {{ email: user.email, password: "{pw}" }}
    expect(response).to redirect_to(dashboard_path)
  end
end''')),
)

# --- PHP ----------------------------------------------------------------------------------------------------------------------
lang(
    name="php", paths=["src/@Svc@/@Svc@Gateway.php", "app/Services/@Svc@Service.php"],
    header=B('''
<?php

declare(strict_types=1);

namespace App\\Services;

use GuzzleHttp\\Client;
use PDO;
'''),
    wrap=(["final class @Cls@", "{"], ["}"]), ind="    ",
    fillers=[B('''
private const PAGE_SIZE = @n@;
'''), B('''
public static function normalize(string $sku): string
{
    return str_replace(' ', '-', strtoupper(trim($sku)));
}
'''), B('''
private function backoff(int $attempt): int
{
    return (int) (250 * (2 ** $attempt));
}
''')],
    naming=upper, lit=sq,
    env=lambda n: f"getenv('{n}')", cfg=lambda n: f"config('services.{n.lower()}')",
    vault=lambda p: f"$this->secrets->get('{p}')",
    const=lambda n, rhs: [f"private const {n} = {rhs};"] if rhs.startswith("'") else [f"private string ${n.lower()};", "",
                                                                                      "public function __construct()", "{",
                                                                                      f"    $this->{n.lower()} = {rhs};", "}"],
    calls=[
        ("pdo", lambda rhs, par=False: B(f'''
public function connect({"string $password" if par else ""}): PDO
{{
    $dsn = 'mysql:host=mysql.internal.lumen;dbname=@svc@;charset=utf8mb4';
    return new PDO($dsn, '@svc@', {rhs}, [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
}}''')),
        ("phpmailer", lambda rhs, par=False: B(f'''
public function mailer({"string $password" if par else ""}): PHPMailer
{{
    $mail = new PHPMailer(true);
    $mail->isSMTP();
    $mail->Host = 'smtp.lumen.io';
    $mail->SMTPAuth = true;
    $mail->Username = 'noreply@lumen.io';
    $mail->Password = {rhs};
    return $mail;
}}''')),
    ],
    param_rhs="$password",
    header_call=lambda rhs: B(f'''
public function fetchReport(string $id): array
{{
    $response = (new Client())->get("https://reports.lumen.io/api/reports/{{$id}}", [
        'headers' => ['Authorization' => {rhs}],
    ]);
    return json_decode((string) $response->getBody(), true);
}}'''),
    jwt_call=lambda rhs: B(f'''
public function issueToken(int $userId): string
{{
    return JWT::encode(['sub' => $userId, 'exp' => time() + 43200], {rhs}, 'HS256');
}}'''),
    raise_msg=lambda m: B(f'''
public function validate(string $password): void
{{
    if (strlen($password) < 12) {{
        throw new \\InvalidArgumentException({sq(m)});
    }}
}}'''),
    regex=lambda r: [f"private const PASSWORD_PATTERN = '/{r}/';"],
    fixture=lambda pw: ("tests/Feature/LoginTest.php", B(f'''
<?php

namespace Tests\\Feature;

use App\\Models\\User;
use Tests\\TestCase;

class LoginTest extends TestCase
{{
    public function test_user_can_log_in(): void
    {{
        $user = User::factory()->create(['password' => bcrypt('{pw}')]);
        $this->post('/login', ['email' => $user->email, 'password' => '{pw}'])->assertRedirect('/home');
    }}
}}''')),
)

# --- Rust -------------------------------------------------------------------------------------------------------------------------
lang(
    name="rust", paths=["src/@svc@.rs", "src/config.rs", "crates/@svc@-client/src/lib.rs"],
    header=B('''
use std::time::Duration;

use anyhow::Result;
'''),
    wrap=None, ind="    ",
    fillers=[B('''
const PAGE_SIZE: usize = @n@;
'''), B('''
pub fn normalize(sku: &str) -> String {
    sku.trim().to_uppercase().replace(' ', "-")
}
'''), B('''
fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(250 * 2u64.pow(attempt))
}
'''), B('''
#[derive(Debug, serde::Deserialize)]
pub struct Page {
    pub items: Vec<String>,
    pub next: Option<String>,
}
''')],
    naming=upper, lit=dq,
    env=lambda n: f'std::env::var("{n}")?', cfg=lambda n: f'settings.get_string("{n.lower()}")?',
    vault=lambda p: f'secrets.read("{p}").await?',
    const=lambda n, rhs: [f"const {n}: &str = {rhs};"] if rhs.startswith('"') else ["pub async fn load() -> Result<String> {", f"    let {n.lower()} = {rhs};",
                                                                                    f"    Ok({n.lower()})", "}"],
    calls=[
        ("sqlx", lambda rhs, par=False: B(f'''
pub async fn pool({"password: &str" if par else ""}) -> Result<PgPool> {{
    let opts = PgConnectOptions::new()
        .host("db.internal.lumen")
        .username("@svc@_app")
        .password({rhs})
        .database("@svc@");
    Ok(PgPoolOptions::new().max_connections(8).connect_with(opts).await?)
}}''')),
        ("lettre", lambda rhs, par=False: B(f'''
pub fn mailer({"password: &str" if par else ""}) -> Result<SmtpTransport> {{
    let creds = Credentials::new("alerts@lumen.io".to_owned(), {rhs}.to_owned());
    Ok(SmtpTransport::relay("smtp.lumen.io")?.credentials(creds).build())
}}''')),
    ],
    param_rhs="password",
    header_call=lambda rhs: B(f'''
pub async fn fetch_report(client: &reqwest::Client, id: &str) -> Result<String> {{
    let url = format!("https://reports.lumen.io/api/reports/{{id}}");
    let res = client.get(url).header("Authorization", {rhs}).send().await?;
    Ok(res.text().await?)
}}'''),
    jwt_call=lambda rhs: B(f'''
pub fn issue_token(user_id: &str) -> Result<String> {{
    let claims = Claims {{ sub: user_id.to_owned(), exp: expiry() }};
    Ok(encode(&Header::default(), &claims, &EncodingKey::from_secret({rhs}.as_bytes()))?)
}}'''),
    raise_msg=lambda m: B(f'''
pub fn validate(password: &str) -> Result<()> {{
    anyhow::ensure!(password.len() >= 12, {dq(m)});
    Ok(())
}}'''),
    regex=lambda r: [f'static PASSWORD_PATTERN: &str = r"{r}";'],
    fixture=lambda pw: ("tests/login.rs", B(f'''
//! Integration tests for the login flow.

use lumen_auth::{{Service, MemoryStore}};

#[test]
fn login_with_correct_password() {{
    let mut store = MemoryStore::default();
    store.add("hana@lumen.test", "{pw}");
    let svc = Service::new(store);
    assert!(svc.login("hana@lumen.test", "{pw}").is_ok());
}}''')),
)

# --- Scala ---------------------------------------------------------------------------------------------------------------------
lang(
    name="scala", paths=["src/main/scala/io/lumen/@svc@/@Svc@Repo.scala", "modules/@svc@/src/main/scala/@Svc@Db.scala"],
    header=B('''
package io.lumen.@svc@

import scala.concurrent.duration._
import scala.concurrent.{ExecutionContext, Future}
'''),
    wrap=(["object @Cls@ {"], ["}"]), ind="  ",
    fillers=[B('''
private val PageSize = @n@
'''), B('''
def normalize(sku: String): String = sku.trim.toUpperCase.replace(' ', '-')
'''), B('''
def backoff(attempt: Int): FiniteDuration = (250 * math.pow(2, attempt).toLong).millis
''')],
    naming=camel, lit=dq,
    env=lambda n: f'sys.env("{n}")', cfg=lambda n: f'config.getString("{n.lower().replace("_", ".")}")',
    vault=lambda p: f'secrets.fetch("{p}")',
    const=lambda n, rhs: [f"private val {n} = {rhs}"],
    calls=[
        ("slick", lambda rhs, par=False: B(f'''
def db({"password: String" if par else ""}): Database = Database.forURL(
  url = "jdbc:postgresql://db.internal.lumen:5432/@svc@",
  user = "@svc@_app",
  password = {rhs},
  driver = "org.postgresql.Driver"
)''')),
        ("doobie", lambda rhs, par=False: B(f'''
def transactor({"password: String" if par else ""}): Transactor[IO] = Transactor.fromDriverManager[IO](
  "org.postgresql.Driver", "jdbc:postgresql://db.internal.lumen/@svc@", "@svc@", {rhs}
)''')),
    ],
    param_rhs="password",
    header_call=lambda rhs: B(f'''
def fetchReport(id: String)(implicit ec: ExecutionContext): Future[String] =
  basicRequest
    .get(uri"https://reports.lumen.io/api/reports/$id")
    .header("Authorization", {rhs})
    .send(backend)
    .map(_.body.getOrElse(""))'''),
    jwt_call=lambda rhs: B(f'''
def issueToken(userId: String): String =
  JwtCirce.encode(JwtClaim(subject = Some(userId)), {rhs}, JwtAlgorithm.HS256)'''),
    raise_msg=lambda m: B(f'''
def validate(password: String): Either[String, Unit] =
  if (password.length < 12) Left({dq(m)}) else Right(())'''),
    regex=lambda r: [f'private val PasswordPattern = """{r}""".r'],
    fixture=lambda pw: ("src/test/scala/io/lumen/auth/LoginSpec.scala", B(f'''
package io.lumen.auth

import org.scalatest.flatspec.AnyFlatSpec

class LoginSpec extends AnyFlatSpec {{
  "login" should "accept the right password" in {{
    val store = new MemoryStore
    store.add("ivan@lumen.test", "{pw}")
    assert(new LoginService(store).login("ivan@lumen.test", "{pw}").isRight)
  }}
}}''')),
)

# --- Swift ---------------------------------------------------------------------------------------------------------------------
lang(
    name="swift", paths=["Sources/@Svc@Kit/@Svc@Client.swift", "App/Services/@Svc@Service.swift"],
    header=B('''
import Foundation
'''),
    wrap=(["final class @Cls@ {"], ["}"]), ind="    ",
    fillers=[B('''
private let pageSize = @n@
'''), B('''
static func normalize(_ sku: String) -> String {
    sku.trimmingCharacters(in: .whitespaces).uppercased().replacingOccurrences(of: " ", with: "-")
}
'''), B('''
private func backoff(_ attempt: Int) -> TimeInterval {
    0.25 * pow(2, Double(attempt))
}
''')],
    naming=camel, lit=dq,
    env=lambda n: f'ProcessInfo.processInfo.environment["{n}"] ?? ""', cfg=lambda n: f'Bundle.main.object(forInfoDictionaryKey: "{pascal(n.lower().split("_"))}") as? String ?? ""',
    vault=lambda p: f'(try? Keychain.read(account: "{p}")) ?? ""',
    const=lambda n, rhs: [f"private let {n} = {rhs}"],
    calls=[
        ("urlcredential", lambda rhs, par=False: B(f'''
func credential({"password: String" if par else ""}) -> URLCredential {{
    URLCredential(user: "ios-sync", password: {rhs}, persistence: .forSession)
}}''')),
        ("postgresnio", lambda rhs, par=False: B(f'''
func connectionConfig({"password: String" if par else ""}) -> PostgresConnection.Configuration {{
    .init(host: "db.internal.lumen", port: 5432, username: "@svc@_app", password: {rhs}, database: "@svc@", tls: .disable)
}}''')),
    ],
    param_rhs="password",
    header_call=lambda rhs: B(f'''
func fetchReport(id: String) async throws -> Data {{
    var request = URLRequest(url: URL(string: "https://reports.lumen.io/api/reports/\\(id)")!)
    request.setValue({rhs}, forHTTPHeaderField: "Authorization")
    let (data, _) = try await URLSession.shared.data(for: request)
    return data
}}'''),
    jwt_call=lambda rhs: B(f'''
func signToken(userID: String) throws -> String {{
    let signer = JWTSigner.hs256(key: {rhs})
    return try signer.sign(UserClaims(sub: .init(value: userID)))
}}'''),
    raise_msg=lambda m: B(f'''
func validate(_ password: String) throws {{
    guard password.count >= 12 else {{ throw ValidationError.message({dq(m)}) }}
}}'''),
    regex=lambda r: [f'private let passwordPattern = #"{r}"#'],
    fixture=lambda pw: ("Tests/AuthTests/LoginTests.swift", B(f'''
import XCTest
@testable import Auth

final class LoginTests: XCTestCase {{
    func testLoginSucceeds() async throws {{
        let store = MemoryStore()
        store.add(email: "jun@lumen.test", password: "{pw}")
        let ok = try await LoginService(store: store).login(email: "jun@lumen.test", password: "{pw}")
        XCTAssertTrue(ok)
    }}
}}''')),
)

# --- shell -----------------------------------------------------------------------------------------------------------------------
lang(
    name="shell", paths=["scripts/@svc@-backup.sh", "bin/deploy-@svc@.sh", "ops/@svc@/restore.sh"],
    header=B('''
#!/usr/bin/env bash
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
'''),
    wrap=None, ind="  ",
    fillers=[B('''
log() {
  printf '%s %s\\n' "$(date -u +%FT%TZ)" "$*" >&2
}
'''), B('''
RETENTION_DAYS=@n@
BACKUP_DIR="/var/backups/@svc@"
'''), B('''
cleanup() {
  find "$BACKUP_DIR" -type f -mtime +"$RETENTION_DAYS" -delete
}
trap cleanup EXIT
'''), B('''
if [[ $# -lt 1 ]]; then
  echo "usage: $0 <environment>" >&2
  exit 64
fi
ENVIRONMENT="$1"
''')],
    naming=upper, lit=lambda s: '"' + s + '"',
    env=lambda n: f'"${{{n}:?{n} must be set}}"', cfg=lambda n: f'"$(jq -r .{n.lower()} "$SCRIPT_DIR/config.json")"',
    vault=lambda p: f'"$(vault kv get -field=password {p})"',
    const=lambda n, rhs: [f"{n}={rhs}"],
    calls=[],
    param_rhs='"$1"',
    header_call=lambda rhs: B(f'''
fetch_report() {{
  curl -sS --fail -H "Authorization: {rhs.strip(chr(34))}" "https://reports.lumen.io/api/reports/$1"
}}'''),
    jwt_call=None,
    raise_msg=lambda m: B(f'''
if [[ ${{#NEW_PASSWORD}} -lt 12 ]]; then
  echo "{m}" >&2
  exit 1
fi'''),
    regex=None,
    fixture=None,
)

# --- PowerShell ---------------------------------------------------------------------------------------------------------------------
lang(
    name="powershell", paths=["scripts/Deploy-@Svc@.ps1", "ops/Backup-@Svc@.ps1"],
    header=B('''
#Requires -Version 7.0
[CmdletBinding()]
param(
    [string]$Environment = "staging"
)

$ErrorActionPreference = "Stop"
'''),
    wrap=None, ind="    ",
    fillers=[B('''
function Write-Log([string]$Message) {
    Write-Host ("{0:u} {1}" -f (Get-Date), $Message)
}
'''), B('''
$RetentionDays = @n@
$BackupRoot = "D:\\Backups\\@Svc@"
'''), B('''
Get-ChildItem $BackupRoot -File |
    Where-Object { $_.LastWriteTime -lt (Get-Date).AddDays(-$RetentionDays) } |
    Remove-Item -Force
''')],
    naming=lambda w: "$" + pascal(w), lit=lambda s: "'" + s.replace("'", "''") + "'",
    env=lambda n: f"$env:{n}", cfg=lambda n: f"(Get-Content config.json | ConvertFrom-Json).{pascal(n.lower().split('_'))}",
    vault=lambda p: f"Get-AzKeyVaultSecret -VaultName 'kv-lumen' -Name '{p}' -AsPlainText",
    const=lambda n, rhs: [f"{n} = {rhs}"],
    calls=[],
    param_rhs="$Password",
    header_call=lambda rhs: B(f'''
function Get-Report([string]$Id) {{
    $headers = @{{ Authorization = {rhs} }}
    Invoke-RestMethod -Uri "https://reports.lumen.io/api/reports/$Id" -Headers $headers
}}'''),
    jwt_call=None,
    raise_msg=lambda m: B(f'''
if ($NewPassword.Length -lt 12) {{
    throw '{m}'
}}'''),
    regex=None,
    fixture=None,
)
