"""The real-repository half of the thirteenth held-out corpus: files that look like code people commit (10-60 lines of
surrounding code or configuration) with one labelled line.

code_cases(rng, lang) gives, for one programming language, the same credential name written the ways a repository
writes it: as a literal (positive) and as an environment, configuration, secrets-manager or parameter lookup, a
placeholder, a hash, an id, a UI message, a policy regex or a test fixture with a dummy value (negatives).
The CONFIG list holds the configuration formats, scripts, SQL, notebooks, documents, keys, cloud credentials,
session secrets and webhooks; each entry is f(rng) -> list of cases.
"""

import base64
import json
from urllib.parse import quote

from hcommon import ALNUM, B64, HEX, LOWALNUM, UPALNUM, URLSAFE, b64, pem_armor, rand, rbytes, uuid4
import langs as LG
import values as V
from values import chosen, token

NAMES_PW = [("db", "password"), ("database", "password"), ("smtp", "password"), ("mail", "password"), ("admin", "password"),
            ("redis", "password"), ("sftp", "password"), ("keystore", "password"), ("service", "password"), ("db", "pass"),
            ("mq", "password"), ("ftp", "pass"), ("report", "db", "password"), ("replica", "password"), ("bind", "password")]
NAMES_TOKEN = [("billing", "api", "token"), ("internal", "api", "key"), ("reports", "api", "token"), ("ledger", "service", "token"),
               ("partner", "api", "key"), ("auth", "token"), ("access", "token"), ("sync", "api", "secret"), ("gateway", "api", "key")]
UI_MESSAGES = ["Password must be at least 12 characters long.", "The password you entered is incorrect.",
               "Passwords do not match.", "Your password has expired, please choose a new one.",
               "Password must contain a digit, an upper-case letter and a symbol.", "Invalid username or password."]
POLICY_REGEXES = [r"^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[^\w\s]).{12,64}$", r"^(?=.*\d)(?=.*[A-Z]).{10,}$",
                  r"^[A-Za-z0-9!@#$%^&*()_+=-]{12,128}$"]


def case(group, form, positive, context, path, lines, marker=None, line=None, end_line=None, shape="", provider=None):
    if positive and line is None:
        hits = [i for i, ln in enumerate(lines, 1) if marker in ln]
        if not hits:
            raise ValueError(f"{group}/{form}/{path}: marker not found")
        line = hits[0]
    return dict(group=group, form=form, positive=positive, context=context, path=path, lines=lines, line=line if positive else None,
                end_line=end_line, shape=shape, provider=provider or ("password" if positive else "none"))


def subst(lines, rng, s):
    n = str(rng.choice([20, 25, 50, 100, 200, 250, 500]))
    return [ln.replace("@svc@", s).replace("@Svc@", s.capitalize()).replace("@n@", n) for ln in lines]


def build_code(rng, L, slot, s):
    """Place the slot block among 2-4 filler blocks of the language (inside its class wrapper when it has one, named
    after the file)."""
    blocks = rng.sample(L.fillers, min(len(L.fillers), rng.randrange(2, 5)))
    pos = rng.randrange(0, len(blocks) + 1)
    blocks.insert(pos, slot)
    sep = ["", ""] if L.name == "python" else [""]
    body = []
    for i, b in enumerate(blocks):
        if i:
            body.extend(sep)
        body.extend(b)
    lines = list(L.header) + sep
    if L.wrap:
        lines += L.wrap[0] + [(L.ind + ln) if ln else "" for ln in body] + L.wrap[1]
    else:
        lines += body
    path = subst([rng.choice(L.paths)], rng, s)[0]
    stem = path.rsplit("/", 1)[-1].split(".")[0]
    cls = "".join(w[:1].upper() + w[1:] for w in stem.replace("-", "_").split("_"))
    return path, [ln.replace("@Cls@", cls) for ln in subst(lines, rng, s)]


def url_pw(rng):
    """A password for a URL: usually with no reserved character, sometimes percent-encoded."""
    if rng.random() < 0.3:
        p = chosen(rng, avoid="'\"\\$` ")
        if any(ch in p for ch in "@:/#?%"):
            return quote(p, safe="")
    return chosen(rng, avoid=V.URL_AVOID)


