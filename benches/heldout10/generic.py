"""Generic credential forms of the tenth held-out corpus (no provider prefix): passwords in code, CLI flags and
SQL, connection strings (URL, JDBC, ODBC, ADO.NET), basic-auth URLs and headers, JWT bearer tokens, private
keys and cloud service-account files; and the negatives of the same forms (placeholders, references, public
halves, hashes). Every value is drawn at generation time.
"""

import base64
import hashlib
import hmac
import json
from urllib.parse import quote

from hcommon import (ALNUM, HEX, LOWALNUM, UHEX, UPALNUM, URLSAFE, DIGITS, b64, b64url_nopad, encrypted_pkcs8_der,
                     human_password, pem_armor, rand, rbytes, rsa_key, rsa_pkcs1_der, rsa_spki_der, uuid4)
import keys as K
from places import jlines
from formats import clean, jwt

DASH5 = "-" * 5
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
        if not any(ch in p for ch in "'\"\\$`;&<>{}"):
            return p


def pw_reserved(rng):
    return human_password(rng, reserved=RESERVED)


# --- passwords ------------------------------------------------------------------------------------------
# each: (form, function(rng) -> (filename, lines, marker))
def _assign_forms():
    F = []

    def f(form, name, build, kind=pw):
        F.append((form, name, build, kind))

    f("py-assign", "settings.py", lambda p: ["DATABASES = {", "    'default': {", "        'ENGINE': 'django.db.backends.postgresql',",
                                            "        'NAME': 'shop',", "        'USER': 'shop',", f"        'PASSWORD': '{p}',", "    }", "}"])
    f("py-const", "config.py", lambda p: ["SMTP_HOST = 'smtp.acme.io'", "SMTP_USER = 'alerts@acme.io'", f"SMTP_PASSWORD = '{p}'"])
    f("js-object", "config/database.js", lambda p: ["module.exports = {", "  production: {", "    username: 'app',", f"    password: '{p}',",
                                                    "    host: 'db.acme.internal',", "    dialect: 'postgres',", "  },", "};"])
    f("ts-const", "src/mailer.ts", lambda p: [f'const smtpPassword = "{p}";', "export const transport = createTransport({ auth: { user: 'noreply', pass: smtpPassword } });"])
    f("go-assign", "cmd/migrate/main.go", lambda p: ["func main() {", '\tuser := "migrator"', f'\tpassword := "{p}"', "\trun(user, password)", "}"])
    f("java-const", "src/main/java/io/acme/DbConfig.java", lambda p: ["public class DbConfig {", '    static final String DB_USER = "billing";',
                                                                     f'    static final String DB_PASSWORD = "{p}";', "}"])
    f("kotlin-val", "src/main/kotlin/Admin.kt", lambda p: ['val adminUser = "admin"', f'val adminPassword = "{p}"'])
    f("csharp-const", "Services/Mailer.cs", lambda p: ["public class Mailer", "{", '    private const string SmtpUser = "noreply@acme.io";',
                                                       f'    private const string SmtpPassword = "{p}";', "}"])
    f("ruby-assign", "config/initializers/smtp.rb", lambda p: ["ActionMailer::Base.smtp_settings = {", "  address: 'smtp.acme.io',",
                                                                "  user_name: 'noreply@acme.io',", f"  password: '{p}',", "  authentication: :login", "}"])
    f("php-assign", "wp-config.php", lambda p: ["define( 'DB_NAME', 'wordpress' );", "define( 'DB_USER', 'wp' );", f"define( 'DB_PASSWORD', '{p}' );"])
    f("rust-const", "src/db.rs", lambda p: ['const DB_USER: &str = "ingest";', f'const DB_PASSWORD: &str = "{p}";'])
    f("swift-let", "Sources/App/Keychain.swift", lambda p: ['let service = "com.acme.vpn"', f'let vpnPassword = "{p}"'])
    f("scala-val", "src/main/scala/Db.scala", lambda p: ["object Db {", '  val user = "etl"', f'  val password = "{p}"', "}"])
    f("perl-my", "bin/backup.pl", lambda p: ["my $user = 'backup';", f"my $password = '{p}';", "my $dbh = DBI->connect($dsn, $user, $password);"])
    f("lua-local", "conf/redis.lua", lambda p: ['local host = "127.0.0.1"', f'local redis_password = "{p}"'])
    f("powershell-securestring", "deploy.ps1", lambda p: [f'$Password = ConvertTo-SecureString "{p}" -AsPlainText -Force',
                                                         '$Cred = New-Object System.Management.Automation.PSCredential ("ACME\\svc_deploy", $Password)'])
    f("shell-export", "env.sh", lambda p: ["export MYSQL_USER=app", f"export MYSQL_PASSWORD='{p}'"])
    f("compose-env", "docker-compose.yml", lambda p: ["services:", "  db:", "    image: postgres:16", "    environment:",
                                                      "      POSTGRES_USER: app", f"      POSTGRES_PASSWORD: {p}"], pw_plain)
    f("spring-yaml", "src/main/resources/application-prod.yml", lambda p: ["spring:", "  datasource:", "    url: jdbc:postgresql://db:5432/app",
                                                                            "    username: app", f"    password: {p}"], pw_plain)
    f("json-config", "config/production.json", lambda p: jlines({"db": {"host": "db.acme.internal", "user": "reporting", "password": p}}))
    f("toml-config", "config.toml", lambda p: ["[database]", 'host = "db.acme.internal"', 'user = "grafana"', f'password = "{p}"'])
    f("ini-mycnf", ".my.cnf", lambda p: ["[client]", "user = root", f"password = {p}", "host = 127.0.0.1"], pw_plain)
    f("xml-hibernate", "hibernate.cfg.xml", lambda p: ["<hibernate-configuration>", "  <session-factory>",
                                                       '    <property name="hibernate.connection.username">app</property>',
                                                       f'    <property name="hibernate.connection.password">{p}</property>', "  </session-factory>",
                                                       "</hibernate-configuration>"])
    f("properties", "application.properties", lambda p: ["spring.mail.host=smtp.acme.io", "spring.mail.username=noreply@acme.io",
                                                         f"spring.mail.password={p}"], pw_plain)
    f("dotenv", ".env", lambda p: ["DB_HOST=db", "DB_USER=app", f"DB_PASSWORD={p}"], pw_plain)
    f("dockerfile-env", "Dockerfile", lambda p: ["FROM rabbitmq:3-management", "ENV RABBITMQ_DEFAULT_USER=app", f"ENV RABBITMQ_DEFAULT_PASS={p}"],
      pw_plain)
    f("terraform-attr", "rds.tf", lambda p: ['resource "aws_db_instance" "main" {', '  engine         = "postgres"', '  username       = "app"',
                                            f'  password       = "{p}"', "}"])
    f("ansible-var", "host_vars/db01.yml", lambda p: ["ansible_user: deploy", f"ansible_become_password: {p}"], pw_plain)
    f("k8s-secret", "k8s/db-secret.yaml", lambda p: ["apiVersion: v1", "kind: Secret", "metadata:", "  name: db", "stringData:",
                                                     "  username: app", f'  password: "{p}"'])
    f("helm-values", "values-prod.yaml", lambda p: ["postgresql:", "  auth:", "    username: app", f"    password: {p}"], pw_plain)
    f("elixir-config", "config/prod.exs", lambda p: ["config :shop, Shop.Repo,", '  username: "shop",', f'  password: "{p}",', '  hostname: "db"'])
    f("dart-const", "lib/config.dart", lambda p: ["const dbUser = 'app';", f"const dbPassword = '{p}';"])
    f("c-define", "src/config.h", lambda p: ['#define ADMIN_USER "admin"', f'#define ADMIN_PASSWORD "{p}"'])
    f("maven-settings", "settings.xml", lambda p: ["<settings>", "  <servers>", "    <server>", "      <id>nexus-releases</id>",
                                                   "      <username>deploy</username>", f"      <password>{p}</password>", "    </server>",
                                                   "  </servers>", "</settings>"])
    f("gradle-credentials", "build.gradle", lambda p: ["repositories {", "    maven {", '        url "https://nexus.acme.io/repository/maven-releases/"',
                                                      "        credentials {", '            username "deploy"', f'            password "{p}"',
                                                      "        }", "    }", "}"])
    # comparisons
    f("py-compare", "auth.py", lambda p: ["def check(username, password):", f'    if username == "admin" and password == "{p}":', "        return True",
                                         "    return False"])
    f("js-compare", "routes/login.js", lambda p: ["router.post('/login', (req, res) => {", f"  if (req.body.password === '{p}') {{",
                                                  "    req.session.admin = true;", "  }", "});"])
    f("java-equals", "AdminFilter.java", lambda p: [f'if ("{p}".equals(request.getParameter("password"))) {{', "    chain.doFilter(request, response);", "}"])
    f("c-strcmp", "src/login.c", lambda p: [f'if (strcmp(input, "{p}") == 0) {{', "    grant_access();", "}"])
    f("go-compare", "internal/auth/basic.go", lambda p: ['if user != "metrics" || pass != "' + p + '" {', "\thttp.Error(w, \"unauthorized\", 401)", "\treturn", "}"])
    f("php-compare", "admin/login.php", lambda p: [f"if ($_POST['password'] == '{p}') {{", "    $_SESSION['admin'] = true;", "}"])
    # credential constructors and call arguments
    f("py-psycopg2", "etl/load.py", lambda p: ["conn = psycopg2.connect(", '    host="db.acme.internal",', '    dbname="warehouse",', '    user="etl",',
                                              f'    password="{p}",', ")"])
    f("py-smtplib", "notify.py", lambda p: ['server = smtplib.SMTP_SSL("smtp.acme.io", 465)', f'server.login("alerts@acme.io", "{p}")'])
    f("py-ftplib", "upload.py", lambda p: [f'ftp = FTP("ftp.acme.io", "deploy", "{p}")', 'ftp.storbinary("STOR build.zip", open("build.zip", "rb"))'])
    f("py-requests-auth", "report.py", lambda p: [f'resp = requests.get("https://reports.acme.io/api/daily", auth=("svc-report", "{p}"))'])
    f("py-paramiko", "ssh_exec.py", lambda p: ["ssh = paramiko.SSHClient()", f'ssh.connect("10.0.4.12", username="ubuntu", password="{p}")'])
    f("py-redis", "cache.py", lambda p: [f'cache = redis.Redis(host="cache.acme.internal", port=6379, password="{p}")'])
    f("py-ldap", "ldap_sync.py", lambda p: ['conn = ldap.initialize("ldap://ldap.acme.io")', f'conn.simple_bind_s("cn=admin,dc=acme,dc=io", "{p}")'])
    f("java-drivermanager", "Report.java", lambda p: [f'Connection c = DriverManager.getConnection("jdbc:postgresql://db:5432/app", "report", "{p}");'])
    f("csharp-networkcredential", "Backup.cs", lambda p: [f'var cred = new NetworkCredential("svc_backup", "{p}", "ACME");'])
    f("java-passwordauth", "MailAuth.java", lambda p: ["protected PasswordAuthentication getPasswordAuthentication() {",
                                                      f'    return new PasswordAuthentication("mailer", "{p}".toCharArray());', "}"])
    f("node-mysql", "db.js", lambda p: ["const conn = mysql.createConnection({", "  host: 'db',", "  user: 'shop',", f"  password: '{p}',", "});"])
    f("go-smtp", "mail.go", lambda p: [f'auth := smtp.PlainAuth("", "noreply@acme.io", "{p}", "smtp.acme.io")'])
    f("php-pdo", "src/Db.php", lambda p: [f"$pdo = new PDO('mysql:host=db;dbname=shop', 'shop', '{p}');"])
    f("r-dbconnect", "analysis.R", lambda p: ["con <- dbConnect(RPostgres::Postgres(), host = \"db\", dbname = \"dw\",",
                                              f'                 user = "analyst", password = "{p}")'])
    f("ruby-net-smtp", "lib/mailer.rb", lambda p: [f"Net::SMTP.start('smtp.acme.io', 587, 'acme.io', 'noreply', '{p}', :login) do |smtp|", "end"])
    # command lines
    f("cli-mysql", "restore.sh", lambda p: [f"mysql -u root -p'{p}' -h db.acme.internal shop < dump.sql"])
    f("cli-mysqldump", "backup.sh", lambda p: [f"mysqldump -uroot -p{p} --single-transaction shop > /backups/shop.sql"], pw_plain)
    f("cli-pgpassword", "migrate.sh", lambda p: [f"PGPASSWORD='{p}' psql -h db.acme.internal -U app -d app -f schema.sql"])
    f("cli-sshpass", "deploy.sh", lambda p: [f"sshpass -p '{p}' ssh -o StrictHostKeyChecking=no deploy@10.0.3.4 'sudo systemctl restart api'"])
    f("cli-docker-login", "ci/push.sh", lambda p: [f"docker login -u ci-bot -p '{p}' registry.acme.io", "docker push registry.acme.io/api:latest"])
    f("cli-curl-user", "check.sh", lambda p: [f"curl -u admin:{p} https://jenkins.acme.io/api/json"], pw_plain)
    f("cli-mongosh", "seed.sh", lambda p: [f"mongosh 'mongodb://db:27017/app' --username admin --password '{p}' --eval 'db.users.countDocuments()'"])
    f("cli-redis-cli", "flush.sh", lambda p: [f"redis-cli -h cache.acme.internal -a '{p}' FLUSHDB"])
    f("cli-openssl-pass", "make-p12.sh", lambda p: [f"openssl pkcs12 -export -in cert.pem -inkey key.pem -out bundle.p12 -passout pass:{p}"], pw_plain)
    f("cli-wget", "fetch.sh", lambda p: [f"wget --user=deploy --password='{p}' https://artifacts.acme.io/releases/app-2.4.1.tar.gz"])
    f("cli-sqlcmd", "run.cmd", lambda p: [f'sqlcmd -S db01 -U sa -P "{p}" -Q "EXEC dbo.nightly_rollup"'])
    f("cli-htpasswd", "setup.sh", lambda p: [f"htpasswd -b -c /etc/nginx/.htpasswd admin '{p}'"])
    f("cli-smbclient", "sync.sh", lambda p: [f"smbclient //fs01/finance -U 'backup%{p}' -c 'get ledger.xlsx'"])
    f("cli-net-use", "map-drive.bat", lambda p: [f"net use Z: \\\\fs01\\share /user:ACME\\svc_print {p} /persistent:no"], pw_plain)
    f("cli-rabbitmqctl", "bootstrap.sh", lambda p: [f"rabbitmqctl add_user app '{p}'", "rabbitmqctl set_permissions -p / app '.*' '.*' '.*'"])
    f("cli-vault-userpass", "login.sh", lambda p: [f"vault login -method=userpass username=ops password='{p}'"])
    # SQL
    f("sql-identified-by", "grants.sql", lambda p: [f"CREATE USER 'shop'@'%' IDENTIFIED BY '{p}';", "GRANT ALL PRIVILEGES ON shop.* TO 'shop'@'%';"])
    f("sql-alter-user", "rotate.sql", lambda p: [f"ALTER USER app WITH PASSWORD '{p}';"])
    f("sql-create-login", "logins.sql", lambda p: [f"CREATE LOGIN svc_reporting WITH PASSWORD = '{p}';", "CREATE USER svc_reporting FOR LOGIN svc_reporting;"])
    f("sql-grant-identified", "legacy.sql", lambda p: [f"GRANT SELECT ON crm.* TO 'bi'@'10.0.%' IDENTIFIED BY '{p}';"])
    f("sql-create-role", "roles.sql", lambda p: [f"CREATE ROLE reporting LOGIN PASSWORD '{p}';"])
    f("sql-oracle-identified", "create_user.sql", lambda p: [f'CREATE USER app_owner IDENTIFIED BY "{p}";', "GRANT CONNECT, RESOURCE TO app_owner;"])
    f("sql-set-password", "reset.sql", lambda p: [f"SET PASSWORD FOR 'root'@'localhost' = PASSWORD('{p}');"])
    return F


