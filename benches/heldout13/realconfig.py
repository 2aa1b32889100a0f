"""Configuration formats, scripts, SQL, notebooks and documents of the real-repository half (see realrepo.py): each
function f(rng) returns a list of cases, positives and the hard negatives of the same format together.
"""

import base64
import hashlib
import json
from urllib.parse import quote

from hcommon import ALNUM, B64, HEX, LOWALNUM, UPALNUM, URLSAFE, b64, pem_armor, rand, rbytes, uuid4
import values as V
from values import chosen, token
from realrepo import (case, compose_file, conn_url, env_file, gha_file, k8s_deploy, md_file, notebook, props_file, spring_xml,
                      sql_file, subst, tf_file, url_pw)


def _s(rng):
    return V.svc(rng)


# --- .env -------------------------------------------------------------------------------------------------------
def dotenv(rng):
    out = []

    def pos(form, group, slot, marker, path=".env", shape="chosen", provider=None):
        s = _s(rng)
        out.append(case(group, form, True, "dotenv", path, env_file(rng, slot, s), marker=marker, shape=shape, provider=provider))

    def neg(form, group, slot, path=".env"):
        s = _s(rng)
        out.append(case(group, form, False, "dotenv", path, env_file(rng, slot, s)))

    p = chosen(rng, avoid=V.ENV_AVOID)
    pos("env-db-password", "r-password", [f"DB_PASSWORD={p}"], p)
    p = chosen(rng, avoid=V.ENV_AVOID)
    pos("env-mail-password", "r-password", [f'MAIL_PASSWORD="{p}"'], p, path="backend/.env")
    p = chosen(rng, avoid=V.ENV_AVOID)
    pos("env-ldap-bind", "r-password", [f"LDAP_BIND_DN=cn=svc-portal,ou=services,dc=lumen,dc=io", f"LDAP_BIND_PASSWORD={p}"], p, path=".env.production")
    p = url_pw(rng)
    pos("env-redis-url", "r-connstr", [f"REDIS_URL={conn_url(rng, 'rediss', p, 'x')}"], p, shape="uri")
    p = url_pw(rng)
    pos("env-amqp-url", "r-connstr", [f"RABBITMQ_URL={conn_url(rng, 'amqp', p, 'orders')}"], p, path="worker/.env", shape="uri")
    p = url_pw(rng)
    pos("env-database-url-mysql", "r-connstr", [f'DATABASE_URL="{conn_url(rng, "mysql", p, "shop")}"'], p, shape="uri")
    p = url_pw(rng)
    pos("env-smtp-url", "r-connstr", [f"EMAIL_URL={conn_url(rng, 'smtp', p, 'x')}"], p, shape="uri")
    k = "base64:" + b64(rbytes(rng, 32))
    pos("env-laravel-app-key", "r-signing", [f"APP_KEY={k}"], k, shape="base64", provider="laravel")
    k = token(rng, "hex64")
    pos("env-session-secret", "r-signing", [f"SESSION_SECRET={k}"], k, path="api/.env", shape="random")
    k = b64(rbytes(rng, 32))
    pos("env-nextauth-secret", "r-signing", [f"NEXTAUTH_URL=https://portal.lumen.io", f"NEXTAUTH_SECRET={k}"], k, path="web/.env.local",
        shape="base64", provider="nextauth")
    # negatives
    neg("ph-empty-value", "rn-tmpl", ["DB_PASSWORD=", "# set DB_PASSWORD in the deployment, never here"], path=".env.example")
    neg("ph-template-literal", "rn-tmpl", ["MAIL_PASSWORD=<your-smtp-password>", "REDIS_PASSWORD=changeme"], path=".env.example")
    neg("ph-env-reference", "rn-ref", ["DB_PASSWORD=${POSTGRES_PASSWORD}", "DATABASE_URL=postgres://${DB_USER}:${DB_PASSWORD}@${DB_HOST}/app"],
        path=".env.docker")
    neg("ph-laravel-empty-key", "rn-tmpl", ["APP_KEY=", "JWT_SECRET="], path=".env.example")
    neg("ph-secret-manager-uri", "rn-smref", ["DB_PASSWORD=op://Engineering/orders-db/password",
                                                "STRIPE_SECRET_KEY=op://Engineering/stripe/credential"], path=".env.tpl")
    return out


# --- Spring .properties ---------------------------------------------------------------------------------------------
def properties(rng):
    out = []
    path = "src/main/resources/application.properties"

    def pos(form, group, slot, marker, shape="chosen", p=path):
        s = _s(rng)
        out.append(case(group, form, True, "properties", p, props_file(rng, slot, s), marker=marker, shape=shape))

    def neg(form, group, slot, p=path):
        s = _s(rng)
        out.append(case(group, form, False, "properties", p, props_file(rng, slot, s)))

    v = chosen(rng, avoid="\\ ")
    pos("props-datasource-password", "r-password", [f"spring.datasource.password={v}"], v)
    v = chosen(rng, avoid="\\ ")
    pos("props-mail-password", "r-password", ["spring.mail.username=alerts@lumen.io", f"spring.mail.password={v}"], v,
        p="src/main/resources/application-prod.properties")
    v = chosen(rng, avoid="\\ ")
    pos("props-rabbitmq-password", "r-password", [f"spring.rabbitmq.password={v}"], v)
    v = chosen(rng, avoid="\\ ")
    pos("props-redis-password", "r-password", [f"spring.data.redis.password={v}"], v)
    v = token(rng, "alnum40") + token(rng, "hex32")
    pos("props-jwt-secret", "r-signing", [f"security.jwt.secret={v}", "security.jwt.expiration=86400"], v, shape="random")
    v = url_pw(rng)
    pos("props-jdbc-url-password", "r-connstr", [f"spring.datasource.url={conn_url(rng, 'jdbc-sqlserver', v, 'billing')}"], v, shape="uri")
    v = chosen(rng, avoid="\\ ")
    pos("props-ldap-password", "r-password", ["spring.ldap.urls=ldaps://ldap.lumen.io:636", "spring.ldap.username=cn=svc-app,ou=services,dc=lumen,dc=io",
                                             f"spring.ldap.password={v}"], v)
    neg("ph-env-reference", "rn-ref", ["spring.datasource.password=${DB_PASSWORD}"])
    neg("ph-env-reference-default", "rn-ref", ["spring.mail.password=${MAIL_PASSWORD:}"])
    neg("ph-jasypt-encrypted", "rn-enc", [f"spring.datasource.password=ENC({b64(rbytes(rng, 48))})"])
    neg("ph-spring-cloud-cipher", "rn-enc", [f"spring.rabbitmq.password={{cipher}}{rand(rng, HEX, 96)}"],
        p="config-repo/@svc@-prod.properties")
    s = _s(rng)
    out.append(case("rn-i18n", "ordinary-code", False, "properties", "src/main/resources/messages_fr.properties",
                    ["login.title=Connexion", "login.username=Nom d'utilisateur", "login.password=Mot de passe",
                     "login.password.forgot=Mot de passe oublié ?", "login.submit=Se connecter", "error.password.mismatch=Les mots de passe ne correspondent pas",
                     "error.password.tooShort=Le mot de passe doit contenir au moins 12 caractères", "account.token.expired=Votre session a expiré",
                     "account.apiKey.label=Clé d'API", "account.apiKey.regenerate=Régénérer la clé"]))
    neg("ordinary-code", "rn-policy", ["security.password.min-length=12", "security.password.require-digit=true",
                                       "security.password.require-symbol=true", "security.password.max-age-days=90"])
    return out


# --- INI family -----------------------------------------------------------------------------------------------------
def ini(rng):
    out = []
    p = chosen(rng, avoid=V.INI_AVOID)
    out.append(case("r-password", "ini-my-cnf", True, "ini", "deploy/mysql/my.cnf",
                    ["[mysqld]", "bind-address = 0.0.0.0", "max_connections = 300", "innodb_buffer_pool_size = 2G", "slow_query_log = 1",
                     "long_query_time = 1", "", "[client]", "user = backup", f"password = {p}", "host = 127.0.0.1", "",
                     "[mysqldump]", "single-transaction", "quick"], marker=p, shape="chosen"))
    p = url_pw(rng)
    out.append(case("r-connstr", "ini-alembic-url", True, "ini", "alembic.ini",
                    ["[alembic]", "script_location = migrations", "prepend_sys_path = .", "version_path_separator = os",
                     f"sqlalchemy.url = {conn_url(rng, 'postgres', p, 'ledger')}", "", "[loggers]", "keys = root,sqlalchemy,alembic", "",
                     "[handlers]", "keys = console", "", "[logger_root]", "level = WARN", "handlers = console"], marker=p, shape="uri"))
    p = chosen(rng, avoid=V.INI_AVOID + "{};=")
    out.append(case("r-password", "ini-odbc-pwd", True, "ini", "etc/odbc.ini",
                    ["[ODBC Data Sources]", "warehouse = ODBC Driver 18 for SQL Server", "", "[warehouse]",
                     "Driver = ODBC Driver 18 for SQL Server", "Server = sql02.internal.lumen,1433", "Database = Warehouse",
                     "UID = svc_etl", f"PWD = {p}", "Encrypt = yes", "TrustServerCertificate = no"], marker=p, shape="chosen"))
    p = chosen(rng, avoid=V.INI_AVOID)
    out.append(case("r-password", "ini-pypirc", True, "ini", ".pypirc",
                    ["[distutils]", "index-servers =", "    internal", "    pypi", "", "[internal]",
                     "repository = https://nexus.lumen.io/repository/pypi-internal/", "username = release-bot", f"password = {p}", "",
                     "[pypi]", "username = __token__"], marker=p, shape="chosen"))
    k = rand(rng, B64, 40)
    out.append(case("r-cloud", "ini-s3cfg", True, "ini", "ops/.s3cfg",
                    ["[default]", "access_key = AKIA" + rand(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16), f"secret_key = {k}",
                     "bucket_location = eu-west-1", "host_base = s3.amazonaws.com", "host_bucket = %(bucket)s.s3.amazonaws.com",
                     "use_https = True", "signature_v2 = False", "check_ssl_certificate = True", "multipart_chunk_size_mb = 64"],
                    marker=k, shape="base64", provider="aws"))
    out.append(case("rn-ref", "ph-configparser-interpolation", False, "ini", "conf/app.ini",
                    ["[DEFAULT]", "db_host = db.internal.lumen", "db_user = reporting", "", "[database]",
                     "url = postgresql://%(db_user)s:%(db_password)s@%(db_host)s/reports", "pool_size = 10", "pool_recycle = 1800", "",
                     "[server]", "port = 8000", "workers = 4"]))
    out.append(case("rn-ref", "ph-auth-file-reference", False, "ini", "pgbouncer/pgbouncer.ini",
                    ["[databases]", "ledger = host=db.internal.lumen port=5432 dbname=ledger", "", "[pgbouncer]", "listen_addr = 0.0.0.0",
                     "listen_port = 6432", "auth_type = scram-sha-256", "auth_file = /etc/pgbouncer/userlist.txt", "pool_mode = transaction",
                     "max_client_conn = 500", "default_pool_size = 20"]))
    out.append(case("rn-tmpl", "ph-template-literal", False, "ini", "deploy/mysql/my.cnf.example",
                    ["[client]", "user = backup", "password = <backup-password>", "host = 127.0.0.1", "", "[mysqldump]", "single-transaction",
                     "quick", "max_allowed_packet = 512M", "", "# copy to my.cnf and fill in the password"]))
    return out