def conn_url(rng, kind, pw, s):
    return {
        "postgres": f"postgresql://{s}_app:{pw}@db.internal.lumen:5432/{s}",
        "psycopg2": f"postgresql+psycopg2://{s}_app:{pw}@db.internal.lumen:5432/{s}",
        "asyncpg": f"postgresql+asyncpg://{s}:{pw}@pg-primary.lumen.local/{s}",
        "mysql": f"mysql://{s}:{pw}@mysql.internal.lumen:3306/{s}",
        "mongosrv": f"mongodb+srv://{s}-svc:{pw}@cluster0.x7k2p.mongodb.net/{s}?retryWrites=true&w=majority",
        "mongo": f"mongodb://{s}:{pw}@mongo-0.mongo.lumen.svc:27017,mongo-1.mongo.lumen.svc:27017/{s}?replicaSet=rs0&authSource=admin",
        "redis": f"redis://:{pw}@cache.internal.lumen:6379/0",
        "rediss": f"rediss://default:{pw}@cache-prod.lumen.io:6380",
        "amqp": f"amqp://{s}:{pw}@mq.internal.lumen:5672/{s}",
        "amqps": f"amqps://{s}:{pw}@b-4f1c.mq.eu-west-1.amazonaws.com:5671",
        "smtp": f"smtp://alerts%40lumen.io:{pw}@smtp.lumen.io:587",
        "smtps": f"smtps://noreply:{pw}@mail.lumen.io:465",
        "jdbc-mysql": f"jdbc:mysql://mysql.internal.lumen:3306/{s}?user={s}&password={pw}&useSSL=true",
        "jdbc-sqlserver": f"jdbc:sqlserver://sql01.internal.lumen:1433;databaseName={s};user=svc_{s};password={pw};encrypt=true",
        "jdbc-oracle": f"jdbc:oracle:thin:{s}/{pw}@ora01.internal.lumen:1521/ORCLPDB1",
        "jdbc-pg": f"jdbc:postgresql://db.internal.lumen:5432/{s}?user={s}_app&password={pw}&sslmode=require",
        "ado": f"Server=tcp:sql01.internal.lumen,1433;Database={s.capitalize()};User ID=svc_{s};Password={pw};Encrypt=True;",
        "go-mysql": f"{s}:{pw}@tcp(mysql.internal.lumen:3306)/{s}?parseTime=true",
        "mssql-pyodbc": f"mssql+pyodbc://svc_{s}:{pw}@sql01.internal.lumen/{s}?driver=ODBC+Driver+18+for+SQL+Server",
        "clickhouse": f"clickhouse://analytics:{pw}@ch.internal.lumen:9000/{s}",
        "nats": f"nats://{s}:{pw}@nats.internal.lumen:4222",
        "mqtt": f"mqtts://gateway:{pw}@mqtt.lumen.io:8883",
        "ftp": f"ftp://exports:{pw}@ftp.partner-lumen.com/outgoing",
        "elastic": f"https://elastic:{pw}@es.internal.lumen:9200",
        "neo4j": f"neo4j+s://neo4j:{pw}@7f3a9c21.databases.neo4j.io",
        "oracle-sqla": f"oracle+oracledb://{s}:{pw}@ora01.internal.lumen:1521/?service_name=ORCLPDB1",
        "cockroach": f"postgresql://{s}:{pw}@lumen-prod-7421.8nj.cockroachlabs.cloud:26257/{s}?sslmode=verify-full",
    }[kind]


LANG_URLS = {"python": ["psycopg2", "mssql-pyodbc", "asyncpg"], "javascript": ["mongosrv", "redis"], "typescript": ["postgres", "amqps"],
             "java": ["jdbc-mysql", "jdbc-sqlserver"], "kotlin": ["jdbc-pg", "jdbc-oracle"], "csharp": ["ado"], "go": ["go-mysql", "nats"],
             "ruby": ["rediss", "postgres"], "php": ["amqp", "mysql"], "rust": ["postgres", "clickhouse"], "scala": ["jdbc-pg", "cockroach"],
             "swift": ["mongo"], "shell": ["mysql", "smtps"], "powershell": ["ado"]}
URL_NAMES = {"psycopg2": "DATABASE_URL", "mssql-pyodbc": "WAREHOUSE_URL", "asyncpg": "SQLALCHEMY_DATABASE_URI", "mongosrv": "MONGO_URI",
             "redis": "REDIS_URL", "postgres": "DATABASE_URL", "amqps": "AMQP_URL", "jdbc-mysql": "JDBC_URL", "jdbc-sqlserver": "JDBC_URL",
             "jdbc-pg": "JDBC_URL", "jdbc-oracle": "JDBC_URL", "ado": "CONNECTION_STRING", "go-mysql": "DSN", "nats": "NATS_URL",
             "rediss": "REDIS_URL", "amqp": "AMQP_DSN", "mysql": "DATABASE_URL", "clickhouse": "CLICKHOUSE_URL", "cockroach": "DATABASE_URL",
             "mongo": "MONGO_URL", "smtps": "SMTP_URL"}