PASSWORD_FORMS = _assign_forms()


# --- connection strings ---------------------------------------------------------------------------------------
def _conn_forms():
    F = []

    def f(form, name, build, enc=True):
        F.append((form, name, build, enc))

    # URLs (the password percent-encoded; it holds a reserved character)
    f("url-postgres", ".env", lambda q: ["APP_ENV=production", f"DATABASE_URL=postgres://app:{q}@db.acme.internal:5432/shop?sslmode=require"])
    f("url-mysql-sqlalchemy", "db.py", lambda q: [f'engine = create_engine("mysql+pymysql://root:{q}@127.0.0.1:3306/app")'])
    f("url-mongodb-srv", "src/db.ts", lambda q: [f"await mongoose.connect('mongodb+srv://admin:{q}@cluster0.x7k2p.mongodb.net/app?retryWrites=true&w=majority');"])
    f("url-redis", "config/cache.yml", lambda q: ["cache:", f"  url: redis://:{q}@cache.acme.io:6379/0"])
    f("url-amqp", "internal/queue/queue.go", lambda q: [f'conn, err := amqp.Dial("amqp://orders:{q}@rabbit.acme.internal:5672/")'])
    f("url-rediss", "worker.env", lambda q: [f"REDIS_URL=rediss://default:{q}@eu1-crisp-lynx-30412.upstash.io:6379"])
    f("url-smtp", "config/mail.yml", lambda q: ["mailer:", f"  dsn: smtp://noreply%40acme.io:{q}@smtp.acme.io:587"])
    f("url-ftp", "deploy.sh", lambda q: [f"lftp -e 'mirror -R dist /www; quit' ftp://deploy:{q}@ftp.acme.io"])
    f("url-sqlserver-go", "store.go", lambda q: [f'db, err := sql.Open("sqlserver", "sqlserver://sa:{q}@db01:1433?database=crm")'])
    f("url-alembic", "alembic.ini", lambda q: ["[alembic]", "script_location = migrations", f"sqlalchemy.url = postgresql+psycopg2://alembic:{q}@db:5432/app"])
    f("url-celery-broker", "celeryconfig.py", lambda q: [f"broker_url = 'amqp://celery:{q}@mq.acme.internal:5672/celery'"])
    # JDBC
    f("jdbc-mysql-query", "src/main/resources/db.properties", lambda q: [f"db.url=jdbc:mysql://db:3306/shop?user=shop&password={q}&useSSL=true"])
    f("jdbc-postgres-query", "flyway.conf", lambda p: [f"flyway.url=jdbc:postgresql://db:5432/app?user=flyway&password={p}"], False)
    f("jdbc-sqlserver", "src/main/resources/application.properties",
      lambda p: [f"spring.datasource.url=jdbc:sqlserver://db01:1433;databaseName=crm;user=sa;password={p};encrypt=true"], False)
    f("jdbc-oracle-thin", "etl.conf", lambda p: [f"source.url = jdbc:oracle:thin:app/{p}@db-ora.acme.internal:1521/ORCLPDB1"], False)
    f("jdbc-spring-xml", "applicationContext.xml", lambda p: ['<bean id="dataSource" class="org.apache.commons.dbcp2.BasicDataSource">',
                                                              '  <property name="url" value="jdbc:mysql://db:3306/legacy"/>',
                                                              '  <property name="username" value="legacy"/>',
                                                              f'  <property name="password" value="{p}"/>', "</bean>"], False)
    # ODBC
    f("odbc-pyodbc", "export.py", lambda p: ["conn = pyodbc.connect(", '    "Driver={ODBC Driver 18 for SQL Server};Server=tcp:db01,1433;"',
                                             f'    "Database=crm;Uid=svc_export;Pwd={p};Encrypt=yes;"', ")"], False)
    f("odbc-ini", "odbc.ini", lambda p: ["[warehouse]", "Driver = PostgreSQL Unicode", "Servername = dw.acme.internal", "Database = dw",
                                         "UID = tableau", f"PWD = {p}"], False)
    f("odbc-r", "load.R", lambda p: ['con <- DBI::dbConnect(odbc::odbc(), .connection_string = ',
                                     f'  "Driver={{ODBC Driver 18 for SQL Server}};Server=db01;Database=sales;UID=analyst;PWD={p};")'], False)
    # ADO.NET
    f("adonet-appsettings", "appsettings.Production.json", lambda p: jlines({"ConnectionStrings": {
        "Default": f"Server=db01;Database=Crm;User Id=svc_crm;Password={p};TrustServerCertificate=True;"}}), False)
    f("adonet-webconfig", "Web.config", lambda p: ["<connectionStrings>",
                                                   f'  <add name="Default" connectionString="Data Source=db01;Initial Catalog=Shop;User ID=sa;Password={p}" providerName="System.Data.SqlClient" />',
                                                   "</connectionStrings>"], False)
    f("adonet-sqlconnection", "Repository.cs", lambda p: [f'using var conn = new SqlConnection("Server=db01;Database=Billing;User Id=billing;Password={p};");'], False)
    f("adonet-npgsql", "Program.cs", lambda p: [f'var dataSource = NpgsqlDataSource.Create("Host=db;Username=app;Password={p};Database=app");'], False)
    f("adonet-mysql", "appsettings.json", lambda p: jlines({"ConnectionStrings": {"Shop": f"Server=db;Port=3306;Database=shop;Uid=shop;Pwd={p};"}}), False)
    return F


