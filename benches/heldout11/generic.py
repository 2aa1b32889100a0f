"""Generic credential forms of the eleventh held-out corpus (no provider prefix): passwords in code, comparisons,
call arguments, CLI flags and SQL; connection strings (URI, JDBC, ODBC, ADO.NET) with reserved characters; basic
auth in URLs and headers; JWT bearer tokens. The containers and calls differ from heldout10's wherever one could
(Groovy, Haskell, OCaml, Zig, Nix, Puppet, Salt, CloudFormation, Pulumi, .NET user secrets, Android signing configs,
Postman/Insomnia/HAR, CI systems, systemd, cron, Apache, migrations, Markdown, reStructuredText, e-mail, chat, ...).
Every value is drawn at generation time.
"""

import hashlib
import hmac
import json
from urllib.parse import quote

from hcommon import HEX, b64, b64url_nopad, human_password, rand, uuid4
from places import jlines
from formats import jwt

RESERVED = "@:/#?%"


def pw_plain(rng):
    """A password with no character a shell, URL or connection string would need to escape."""
    while True:
        p = human_password(rng)
        p = "".join(ch for ch in p if ch.isalnum() or ch in "-_.")
        if len(p) >= 10 and any(ch.isdigit() for ch in p):
            return p


def pw(rng):
    while True:
        p = human_password(rng)
        if not any(ch in p for ch in "'\"\\$`;&<>{}|%!#*?"):
            return p


def pw_reserved(rng):
    return human_password(rng, reserved=RESERVED)