def name_of(L, words):
    return L.naming(list(words))


# --- code languages ------------------------------------------------------------------------------------------------
def code_cases(rng, lname):
    L = LG.LANGS[lname]
    out = []
    s = V.svc(rng)

    def add(group, form, pos, slot, marker=None, shape="", provider=None, path=None, lines=None):
        if lines is None:
            p, lines = build_code(rng, L, slot, s)
            path = path or p
        out.append(case(group, form, pos, lname, path, lines, marker=marker, shape=shape, provider=provider))

    pwn = rng.sample(NAMES_PW, 8)
    # positives
    pw = chosen(rng, avoid=V.CODE_AVOID)
    add("r-password", "pw-const", True, L.const(name_of(L, pwn[0]), L.lit(pw)), marker=pw, shape="chosen")
    calls = L.calls[:]
    rng.shuffle(calls)
    if calls:
        pw = chosen(rng, avoid=V.CODE_AVOID)
        add("r-password", f"pw-call-{calls[0][0]}", True, calls[0][1](L.lit(pw)), marker=pw, shape="chosen")
    else:
        pw = chosen(rng, avoid=V.CODE_AVOID)
        add("r-password", "pw-const", True, L.const(name_of(L, pwn[1]), L.lit(pw)), marker=pw, shape="chosen")
    if len(calls) > 1:
        pw = chosen(rng, avoid=V.CODE_AVOID)
        add("r-password", f"pw-call-{calls[1][0]}", True, calls[1][1](L.lit(pw)), marker=pw, shape="chosen")
    kind = rng.choice(LANG_URLS[lname])
    pw = url_pw(rng)
    url = conn_url(rng, kind, pw, s)
    add("r-connstr", f"conn-{kind}", True, L.const(name_of(L, URL_NAMES[kind].lower().split("_")), L.lit(url)), marker=pw, shape="uri")
    tk = token(rng)
    if lname in ("python", "java", "go", "csharp", "php", "kotlin", "ruby"):
        user = rng.choice(["exporter", "ci-bot", "svc-reports", "grafana"])
        cred = base64.b64encode(f"{user}:{chosen(rng, avoid=':')}".encode()).decode()
        add("r-basicauth", "header-basic", True, L.header_call(L.lit("Basic " + cred)), marker=cred, shape="base64")
    else:
        add("r-bearer", "header-bearer", True, L.header_call(L.lit("Bearer " + tk)), marker=tk, shape="random")
    tk = token(rng)
    add("r-bearer", "token-const", True, L.const(name_of(L, rng.choice(NAMES_TOKEN)), L.lit(tk)), marker=tk, shape="random")
    if L.jwt_call:
        sec = rng.choice([token(rng, "alnum40"), token(rng, "hex64"), chosen(rng, avoid=V.CODE_AVOID) + rand(rng, ALNUM, 12)])
        add("r-signing", "jwt-sign-literal", True, L.jwt_call(L.lit(sec)), marker=sec, shape="random")
    # negatives
    n = name_of(L, pwn[2])
    add("rn-ref", "ph-env-reference", False, L.const(n, L.env(upper(pwn[2]))))
    add("rn-ref", "ph-config-reference", False, L.const(name_of(L, pwn[3]), L.cfg(upper(pwn[3]))))
    if calls:
        add("rn-ref", f"ph-parameter-{calls[-1][0]}", False, calls[-1][1](L.param_rhs, par=True))
    add("rn-smref", "ph-secret-manager-call", False, L.const(name_of(L, pwn[4]), L.vault(f"{s}/prod/{snake(pwn[4])}")))
    add("rn-tmpl", "ph-template-literal", False, L.const(name_of(L, pwn[5]), L.lit(V.placeholder(rng, "-".join(pwn[5])))))
    k = rng.randrange(3)
    if k == 0:
        add("rn-hash", "id-sha256", False, L.const(name_of(L, ("release", "archive", "sha256")), L.lit(V.sha256hex(rng))))
    elif k == 1:
        add("rn-hash", "id-bcrypt-hash", False, L.const(name_of(L, ("admin", "password", "hash")), L.lit(V.bcrypt_hash(rng))))
    else:
        add("rn-hash", "id-commit", False, L.const(name_of(L, ("pinned", "commit")), L.lit(V.sha1hex(rng))))
    add("rn-uuid", "id-uuid", False, L.const(name_of(L, rng.choice([("tenant", "id"), ("client", "id"), ("subscription", "id"),
                                                                      ("workspace", "id")])), L.lit(uuid4(rng))))
    add("rn-ui", "ordinary-code", False, L.raise_msg(rng.choice(UI_MESSAGES)))
    if L.regex:
        add("rn-policy", "ordinary-code", False, L.regex(rng.choice(POLICY_REGEXES)))
    if L.fixture:
        path, lines = L.fixture(rng.choice(["password123", "secret", "test", "hunter2", "password", "letmein"]))
        add("rn-weak", "ph-test-dummy", False, None, path=path, lines=lines)
    return out