CONN_FORMS = _conn_forms()


# --- basic auth -------------------------------------------------------------------------------------------
def _basic_forms():
    F = []

    def f(form, name, build, mk):
        F.append((form, name, build, mk))

    url = lambda rng: quote(pw_reserved(rng), safe="")  # noqa: E731
    f("git-config-url", ".git/config", lambda m: ['[remote "origin"]', f"\turl = https://deploy:{m}@git.acme.io/platform/api.git",
                                                  "\tfetch = +refs/heads/*:refs/remotes/origin/*"], url)
    f("pip-index-url", "pip.conf", lambda m: ["[global]", f"index-url = https://ci:{m}@pypi.acme.io/simple/"], url)
    f("npmrc-auth", ".npmrc", lambda m: ["registry=https://npm.acme.io/", f"//npm.acme.io/:_auth={m}", "always-auth=true"],
      lambda rng: b64(f"ci-publisher:{pw(rng)}".encode()))
    f("http-basic-header", "api.http", lambda m: ["GET https://internal.acme.io/admin/stats", f"Authorization: Basic {m}"],
      lambda rng: b64(f"admin:{pw(rng)}".encode()))
    f("netrc", ".netrc", lambda m: ["machine api.acme.io", "  login svc-sync", f"  password {m}"], pw_plain)
    f("docker-config-auth", ".docker/config.json", lambda m: jlines({"auths": {"registry.acme.io": {"auth": m}}}),
      lambda rng: b64(f"ci-bot:{pw(rng)}".encode()))
    f("composer-http-basic", "auth.json", lambda m: jlines({"http-basic": {"repo.acme.io": {"username": "composer", "password": m}}}), pw)
    f("js-url-credentials", "src/sync.js", lambda m: [f"const res = await fetch('https://sync:{m}@api.acme.io/v1/export');"], url)
    f("prometheus-basic-auth", "prometheus.yml", lambda m: ["scrape_configs:", "  - job_name: node", "    basic_auth:", "      username: prom",
                                                           f"      password: {m}", "    static_configs:", "      - targets: ['10.0.2.5:9100']"], pw_plain)
    f("git-credentials", ".git-credentials", lambda m: [f"https://jdoe:{m}@gitlab.acme.io"], url)
    f("urllib-url", "mirror.py", lambda m: [f'data = urllib.request.urlopen("https://mirror:{m}@files.acme.io/latest.tar.gz").read()'], url)
    return F