# --- XML ------------------------------------------------------------------------------------------------------------
def xml(rng):
    out = []
    p = chosen(rng, avoid=V.XML_AVOID)
    beans = ['    <bean id="dataSource" class="com.zaxxer.hikari.HikariDataSource" destroy-method="close">',
             '        <property name="jdbcUrl" value="jdbc:postgresql://db.internal.lumen:5432/orders"/>',
             '        <property name="username" value="orders_app"/>', f'        <property name="password" value="{p}"/>',
             '        <property name="maximumPoolSize" value="12"/>', "    </bean>"]
    out.append(case("r-password", "xml-spring-bean-password", True, "xml-spring", "src/main/resources/applicationContext.xml",
                    spring_xml(rng, beans), marker=p, shape="chosen"))
    p = chosen(rng, avoid=V.XML_AVOID)
    out.append(case("r-password", "xml-maven-settings", True, "xml-maven", ".mvn/settings.xml",
                    ['<?xml version="1.0" encoding="UTF-8"?>', '<settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">', "  <mirrors>",
                     "    <mirror>", "      <id>nexus</id>", "      <mirrorOf>*</mirrorOf>", "      <url>https://nexus.lumen.io/repository/maven-public/</url>",
                     "    </mirror>", "  </mirrors>", "  <servers>", "    <server>", "      <id>nexus-releases</id>", "      <username>deployment</username>",
                     f"      <password>{p}</password>", "    </server>", "  </servers>", "</settings>"], marker=p, shape="chosen"))
    p = chosen(rng, avoid=V.XML_AVOID + ";")
    out.append(case("r-connstr", "xml-web-config-connstr", True, "xml-webconfig", "src/Lumen.Web/Web.config",
                    ['<?xml version="1.0" encoding="utf-8"?>', "<configuration>", "  <appSettings>",
                     '    <add key="webpages:Version" value="3.0.0.0" />', '    <add key="ClientValidationEnabled" value="true" />', "  </appSettings>",
                     "  <connectionStrings>",
                     f'    <add name="LumenDb" connectionString="Data Source=sql01.internal.lumen;Initial Catalog=Lumen;User ID=lumen_web;Password={p};MultipleActiveResultSets=True" providerName="System.Data.SqlClient" />',
                     "  </connectionStrings>", "  <system.web>", '    <compilation debug="false" targetFramework="4.8" />', "  </system.web>",
                     "</configuration>"], marker=p, shape="chosen"))
    p = chosen(rng, avoid=V.XML_AVOID)
    out.append(case("r-password", "xml-nuget-cleartext", True, "xml-nuget", "NuGet.Config",
                    ['<?xml version="1.0" encoding="utf-8"?>', "<configuration>", "  <packageSources>", "    <clear />",
                     '    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />',
                     '    <add key="lumen" value="https://pkgs.lumen.io/nuget/v3/index.json" />', "  </packageSources>",
                     "  <packageSourceCredentials>", "    <lumen>", '      <add key="Username" value="build-agent" />',
                     f'      <add key="ClearTextPassword" value="{p}" />', "    </lumen>", "  </packageSourceCredentials>", "</configuration>"],
                    marker=p, shape="chosen"))
    p = chosen(rng, avoid=V.XML_AVOID)
    out.append(case("r-password", "xml-tomcat-resource", True, "xml-tomcat", "src/main/webapp/META-INF/context.xml",
                    ['<?xml version="1.0" encoding="UTF-8"?>', "<Context>", "    <WatchedResource>WEB-INF/web.xml</WatchedResource>",
                     '    <Resource name="jdbc/LumenDS" auth="Container" type="javax.sql.DataSource"',
                     '              maxTotal="50" maxIdle="10" maxWaitMillis="10000"', '              username="lumen"',
                     f'              password="{p}"', '              driverClassName="com.mysql.cj.jdbc.Driver"',
                     '              url="jdbc:mysql://mysql.internal.lumen:3306/lumen"/>', "</Context>"], marker=p, shape="chosen"))
    p = chosen(rng, avoid=V.XML_AVOID)
    out.append(case("r-password", "xml-hibernate-cfg", True, "xml-hibernate", "src/main/resources/hibernate.cfg.xml",
                    ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE hibernate-configuration PUBLIC",
                     '        "-//Hibernate/Hibernate Configuration DTD 3.0//EN"', '        "http://www.hibernate.org/dtd/hibernate-configuration-3.0.dtd">',
                     "<hibernate-configuration>", "    <session-factory>",
                     '        <property name="hibernate.connection.driver_class">org.postgresql.Driver</property>',
                     '        <property name="hibernate.connection.url">jdbc:postgresql://db.internal.lumen:5432/inventory</property>',
                     '        <property name="hibernate.connection.username">inventory</property>',
                     f'        <property name="hibernate.connection.password">{p}</property>',
                     '        <property name="hibernate.dialect">org.hibernate.dialect.PostgreSQLDialect</property>', "    </session-factory>",
                     "</hibernate-configuration>"], marker=p, shape="chosen"))
    p = chosen(rng, avoid=V.XML_AVOID)
    out.append(case("r-password", "xml-log4j2-smtp", True, "xml-log4j", "src/main/resources/log4j2.xml",
                    ['<?xml version="1.0" encoding="UTF-8"?>', '<Configuration status="WARN">', "  <Appenders>",
                     '    <Console name="Console" target="SYSTEM_OUT">', '      <PatternLayout pattern="%d %-5level %logger{36} - %msg%n"/>',
                     "    </Console>", '    <SMTP name="Mail" subject="[orders] error" to="oncall@lumen.io" from="alerts@lumen.io"',
                     f'          smtpHost="smtp.lumen.io" smtpPort="587" smtpUsername="alerts@lumen.io" smtpPassword="{p}" bufferSize="50"/>',
                     "  </Appenders>", "  <Loggers>", '    <Root level="info">', '      <AppenderRef ref="Console"/>', '      <AppenderRef ref="Mail"/>',
                     "    </Root>", "  </Loggers>", "</Configuration>"], marker=p, shape="chosen"))
    # negatives
    out.append(case("rn-i18n", "ordinary-code", False, "xml-android", "app/src/main/res/values-de/strings.xml",
                    ['<?xml version="1.0" encoding="utf-8"?>', "<resources>", '    <string name="app_name">Lumen</string>',
                     '    <string name="login_email">E-Mail-Adresse</string>', '    <string name="password">Passwort</string>',
                     '    <string name="password_hint">Mindestens 12 Zeichen</string>', '    <string name="forgot_password">Passwort vergessen?</string>',
                     '    <string name="api_token">API-Token</string>', '    <string name="error_wrong_password">Falsches Passwort</string>',
                     '    <string name="sign_in">Anmelden</string>', "</resources>"]))
    out.append(case("rn-ref", "ph-maven-env-property", False, "xml-maven", "pom.xml",
                    ['<?xml version="1.0" encoding="UTF-8"?>', '<project xmlns="http://maven.apache.org/POM/4.0.0">', "  <modelVersion>4.0.0</modelVersion>",
                     "  <groupId>io.lumen</groupId>", "  <artifactId>inventory</artifactId>", "  <version>3.2.0</version>", "  <build>", "    <plugins>",
                     "      <plugin>", "        <groupId>org.flywaydb</groupId>", "        <artifactId>flyway-maven-plugin</artifactId>",
                     "        <configuration>", "          <url>jdbc:postgresql://db.internal.lumen:5432/inventory</url>", "          <user>inventory</user>",
                     "          <password>${env.FLYWAY_PASSWORD}</password>", "        </configuration>", "      </plugin>", "    </plugins>",
                     "  </build>", "</project>"]))
    out.append(case("rn-enc", "ph-maven-encrypted", False, "xml-maven", "ci/settings.xml",
                    ['<?xml version="1.0" encoding="UTF-8"?>', '<settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">', "  <servers>",
                     "    <server>", "      <id>nexus-releases</id>", "      <username>deployment</username>",
                     "      <password>{" + b64(rbytes(rng, 33)) + "}</password>", "    </server>", "  </servers>", "  <profiles>",
                     "    <profile>", "      <id>ci</id>", "    </profile>", "  </profiles>", "</settings>"]))
    out.append(case("rn-ref", "ph-integrated-security", False, "xml-webconfig", "src/Lumen.Admin/Web.config",
                    ['<?xml version="1.0" encoding="utf-8"?>', "<configuration>", "  <connectionStrings>",
                     '    <add name="Admin" connectionString="Data Source=sql01.internal.lumen;Initial Catalog=Admin;Integrated Security=SSPI;" providerName="System.Data.SqlClient" />',
                     "  </connectionStrings>", "  <system.web>", '    <authentication mode="Windows" />', '    <compilation debug="false" targetFramework="4.8" />',
                     "  </system.web>", "</configuration>"]))
    beans = ['    <context:property-placeholder location="classpath:db.properties"/>', "",
             '    <bean id="dataSource" class="com.zaxxer.hikari.HikariDataSource">', '        <property name="jdbcUrl" value="${db.url}"/>',
             '        <property name="username" value="${db.user}"/>', '        <property name="password" value="${db.password}"/>', "    </bean>"]
    out.append(case("rn-ref", "ph-spring-placeholder", False, "xml-spring", "src/main/resources/datasource.xml", spring_xml(rng, beans)))
    return out