# --- passwords ------------------------------------------------------------------------------------------
def _password_forms():
    F = []

    def f(form, name, build, kind=pw):
        F.append((form, name, build, kind))

    # assignments in languages and containers
    f("groovy-jenkinsfile", "Jenkinsfile", lambda p: ["pipeline {", "  environment {", "    DB_USER = 'jenkins'", f"    DB_PASSWORD = '{p}'", "  }", "}"])
    f("haskell-binding", "src/Db.hs", lambda p: ["connInfo :: ConnectInfo", "connInfo = defaultConnectInfo", '  { connectUser = "reporting"',
                                                f'  , connectPassword = "{p}"', "  }"])
    f("ocaml-let", "bin/db.ml", lambda p: ['let user = "etl"', f'let password = "{p}"'])
    f("zig-const", "src/db.zig", lambda p: ['pub const db_user = "ingest";', f'pub const db_password = "{p}";'])
    f("nix-module", "hosts/db/configuration.nix", lambda p: ["{", "  services.grafana.settings.security = {", '    admin_user = "admin";',
                                                             f'    admin_password = "{p}";', "  };", "}"])
    f("puppet-class", "modules/profile/manifests/db.pp", lambda p: ["mysql::db { 'shop':", "  user     => 'shop',", f"  password => '{p}',",
                                                                   "  host     => 'localhost',", "}"])
    f("salt-pillar", "pillar/postgres.sls", lambda p: ["postgres:", "  users:", "    app:", f"      password: {p}"], pw_plain)
    f("cloudformation-yaml", "stack.yaml", lambda p: ["Resources:", "  Database:", "    Type: AWS::RDS::DBInstance", "    Properties:",
                                                      "      MasterUsername: app", f"      MasterUserPassword: {p}"], pw_plain)
    f("pulumi-config-plain", "Pulumi.prod.yaml", lambda p: ["config:", "  app:dbUser: app", f"  app:dbPassword: {p}"], pw_plain)
    f("dotnet-user-secrets", "secrets.json", lambda p: jlines({"Smtp:Host": "smtp.acme.io", "Smtp:User": "noreply@acme.io", "Smtp:Password": p}))
    f("android-signing", "app/build.gradle", lambda p: ["signingConfigs {", "    release {", "        storeFile file('release.jks')",
                                                        f"        storePassword '{p}'", "        keyAlias 'release'", f"        keyPassword '{p}'", "    }", "}"])
    f("gradle-properties-signing", "gradle.properties", lambda p: ["RELEASE_STORE_FILE=release.jks", f"RELEASE_STORE_PASSWORD={p}"], pw_plain)
    f("postman-environment", "prod.postman_environment.json", lambda p: jlines({"name": "prod", "values": [
        {"key": "username", "value": "svc-report", "enabled": True}, {"key": "password", "value": p, "type": "secret", "enabled": True}]}))
    f("insomnia-environment", "insomnia.json", lambda p: jlines({"_type": "export", "resources": [{"_type": "environment", "name": "prod",
                                                                                                 "data": {"user": "admin", "password": p}}]}))
    f("har-postdata", "login.har", lambda p: jlines({"log": {"entries": [{"request": {"method": "POST", "url": "https://portal.acme.io/login",
                                                                                         "postData": {"mimeType": "application/x-www-form-urlencoded",
                                                                                                      "params": [{"name": "username", "value": "jdoe"},
                                                                                                                 {"name": "password", "value": p}]}}}]}}))
    f("gitlab-ci-variable", ".gitlab-ci.yml", lambda p: ["variables:", "  POSTGRES_USER: app", f"  POSTGRES_PASSWORD: \"{p}\"", "test:",
                                                         "  services: [postgres:16]", "  script: make test"])
    f("circleci-env", ".circleci/config.yml", lambda p: ["jobs:", "  test:", "    docker:", "      - image: cimg/mysql:8.0", "        environment:",
                                                         f"          MYSQL_ROOT_PASSWORD: {p}"], pw_plain)
    f("bitbucket-service", "bitbucket-pipelines.yml", lambda p: ["definitions:", "  services:", "    mysql:", "      image: mysql:8",
                                                                 "      variables:", "        MYSQL_USER: app", f"        MYSQL_PASSWORD: '{p}'"])
    f("azure-pipelines-var", "azure-pipelines.yml", lambda p: ["variables:", "  sqlUser: deploy", f"  sqlPassword: '{p}'"])
    f("systemd-environment", "grafana.service.d/override.conf", lambda p: ["[Service]", f"Environment=GF_SECURITY_ADMIN_PASSWORD={p}"], pw_plain)
    f("crontab-mysqldump", "crontab", lambda p: [f"0 2 * * * mysqldump -u backup -p'{p}' --all-databases | gzip > /backups/all.sql.gz"])
    f("apache-ldap-bind", "apache/conf.d/ldap.conf", lambda p: ["<Location /intranet>", "  AuthType Basic", "  AuthBasicProvider ldap",
                                                               '  AuthLDAPBindDN "cn=apache,ou=svc,dc=acme,dc=io"', f'  AuthLDAPBindPassword "{p}"',
                                                               "</Location>"])
    f("markdown-table", "docs/environments.md", lambda p: ["| Env | User | Password |", "|---|---|---|", f"| staging | admin | `{p}` |"])
    f("rst-literal", "docs/install.rst", lambda p: ["Default credentials", "-------------------", "", "::", "", "    user: admin", f"    password: {p}", ""])
    f("email-body", "mail/onboarding.eml", lambda p: ["From: it@acme.io", "To: new.hire@acme.io", "Subject: your VPN account", "",
                                                      "Username: new.hire", f"Password: {p}", "", "Change it at first login."])
    f("chat-transcript", "transcripts/ops-2025-03-11.txt", lambda p: ["[09:02] jdoe: what's the db password on staging?",
                                                                      f"[09:03] asmith: password is {p}"])
    f("fsharp-let", "src/Db.fs", lambda p: ['let user = "reporting"', f'let password = "{p}"'])
    f("vbnet-const", "Db.vb", lambda p: ['Private Const DbUser As String = "sa"', f'Private Const DbPassword As String = "{p}"'])
    f("crystal-const", "src/db.cr", lambda p: ['DB_USER = "app"', f'DB_PASSWORD = "{p}"'])
    f("julia-const", "src/db.jl", lambda p: ['const DB_USER = "analyst"', f'const DB_PASSWORD = "{p}"'])
    f("clojure-map", "resources/db.edn", lambda p: ['{:dbtype "postgresql" :dbname "shop"', f' :user "shop" :password "{p}"}}'])
    f("erlang-config", "config/sys.config", lambda p: ["[{epgsql, [{host, \"db\"}, {username, \"app\"},", f"           {{password, \"{p}\"}}]}}]."])
    f("tfvars", "terraform.tfvars", lambda p: ['db_username = "app"', f'db_password = "{p}"'])
    f("hocon", "conf/application.conf", lambda p: ["db.default.driver = org.postgresql.Driver", 'db.default.username = "play"',
                                                   f'db.default.password = "{p}"'])
    f("wildfly-datasource", "standalone.xml", lambda p: ['<datasource jndi-name="java:jboss/datasources/ShopDS" pool-name="ShopDS">', "  <security>",
                                                         "    <user-name>shop</user-name>", f"    <password>{p}</password>", "  </security>", "</datasource>"])
    f("php-array", "config/database.php", lambda p: ["'mysql' => [", "    'username' => 'forge',", f"    'password' => '{p}',", "],"])
    # comparisons
    f("ruby-compare", "app/controllers/admin_controller.rb", lambda p: [f"if params[:password] == '{p}'", "  session[:admin] = true", "end"])
    f("kotlin-compare", "src/main/kotlin/Auth.kt", lambda p: [f'if (password == "{p}") {{', "    grantAdmin()", "}"])
    f("csharp-compare", "AuthService.cs", lambda p: [f'if (request.Password == "{p}")', "{", "    return Results.Ok(IssueToken());", "}"])
    f("rust-compare", "src/auth.rs", lambda p: [f'if creds.password == "{p}" {{', "    return Ok(Session::admin());", "}"])
    f("swift-compare", "Sources/App/Auth.swift", lambda p: [f'guard password == "{p}" else {{ throw AuthError.denied }}'])
    f("bash-compare", "bin/admin.sh", lambda p: ['read -s -p "Password: " input', f'if [ "$input" == "{p}" ]; then', "  exec ./admin-shell", "fi"])
    # call arguments and constructors
    f("py-pymysql", "etl/extract.py", lambda p: [f'conn = pymysql.connect(host="db", user="etl", password="{p}", database="shop")'])
    f("py-mongoclient", "db.py", lambda p: [f'client = MongoClient("mongo.acme.internal", 27017, username="app", password="{p}")'])
    f("py-ldap3", "sync_ldap.py", lambda p: [f'conn = Connection(server, user="cn=sync,dc=acme,dc=io", password="{p}", auto_bind=True)'])
    f("node-nodemailer", "mailer.js", lambda p: ["const transport = nodemailer.createTransport({", "  host: 'smtp.acme.io',",
                                                 f"  auth: {{ user: 'noreply@acme.io', pass: '{p}' }},", "});"])
    f("node-pg-pool", "db.js", lambda p: [f"const pool = new Pool({{ user: 'api', host: 'db', database: 'api', password: '{p}', port: 5432 }});"])
    f("node-sequelize", "models/index.js", lambda p: [f"const sequelize = new Sequelize('shop', 'shop', '{p}', {{ host: 'db', dialect: 'mysql' }});"])
    f("java-jsch", "SftpUpload.java", lambda p: ['Session session = jsch.getSession("deploy", "sftp.acme.io", 22);', f'session.setPassword("{p}");'])
    f("java-keystore-load", "TlsConfig.java", lambda p: ['KeyStore ks = KeyStore.getInstance("PKCS12");',
                                                         f'ks.load(new FileInputStream("server.p12"), "{p}".toCharArray());'])
    f("go-sql-config", "db.go", lambda p: ["cfg := mysql.Config{", '\tUser:   "shop",', f'\tPasswd: "{p}",', '\tNet:    "tcp",', '\tAddr:   "db:3306",', "}"])
    f("ruby-mysql2", "lib/db.rb", lambda p: [f"client = Mysql2::Client.new(host: 'db', username: 'shop', password: '{p}')"])
    f("csharp-sqlcredential", "Db.cs", lambda p: [f'var secure = new NetworkCredential("", "{p}").SecurePassword;', "secure.MakeReadOnly();",
                                                  'var cred = new SqlCredential("svc_app", secure);'])
    f("elixir-repo", "config/dev.exs", lambda p: ["config :app, App.Repo,", '  username: "postgres",', f'  password: "{p}",', '  hostname: "localhost"'])
    # command lines
    f("cli-keytool", "make-keystore.sh", lambda p: [f"keytool -genkeypair -alias api -keyalg RSA -keystore api.jks -storepass '{p}' -dname 'CN=api'"])
    f("cli-zip", "package.sh", lambda p: [f"zip -r -P '{p}' export.zip exports/"])
    f("cli-7z", "archive.cmd", lambda p: [f'7z a -p"{p}" -mhe=on backup.7z C:\\data'])
    f("cli-gpg-passphrase", "decrypt.sh", lambda p: [f"gpg --batch --pinentry-mode loopback --passphrase '{p}' -d secrets.tar.gpg | tar x"])
    f("cli-ldapsearch", "ldap.sh", lambda p: [f"ldapsearch -x -H ldap://ldap.acme.io -D 'cn=admin,dc=acme,dc=io' -w '{p}' -b 'dc=acme,dc=io'"])
    f("cli-sqlplus", "export.sh", lambda p: [f"sqlplus -s app_owner/{p}@//db-ora.acme.internal:1521/ORCLPDB1 @export.sql"], pw_plain)
    f("cli-kubectl-secret", "bootstrap.sh", lambda p: [f"kubectl create secret generic db --from-literal=username=app --from-literal=password='{p}'"])
    f("cli-docker-run-env", "run-db.sh", lambda p: [f"docker run -d --name db -e MYSQL_ROOT_PASSWORD='{p}' -p 3306:3306 mysql:8"])
    f("cli-helm-set-password", "install-pg.sh", lambda p: [f"helm install pg bitnami/postgresql --set auth.postgresPassword='{p}'"])
    f("cli-az-vm", "create-vm.sh", lambda p: [f"az vm create -g rg-build -n build01 --image Ubuntu2204 --admin-username azureuser --admin-password '{p}'"])
    f("cli-aws-rds", "create-db.sh", lambda p: [f"aws rds create-db-instance --db-instance-identifier shop --engine postgres --master-username app "
                                               f"--master-user-password '{p}' --db-instance-class db.t4g.micro --allocated-storage 20"])
    f("cli-gcloud-sql", "set-pw.sh", lambda p: [f"gcloud sql users set-password app --instance=shop-prod --password='{p}'"])
    f("cli-terraform-var", "apply.sh", lambda p: [f"terraform apply -var 'db_password={p}' -auto-approve"])
    f("cli-ansible-extra-vars", "provision.sh", lambda p: [f"ansible-playbook site.yml -i hosts -e 'ansible_become_password={p}'"])
    f("cli-net-user", "add-admin.bat", lambda p: [f"net user svc_backup {p} /add", "net localgroup administrators svc_backup /add"], pw_plain)
    f("cli-rsync-password", "sync.sh", lambda p: [f"RSYNC_PASSWORD='{p}' rsync -av /srv/data/ backup@nas::backups/"])
    f("cli-svn", "checkout.sh", lambda p: [f"svn checkout --username build --password '{p}' https://svn.acme.io/repos/core/trunk core"])
    # SQL
    f("sql-pg-encrypted", "migrations/0003_roles.sql", lambda p: [f"CREATE USER reporting WITH ENCRYPTED PASSWORD '{p}';",
                                                                  "GRANT pg_read_all_data TO reporting;"])
    f("sql-alter-login", "rotate_sa.sql", lambda p: [f"ALTER LOGIN sa WITH PASSWORD = '{p}';"])
    f("sql-db-link", "links.sql", lambda p: [f"CREATE DATABASE LINK crm_link CONNECT TO crm_ro IDENTIFIED BY \"{p}\" USING 'CRMPDB';"])
    f("sql-snowflake-user", "snowflake/users.sql", lambda p: [f"CREATE USER loader PASSWORD = '{p}' DEFAULT_ROLE = LOADER MUST_CHANGE_PASSWORD = FALSE;"])
    f("sql-clickhouse-user", "clickhouse/users.sql", lambda p: [f"CREATE USER grafana IDENTIFIED WITH sha256_password BY '{p}';"])
    f("sql-mysql-alter", "V7__rotate.sql", lambda p: [f"ALTER USER 'app'@'%' IDENTIFIED BY '{p}';"])
    return F