BASIC_FORMS = _basic_forms()


# --- JWTs as bearer tokens -----------------------------------------------------------------------------------
def api_jwt(rng, alg):
    t = 1700000000 + rng.randrange(0, 40000000)
    claims = {"sub": uuid4(rng), "iss": "https://auth.acme.io/", "aud": rng.choice(["orders-api", "billing", "https://api.acme.io"]),
              "iat": t, "exp": t + rng.choice([86400 * 365, 86400 * 3650]), "scope": rng.choice(["orders:read orders:write", "admin", "read:reports"])}
    if rng.random() < 0.5:
        claims["email"] = rng.choice(["svc-sync@acme.io", "ci@acme.io", "ops@acme.io"])
    return jwt(rng, claims, alg)


JWT_FORMS = [
    ("curl-bearer", "call.sh", lambda t: ["curl -s https://api.acme.io/v1/orders \\", f'  -H "Authorization: Bearer {t}"']),
    ("http-file", "orders.http", lambda t: ["GET https://api.acme.io/v1/orders", f"Authorization: Bearer {t}"]),
    ("js-fetch", "src/client.js", lambda t: ["const res = await fetch('https://api.acme.io/v1/orders', {", f"  headers: {{ Authorization: 'Bearer {t}' }},", "});"]),
    ("py-headers", "sync.py", lambda t: [f'HEADERS = {{"Authorization": "Bearer {t}"}}', 'r = requests.get("https://api.acme.io/v1/orders", headers=HEADERS)']),
    ("postman-collection", "collection.json", lambda t: jlines({"info": {"name": "orders"}, "auth": {"type": "bearer", "bearer": [{"key": "token", "value": t, "type": "string"}]}})),
    ("log-header", "gateway.log", lambda t: [f'10.0.1.7 - - [12/Mar/2025:10:01:33 +0000] "GET /v1/orders HTTP/1.1" 200 512 "-" "sync/1.4" auth="Bearer {t}"']),
    ("kubeconfig-token", "kubeconfig", lambda t: ["apiVersion: v1", "kind: Config", "users:", "  - name: ci", "    user:", f"      token: {t}"]),
    ("go-header", "client.go", lambda t: [f'req.Header.Set("Authorization", "Bearer {t}")']),
    ("java-header", "Client.java", lambda t: ['HttpRequest r = HttpRequest.newBuilder(URI.create("https://api.acme.io/v1/orders"))',
                                              f'    .header("Authorization", "Bearer {t}").build();']),
]