# --- Kubernetes ----------------------------------------------------------------------------------------------------
def kubernetes(rng):
    out = []
    p = chosen(rng, avoid=V.YAML_AVOID)
    out.append(case("r-password", "k8s-secret-stringdata", True, "k8s", "k8s/base/db-secret.yaml",
                    ["apiVersion: v1", "kind: Secret", "metadata:", "  name: orders-db", "  namespace: orders", "  labels:",
                     "    app.kubernetes.io/part-of: orders", "type: Opaque", "stringData:", "  username: orders_app", f'  password: "{p}"',
                     "  host: db.internal.lumen", "  port: \"5432\""], marker=p, shape="chosen"))
    p = chosen(rng, avoid="")
    enc = b64(p.encode())
    out.append(case("r-password", "k8s-secret-data-base64", True, "k8s", "deploy/redis-auth.yaml",
                    ["apiVersion: v1", "kind: Secret", "metadata:", "  name: redis-auth", "  namespace: cache", "  annotations:",
                     "    owner: platform-team", "type: Opaque", "data:", f"  username: {b64(b'default')}", f"  password: {enc}"],
                    marker=enc, shape="base64-of-chosen"))
    p = chosen(rng, avoid=V.YAML_AVOID)
    out.append(case("r-password", "k8s-env-literal", True, "k8s", "deploy/reports/deployment.yaml",
                    k8s_deploy("reports", ["            - name: DB_USER", "              value: reports", "            - name: DB_PASSWORD",
                                           f'              value: "{p}"']), marker=p, shape="chosen"))
    p = url_pw(rng)
    out.append(case("r-connstr", "k8s-configmap-url", True, "k8s", "deploy/ledger/configmap.yaml",
                    ["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: ledger-config", "  namespace: ledger", "data:",
                     "  LOG_LEVEL: info", "  HTTP_PORT: \"8080\"", f"  DATABASE_URL: {conn_url(rng, 'postgres', p, 'ledger')}",
                     "  FEATURE_FLAGS: batch-export,new-ui"], marker=p, shape="uri"))
    # negatives
    out.append(case("rn-ref", "ph-secret-key-ref", False, "k8s", "deploy/api/deployment.yaml",
                    k8s_deploy("api", ["            - name: DB_PASSWORD", "              valueFrom:", "                secretKeyRef:",
                                       "                  name: api-db", "                  key: password"])))
    out.append(case("rn-smref", "ph-external-secret", False, "k8s", "deploy/api/external-secret.yaml",
                    ["apiVersion: external-secrets.io/v1beta1", "kind: ExternalSecret", "metadata:", "  name: api-db", "spec:",
                     "  refreshInterval: 1h", "  secretStoreRef:", "    name: aws-secrets-manager", "    kind: ClusterSecretStore", "  target:",
                     "    name: api-db", "  data:", "    - secretKey: password", "      remoteRef:", "        key: prod/api/db",
                     "        property: password"]))
    out.append(case("rn-enc", "ph-sealed-secret", False, "k8s", "deploy/api/sealed-db.yaml",
                    ["apiVersion: bitnami.com/v1alpha1", "kind: SealedSecret", "metadata:", "  name: api-db", "  namespace: api", "spec:",
                     "  encryptedData:", f"    password: {b64(rbytes(rng, 180))}", f"    username: {b64(rbytes(rng, 140))}", "  template:",
                     "    metadata:", "      name: api-db"]))
    iv, tag = b64(rbytes(rng, 32)), b64(rbytes(rng, 16))
    out.append(case("rn-enc", "ph-sops-encrypted", False, "k8s", "deploy/prod/secrets.enc.yaml",
                    ["apiVersion: v1", "kind: Secret", "metadata:", "  name: payments-db", "type: Opaque", "stringData:",
                     f"  password: ENC[AES256_GCM,data:{b64(rbytes(rng, 18))},iv:{iv},tag:{tag},type:str]", "sops:", "  kms:",
                     "    - arn: arn:aws:kms:eu-west-1:123456789012:key/" + uuid4(rng), f"      created_at: \"2025-02-11T10:04:51Z\"",
                     f"      enc: {b64(rbytes(rng, 150))}", "  lastmodified: \"2025-02-11T10:04:52Z\"", f"  mac: ENC[AES256_GCM,data:{b64(rbytes(rng, 32))},iv:{b64(rbytes(rng, 32))},tag:{b64(rbytes(rng, 16))},type:str]",
                     "  version: 3.9.0"]))
    from keys import cert_lines
    out.append(case("rn-pub", "id-ca-certificate", False, "k8s", "deploy/base/ca-bundle.yaml",
                    ["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: internal-ca", "data:", "  ca.crt: |"] +
                    ["    " + ln for ln in cert_lines(rng, "Lumen Internal Root CA")]))
    return out


# --- docker-compose -------------------------------------------------------------------------------------------------
def compose(rng):
    out = []
    s = _s(rng)
    p = chosen(rng, avoid=V.YAML_AVOID)
    out.append(case("r-password", "compose-postgres-password", True, "compose", "docker-compose.yml",
                    compose_file(rng, "db", [f"      POSTGRES_PASSWORD: \"{p}\""], s), marker=p, shape="chosen"))
    p = chosen(rng, avoid=V.YAML_AVOID)
    out.append(case("r-password", "compose-mysql-root", True, "compose", "docker-compose.prod.yml",
                    compose_file(rng, "mysql", [f"      MYSQL_ROOT_PASSWORD: '{p}'", "      MYSQL_USER: @svc@".replace("@svc@", s)], s),
                    marker=p, shape="chosen"))
    p = chosen(rng, avoid=V.YAML_AVOID)
    out.append(case("r-password", "compose-rabbitmq-pass", True, "compose", "compose.yaml",
                    compose_file(rng, "mq", [f"      RABBITMQ_DEFAULT_PASS: \"{p}\""], s), marker=p, shape="chosen"))
    p = url_pw(rng)
    out.append(case("r-connstr", "compose-app-database-url", True, "compose", "docker-compose.staging.yml",
                    compose_file(rng, "app", [f"      DATABASE_URL: {conn_url(rng, 'postgres', p, s)}"], s), marker=p, shape="uri"))
    out.append(case("rn-ref", "ph-compose-interpolation", False, "compose", "docker-compose.yml",
                    compose_file(rng, "db", ["      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set it in .env}"], s)))
    out.append(case("rn-ref", "ph-compose-password-file", False, "compose", "docker-compose.yml",
                    compose_file(rng, "db", ["      POSTGRES_PASSWORD_FILE: /run/secrets/db_password"], s) +
                    ["", "secrets:", "  db_password:", "    file: ./secrets/db_password.txt"]))
    out.append(case("rn-weak", "ph-local-default-credentials", False, "compose", "docker-compose.dev.yml",
                    compose_file(rng, "db", ["      POSTGRES_PASSWORD: postgres"], s)))
    out.append(case("rn-weak", "ph-local-default-credentials", False, "compose", "docker-compose.test.yml",
                    compose_file(rng, "mq", ["      RABBITMQ_DEFAULT_PASS: guest"], s)))
    return out


# --- GitHub Actions -------------------------------------------------------------------------------------------------------
def github_actions(rng):
    out = []
    p = chosen(rng, avoid=V.YAML_AVOID)
    out.append(case("r-password", "gha-env-literal", True, "gha", ".github/workflows/deploy.yml",
                    gha_file(rng, ["      REGISTRY_USER: ci-bot", f"      REGISTRY_PASSWORD: \"{p}\""],
                             ["      - run: echo \"$REGISTRY_PASSWORD\" | docker login registry.lumen.io -u \"$REGISTRY_USER\" --password-stdin"]),
                    marker=p, shape="chosen"))
    p = chosen(rng, avoid=V.SHELL_AVOID + ":@")
    out.append(case("r-basicauth", "gha-curl-user", True, "gha", ".github/workflows/notify.yml",
                    gha_file(rng, [], ["      - name: Notify release API",
                                       f"        run: curl -sS -u release-bot:{p} -X POST https://releases.lumen.io/api/builds -d ref=${{{{ github.sha }}}}"]),
                    marker=p, shape="chosen"))
    p = chosen(rng, avoid=V.SHELL_AVOID)
    out.append(case("r-password", "gha-docker-login-p", True, "gha", ".github/workflows/images.yml",
                    gha_file(rng, [], ["      - name: Log in to Harbor", f"        run: docker login harbor.lumen.io -u robot-ci -p '{p}'",
                                       "      - run: docker push harbor.lumen.io/apps/web:${{ github.sha }}"]), marker=p, shape="chosen"))
    out.append(case("rn-ref", "ph-gha-secrets-context", False, "gha", ".github/workflows/deploy.yml",
                    gha_file(rng, ["      REGISTRY_PASSWORD: ${{ secrets.REGISTRY_PASSWORD }}", "      DB_URL: ${{ secrets.STAGING_DB_URL }}"], [])))
    out.append(case("rn-ref", "ph-gha-login-action", False, "gha", ".github/workflows/images.yml",
                    gha_file(rng, [], ["      - uses: docker/login-action@v3", "        with:", "          registry: ghcr.io",
                                       "          username: ${{ github.actor }}", "          password: ${{ secrets.GITHUB_TOKEN }}"])))
    out.append(case("rn-weak", "ph-local-default-credentials", False, "gha", ".github/workflows/ci.yml",
                    ["name: ci", "on: [pull_request]", "jobs:", "  test:", "    runs-on: ubuntu-latest", "    services:", "      postgres:",
                     "        image: postgres:16", "        env:", "          POSTGRES_USER: postgres", "          POSTGRES_PASSWORD: postgres",
                     "        ports: ['5432:5432']", "    steps:", "      - uses: actions/checkout@v4", "      - run: make test",
                     "        env:", "          DATABASE_URL: postgres://postgres:postgres@localhost:5432/postgres"]))
    shas = [V.sha1hex(rng) for _ in range(3)]
    out.append(case("rn-hash", "id-pinned-action-sha", False, "gha", ".github/workflows/release.yml",
                    ["name: release", "on:", "  push:", "    tags: ['v*']", "jobs:", "  release:", "    runs-on: ubuntu-latest", "    steps:",
                     f"      - uses: actions/checkout@{shas[0]} # v4.2.2", f"      - uses: actions/setup-go@{shas[1]} # v5.4.0",
                     "        with:", "          go-version-file: go.mod", f"      - uses: goreleaser/goreleaser-action@{shas[2]} # v6.3.0",
                     "        with:", "          args: release --clean"]))
    return out