PASSWORD_FORMS = _password_forms()


# --- connection strings ---------------------------------------------------------------------------------------
def _conn_forms():
    F = []

    def f(form, name, build, enc=True):
        F.append((form, name, build, enc))

    # URIs (the password percent-encoded; it holds a reserved character)
    f("uri-clickhouse", "config/clickhouse.yml", lambda q: [f"dsn: clickhouse://analytics:{q}@ch.acme.internal:9000/events?secure=true"])
    f("uri-cockroach", ".env.production", lambda q: [f"DATABASE_URL=postgresql://app:{q}@free-tier.gcp-us-central1.cockroachlabs.cloud:26257/defaultdb?sslmode=verify-full"])
    f("uri-mssql-pyodbc", "settings.py", lambda q: [f'SQLALCHEMY_URL = "mssql+pyodbc://svc_bi:{q}@sql01.acme.internal/dw?driver=ODBC+Driver+18+for+SQL+Server"'])
    f("uri-oracle-sqlalchemy", "etl/config.py", lambda q: [f'ENGINE_URL = "oracle+oracledb://app_owner:{q}@db-ora.acme.internal:1521/?service_name=ORCLPDB1"'])
    f("uri-mongodb-replicaset", "config/mongoid.yml", lambda q: ["production:", "  clients:", "    default:",
                                                                 f"      uri: mongodb://app:{q}@mongo-0:27017,mongo-1:27017/app?replicaSet=rs0&authSource=admin"])
    f("uri-amqps", "worker.toml", lambda q: ["[queue]", f'url = "amqps://orders:{q}@b-1234.mq.eu-west-1.amazonaws.com:5671/"'])
    f("uri-nats", "nats.conf.env", lambda q: [f"NATS_URL=nats://ingest:{q}@nats.acme.internal:4222"])
    f("uri-snowflake", "dbt_profiles.py", lambda q: [f'engine = create_engine("snowflake://loader:{q}@acme-xy12345/raw/public?warehouse=LOAD_WH")'])
    f("uri-neo4j", "graph.ts", lambda q: [f"const uri = 'neo4j+s://neo4j:{q}@a1b2c3d4.databases.neo4j.io';"])
    f("uri-elasticsearch", "filebeat.env", lambda q: [f"ELASTICSEARCH_URL=https://elastic:{q}@es.acme.internal:9200"])
    f("uri-rtsp-camera", "cameras.yml", lambda q: ["cameras:", "  - name: loading-dock", f"    stream: rtsp://admin:{q}@192.168.20.31:554/Streaming/Channels/101"])
    f("uri-mqtt", "sensors/config.yaml", lambda q: ["broker:", f"  url: mqtts://telemetry:{q}@mqtt.acme.io:8883"])
    f("uri-sftp", "rclone.sh", lambda q: [f"duplicity /srv/backups sftp://backup:{q}@nas.acme.internal//volume1/backups"])
    f("uri-redis-sentinel", "cache.env", lambda q: [f"REDIS_URL=redis+sentinel://:{q}@sentinel-0:26379,sentinel-1:26379/mymaster/0"])
    f("uri-postgres-nix", "hosts/app.nix", lambda q: ['  services.app.settings.database_url = "postgresql://app:' + q + '@db.acme.internal/app";'])
    # Kafka SASL (JAAS)
    f("kafka-jaas", "client.properties", lambda p: ["security.protocol=SASL_SSL", "sasl.mechanism=SCRAM-SHA-512",
                                                    f'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="ingest" password="{p}";'], False)
    # JDBC
    f("jdbc-mariadb", "src/main/resources/application.properties", lambda q: [f"spring.datasource.url=jdbc:mariadb://db:3306/shop?user=shop&password={q}"])
    f("jdbc-db2", "db2.properties", lambda p: [f"url=jdbc:db2://db2.acme.internal:50000/SAMPLE:user=db2inst1;password={p};"], False)
    f("jdbc-snowflake", "loader.conf", lambda p: [f"jdbc.url=jdbc:snowflake://acme-xy12345.snowflakecomputing.com/?user=loader&password={p}&warehouse=LOAD_WH"], False)
    f("jdbc-clickhouse", "dbeaver-data-sources.json", lambda p: jlines({"connections": {"ch": {"configuration": {
        "url": f"jdbc:clickhouse://ch.acme.internal:8123/events?user=analytics&password={p}"}}}}), False)
    # ODBC / OLE DB
    f("oledb-vba", "Report.bas", lambda p: ["Dim cn As New ADODB.Connection",
                                            f'cn.Open "Provider=SQLOLEDB;Data Source=sql01;Initial Catalog=Finance;User ID=excel_ro;Password={p};"'], False)
    f("odbc-go", "report.go", lambda p: [f'db, err := sql.Open("odbc", "DSN=warehouse;UID=report;PWD={p}")'], False)
    f("odbc-access", "legacy.vbs", lambda p: [f'conn.Open "Provider=Microsoft.ACE.OLEDB.12.0;Data Source=C:\\data\\stock.accdb;Jet OLEDB:Database Password={p};"'],
      False)
    # ADO.NET
    f("adonet-oracle", "appsettings.json", lambda p: jlines({"ConnectionStrings": {"Erp": f"User Id=erp_app;Password={p};Data Source=db-ora:1521/ERPPDB;"}}), False)
    f("adonet-azuresql", "local.settings.json", lambda p: jlines({"IsEncrypted": False, "Values": {
        "SqlConnectionString": f"Server=tcp:acme-sql.database.windows.net,1433;Initial Catalog=orders;User ID=func_app;Password={p};Encrypt=True;"}}), False)
    f("adonet-efcore", "AppDbContext.cs", lambda p: ["protected override void OnConfiguring(DbContextOptionsBuilder options)",
                                                     f'    => options.UseNpgsql("Host=db;Database=shop;Username=shop;Password={p}");'], False)
    f("adonet-powershell", "Invoke-Report.ps1", lambda p: [f'$conn = New-Object System.Data.SqlClient.SqlConnection("Server=sql01;Database=Reports;User Id=ps_report;Password={p};")'],
      False)
    f("adonet-webrelease", "Web.Release.config", lambda p: ['<connectionStrings>', f'  <add name="Default" connectionString="Server=sql01;Database=Shop;Uid=shop;Pwd={p};"'
                                                            ' xdt:Transform="SetAttributes" xdt:Locator="Match(name)" />', "</connectionStrings>"], False)
    return F