def upper(words):
    return "_".join(w.upper() for w in words)


def snake(words):
    return "_".join(words)


# --- configuration skeletons ------------------------------------------------------------------------------------
ENV_POOL = ["APP_NAME=lumen-@svc@", "APP_ENV=production", "APP_DEBUG=false", "APP_URL=https://@svc@.lumen.io", "LOG_CHANNEL=stack",
            "LOG_LEVEL=info", "PORT=8080", "CACHE_DRIVER=redis", "QUEUE_CONNECTION=redis", "SESSION_LIFETIME=120",
            "DB_CONNECTION=pgsql", "DB_HOST=db.internal.lumen", "DB_PORT=5432", "DB_DATABASE=@svc@", "DB_USERNAME=@svc@_app",
            "MAIL_MAILER=smtp", "MAIL_HOST=smtp.lumen.io", "MAIL_PORT=587", "FEATURE_NEW_CHECKOUT=true", "TZ=UTC",
            "NODE_ENV=production", "REDIS_HOST=cache.internal.lumen", "REDIS_PORT=6379", "BROADCAST_DRIVER=log",
            "FILESYSTEM_DISK=s3", "AWS_DEFAULT_REGION=eu-west-1", "TRUSTED_PROXIES=10.0.0.0/8"]


def env_file(rng, slot, s, n=None):
    n = n or rng.randrange(9, 18)
    lines = rng.sample(ENV_POOL, n)
    lines.insert(rng.randrange(1, len(lines)), "")
    pos = rng.randrange(0, len(lines) + 1)
    lines[pos:pos] = slot
    return subst(lines, rng, s)


PROPS_POOL = ["server.port=8080", "spring.application.name=@svc@", "spring.datasource.url=jdbc:postgresql://db.internal.lumen:5432/@svc@",
              "spring.datasource.username=@svc@_app", "spring.jpa.hibernate.ddl-auto=validate", "spring.jpa.open-in-view=false",
              "management.endpoints.web.exposure.include=health,info,prometheus", "logging.level.root=INFO",
              "logging.level.io.lumen=DEBUG", "spring.flyway.enabled=true", "spring.mail.host=smtp.lumen.io", "spring.mail.port=587",
              "spring.rabbitmq.host=mq.internal.lumen", "spring.rabbitmq.username=@svc@", "server.servlet.context-path=/api",
              "spring.jackson.time-zone=UTC", "spring.data.redis.host=cache.internal.lumen", "spring.cache.type=redis"]


def props_file(rng, slot, s):
    lines = ["# @Svc@ service configuration"] + rng.sample(PROPS_POOL, rng.randrange(9, 15))
    pos = rng.randrange(1, len(lines) + 1)
    lines[pos:pos] = slot
    return subst(lines, rng, s)


def compose_file(rng, slot_service, slot_env, s):
    """A compose file with app, db and cache services; slot_env lines go under slot_service's environment."""
    svcs = {
        "app": ["  app:", "    build: .", "    ports:", '      - "8080:8080"', "    depends_on:", "      - db", "      - cache", "    environment:",
                "      APP_ENV: development", "      DB_HOST: db"],
        "db": ["  db:", "    image: postgres:16-alpine", "    volumes:", "      - pgdata:/var/lib/postgresql/data", "    environment:",
               "      POSTGRES_DB: @svc@", "      POSTGRES_USER: @svc@"],
        "mysql": ["  mysql:", "    image: mysql:8.4", "    command: --default-authentication-plugin=caching_sha2_password", "    environment:",
                  "      MYSQL_DATABASE: @svc@"],
        "mq": ["  mq:", "    image: rabbitmq:3.13-management", "    ports:", '      - "15672:15672"', "    environment:",
               "      RABBITMQ_DEFAULT_USER: @svc@"],
        "cache": ["  cache:", "    image: redis:7-alpine", '    command: ["redis-server", "--appendonly", "yes"]'],
    }
    order = ["app", slot_service, "cache"] if slot_service != "app" else ["app", "db", "cache"]
    lines = ["services:"]
    for name in order:
        lines += svcs[name] + (slot_env if name == slot_service else [])
    lines += ["", "volumes:", "  pgdata:"]
    return subst(lines, rng, s)