# --- Ansible ----------------------------------------------------------------------------------------------------------
def ansible(rng):
    out = []
    p = chosen(rng, avoid=V.YAML_AVOID)
    out.append(case("r-password", "ansible-inventory-password", True, "ansible", "inventories/prod/hosts.yml",
                    ["all:", "  children:", "    windows:", "      hosts:", "        win-app-01.lumen.local:", "        win-app-02.lumen.local:",
                     "      vars:", "        ansible_connection: winrm", "        ansible_winrm_transport: ntlm", "        ansible_user: svc_ansible",
                     f"        ansible_password: \"{p}\"", "    linux:", "      hosts:", "        app-[01:04].lumen.local:"], marker=p, shape="chosen"))
    p = chosen(rng, avoid=V.YAML_AVOID)
    out.append(case("r-password", "ansible-mysql-user", True, "ansible", "roles/db/tasks/users.yml",
                    ["---", "- name: Create the application database", "  community.mysql.mysql_db:", "    name: shop", "    state: present", "",
                     "- name: Create the application user", "  community.mysql.mysql_user:", "    name: shop", f"    password: \"{p}\"",
                     "    priv: 'shop.*:ALL'", "    host: '10.20.%'", "    state: present"], marker=p, shape="chosen"))
    p = chosen(rng, avoid=V.YAML_AVOID)
    out.append(case("r-password", "ansible-group-vars-smtp", True, "ansible", "group_vars/all/main.yml",
                    ["---", "timezone: Europe/Berlin", "ntp_servers:", "  - 0.de.pool.ntp.org", "  - 1.de.pool.ntp.org", "postfix_relayhost: '[smtp.lumen.io]:587'",
                     "postfix_sasl_user: relay@lumen.io", f"postfix_sasl_password: \"{p}\"", "node_exporter_version: 1.8.2", "logrotate_days: 14"],
                    marker=p, shape="chosen"))
    p = chosen(rng, avoid=V.YAML_AVOID)
    out.append(case("r-password", "ansible-become-password", True, "ansible", "host_vars/db-01.lumen.local.yml",
                    ["---", "# db-01: primary PostgreSQL node", "ansible_host: 10.20.4.11", "ansible_user: deploy", f"ansible_become_password: \"{p}\"", "postgresql_version: 16",
                     "postgresql_data_dir: /srv/pgdata", "postgresql_max_connections: 300", "backup_enabled: true", "backup_hour: 2"],
                    marker=p, shape="chosen"))
    out.append(case("rn-ref", "ph-ansible-vault-variable", False, "ansible", "group_vars/prod/main.yml",
                    ["---", "# values for the prod inventory; secrets come from vault.yml", "db_host: db.internal.lumen", "db_name: shop", "db_user: shop",
                     "db_password: \"{{ vault_db_password }}\"",
                     "smtp_password: \"{{ vault_smtp_password }}\"", "app_workers: 8", "app_port: 8080", "log_level: info"]))
    lines = ["---", "db_user: shop", "db_password: !vault |", "  $ANSIBLE_VAULT;1.1;AES256"] + ["  " + rand(rng, "0123456789", 6) + rand(rng, HEX, 74)
                                                                                              for _ in range(5)] + ["app_port: 8080", "log_level: info"]
    out.append(case("rn-enc", "ph-ansible-vault-inline", False, "ansible", "group_vars/prod/vars.yml", lines))
    out.append(case("rn-smref", "ph-ansible-lookup", False, "ansible", "roles/app/defaults/main.yml",
                    ["---", "# defaults for the app role", "app_user: shop", "app_db_password: \"{{ lookup('community.hashi_vault.hashi_vault', 'secret=kv/data/shop/db:password') }}\"",
                     "app_api_token: \"{{ lookup('amazon.aws.aws_secret', 'prod/shop/api-token') }}\"", "app_port: 8080", "app_workers: 4",
                     "app_healthcheck_path: /healthz", "app_restart_on_change: true", "app_log_level: info"]))
    from keys import ssh_host_pub
    out.append(case("rn-pub", "id-known-hosts", False, "ansible", "roles/git/tasks/main.yml",
                    ["---", "- name: Trust the git server host key", "  ansible.builtin.known_hosts:", "    name: git.lumen.io",
                     f"    key: \"git.lumen.io {ssh_host_pub(rng)}\"", "    state: present", "", "- name: Clone the deploy repository",
                     "  ansible.builtin.git:", "    repo: git@git.lumen.io:ops/deploy.git", "    dest: /srv/deploy", "    version: main"]))
    return out


# --- Helm ------------------------------------------------------------------------------------------------------------
def helm(rng):
    out = []
    p = chosen(rng, avoid=V.YAML_AVOID)
    out.append(case("r-password", "helm-values-auth-password", True, "helm", "charts/orders/values-prod.yaml",
                    ["replicaCount: 3", "image:", "  repository: registry.lumen.io/orders", "  tag: 4.1.0", "", "postgresql:", "  enabled: true",
                     "  auth:", "    username: orders", f"    password: \"{p}\"", "    database: orders", "", "resources:", "  limits:", "    memory: 1Gi"],
                    marker=p, shape="chosen"))
    p = chosen(rng, avoid=V.YAML_AVOID)
    out.append(case("r-password", "helm-values-redis", True, "helm", "deploy/helm/cache-values.yaml",
                    ["architecture: replication", "auth:", "  enabled: true", f"  password: \"{p}\"", "master:", "  persistence:", "    size: 8Gi",
                     "replica:", "  replicaCount: 2", "metrics:", "  enabled: true"], marker=p, shape="chosen"))
    out.append(case("rn-tmpl", "ph-helm-template", False, "helm", "charts/orders/templates/secret.yaml",
                    ["apiVersion: v1", "kind: Secret", "metadata:", "  name: {{ include \"orders.fullname\" . }}-db", "  labels:",
                     "    {{- include \"orders.labels\" . | nindent 4 }}", "type: Opaque", "stringData:",
                     "  password: {{ .Values.postgresql.auth.password | quote }}", "  username: {{ .Values.postgresql.auth.username | quote }}"]))
    out.append(case("rn-ref", "ph-helm-existing-secret", False, "helm", "charts/orders/values.yaml",
                    ["replicaCount: 1", "postgresql:", "  enabled: true", "  auth:", "    username: orders", "    database: orders",
                     "    existingSecret: orders-db", "    secretKeys:", "      userPasswordKey: password", "ingress:", "  enabled: false"]))
    out.append(case("rn-ordinary", "ordinary-code", False, "helm", "charts/cache/templates/secret.yaml",
                    ["{{- $existing := lookup \"v1\" \"Secret\" .Release.Namespace \"cache-auth\" }}", "apiVersion: v1", "kind: Secret", "metadata:",
                     "  name: cache-auth", "type: Opaque", "data:", "  {{- if $existing }}", "  password: {{ index $existing.data \"password\" }}",
                     "  {{- else }}", "  password: {{ randAlphaNum 24 | b64enc | quote }}", "  {{- end }}"]))
    return out