CONN_FORMS = _conn_forms()


# --- basic auth -------------------------------------------------------------------------------------------
def _basic_forms():
    F = []

    def f(form, name, build, mk):
        F.append((form, name, build, mk))

    url = lambda rng: quote(pw_reserved(rng), safe="")  # noqa: E731
    f("requirements-index-url", "requirements.txt", lambda m: [f"--extra-index-url https://ci:{m}@pypi.acme.io/simple/", "acme-core==2.4.1"], url)
    f("gemfile-source", "Gemfile", lambda m: [f'source "https://deploy:{m}@gems.acme.io/"', 'gem "acme-core", "~> 2.4"'], url)
    f("goproxy-url", "ci.env", lambda m: [f"GOPROXY=https://goproxy:{m}@athens.acme.io,direct", "GOPRIVATE=github.com/acme/*"], url)
    f("yarnrc-npmauthident", ".yarnrc.yml", lambda m: ["npmRegistryServer: https://npm.acme.io", f'npmAuthIdent: "ci-publisher:{m}"'], pw)
    f("npmrc-password", ".npmrc", lambda m: ["//npm.acme.io/:username=ci", f"//npm.acme.io/:_password={m}", "//npm.acme.io/:email=ci@acme.io"],
      lambda rng: b64(pw(rng).encode()))
    f("helm-repo-add", "add-repos.sh", lambda m: [f"helm repo add acme https://charts.acme.io --username ci --password '{m}'"], pw)
    f("har-basic-header", "session.har", lambda m: jlines({"log": {"entries": [{"request": {"method": "GET", "url": "https://jira.acme.io/rest/api/2/myself",
                                                                                             "headers": [{"name": "Authorization", "value": f"Basic {m}"}]}}]}}),
      lambda rng: b64(f"jdoe:{pw(rng)}".encode()))
    f("nginx-proxy-basic", "nginx/conf.d/upstream.conf", lambda m: ["location /legacy/ {", "    proxy_pass https://legacy.acme.internal/;",
                                                                    f'    proxy_set_header Authorization "Basic {m}";', "}"],
      lambda rng: b64(f"gateway:{pw(rng)}".encode()))
    f("grafana-datasource", "provisioning/datasources/prometheus.yaml", lambda m: ["datasources:", "  - name: Prometheus", "    type: prometheus",
                                                                                   "    url: https://prom.acme.internal", "    basicAuth: true",
                                                                                   "    basicAuthUser: grafana", "    secureJsonData:",
                                                                                   f"      basicAuthPassword: {m}"], pw_plain)
    f("logstash-output", "pipeline/logstash.conf", lambda m: ["output {", "  elasticsearch {", '    hosts => ["https://es.acme.internal:9200"]',
                                                              '    user => "logstash_writer"', f'    password => "{m}"', "  }", "}"], pw)
    f("wget-http-password", "mirror.sh", lambda m: [f"wget --http-user=mirror --http-password='{m}' -r https://files.acme.io/releases/"], pw)
    f("jenkinsfile-git-url", "Jenkinsfile", lambda m: ["stage('checkout') {", f"  git url: 'https://ci-bot:{m}@git.acme.io/platform/api.git', branch: 'main'",
                                                       "}"], url)
    return F


