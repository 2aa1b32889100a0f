"""Generic credential forms of the twelfth held-out corpus (no provider prefix): passwords in code, comparisons, call
arguments, CLI flags and SQL; connection strings (URI, JDBC, ODBC, ADO.NET) with reserved characters; basic auth in
URLs and headers; JWT bearer tokens. The forms and containers differ from heldout10's and heldout11's wherever one
could (Dart, Groovy scripts, Lua/OpenResty,
Tcl, AutoHotkey, VBScript, Delphi, Apex, ABAP, PL/SQL, T-SQL, Snowflake, Vertica, InfluxDB, Neo4j
Cypher, CouchDB, RabbitMQ, ActiveMQ, Keycloak, Jenkins CasC, Traefik, HAProxy, Squid, Postfix, Dovecot, Samba,
Asterisk, FreeRADIUS, Zabbix agent, NUT, Mosquitto, ...). Every value is drawn at generation time.
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
    f("dart-const", "lib/db_config.dart", lambda p: ["const dbUser = 'mobile_sync';", f"const dbPassword = '{p}';"])
    f("groovy-script", "scripts/migrate.groovy", lambda p: ['def user = "flyway"', f'def password = "{p}"', "Sql.newInstance(url, user, password, driver)"])
    f("lua-openresty", "nginx/lua/db.lua", lambda p: ["local ok, err = db:connect{", '    host = "127.0.0.1", port = 3306,', '    user = "resty",',
                                                      f'    password = "{p}",', "}"])
    f("tcl-set", "scripts/backup.tcl", lambda p: ["set db_user backup", f"set db_password \"{p}\""])
    f("autohotkey", "login.ahk", lambda p: ["Username := \"svc_kiosk\"", f"Password := \"{p}\""])
    f("vbscript", "map-drive.vbs", lambda p: ['strUser = "ACME\\svc_print"', f'strPassword = "{p}"',
                                             'objNetwork.MapNetworkDrive "P:", "\\\\fs01\\print", False, strUser, strPassword'])
    f("delphi-const", "src/DbConfig.pas", lambda p: ["const", "  DB_USER = 'pos';", f"  DB_PASSWORD = '{p}';"], pw_plain)
    f("apex-string", "classes/ErpSync.cls", lambda p: ["String user = 'integration@acme.io';", f"String password = '{p}';"])
    f("abap-data", "zcl_ftp_upload.abap", lambda p: ["DATA lv_user TYPE string VALUE 'ftpsap'.", f"DATA lv_password TYPE string VALUE '{p}'."], pw_plain)
    f("keycloak-realm", "realm-export.json", lambda p: jlines({"users": [{"username": "ci-admin", "enabled": True,
                                                                           "credentials": [{"type": "password", "value": p, "temporary": False}]}]}))
    f("jenkins-casc", "jenkins.yaml", lambda p: ["jenkins:", "  securityRealm:", "    local:", "      users:", '        - id: "admin"', f'          password: "{p}"'])
    f("traefik-dashboard", "traefik/dynamic.yml", lambda p: ["http:", "  middlewares:", "    ldap:", "      plugin:", "        ldapAuth:",
                                                             "          bindDN: cn=traefik,dc=acme,dc=io", f"          bindPassword: {p}"], pw_plain)
    f("haproxy-userlist", "haproxy.cfg", lambda p: ["userlist stats_users", f"    user admin insecure-password {p}"], pw_plain)
    f("postfix-sasl", "postfix/sasl_passwd", lambda p: [f"[smtp.acme.io]:587 relay@acme.io:{p}"], pw_plain)
    f("dovecot-passwd", "dovecot/users", lambda p: [f"alerts@acme.io:{{PLAIN}}{p}"], pw_plain)
    f("samba-smbpasswd-script", "add-share-user.sh", lambda p: [f"(echo '{p}'; echo '{p}') | smbpasswd -s -a scanner"])
    f("asterisk-sip", "asterisk/pjsip.conf", lambda p: ["[trunk-auth]", "type=auth", "auth_type=userpass", "username=acme-trunk", f"password={p}"], pw_plain)
    f("freeradius-client", "raddb/clients.conf", lambda p: ["client ap-floor2 {", "    ipaddr = 10.20.0.0/24", f"    secret = {p}", "}"], pw_plain)
    f("mosquitto-bridge", "mosquitto/conf.d/bridge.conf", lambda p: ["connection cloud-bridge", "address mqtt.acme.io:8883", "remote_username edge-01",
                                                                     f"remote_password {p}"], pw_plain)
    f("nut-upsd-users", "nut/upsd.users", lambda p: ["[monuser]", f"    password = {p}", "    upsmon primary"], pw_plain)
    f("zabbix-agent-psk-less", "zabbix_agentd.d/mysql.conf", lambda p: [f"UserParameter=mysql.ping,HOME=/var/lib/zabbix mysqladmin -uzbx_monitor -p'{p}' ping"])
    f("rabbitmq-definitions", "definitions.json", lambda p: jlines({"users": [{"name": "orders", "password": p, "tags": ""}]}))
    f("activemq-users", "conf/users.properties", lambda p: [f"admin={p}"], pw_plain)
    f("couchdb-ini", "couchdb/local.ini", lambda p: ["[admins]", f"admin = {p}"], pw_plain)
    f("squid-cache-peer", "squid.conf", lambda p: [f"cache_peer proxy.upstream.net parent 3128 0 no-query login=acme:{p}"], pw_plain)
    f("influx-cli-config", ".influxdbv2/configs", lambda p: ["[default]", '  url = "https://influx.acme.io"', '  username = "grafana"', f'  password = "{p}"'])
    f("netplan-wifi", "netplan/50-wifi.yaml", lambda p: ["network:", "  wifis:", "    wlan0:", "      access-points:", '        "acme-office":',
                                                         f'          password: "{p}"'])
    f("wpa-supplicant", "wpa_supplicant.conf", lambda p: ["network={", '    ssid="acme-warehouse"', f'    psk="{p}"', "}"])
    f("nm-connection", "NetworkManager/system-connections/corp.nmconnection", lambda p: ["[wifi-security]", "key-mgmt=wpa-psk", f"psk={p}"], pw_plain)
    f("docker-swarm-compose-literal", "stack.yml", lambda p: ["services:", "  grafana:", "    image: grafana/grafana:11.0.0", "    environment:",
                                                              f"      - GF_SECURITY_ADMIN_PASSWORD={p}"], pw_plain)
    f("vagrant-winrm", "Vagrantfile", lambda p: ['config.winrm.username = "vagrant-admin"', f'config.winrm.password = "{p}"'])
    f("packer-winrm", "windows.pkr.hcl", lambda p: ['source "vsphere-iso" "win" {', '  communicator   = "winrm"', '  winrm_username = "Administrator"',
                                                    f'  winrm_password = "{p}"', "}"])
    f("cloud-init-chpasswd", "user-data", lambda p: ["#cloud-config", "chpasswd:", "  expire: false", "  users:", "    - name: ubuntu", f"      password: {p}",
                                                     "      type: text"], pw_plain)
    f("kickstart-rootpw", "ks.cfg", lambda p: [f"rootpw --plaintext {p}", "user --name=ops --groups=wheel"], pw_plain)
    f("preseed", "preseed.cfg", lambda p: ["d-i passwd/root-login boolean true", f"d-i passwd/root-password password {p}",
                                           f"d-i passwd/root-password-again password {p}"], pw_plain)
    f("unattend-xml", "autounattend.xml", lambda p: ["<AdministratorPassword>", f"  <Value>{p}</Value>", "  <PlainText>true</PlainText>",
                                                     "</AdministratorPassword>"])
    f("ipmi-script", "bmc.sh", lambda p: [f"ipmitool -I lanplus -H 10.0.9.21 -U ADMIN -P '{p}' chassis power status"])
    f("sap-rfc", "sapnwrfc.cfg", lambda p: ["ashost=sap01.acme.internal", "sysnr=00", "client=100", "user=RFC_SYNC", f"passwd={p}"], pw_plain)
    f("mqtt-paho", "sensor.py", lambda p: ["client = mqtt.Client()", f'client.username_pw_set("sensor-7", "{p}")', 'client.connect("mqtt.acme.io", 8883)'])
    f("py-imaplib", "fetch_mail.py", lambda p: ['imap = imaplib.IMAP4_SSL("imap.acme.io")', f'imap.login("reports@acme.io", "{p}")'])
    f("py-pysftp", "upload.py", lambda p: [f'with pysftp.Connection("sftp.partner.net", username="acme", password="{p}") as sftp:',
                                           '    sftp.put("export.csv")'])
    f("py-pika", "consumer.py", lambda p: [f'creds = pika.PlainCredentials("orders", "{p}")',
                                           'params = pika.ConnectionParameters("rabbit.acme.internal", 5672, "/", creds)'])
    f("py-winrm", "remote.py", lambda p: [f"s = winrm.Session('win01.acme.internal', auth=('ACME\\\\svc_deploy', '{p}'))"])
    f("node-ssh2", "deploy.js", lambda p: ["conn.connect({", "  host: 'app01.acme.internal',", "  username: 'deploy',", f"  password: '{p}',", "});"])
    f("node-ioredis", "cache.js", lambda p: [f"const redis = new Redis({{ host: 'cache.acme.internal', port: 6379, password: '{p}' }});"])
    f("node-mssql", "report.js", lambda p: ["const pool = await sql.connect({", "  server: 'sql01.acme.internal',", "  user: 'report',",
                                            f"  password: '{p}',", "  database: 'Reports',", "});"])
    f("go-ftp-login", "ftp.go", lambda p: ['c, _ := ftp.Dial("ftp.partner.net:21")', f'err = c.Login("acme", "{p}")'])
    f("go-ldap-bind", "ldap.go", lambda p: [f'err = l.Bind("cn=reader,dc=acme,dc=io", "{p}")'])
    f("java-mail-auth", "Mailer.java", lambda p: ["Session session = Session.getInstance(props, new Authenticator() {",
                                                  f'    protected PasswordAuthentication getPasswordAuthentication() {{ return new PasswordAuthentication("noreply@acme.io", "{p}"); }}',
                                                  "});"])
    f("kotlin-datasource", "DataSource.kt", lambda p: ["val ds = HikariDataSource().apply {", '    username = "orders"', f'    password = "{p}"', "}"])
    f("csharp-smtpclient", "Mail.cs", lambda p: [f'smtp.Credentials = new NetworkCredential("alerts@acme.io", "{p}");'])
    f("php-mysqli", "db.php", lambda p: [f"$db = new mysqli('localhost', 'shop', '{p}', 'shop');"])
    f("ruby-net-ftp", "upload.rb", lambda p: [f"Net::FTP.open('ftp.partner.net', 'acme', '{p}') do |ftp|", "  ftp.putbinaryfile('export.csv')", "end"])
    f("perl-dbi", "report.pl", lambda p: [f"my $dbh = DBI->connect('dbi:Pg:dbname=shop;host=db', 'report', '{p}');"])
    # comparisons
    f("dart-compare", "lib/auth.dart", lambda p: [f"if (password == '{p}') {{", "  return grantAdmin();", "}"])
    f("php-strcmp", "admin/login.php", lambda p: [f"if (strcmp($_POST['password'], '{p}') === 0) {{", "    $_SESSION['admin'] = true;", "}"])
    f("java-equals-reversed", "AdminFilter.java", lambda p: [f'if ("{p}".equals(request.getParameter("password"))) {{', "    chain.doFilter(req, res);", "}"])
    f("lua-compare", "auth.lua", lambda p: [f'if ngx.var.arg_password == "{p}" then', "  return ngx.exit(200)", "end"])
    f("powershell-compare", "Unlock.ps1", lambda p: [f"if ($Password -eq '{p}') {{ Start-Process .\\admin.exe }}"])
    # command lines
    f("cli-mongodump", "backup.sh", lambda p: [f"mongodump --host mongo01 --username backup --password '{p}' --authenticationDatabase admin --out /backups"])
    f("cli-pg-dump-pgpassword-inline", "dump.sh", lambda p: [f"PGPASSWORD='{p}' pg_dump -h db.acme.internal -U report shop > shop.sql"])
    f("cli-mysqladmin", "healthcheck.sh", lambda p: [f"mysqladmin -h 127.0.0.1 -u monitor --password='{p}' status"])
    f("cli-rclone-obscure-less", "rclone.sh", lambda p: [f"rclone config create nas sftp host nas.acme.internal user backup pass '{p}'"])
    f("cli-openvpn-auth", "vpn-up.sh", lambda p: [f"printf 'ops\\n%s\\n' '{p}' > /etc/openvpn/auth.txt", "openvpn --config acme.ovpn --auth-user-pass /etc/openvpn/auth.txt"])
    f("cli-psexec", "deploy.cmd", lambda p: [f"psexec \\\\win02 -u ACME\\svc_deploy -p {p} cmd /c C:\\deploy\\run.bat"], pw_plain)
    f("cli-schtasks", "schedule.cmd", lambda p: [f'schtasks /create /tn "Nightly" /tr C:\\jobs\\nightly.bat /sc daily /ru ACME\\svc_jobs /rp "{p}"'])
    f("cli-runas-savecred-less", "mount.cmd", lambda p: [f"net use Z: \\\\fs01\\data /user:ACME\\svc_copy {p}"], pw_plain)
    f("cli-unzip", "extract.sh", lambda p: [f"unzip -P '{p}' delivery.zip -d /srv/incoming"])
    f("cli-openssl-pkcs12", "export-p12.sh", lambda p: [f"openssl pkcs12 -export -in cert.pem -inkey key.pem -out bundle.p12 -passout pass:{p}"], pw_plain)
    f("cli-jarsigner", "sign.sh", lambda p: [f"jarsigner -keystore release.jks -storepass '{p}' app.apk release"])
    f("cli-lftp", "mirror.sh", lambda p: [f"lftp -u 'acme,{p}' sftp://sftp.partner.net -e 'mirror --reverse out/ in/; quit'"])
    f("cli-influx-setup", "init-influx.sh", lambda p: [f"influx setup --username admin --password '{p}' --org acme --bucket metrics --force"])
    # SQL
    f("sql-mssql-create-login", "create_login.sql", lambda p: [f"CREATE LOGIN etl_reader WITH PASSWORD = N'{p}', CHECK_POLICY = OFF;"])
    f("sql-vertica-user", "vertica/users.sql", lambda p: [f"CREATE USER dbt IDENTIFIED BY '{p}';"])
    f("sql-cypher-user", "neo4j/init.cypher", lambda p: [f"CREATE USER reporter SET PASSWORD '{p}' CHANGE NOT REQUIRED;"])
    f("sql-plsql-connect", "deploy.sql", lambda p: [f"CONNECT app_owner/{p}@ERPPDB"], pw_plain)
    f("sql-redshift-user", "redshift/users.sql", lambda p: [f"CREATE USER looker PASSWORD '{p}';"])
    return F


PASSWORD_FORMS = _password_forms()


# --- connection strings ---------------------------------------------------------------------------------------
def _conn_forms():
    F = []

    def f(form, name, build, enc=True):
        F.append((form, name, build, enc))

    # URIs (the password percent-encoded; it holds a reserved character)
    f("uri-postgres-asyncpg", "app/settings.py", lambda q: [f'DATABASE_URL = "postgresql+asyncpg://api:{q}@pg.acme.internal:5432/api"'])
    f("uri-mysql-prisma", "prisma/.env", lambda q: [f'DATABASE_URL="mysql://prisma:{q}@mysql.acme.internal:3306/shop"'])
    f("uri-mongodb-srv-tls", "config/mongo.ts", lambda q: [f"export const MONGO = 'mongodb+srv://ingest:{q}@cluster1.x7y8z.mongodb.net/?retryWrites=true&w=majority';"])
    f("uri-redis-acl", "worker.env", lambda q: [f"CELERY_BROKER_URL=redis://worker:{q}@redis.acme.internal:6379/2"])
    f("uri-kafka-sasl", "vector.toml", lambda q: ["[sinks.kafka]", 'type = "kafka"', f'bootstrap_servers = "sasl_ssl://vector:{q}@kafka.acme.io:9093"'])
    f("uri-smtps", "config/mail.yml", lambda q: [f"smtp_url: smtps://alerts%40acme.io:{q}@smtp.acme.io:465"])
    f("uri-imap", "fetchmail.env", lambda q: [f"MAIL_SOURCE=imaps://reports:{q}@imap.acme.io:993/INBOX"])
    f("uri-ldaps", "sssd.env", lambda q: [f"LDAP_URL=ldaps://cn=reader,dc=acme,dc=io:{q}@ldap.acme.io:636"])
    f("uri-influxdb", "telegraf.env", lambda q: [f"INFLUX_URL=http://telegraf:{q}@influx.acme.internal:8086/telemetry"])
    f("uri-couchdb", "replicate.json", lambda q: jlines({"source": "https://db.acme.io/orders", "target": f"https://replicator:{q}@backup.acme.io/orders"}))
    f("uri-webdav", "rclone-webdav.sh", lambda q: [f"curl -T report.pdf https://nextcloud:{q}@cloud.acme.io/remote.php/dav/files/nextcloud/"])
    f("uri-git-https", ".gitmodules", lambda q: ['[submodule "vendor/sdk"]', "\tpath = vendor/sdk", f"\turl = https://build:{q}@git.acme.io/sdk.git"])
    f("uri-stomp", "activemq.env", lambda q: [f"BROKER_URL=stomp+ssl://orders:{q}@mq.acme.io:61614"])
    f("uri-mssql-go", "internal/db/dsn.go", lambda q: [f'const dsn = "sqlserver://report:{q}@sql01.acme.internal:1433?database=Reports"'])
    # JDBC
    f("jdbc-postgres-props", "flyway.conf", lambda p: ["flyway.url=jdbc:postgresql://db.acme.internal:5432/shop", "flyway.user=flyway", f"flyway.password={p}"], False)
    f("jdbc-sqlserver-inline", "liquibase.properties", lambda p: [f"url: jdbc:sqlserver://sql01:1433;databaseName=Orders;user=liquibase;password={p};encrypt=true"], False)
    f("jdbc-oracle-userpass", "datasource.groovy", lambda p: [f'url = "jdbc:oracle:thin:erp_app/{p}@//db-ora.acme.internal:1521/ERPPDB"'], False)
    f("jdbc-vertica", "tableau.properties", lambda p: [f"jdbc.url=jdbc:vertica://vertica.acme.internal:5433/dw?user=tableau&password={p}"], False)
    # ODBC / OLE DB
    f("odbc-dotnet-odbcconnection", "Legacy.cs", lambda p: [f'var cn = new OdbcConnection("Driver={{ODBC Driver 18 for SQL Server}};Server=sql02;Database=Legacy;Uid=legacy_ro;Pwd={p};");'], False)
    f("odbc-php", "report.php", lambda p: [f"$conn = odbc_connect('Driver={{PostgreSQL Unicode}};Server=db;Database=shop;', 'report', '{p}');"], False)
    f("oledb-excel-connection", "Refresh.vba", lambda p: [f'conn = "Provider=MSOLEDBSQL;Server=sql01;Database=Finance;UID=excel_rw;PWD={p};"'], False)
    # ADO.NET
    f("adonet-mysqlconnector", "appsettings.Production.json", lambda p: jlines({"ConnectionStrings": {"Shop": f"Server=mysql01;Port=3306;Database=shop;Uid=shop_app;Pwd={p};SslMode=Required"}}), False)
    f("adonet-npgsql-env", "docker-compose.override.yml", lambda p: ["services:", "  api:", "    environment:",
                                                                      f'      ConnectionStrings__Default: "Host=db;Database=api;Username=api;Password={p}"'], False)
    f("adonet-sqlclient-fsharp", "Db.fs", lambda p: [f'let connStr = "Data Source=sql01;Initial Catalog=Ledger;User ID=ledger;Password={p};TrustServerCertificate=True"'], False)
    f("adonet-oracle-odp", "OracleRepo.cs", lambda p: [f'using var con = new OracleConnection("User Id=inv_app;Password={p};Data Source=//db-ora:1521/INVPDB");'], False)
    f("adonet-powerbi-dsn", "refresh.ps1", lambda p: [f'$cs = "Data Source=tcp:acme-dw.database.windows.net;Initial Catalog=dw;User ID=pbi;Password={p};"'], False)
    # Kafka / others
    f("kafka-plain-jaas", "kafka/client-ssl.properties", lambda p: ["sasl.mechanism=PLAIN",
                                                                   f'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="KHQ2XN7Y" password="{p}";'], False)
    f("cassandra-cqlshrc", ".cassandra/cqlshrc", lambda p: ["[authentication]", "username = cass_app", f"password = {p}"], False)
    return F


CONN_FORMS = _conn_forms()


# --- basic auth -------------------------------------------------------------------------------------------
def _basic_forms():
    F = []

    def f(form, name, build, mk):
        F.append((form, name, build, mk))

    url = lambda rng: quote(pw_reserved(rng), safe="")  # noqa: E731
    hdr = lambda user: (lambda rng: b64(f"{user}:{pw(rng)}".encode()))  # noqa: E731
    f("pip-conf-index", "pip.conf", lambda m: ["[global]", f"index-url = https://ci:{m}@nexus.acme.io/repository/pypi/simple"], url)
    f("cargo-registry-url", ".cargo/config.toml", lambda m: ["[registries.acme]", f'index = "sparse+https://cargo:{m}@crates.acme.io/index/"'], url)
    f("helm-repo-url", "Chart.yaml", lambda m: ["dependencies:", "  - name: common", "    version: 2.x", f"    repository: https://helm:{m}@charts.acme.io/stable"], url)
    f("maven-mirror-url", "settings.gradle", lambda m: ["dependencyResolutionManagement {", "  repositories {", f"    maven {{ url 'https://gradle:{m}@repo.acme.io/maven2' }}",
                                                        "  }", "}"], url)
    f("bundler-config", ".bundle/config", lambda m: ["---", f'BUNDLE_GEMS__ACME__IO: "deploy:{m}"'], pw)
    f("poetry-http-basic", "poetry.toml", lambda m: ["[http-basic.acme]", 'username = "ci"', f'password = "{m}"'], pw)
    f("traefik-basicauth-header", "traefik/upstream.yml", lambda m: ["http:", "  middlewares:", "    legacy-auth:", "      headers:",
                                                                      "        customRequestHeaders:", f'          Authorization: "Basic {m}"'], hdr("legacy"))
    f("caddy-header-up", "Caddyfile", lambda m: ["reverse_proxy https://legacy.acme.internal {", f'    header_up Authorization "Basic {m}"', "}"], hdr("caddy"))
    f("prometheus-remote-write", "prometheus.yml", lambda m: ["remote_write:", "  - url: https://mimir.acme.io/api/v1/push", "    basic_auth:",
                                                              "      username: tenant-7", f"      password: {m}"], pw_plain)
    f("fluentbit-es", "fluent-bit.conf", lambda m: ["[OUTPUT]", "    Name es", "    Host es.acme.internal", "    HTTP_User fluentbit", f"    HTTP_Passwd {m}"], pw_plain)
    f("curl-config-user", ".curlrc", lambda m: [f'user = "ci:{m}"'], pw)
    f("ws-url-credentials", "src/feed.ts", lambda m: [f"const ws = new WebSocket('wss://feed:{m}@stream.acme.io/v1');"], url)
    return F


BASIC_FORMS = _basic_forms()


# --- JWTs as bearer tokens -----------------------------------------------------------------------------------
def api_jwt(rng, alg):
    t = 1700000000 + rng.randrange(0, 40000000)
    claims = {"sub": uuid4(rng), "iss": rng.choice(["https://id.acme.io/", "https://sso.acme.io/realms/main", "https://acme.us.auth0.com/"]),
              "aud": rng.choice(["inventory-api", "payments", "https://api.acme.io"]), "iat": t,
              "exp": t + rng.choice([86400 * 365, 86400 * 3650]), "scope": rng.choice(["inventory:read", "admin:all", "payments:write"])}
    if rng.random() < 0.5:
        claims["tenant"] = rand(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 12)
    return jwt(rng, claims, alg)


JWT_FORMS = [
    ("http-file", "requests/inventory.http", lambda t: ["GET https://api.acme.io/v1/inventory", f"Authorization: Bearer {t}"]),
    ("thunder-client", "thunder-tests/env.json", lambda t: jlines([{"name": "prod", "data": [{"name": "token", "value": t}]}])),
    ("graphql-playground", "playground-headers.json", lambda t: jlines({"Authorization": f"Bearer {t}"})),
    ("go-test-header", "client_test.go", lambda t: [f'req.Header.Set("Authorization", "Bearer {t}")']),
    ("python-session", "sync.py", lambda t: [f'session.headers["Authorization"] = "Bearer {t}"']),
    ("signalr-access-token", "src/hub.ts", lambda t: [f"const conn = new HubConnectionBuilder().withUrl('/hub', {{ accessTokenFactory: () => '{t}' }}).build();"]),
    ("local-storage-dump", "debug/localStorage.json", lambda t: jlines({"auth.accessToken": t, "theme": "dark"})),
    ("grpc-metadata-python", "grpc_client.py", lambda t: [f'metadata = [("authorization", "Bearer {t}")]']),
    ("kubeconfig-token", ".kube/config", lambda t: ["users:", "- name: ci", "  user:", f"    token: {t}"]),
    ("env-access-token", ".env.test", lambda t: [f"ACCESS_TOKEN={t}"]),
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