def jwt_io_example():
    """The well-known documentation JWT (HS256 over the 'your-256-bit-secret' demo key), computed here."""
    h = b64url_nopad(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    p = b64url_nopad(json.dumps({"sub": "1234567890", "name": "John Doe", "iat": 1516239022}, separators=(",", ":")).encode())
    sig = hmac.new(b"your-256-bit-secret", f"{h}.{p}".encode(), hashlib.sha256).digest()
    return f"{h}.{p}.{b64url_nopad(sig)}"


def gcp_service_account(rng, project, name):
    pem, _ = K.rsa_pem(rng, 2048, pkcs8=True)
    email = f"{name}@{project}.iam.gserviceaccount.com"
    return {"type": "service_account", "project_id": project, "private_key_id": rand(rng, HEX, 40),
            "private_key": "\n".join(pem) + "\n", "client_email": email, "client_id": str(rng.randrange(10 ** 20, 10 ** 21)),
            "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": "https://oauth2.googleapis.com/token",
            "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
            "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/" + quote(email, safe=""),
            "universe_domain": "googleapis.com"}


def azure_secret(rng):
    return clean(rng, ALNUM, 3) + "8Q~" + clean(rng, URLSAFE + ".~", 34)


__all__ = ["PASSWORD_FORMS", "CONN_FORMS", "BASIC_FORMS", "JWT_FORMS", "api_jwt", "jwt_io_example", "gcp_service_account",
           "azure_secret", "pw", "pw_plain", "pw_reserved", "DASH5", "base64", "UHEX", "UPALNUM", "LOWALNUM", "DIGITS", "ALNUM",  # vaultsweep:allow (template: the value is drawn at generation time)
           "encrypted_pkcs8_der", "pem_armor", "rbytes", "rsa_key", "rsa_pkcs1_der", "rsa_spki_der", "b64"]