BASIC_FORMS = _basic_forms()


# --- JWTs as bearer tokens -----------------------------------------------------------------------------------
def api_jwt(rng, alg):
    t = 1700000000 + rng.randrange(0, 40000000)
    claims = {"sub": uuid4(rng), "iss": rng.choice(["https://auth.acme.io/", "https://login.acme.io/realms/prod", "https://acme.eu.auth0.com/"]),
              "aud": rng.choice(["orders-api", "billing", "https://api.acme.io"]), "iat": t,
              "exp": t + rng.choice([86400 * 365, 86400 * 3650]), "scope": rng.choice(["orders:read orders:write", "admin", "read:reports"])}
    if rng.random() < 0.5:
        claims["azp"] = rand(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 24)
    return jwt(rng, claims, alg)


JWT_FORMS = [
    ("har-header", "api.har", lambda t: jlines({"log": {"entries": [{"request": {"method": "GET", "url": "https://api.acme.io/v1/orders",
                                                                                  "headers": [{"name": "Authorization", "value": f"Bearer {t}"}]}}]}})),
    ("insomnia-bearer", "insomnia.json", lambda t: jlines({"resources": [{"_type": "request", "url": "https://api.acme.io/v1/orders",
                                                                          "authentication": {"type": "bearer", "token": t}}]})),
    ("hurl-header", "tests/orders.hurl", lambda t: ["GET https://api.acme.io/v1/orders", f"Authorization: Bearer {t}", "HTTP 200"]),
    ("bruno-auth", "bruno/orders.bru", lambda t: ["get {", "  url: https://api.acme.io/v1/orders", "  auth: bearer", "}", "", "auth:bearer {",
                                                  f"  token: {t}", "}"]),
    ("k6-header", "load/orders.js", lambda t: [f"const params = {{ headers: {{ Authorization: 'Bearer {t}' }} }};",
                                               "export default function () { http.get('https://api.acme.io/v1/orders', params); }"]),
    ("websocket-query", "src/live.ts", lambda t: [f"const ws = new WebSocket('wss://live.acme.io/socket?token={t}');"]),
    ("cookie-header", "debug/request.txt", lambda t: ["GET /account HTTP/1.1", "Host: portal.acme.io", f"Cookie: theme=dark; session={t}"]),
    ("chat-paste", "transcripts/support.txt", lambda t: ["[14:02] dev: can you try with my token?", f"[14:03] dev: {t}"]),
    ("email-paste", "mail/api-access.eml", lambda t: ["Subject: API access", "", "Use this bearer token until the SSO integration is done:", "", t]),
    ("grpcurl-header", "scripts/grpc.sh", lambda t: [f"grpcurl -H 'authorization: Bearer {t}' api.acme.io:443 orders.v1.Orders/List"]),
]


def jwt_io_example():
    """The well-known documentation JWT (HS256 over the 'your-256-bit-secret' demo key), computed here."""
    h = b64url_nopad(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    p = b64url_nopad(json.dumps({"sub": "1234567890", "name": "John Doe", "iat": 1516239022}, separators=(",", ":")).encode())
    sig = hmac.new(b"your-256-bit-secret", f"{h}.{p}".encode(), hashlib.sha256).digest()
    return f"{h}.{p}.{b64url_nopad(sig)}"


def gcp_service_account(rng, project, name):
    import keys as K
    pem, _ = K.rsa_pem(rng, 2048, pkcs8=True)
    email = f"{name}@{project}.iam.gserviceaccount.com"
    return {"type": "service_account", "project_id": project, "private_key_id": rand(rng, HEX, 40),
            "private_key": "\n".join(pem) + "\n", "client_email": email, "client_id": str(rng.randrange(10 ** 20, 10 ** 21)),
            "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": "https://oauth2.googleapis.com/token",
            "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
            "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/" + quote(email, safe=""),
            "universe_domain": "googleapis.com"}