def gha_file(rng, job_env, steps):
    lines = ["name: deploy", "", "on:", "  push:", "    branches: [main]", "  workflow_dispatch:", "", "permissions:", "  contents: read", "",
             "jobs:", "  deploy:", "    runs-on: ubuntu-latest", "    timeout-minutes: 20"]
    if job_env:
        lines += ["    env:"] + job_env
    lines += ["    steps:", "      - uses: actions/checkout@v4", "      - uses: actions/setup-node@v4", "        with:", "          node-version: 20",
              "      - run: npm ci", "      - run: npm run build"] + steps
    return lines


def md_file(rng, title, body):
    return [f"# {title}", "", "This page is the on-call runbook for the service. Keep it short and current.", "", "## Prerequisites", "",
            "- VPN access to the internal network", "- `kubectl` context set to the production cluster", "", "## Steps", ""] + body + [
                "", "## Escalation", "", "Page the platform team in #ops-oncall if the restore takes longer than 30 minutes."]


def sql_file(rng, stmts, s):
    lines = [f"-- V{rng.randrange(2, 60)}__{s}_roles.sql", "-- Roles and grants for the reporting replica.", "",
             f"CREATE TABLE IF NOT EXISTS {s}_audit (", "    id BIGSERIAL PRIMARY KEY,", "    actor TEXT NOT NULL,",
             "    action TEXT NOT NULL,", "    created_at TIMESTAMPTZ NOT NULL DEFAULT now()", ");", ""]
    return lines + stmts + ["", f"CREATE INDEX IF NOT EXISTS {s}_audit_created_idx ON {s}_audit (created_at);"]


def tf_file(rng, blocks):
    lines = ["terraform {", "  required_version = \">= 1.6\"", "  required_providers {", "    aws = {", "      source  = \"hashicorp/aws\"",
             "      version = \"~> 5.40\"", "    }", "  }", "}", ""]
    for b in blocks:
        lines += b + [""]
    return lines[:-1]


def notebook(cells):
    nb = {"cells": [], "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                                    "language_info": {"name": "python", "version": "3.11.7"}}, "nbformat": 4, "nbformat_minor": 5}
    for i, (kind, src) in enumerate(cells):
        cell = {"cell_type": kind, "id": f"c{i:03d}", "metadata": {}, "source": [ln + "\n" for ln in src[:-1]] + src[-1:]}
        if kind == "code":
            cell["execution_count"] = i + 1
            cell["outputs"] = []
        nb["cells"].append(cell)
    return json.dumps(nb, indent=1).split("\n")


def spring_xml(rng, beans):
    return (['<?xml version="1.0" encoding="UTF-8"?>', '<beans xmlns="http://www.springframework.org/schema/beans"',
             '       xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
             '       xsi:schemaLocation="http://www.springframework.org/schema/beans https://www.springframework.org/schema/beans/spring-beans.xsd">',
             "", '    <bean id="txManager" class="org.springframework.jdbc.datasource.DataSourceTransactionManager">',
             '        <property name="dataSource" ref="dataSource"/>', "    </bean>", ""] + beans + ["</beans>"])


def k8s_deploy(name, env_lines):
    return (["apiVersion: apps/v1", "kind: Deployment", "metadata:", f"  name: {name}", "  labels:", f"    app: {name}", "spec:",
             "  replicas: 2", "  selector:", "    matchLabels:", f"      app: {name}", "  template:", "    metadata:", "      labels:",
             f"        app: {name}", "    spec:", "      containers:", f"        - name: {name}", f"          image: registry.lumen.io/{name}:2.8.1",
             "          ports:", "            - containerPort: 8080", "          env:", "            - name: LOG_LEVEL", "              value: info"]
            + env_lines + ["          resources:", "            limits:", "              memory: 512Mi"])