# --- Terraform ------------------------------------------------------------------------------------------------------
def terraform(rng):
    out = []
    p = chosen(rng, avoid=V.CODE_AVOID)
    out.append(case("r-password", "tf-db-instance-password", True, "terraform", "infra/rds.tf",
                    tf_file(rng, [["resource \"aws_db_instance\" \"orders\" {", "  identifier        = \"orders-prod\"", "  engine            = \"postgres\"",
                                   "  engine_version    = \"16.3\"", "  instance_class    = \"db.r6g.large\"", "  allocated_storage = 200",
                                   "  username          = \"orders_admin\"", f"  password          = \"{p}\"", "  storage_encrypted = true",
                                   "  skip_final_snapshot = false", "}"]]), marker=p, shape="chosen"))
    kid = "AKIA" + rand(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
    sk = rand(rng, B64, 40)
    out.append(case("r-cloud", "tf-aws-provider-keys", True, "terraform", "infra/providers.tf",
                    tf_file(rng, [["provider \"aws\" {", "  region     = \"eu-west-1\"", f"  access_key = \"{kid}\"", f"  secret_key = \"{sk}\"",
                                   "  default_tags {", "    tags = { team = \"platform\" }", "  }", "}"]]), marker=sk, shape="base64", provider="aws"))
    p = chosen(rng, avoid=V.CODE_AVOID)
    out.append(case("r-password", "tf-azure-vm-admin", True, "terraform", "infra/azure/vm.tf",
                    tf_file(rng, [["resource \"azurerm_windows_virtual_machine\" \"build\" {", "  name                = \"vm-build-01\"",
                                   "  resource_group_name = azurerm_resource_group.ci.name", "  location            = \"westeurope\"",
                                   "  size                = \"Standard_D4s_v5\"", "  admin_username      = \"buildadmin\"", f"  admin_password      = \"{p}\"",
                                   "  network_interface_ids = [azurerm_network_interface.build.id]", "}"]]), marker=p, shape="chosen"))
    p = chosen(rng, avoid=V.CODE_AVOID)
    out.append(case("r-password", "tf-tfvars-password", True, "terraform", "envs/prod/terraform.tfvars",
                    ["region          = \"eu-west-1\"", "environment     = \"prod\"", "vpc_cidr        = \"10.40.0.0/16\"", "instance_count  = 4",
                     "db_username     = \"ledger\"", f"db_password     = \"{p}\"", "enable_backups  = true", "backup_retention_days = 14",
                     "alarm_email     = \"oncall@lumen.io\"", "tags = {", "  cost_center = \"finance\"", "}"], marker=p, shape="chosen"))
    p = chosen(rng, avoid=V.CODE_AVOID)
    out.append(case("r-password", "tf-grafana-provider-auth", True, "terraform", "observability/providers.tf",
                    tf_file(rng, [["provider \"grafana\" {", "  url  = \"https://grafana.lumen.io\"", f"  auth = \"admin:{p}\"", "}"],
                                  ["resource \"grafana_folder\" \"platform\" {", "  title = \"Platform\"", "}"]]), marker=p, shape="chosen"))
    out.append(case("rn-ref", "ph-tf-random-password", False, "terraform", "infra/rds.tf",
                    tf_file(rng, [["resource \"random_password\" \"db\" {", "  length  = 32", "  special = true", "}"],
                                  ["resource \"aws_db_instance\" \"orders\" {", "  identifier = \"orders-prod\"", "  engine     = \"postgres\"",
                                   "  username   = \"orders_admin\"", "  password   = random_password.db.result", "}"]])))
    out.append(case("rn-ref", "ph-tf-variable", False, "terraform", "modules/db/main.tf",
                    ["variable \"db_password\" {", "  type      = string", "  sensitive = true", "}", "",
                     "resource \"aws_db_instance\" \"this\" {", "  identifier = var.name", "  engine     = \"mysql\"", "  username   = var.db_username",
                     "  password   = var.db_password", "  tags       = var.tags", "}"]))
    out.append(case("rn-smref", "ph-tf-secretsmanager-data", False, "terraform", "infra/secrets.tf",
                    tf_file(rng, [["data \"aws_secretsmanager_secret_version\" \"db\" {", "  secret_id = \"prod/orders/db\"", "}"],
                                  ["locals {", "  db_creds = jsondecode(data.aws_secretsmanager_secret_version.db.secret_string)", "}"]])))
    from keys import ssh_rsa_pub
    out.append(case("rn-pub", "id-tf-key-pair-public", False, "terraform", "infra/bastion.tf",
                    tf_file(rng, [["resource \"aws_key_pair\" \"bastion\" {", "  key_name   = \"bastion-2025\"",
                                   f"  public_key = \"{ssh_rsa_pub(rng, 'ops@lumen')}\"", "}"]])))
    out.append(case("rn-tmpl", "ph-template-literal", False, "terraform", "envs/prod/terraform.tfvars.example",
                    ["region          = \"eu-west-1\"", "environment     = \"prod\"", "db_username     = \"ledger\"", "db_password     = \"<set-me>\"",
                     "enable_backups  = true", "alarm_email     = \"oncall@lumen.io\"", "instance_count  = 2", "vpc_cidr        = \"10.40.0.0/16\"",
                     "tags = {", "  cost_center = \"finance\"", "}"]))
    out.append(case("rn-uuid", "id-azure-tenant-subscription", False, "terraform", "infra/azure/provider.tf",
                    ["provider \"azurerm\" {", "  features {}", f"  tenant_id       = \"{uuid4(rng)}\"", f"  subscription_id = \"{uuid4(rng)}\"",
                     "  use_oidc        = true", "}", "", "resource \"azurerm_resource_group\" \"ci\" {", "  name     = \"rg-ci-weu\"",
                     "  location = \"westeurope\"", "}"]))
    return out


# --- SQL -------------------------------------------------------------------------------------------------------------------
def sql(rng):
    out = []

    def pos(form, stmts, p, path):
        s = _s(rng)
        out.append(case("r-sql", form, True, "sql", path, sql_file(rng, stmts, s), marker=p, shape="chosen"))

    def neg(form, group, stmts, path):
        s = _s(rng)
        out.append(case(group, form, False, "sql", path, sql_file(rng, stmts, s)))

    p = chosen(rng, avoid="'\\")
    pos("sql-mysql-create-user", [f"CREATE USER 'reporting'@'10.20.%' IDENTIFIED BY '{p}';", "GRANT SELECT ON shop.* TO 'reporting'@'10.20.%';"],
        p, "db/migrations/V12__reporting_user.sql")
    p = chosen(rng, avoid="'\"\\ ")
    pos("sql-oracle-create-user", [f'CREATE USER etl_loader IDENTIFIED BY "{p}"', "  DEFAULT TABLESPACE users QUOTA 10G ON users;",
                                   "GRANT CREATE SESSION, CREATE TABLE TO etl_loader;"], p, "oracle/setup/01_users.sql")
    p = chosen(rng, avoid="'\\")
    pos("sql-postgres-create-role", [f"CREATE ROLE grafana_reader WITH LOGIN PASSWORD '{p}';", "GRANT pg_read_all_data TO grafana_reader;"],
        p, "migrations/0042_grafana_reader.sql")
    p = chosen(rng, avoid="'\\")
    pos("sql-mssql-create-login", [f"CREATE LOGIN svc_etl WITH PASSWORD = N'{p}', CHECK_POLICY = ON;", "GO",
                                   "CREATE USER svc_etl FOR LOGIN svc_etl;", "GO"], p, "sql/security/logins.sql")
    p = chosen(rng, avoid="'\\")
    pos("sql-alter-user", [f"ALTER USER replicator WITH PASSWORD '{p}';", "ALTER USER replicator WITH REPLICATION;"], p,
        "ops/sql/rotate_replicator.sql")
    p = chosen(rng, avoid="'\\")
    pos("sql-mysql-alter-identified", [f"ALTER USER 'app'@'%' IDENTIFIED WITH caching_sha2_password BY '{p}';", "FLUSH PRIVILEGES;"], p,
        "db/init/02-app-user.sql")
    neg("ph-sql-psql-variable", "rn-ref", ["\\set app_password `echo $APP_DB_PASSWORD`", "CREATE ROLE app WITH LOGIN PASSWORD :'app_password';"],
        "db/bootstrap.sql")
    scram = "SCRAM-SHA-256$4096:" + b64(rbytes(rng, 16)) + "$" + b64(rbytes(rng, 32)) + ":" + b64(rbytes(rng, 32))
    neg("id-scram-hash", "rn-hash", [f"CREATE ROLE metrics WITH LOGIN PASSWORD '{scram}';"], "db/roles.sql")
    neg("ph-auth-socket", "rn-ref", ["CREATE USER 'backup'@'localhost' IDENTIFIED WITH auth_socket;", "GRANT RELOAD, PROCESS ON *.* TO 'backup'@'localhost';"],
        "db/init/03-backup-user.sql")
    neg("ph-envsubst-template", "rn-tmpl", ["CREATE USER 'reporting'@'%' IDENTIFIED BY '${REPORTING_DB_PASSWORD}';",
                                            "GRANT SELECT ON shop.* TO 'reporting'@'%';"], "db/templates/reporting.sql.tpl")
    neg("id-mysql-native-hash", "rn-hash", ["CREATE USER 'legacy'@'%' IDENTIFIED WITH mysql_native_password AS '*" + rand(rng, "0123456789ABCDEF", 40) + "';"],
        "db/migrations/V3__legacy_user.sql")
    return out


# --- shell scripts (CLI flags) --------------------------------------------------------------------------------------------
def sh_wrap(rng, body, s):
    head = ["#!/usr/bin/env bash", "set -euo pipefail", "", f"STAMP=$(date +%Y%m%d-%H%M)", f"TARGET_DIR=/var/backups/{s}", 'mkdir -p "$TARGET_DIR"', "",
            "log() { echo \"[$(date -u +%T)] $*\" >&2; }", "", "log \"starting\""]
    tail = ["", 'log "done"', 'find "$TARGET_DIR" -type f -mtime +14 -delete']
    return head + body + tail


def shell_cli(rng):
    out = []

    def pos(form, body, p, path, group="r-cli", shape="chosen"):
        s = _s(rng)
        out.append(case(group, form, True, "shell", path, sh_wrap(rng, body, s), marker=p, shape=shape))

    def neg(form, group, body, path):
        s = _s(rng)
        out.append(case(group, form, False, "shell", path, sh_wrap(rng, body, s)))

    A = V.SHELL_AVOID
    p = chosen(rng, avoid=A)
    pos("cli-mysqldump-p", [f"mysqldump -h mysql.internal.lumen -u backup -p'{p}' --single-transaction shop | gzip > \"$TARGET_DIR/shop-$STAMP.sql.gz\""],
        p, "scripts/backup-mysql.sh")
    p = chosen(rng, avoid=A)
    pos("cli-pgpassword-inline", [f"PGPASSWORD='{p}' pg_dump -h db.internal.lumen -U ledger -Fc ledger > \"$TARGET_DIR/ledger-$STAMP.dump\""],
        p, "scripts/backup-ledger.sh")
    p = chosen(rng, avoid=A)
    pos("cli-sshpass", [f"sshpass -p '{p}' rsync -az -e ssh ./dist/ deploy@web-01.lumen.local:/srv/www/"], p, "deploy/push.sh")
    p = chosen(rng, avoid=A + ":@")
    pos("cli-curl-user", [f"curl -fsS -u admin:{p} -X POST \"https://jenkins.lumen.io/job/nightly/build\""], p, "ci/trigger-nightly.sh",
        group="r-basicauth")
    p = chosen(rng, avoid=A)
    pos("cli-redis-cli-a", [f"redis-cli -h cache.internal.lumen -a '{p}' --no-auth-warning BGSAVE"], p, "ops/redis-snapshot.sh")
    p = url_pw(rng)
    pos("cli-mongodump-uri", [f"mongodump --uri=\"mongodb://backup:{p}@mongo-0.lumen.local:27017/?authSource=admin\" --gzip --archive=\"$TARGET_DIR/mongo-$STAMP.gz\""],
        p, "scripts/backup-mongo.sh", group="r-connstr", shape="uri")
    p = chosen(rng, avoid=A)
    pos("cli-htpasswd-b", [f"htpasswd -b -c /etc/nginx/.htpasswd metrics '{p}'", "nginx -s reload"], p, "provision/nginx-auth.sh")
    p = chosen(rng, avoid=A)
    pos("cli-keytool-storepass", [f"keytool -importcert -noprompt -alias internal-ca -file ca.crt -keystore truststore.jks -storepass '{p}'"],
        p, "docker/build-truststore.sh")
    p = chosen(rng, avoid=A)
    pos("cli-openssl-passout", [f"openssl pkcs12 -export -in tls.crt -inkey tls.key -out bundle.p12 -passout pass:{p}"], p, "certs/make-p12.sh")
    p = chosen(rng, avoid=A + "%")
    pos("cli-smbclient-u", [f"smbclient //fs01.lumen.local/exports -U 'svc_export%{p}' -c 'prompt; mput *.csv'"], p, "jobs/upload-exports.sh")
    p = chosen(rng, avoid=A)
    pos("cli-docker-login-p", [f"docker login registry.lumen.io -u deployer -p '{p}'", "docker compose pull && docker compose up -d"], p,
        "deploy/update.sh")
    neg("ph-shell-variable", "rn-ref", ["mysqldump -h mysql.internal.lumen -u backup -p\"$MYSQL_BACKUP_PASSWORD\" shop | gzip > \"$TARGET_DIR/shop.sql.gz\""],
        "scripts/backup-mysql.sh")
    neg("ph-read-silent", "rn-ordinary", ["read -r -s -p 'Database password: ' DB_PASSWORD", "echo", "export PGPASSWORD=\"$DB_PASSWORD\"",
                                          "pg_dump -h db.internal.lumen -U ledger ledger > \"$TARGET_DIR/ledger.sql\""], "scripts/manual-dump.sh")
    neg("ph-password-stdin-file", "rn-ref", ["docker login registry.lumen.io -u deployer --password-stdin < /run/secrets/registry_password"],
        "deploy/login.sh")
    neg("id-sha256-verify", "rn-hash", [f"curl -fsSLo helm.tar.gz https://get.helm.sh/helm-v3.16.2-linux-amd64.tar.gz",
                                        f"echo \"{V.sha256hex(rng)}  helm.tar.gz\" | sha256sum -c -", "tar -xzf helm.tar.gz"], "tools/install-helm.sh")
    neg("ph-pgpassfile", "rn-ref", ["export PGPASSFILE=/etc/backup/.pgpass", "pg_dumpall -h db.internal.lumen -U postgres --globals-only > \"$TARGET_DIR/globals.sql\""],
        "scripts/backup-globals.sh")
    return out


# --- PowerShell ----------------------------------------------------------------------------------------------------------
def ps_wrap(body):
    return (["[CmdletBinding()]", "param(", "    [string]$Server = 'sql01.lumen.local'", ")", "", "$ErrorActionPreference = 'Stop'",
             "Import-Module SqlServer", "", "Write-Host \"Connecting to $Server\""] + body +
            ["", "Invoke-Sqlcmd -ServerInstance $Server -Credential $cred -Query 'SELECT @@VERSION'", "Write-Host 'done'"])


def powershell(rng):
    out = []
    p = chosen(rng, avoid="'\"$`")
    out.append(case("r-password", "ps-securestring-plaintext", True, "powershell", "ops/Invoke-Maintenance.ps1",
                    ps_wrap([f"$secure = ConvertTo-SecureString '{p}' -AsPlainText -Force",
                             "$cred = New-Object System.Management.Automation.PSCredential('LUMEN\\svc_maint', $secure)"]), marker=p, shape="chosen"))
    p = chosen(rng, avoid="'\"$`")
    out.append(case("r-password", "ps-pscredential-inline", True, "powershell", "scripts/Deploy-Web.ps1",
                    ps_wrap([f"$cred = [pscredential]::new('svc_deploy', (ConvertTo-SecureString -String '{p}' -AsPlainText -Force))"]),
                    marker=p, shape="chosen"))
    user_pw = base64.b64encode(f"svc_reports:{chosen(rng, avoid=':')}".encode()).decode()
    out.append(case("r-basicauth", "ps-basic-header", True, "powershell", "scripts/Get-Reports.ps1",
                    ps_wrap([f"$headers = @{{ Authorization = 'Basic {user_pw}' }}",
                             "$reports = Invoke-RestMethod -Uri 'https://reports.lumen.io/api/export' -Headers $headers",
                             "$cred = Get-StoredCredential -Target sql01"]), marker=user_pw, shape="base64"))
    out.append(case("rn-ordinary", "ordinary-code", False, "powershell", "ops/Invoke-Maintenance.ps1",
                    ps_wrap(["$cred = Get-Credential -Message 'SQL maintenance account'"])))
    out.append(case("rn-ref", "ph-env-reference", False, "powershell", "scripts/Deploy-Web.ps1",
                    ps_wrap(["$secure = ConvertTo-SecureString $env:DEPLOY_PASSWORD -AsPlainText -Force",
                             "$cred = [pscredential]::new('svc_deploy', $secure)"])))
    out.append(case("rn-smref", "ph-secret-manager-call", False, "powershell", "scripts/Sync-Sql.ps1",
                    ps_wrap(["$pw = Get-AzKeyVaultSecret -VaultName 'kv-lumen-prod' -Name 'sql-sync-password' -AsPlainText",
                             "$cred = [pscredential]::new('svc_sync', (ConvertTo-SecureString $pw -AsPlainText -Force))"])))
    return out


# --- Jupyter ------------------------------------------------------------------------------------------------------------
def jupyter(rng):
    out = []

    def nb(cells, marker=None, form="", group="", pos=True, shape="chosen", path="notebooks/analysis.ipynb", provider=None):
        lines = notebook(cells)
        out.append(case(group, form, pos, "jupyter", path, lines, marker=(json.dumps(marker)[1:-1] if marker else None), shape=shape,
                        provider=provider))

    intro = ("markdown", ["# Weekly revenue analysis", "", "Pulls the last 8 weeks of orders from the reporting replica."])
    imports = ("code", ["import pandas as pd", "import sqlalchemy as sa"])
    plot = ("code", ["df.groupby(pd.Grouper(key='created_at', freq='W'))['amount'].sum().plot(kind='bar')"])
    p = chosen(rng, avoid=V.CODE_AVOID)
    nb([intro, ("code", ["import pandas as pd", "import psycopg2", "conn = psycopg2.connect(host='replica.internal.lumen', dbname='shop', user='analyst',",
                                  f"                        password='{p}')", "df = pd.read_sql('SELECT * FROM orders WHERE created_at > now() - interval \\'8 weeks\\'', conn)"]),
        plot], marker=p, form="nb-psycopg2-password", group="r-password", path="notebooks/revenue.ipynb")
    p = url_pw(rng)
    nb([intro, ("code", ["import pandas as pd", "import sqlalchemy as sa", f"engine = sa.create_engine('{conn_url(rng, 'psycopg2', p, 'shop')}')", "df = pd.read_sql_table('orders', engine)"]),
        plot], marker=p, form="nb-sqlalchemy-url", group="r-connstr", shape="uri", path="analysis/orders_eda.ipynb")
    tk = token(rng, "alnum40")
    nb([("markdown", ["# Ticket export", "", "Export open tickets from the helpdesk API."]),
        ("code", ["import requests", f"HELPDESK_TOKEN = '{tk}'", "resp = requests.get('https://help.lumen.io/api/v2/tickets?status=open',",
                  "                    headers={'Authorization': f'Bearer {HELPDESK_TOKEN}'})", "tickets = resp.json()['tickets']"]),
        ("code", ["len(tickets)"])], marker=tk, form="nb-bearer-token", group="r-bearer", shape="random", path="notebooks/tickets.ipynb")
    p = chosen(rng, avoid=V.CODE_AVOID)
    nb([("markdown", ["## Warehouse snapshot"]), ("code", ["import snowflake.connector", "ctx = snowflake.connector.connect(",
                                                          "    user='ANALYTICS_SVC',", f"    password='{p}',", "    account='lumen-eu1',",
                                                          "    warehouse='REPORTING_WH',", ")"]),
        ("code", ["cur = ctx.cursor()", "cur.execute('SELECT current_version()')", "cur.fetchone()"])],
       marker=p, form="nb-snowflake-password", group="r-password", path="notebooks/warehouse.ipynb")
    nb([intro, ("code", ["import pandas as pd", "import psycopg2", "from getpass import getpass", "password = getpass('replica password: ')",
                                  "conn = psycopg2.connect(host='replica.internal.lumen', dbname='shop', user='analyst', password=password)"]), plot],
       form="ph-getpass", group="rn-ordinary", pos=False, path="notebooks/revenue.ipynb")
    nb([intro, ("code", ["import os", "import pandas as pd", "import sqlalchemy as sa", "engine = sa.create_engine(os.environ['REPLICA_URL'])", "df = pd.read_sql_table('orders', engine)"]), plot],
       form="ph-env-reference", group="rn-ref", pos=False, path="analysis/orders_eda.ipynb")
    ids = [uuid4(rng) for _ in range(3)]
    nb([("markdown", ["## Experiment assignment check"]),
        ("code", ["experiments = {", f"    'checkout-v2': '{ids[0]}',", f"    'search-ranking': '{ids[1]}',", f"    'onboarding-tips': '{ids[2]}',", "}",
                  "pd.Series(experiments)"])], form="id-uuid", group="rn-uuid", pos=False, path="notebooks/experiments.ipynb")
    return out


# --- Markdown documents ----------------------------------------------------------------------------------------------
def markdown(rng):
    out = []
    p = chosen(rng, avoid="`'\" ")
    out.append(case("r-password", "md-runbook-password", True, "markdown", "docs/runbooks/restore-ledger.md",
                    md_file(rng, "Restore the ledger database", ["1. Stop the ledger workers: `kubectl scale deploy/ledger-worker --replicas=0`",
                                                                  "2. Connect to the replica as the restore user:", "",
                                                                  "   ```sh", f"   psql \"host=replica.internal.lumen user=restore password={p} dbname=ledger\"",
                                                                  "   ```", "", "3. Run `\\i restore.sql` and check the row counts."]),
                    marker=p, shape="chosen"))
    tk = token(rng, "urlsafe43")
    out.append(case("r-bearer", "md-curl-bearer", True, "markdown", "docs/api/exports.md",
                    ["# Exports API", "", "The exports service writes CSV files to the shared bucket every night.", "", "## Trigger an export by hand", "",
                     "```sh", "curl -X POST https://exports.lumen.io/api/v1/jobs \\", f"  -H 'Authorization: Bearer {tk}' \\",
                     "  -H 'Content-Type: application/json' \\", "  -d '{\"dataset\": \"orders\", \"day\": \"2025-03-10\"}'", "```", "",
                     "The job id is returned in the `Location` header."], marker=tk, shape="random"))
    p = url_pw(rng)
    out.append(case("r-connstr", "md-connection-string", True, "markdown", "README.md",
                    ["# inventory-service", "", "Keeps stock levels for the warehouse apps.", "", "## Running locally", "",
                     "Point the service at the shared staging database:", "", "```", f"DATABASE_URL={conn_url(rng, 'postgres', p, 'inventory')}", "```", "",
                     "Then run `make run` and open http://localhost:8080/healthz."], marker=p, shape="uri"))
    out.append(case("rn-tmpl", "ph-doc-placeholder", False, "markdown", "docs/setup.md",
                    ["# Local setup", "", "1. Copy `.env.example` to `.env`.", "2. Fill in the database credentials:", "", "```",
                     "DB_USER=<your-user>", "DB_PASSWORD=<your-password>", "```", "", "3. Run `make migrate`.", "",
                     "Never commit the filled-in `.env` file."]))
    out.append(case("rn-docval", "ph-doc-example", False, "markdown", "docs/aws.md",
                    ["# AWS access", "", "The CLI reads credentials from `~/.aws/credentials`. The file looks like this (these are the example values",
                     "from the AWS documentation, not real keys):", "", "```ini", "[default]", f"aws_access_key_id = {V.AWS_DOC_ID}",
                     f"aws_secret_access_key = {V.AWS_DOC_SECRET}", "```", "", "Ask in #platform for a real key pair."]))
    out.append(case("rn-policy", "ordinary-code", False, "markdown", "docs/security/passwords.md",
                    ["# Password policy", "", "- At least 12 characters, at most 128.", "- Must not appear in the breached-password list.",
                     "- Changed after a suspected compromise, not on a schedule.", "- Service passwords live in Vault under `kv/<team>/<service>`.",
                     "", "The validation regex is `^(?=.*[a-z])(?=.*[A-Z])(?=.*\\d).{12,128}$`.", "",
                     "Reset links expire after 30 minutes; tokens are single-use."]))
    from values import jwt_io_example
    out.append(case("rn-docval", "ph-doc-example", False, "markdown", "docs/auth/jwt.md",
                    ["# Tokens", "", "Our access tokens are JWTs. To see what one contains, paste it into a decoder; for instance the",
                     "well-known sample token from jwt.io:", "", "```", jwt_io_example(), "```", "",
                     "decodes to `{\"sub\": \"1234567890\", \"name\": \"John Doe\", \"iat\": 1516239022}`."]))
    out.append(case("rn-tmpl", "ph-doc-masked", False, "markdown", "docs/incidents/2025-02-14.md",
                    ["# Incident 2025-02-14: leaked CI token", "", "## Summary", "",
                     "A CI log printed the registry token (`dckr_pat_****************************`). The token was revoked",
                     "within 20 minutes and replaced by a short-lived OIDC credential.", "", "## Follow-ups", "",
                     "- Mask registry credentials in the build logs.", "- Alert on new long-lived tokens."]))
    return out


# --- other credential files ---------------------------------------------------------------------------------------------
def credfiles(rng):
    out = []
    p = chosen(rng, avoid=" ")
    out.append(case("r-config", "netrc-password", True, "netrc", "ci/netrc",
                    ["machine api.heroku.com", "  login deploy@lumen.io", f"  password {p}", "machine git.lumen.io", "  login ci-bot",
                     f"  password {chosen(rng, avoid=' ')}", "machine nexus.lumen.io", "  login deployer", "  password ${NEXUS_PASSWORD}",
                     "", "# managed by provisioning, do not edit"], marker=p, shape="chosen"))
    p = chosen(rng, avoid=":\\ ")
    out.append(case("r-config", "pgpass-line", True, "pgpass", "ops/pgpass",
                    ["# ~/.pgpass for the backup host (mode 0600)", "# hostname:port:database:username:password", "",
                     "# primary", "db.internal.lumen:5432:ledger:ledger_ro:" + p, "", "# replica: peer auth over the VPN, no password here",
                     "replica.internal.lumen:5432:*:analyst:*", "", "# rotation: quarterly, owner platform-team",
                     "# see docs/runbooks/db-credentials.md"],
                    marker=p, shape="chosen"))
    tk = token(rng, "urlsafe43")
    out.append(case("r-config", "npmrc-auth-token", True, "npmrc", ".npmrc",
                    ["registry=https://registry.npmjs.org/", "@lumen:registry=https://npm.lumen.io/", f"//npm.lumen.io/:_authToken={tk}",
                     "always-auth=true", "save-exact=true", "engine-strict=true", "fund=false", "audit-level=high", "lockfile-version=3",
                     "prefer-offline=true"], marker=tk, shape="random"))
    auth = base64.b64encode(f"ci-bot:{chosen(rng, avoid=':')}".encode()).decode()
    out.append(case("r-config", "docker-config-auths", True, "docker-config", "ci/docker/config.json",
                    json.dumps({"auths": {"registry.lumen.io": {"auth": auth}, "https://index.docker.io/v1/": {}},
                                "credHelpers": {"123456789012.dkr.ecr.eu-west-1.amazonaws.com": "ecr-login"},
                                "psFormat": "table {{.Names}}\\t{{.Status}}", "detachKeys": "ctrl-q,ctrl-q"}, indent=2).split("\n"),
                    marker=auth, shape="base64"))
    p = url_pw(rng)
    out.append(case("r-config", "git-credentials", True, "git-credentials", "provision/files/git-credentials",
                    ["# git credential store for the jenkins agents (git config credential.helper store)", "# owner: platform-team",
                     "# rotate: 90 days", "", f"https://ci-bot:{p}@git.lumen.io", f"https://deploy:{url_pw(rng)}@gitea.lumen.local",
                     "https://github.com", "", "# github.com uses the app token helper instead", "# end of managed file"], marker=p, shape="chosen"))
    p = chosen(rng, avoid='"\\')
    out.append(case("r-config", "composer-auth-json", True, "composer", "auth.json",
                    json.dumps({"http-basic": {"repo.lumen.io": {"username": "composer", "password": p}},
                                "github-oauth": {}, "gitlab-domains": ["git.lumen.io"], "bearer": {}}, indent=4).split("\n"), marker=p, shape="chosen"))
    p = chosen(rng, avoid="\\ ")
    out.append(case("r-config", "gradle-properties", True, "gradle", "gradle.properties",
                    ["org.gradle.jvmargs=-Xmx4g -Dfile.encoding=UTF-8", "org.gradle.parallel=true", "org.gradle.caching=true",
                     "android.useAndroidX=true", "kotlin.code.style=official", "signing.keyId=" + rand(rng, "0123456789ABCDEF", 8),
                     f"signing.password={p}", "signing.secretKeyRingFile=/home/ci/.gnupg/secring.gpg", "ossrhUsername=lumen-release",
                     "VERSION_NAME=2.4.0"], marker=p, shape="chosen"))
    p = url_pw(rng)
    out.append(case("r-config", "pip-conf-index-url", True, "pip", "docker/pip.conf",
                    ["[global]", f"index-url = https://pypi-reader:{p}@nexus.lumen.io/repository/pypi-all/simple", "trusted-host = nexus.lumen.io",
                     "timeout = 60", "disable-pip-version-check = true", "", "[install]", "no-cache-dir = true", "prefer-binary = true", "",
                     "[freeze]", "all = false"], marker=p, shape="chosen"))
    p = chosen(rng, avoid="'\"\\ ")
    out.append(case("r-config", "rclone-sftp", True, "rclone", "backup/rclone.conf",
                    ["[offsite]", "type = sftp", "host = backup.partner-lumen.com", "user = lumen", "port = 22", f"pass = {p}",
                     "shell_type = unix", "md5sum_command = md5sum", "sha1sum_command = sha1sum", "", "[local]", "type = local"],
                    marker=p, shape="chosen"))
    # negatives in the same files
    out.append(case("rn-hash", "id-lockfile-integrity", False, "npm", "package-lock.json",
                    json.dumps({"name": "web", "version": "3.4.1", "lockfileVersion": 3, "requires": True, "packages": {
                        "": {"name": "web", "version": "3.4.1", "dependencies": {"left-pad": "^1.3.0"}},
                        "node_modules/left-pad": {"version": "1.3.0", "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz",
                                                  "integrity": V.sha512_sri(rng), "license": "WTFPL"}}}, indent=2).split("\n")))
    out.append(case("rn-hash", "id-yarn-lock", False, "yarn", "yarn.lock",
                    ["# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.", "# yarn lockfile v1", "", "", "ms@2.1.3:", '  version "2.1.3"',
                     f'  resolved "https://registry.yarnpkg.com/ms/-/ms-2.1.3.tgz#{V.sha1hex(rng)}"', f"  integrity {V.sha512_sri(rng)}", "",
                     "debug@^4.3.4:", '  version "4.3.7"', f'  resolved "https://registry.yarnpkg.com/debug/-/debug-4.3.7.tgz#{V.sha1hex(rng)}"',
                     f"  integrity {V.sha512_sri(rng)}", "  dependencies:", '    ms "^2.1.3"']))
    h1 = base64.b64encode(hashlib.sha256(rbytes(rng, 32)).digest()).decode()
    h2 = base64.b64encode(hashlib.sha256(rbytes(rng, 32)).digest()).decode()
    out.append(case("rn-hash", "id-go-sum", False, "go", "go.sum",
                    [f"github.com/google/uuid v1.6.0 h1:{h1}", f"github.com/google/uuid v1.6.0/go.mod h1:{h2}",
                     f"golang.org/x/sync v0.8.0 h1:{base64.b64encode(hashlib.sha256(rbytes(rng, 32)).digest()).decode()}",
                     f"golang.org/x/sync v0.8.0/go.mod h1:{base64.b64encode(hashlib.sha256(rbytes(rng, 32)).digest()).decode()}",
                     f"golang.org/x/text v0.18.0 h1:{base64.b64encode(hashlib.sha256(rbytes(rng, 32)).digest()).decode()}",
                     f"golang.org/x/text v0.18.0/go.mod h1:{base64.b64encode(hashlib.sha256(rbytes(rng, 32)).digest()).decode()}",
                     f"gopkg.in/yaml.v3 v3.0.1 h1:{base64.b64encode(hashlib.sha256(rbytes(rng, 32)).digest()).decode()}",
                     f"gopkg.in/yaml.v3 v3.0.1/go.mod h1:{base64.b64encode(hashlib.sha256(rbytes(rng, 32)).digest()).decode()}",
                     f"github.com/stretchr/testify v1.9.0 h1:{base64.b64encode(hashlib.sha256(rbytes(rng, 32)).digest()).decode()}",
                     f"github.com/stretchr/testify v1.9.0/go.mod h1:{base64.b64encode(hashlib.sha256(rbytes(rng, 32)).digest()).decode()}"]))
    out.append(case("rn-hash", "id-cargo-lock", False, "cargo", "Cargo.lock",
                    ["# This file is automatically @generated by Cargo.", "# It is not intended for manual editing.", "version = 4", "",
                     "[[package]]", 'name = "itoa"', 'version = "1.0.14"', 'source = "registry+https://github.com/rust-lang/crates.io-index"',
                     f'checksum = "{V.sha256hex(rng)}"', "", "[[package]]", 'name = "ryu"', 'version = "1.0.18"',
                     'source = "registry+https://github.com/rust-lang/crates.io-index"', f'checksum = "{V.sha256hex(rng)}"']))
    out.append(case("rn-hash", "id-pip-hashes", False, "pip", "requirements.txt",
                    ["# This file is autogenerated by pip-compile with Python 3.11", "#    pip-compile --generate-hashes requirements.in", "#",
                     "certifi==2024.8.30 \\", f"    --hash=sha256:{V.sha256hex(rng)} \\", f"    --hash=sha256:{V.sha256hex(rng)}",
                     "    # via requests", "idna==3.10 \\", f"    --hash=sha256:{V.sha256hex(rng)} \\", f"    --hash=sha256:{V.sha256hex(rng)}",
                     "    # via requests", "requests==2.32.3 \\", f"    --hash=sha256:{V.sha256hex(rng)}", "    # via -r requirements.in"]))
    out.append(case("rn-uuid", "id-sln-guids", False, "sln", "Lumen.sln",
                    ["Microsoft Visual Studio Solution File, Format Version 12.00", "# Visual Studio Version 17",
                     "VisualStudioVersion = 17.9.34728.123", "MinimumVisualStudioVersion = 10.0.40219.1",
                     f'Project("{{{uuid4(rng, upper=True)}}}") = "Lumen.Api", "src\\Lumen.Api\\Lumen.Api.csproj", "{{{uuid4(rng, upper=True)}}}"',
                     "EndProject",
                     f'Project("{{{uuid4(rng, upper=True)}}}") = "Lumen.Domain", "src\\Lumen.Domain\\Lumen.Domain.csproj", "{{{uuid4(rng, upper=True)}}}"',
                     "EndProject", "Global", "\tGlobalSection(SolutionConfigurationPlatforms) = preSolution", "\t\tDebug|Any CPU = Debug|Any CPU",
                     "\t\tRelease|Any CPU = Release|Any CPU", "\tEndGlobalSection", f"\tGlobalSection(ExtensibilityGlobals) = postSolution",
                     f"\t\tSolutionGuid = {{{uuid4(rng, upper=True)}}}", "\tEndGlobalSection", "EndGlobal"]))
    return out


def uuid4(rng, upper=False):
    from hcommon import uuid4 as u
    return u(rng, upper=upper)


# --- i18n and base64 data ------------------------------------------------------------------------------------------------
def i18n_and_data(rng):
    out = []
    out.append(case("rn-i18n", "ordinary-code", False, "json-i18n", "src/locales/fr.json",
                    json.dumps({"login": {"title": "Connexion", "email": "Adresse e-mail", "password": "Mot de passe",
                                          "passwordHint": "Au moins 12 caractères", "forgot": "Mot de passe oublié ?", "submit": "Se connecter"},
                                "settings": {"apiKey": "Clé d'API", "token": "Jeton d'accès", "secret": "Secret partagé",
                                             "regenerate": "Régénérer"}}, indent=2, ensure_ascii=False).split("\n")))
    out.append(case("rn-i18n", "ordinary-code", False, "yaml-i18n", "config/locales/es.yml",
                    ["es:", "  sessions:", "    new:", "      email: Correo electrónico", "      password: Contraseña",
                     "      password_confirmation: Confirmar contraseña", "      forgot: ¿Olvidaste tu contraseña?", "  errors:",
                     "    password_too_short: La contraseña debe tener al menos 12 caracteres", "    invalid_token: El token no es válido",
                     "  api_keys:", "    title: Claves de API", "    secret_key: Clave secreta"]))
    out.append(case("rn-i18n", "ordinary-code", False, "po", "locale/it/LC_MESSAGES/django.po",
                    ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', '"Language: it\\n"', "", "#: accounts/forms.py:31",
                     'msgid "Password"', 'msgstr "Password"', "", "#: accounts/forms.py:44", 'msgid "Enter the same password as before, for verification."',
                     'msgstr "Inserisci la stessa password di prima, per verifica."', "", "#: accounts/views.py:88", 'msgid "Your API token"',
                     'msgstr "Il tuo token API"']))
    out.append(case("rn-i18n", "ordinary-code", False, "strings", "App/Resources/ja.lproj/Localizable.strings",
                    ['/* Login screen */', '"login.title" = "ログイン";', '"login.email" = "メールアドレス";', '"login.password" = "パスワード";',
                     '"login.password.placeholder" = "12文字以上";', '"login.forgot" = "パスワードをお忘れですか？";', "", '/* Settings */',
                     '"settings.token" = "アクセストークン";', '"settings.secret" = "シークレット";', '"settings.signout" = "ログアウト";']))
    png = b64(b"\x89PNG\r\n\x1a\n" + rbytes(rng, 180))
    out.append(case("rn-b64", "id-data-uri", False, "css", "src/styles/icons.css",
                    [".icon {", "  display: inline-block;", "  width: 16px;", "  height: 16px;", "  background-size: contain;", "}", "",
                     ".icon-lock {", f"  background-image: url(\"data:image/png;base64,{png}\");", "}", "", ".icon-key {",
                     "  background-image: url(\"/static/icons/key.svg\");", "}"]))
    mp = b64(json.dumps({"version": 3, "file": "app.min.js", "sources": ["src/app.ts", "src/api.ts"], "names": [],
                         "mappings": rand(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/;,", 120)}).encode())
    out.append(case("rn-b64", "id-source-map", False, "js", "public/js/app.min.js",
                    ["\"use strict\";(()=>{var e=document.querySelector(\"#app\");e&&(e.dataset.ready=\"1\")})();",
                     "(()=>{const t=(n)=>n.trim().toLowerCase();window.slug=t})();", "(()=>{window.addEventListener(\"load\",()=>{console.debug(\"ready\")})})();",
                     "/* lumen web bundle */", "/* build 2025-03-10 */", "/* license: see LICENSES.txt */", "/* modules: app, api */", "/* size: 4.1 kB */",
                     "/* target: es2020 */", f"//# sourceMappingURL=data:application/json;charset=utf-8;base64,{mp}"]))
    cfg = b64(json.dumps({"features": {"newCheckout": True, "betaSearch": False}, "rollout": 25, "regions": ["eu", "us"]}).encode())
    out.append(case("rn-b64", "id-base64-config", False, "dotenv", ".env",
                    ["APP_ENV=production", "PORT=8080", "LOG_LEVEL=info", f"FEATURE_FLAGS_B64={cfg}", "CACHE_TTL=300", "TZ=UTC", "REGION=eu-west-1",
                     "METRICS_ENABLED=true", "WORKERS=4", "SHUTDOWN_GRACE=20s"]))
    gz = b64(b"\x1f\x8b\x08\x00" + rbytes(rng, 120))
    out.append(case("rn-b64", "id-binarydata", False, "k8s", "deploy/geoip/configmap.yaml",
                    ["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: geoip-seed", "  namespace: edge", "  labels:", "    app: geoip",
                     "binaryData:", f"  countries.csv.gz: {gz}", "data:", "  VERSION: \"2025.03\""]))
    return out


# --- build files: Dockerfile, Makefile, Jenkinsfile, cron scripts ----------------------------------------------------------
def build_files(rng):
    out = []
    p = chosen(rng, avoid=V.ENV_AVOID + "=")
    out.append(case("r-password", "dockerfile-env-literal", True, "dockerfile", "docker/worker/Dockerfile",
                    ["FROM python:3.12-slim AS base", "WORKDIR /app", "RUN apt-get update && apt-get install -y --no-install-recommends libpq5 \\",
                     "    && rm -rf /var/lib/apt/lists/*", "COPY requirements.txt .", "RUN pip install --no-cache-dir -r requirements.txt", "COPY . .",
                     "ENV DB_HOST=db.internal.lumen \\", "    DB_USER=worker \\", f"    DB_PASSWORD={p} \\", "    QUEUE=orders",
                     "USER 1001", 'CMD ["python", "-m", "worker"]'], marker=p, shape="chosen"))
    p = url_pw(rng)
    out.append(case("r-connstr", "dockerfile-pip-index-creds", True, "dockerfile", "Dockerfile",
                    ["FROM python:3.12-slim", "WORKDIR /srv", "COPY pyproject.toml poetry.lock ./",
                     f"RUN pip install --no-cache-dir --index-url https://ci-reader:{p}@nexus.lumen.io/repository/pypi-all/simple lumen-core==4.2.1",
                     "COPY src/ src/", "RUN pip install --no-cache-dir --no-deps .", "EXPOSE 8000", "HEALTHCHECK CMD curl -fs http://localhost:8000/healthz || exit 1",
                     "USER nobody", 'CMD ["gunicorn", "lumen.app:app", "-b", "0.0.0.0:8000"]'], marker=p, shape="chosen"))
    p = url_pw(rng)
    out.append(case("r-connstr", "makefile-psql-uri", True, "makefile", "Makefile",
                    [".PHONY: build test migrate seed", "", "build:", "\tgo build -o bin/api ./cmd/api", "", "test:", "\tgo test ./...", "",
                     "migrate:", "\tmigrate -path db/migrations -database \"$(DATABASE_URL)\" up", "", "seed:",
                     f"\tpsql \"postgresql://seed:{p}@staging-db.lumen.io:5432/api?sslmode=require\" -f db/seed.sql"], marker=p, shape="uri"))
    p = chosen(rng, avoid=V.SHELL_AVOID + "\"")
    out.append(case("r-cli", "jenkinsfile-docker-login", True, "groovy", "ci/Jenkinsfile.release",
                    ["pipeline {", "  agent { label 'docker' }", "  environment {", "    IMAGE = 'registry.lumen.io/api'", "  }", "  stages {",
                     "    stage('Push') {", "      steps {", f"        sh \"docker login registry.lumen.io -u release -p '{p}'\"",
                     "        sh 'docker push $IMAGE:$BUILD_NUMBER'", "      }", "    }", "  }", "}"], marker=p, shape="chosen"))
    p = chosen(rng, avoid=V.SHELL_AVOID)
    out.append(case("r-cli", "cron-wget-password", True, "shell", "cron/fetch-rates.sh",
                    ["#!/bin/sh", "# fetch the daily FX rates from the partner's SFTP mirror (HTTP basic)", "set -eu", "OUT=/var/lib/rates",
                     "mkdir -p \"$OUT\"", f"wget -q --user=lumen --password='{p}' -O \"$OUT/rates-$(date +%F).csv\" https://files.partner-lumen.com/fx/latest.csv",
                     "ln -sf \"$OUT/rates-$(date +%F).csv\" \"$OUT/latest.csv\"", "find \"$OUT\" -name 'rates-*.csv' -mtime +30 -delete",
                     "logger -t fetch-rates \"rates updated\"", "exit 0"], marker=p, shape="chosen"))
    sp = rand(rng, ALNUM, 3) + "8Q~" + rand(rng, URLSAFE + ".~", 34)
    out.append(case("r-cloud", "az-login-service-principal", True, "shell", "ci/azure-login.sh",
                    ["#!/usr/bin/env bash", "set -euo pipefail", "# log the pipeline into the subscription before terraform runs",
                     "az login --service-principal \\", f"  --username {uuid4(rng)} \\", f"  --password '{sp}' \\", f"  --tenant {uuid4(rng)} --output none",
                     f"az account set --subscription {uuid4(rng)}", "terraform -chdir=infra/azure init -input=false", "terraform -chdir=infra/azure plan -out tfplan"],
                    marker=sp, shape="prefixed", provider="azure"))
    out.append(case("rn-ref", "ph-build-arg-reference", False, "dockerfile", "docker/worker/Dockerfile",
                    ["FROM python:3.12-slim", "WORKDIR /app", "COPY requirements.txt .",
                     "RUN --mount=type=secret,id=pip_index_url PIP_INDEX_URL=$(cat /run/secrets/pip_index_url) pip install -r requirements.txt",
                     "COPY . .", "ARG APP_VERSION", "ENV APP_VERSION=${APP_VERSION} \\", "    DB_HOST=db.internal.lumen", "USER 1001",
                     'CMD ["python", "-m", "worker"]']))
    out.append(case("rn-ref", "ph-jenkins-credentials-binding", False, "groovy", "Jenkinsfile",
                    ["pipeline {", "  agent any", "  stages {", "    stage('Push') {", "      steps {",
                     "        withCredentials([usernamePassword(credentialsId: 'registry', usernameVariable: 'REG_USER', passwordVariable: 'REG_PASS')]) {",
                     "          sh 'echo \"$REG_PASS\" | docker login registry.lumen.io -u \"$REG_USER\" --password-stdin'", "        }", "      }", "    }",
                     "  }", "}"]))
    return out


CONFIG = [build_files, dotenv, properties, ini, xml, kubernetes, compose, github_actions, ansible, helm, terraform, sql, shell_cli, powershell, jupyter,
          markdown, credfiles, i18n_and_data]
assert ALNUM and LOWALNUM and UPALNUM and URLSAFE and pem_armor and quote
