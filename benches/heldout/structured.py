"""Case group 3: structured credentials.

GCP service-account JSON (a real RSA key made from the seeded generator), Azure storage and
Service Bus connection strings, AWS credentials files, passphrase-protected private keys
(PKCS#8 PBES2, legacy Proc-Type/DEK-Info, OpenSSH bcrypt), PuTTY keys, .npmrc / .pypirc /
.netrc / .git-credentials lines and Docker config.json auths.

Multi-line blocks (PEM, PuTTY) are labelled with their first line and `end_line`; a finding
anywhere in the block counts.
"""

import json

from hcommon import (ALNUM, B64, HEX, UHEX, DIGITS, LOWALNUM, b64, crc32_base62, der_seq, encrypted_pkcs8_der,
                     gen_spec, github_style, human_password, pem_armor, rand, rbytes, rng_for, rsa_key,
                     rsa_pkcs8_der, ssh_mpint, ssh_string, uuid4)

GROUP = "structured"


def add_block(corpus, fn, pre, block, post, provider, form):
    lines = pre + block + post
    corpus.add(GROUP, fn, lines, True, provider, form, line=len(pre) + 1)
    corpus.labels[-1]["end_line"] = len(pre) + len(block)


# --- GCP service accounts ------------------------------------------------------------------------
def gcp(corpus, rng, n=10):
    projects = ["acme-data-prod", "billing-etl-3341", "web-frontend-2207", "ml-platform-prod", "acme-analytics"]
    for i in range(n):
        k = rsa_key(rng, 2048)
        pem = "\n".join(pem_armor("PRIVATE KEY", rsa_pkcs8_der(k))) + "\n"
        proj = projects[i % len(projects)]
        acct = rng.choice(["terraform", "bq-loader", "ci-deployer", "gcs-sync", "firebase-adminsdk-x7k2q"])
        doc = {"type": "service_account", "project_id": proj, "private_key_id": rand(rng, HEX, 40),
               "private_key": pem, "client_email": f"{acct}@{proj}.iam.gserviceaccount.com",
               "client_id": "1" + rand(rng, DIGITS, 20), "auth_uri": "https://accounts.google.com/o/oauth2/auth",
               "token_uri": "https://oauth2.googleapis.com/token",
               "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
               "client_x509_cert_url": f"https://www.googleapis.com/robot/v1/metadata/x509/{acct}%40{proj}.iam.gserviceaccount.com",
               "universe_domain": "googleapis.com"}
        if i < 7:
            lines = json.dumps(doc, indent=2).split("\n")
            fn = ["service-account.json", f"{proj}-{rand(rng, HEX, 12)}.json", "gcp-credentials.json", "key.json"][i % 4]
            line = next(j for j, ln in enumerate(lines, 1) if '"private_key":' in ln)
            corpus.add(GROUP, fn, lines, True, "gcp-service-account", "gcp-json", line=line)
        elif i < 9:
            one = json.dumps(doc, separators=(",", ":"))
            lines = ["PORT=8080", f"GOOGLE_CREDENTIALS_JSON='{one}'", "BUCKET=acme-exports"]
            corpus.add(GROUP, ".env", lines, True, "gcp-service-account", "gcp-json-env", line=2)
        else:
            one = json.dumps(doc, indent=2).split("\n")
            lines = ["apiVersion: v1", "kind: Secret", "metadata:", "  name: gcp-sa", "type: Opaque", "stringData:",
                     "  credentials.json: |"] + ["    " + ln for ln in one]
            line = next(j for j, ln in enumerate(lines, 1) if '"private_key":' in ln)
            corpus.add(GROUP, "gcp-secret.yaml", lines, True, "gcp-service-account", "gcp-json-yaml", line=line)


# --- Azure -----------------------------------------------------------------------------------------
def azure(corpus, rng, n=8):
    for i in range(n):
        acct = rng.choice(["acmeprodstore", "stbillingweu01", "mediaassets42", "funcappstorage7"])
        if i < 6:
            key = b64(rbytes(rng, 64))
            cs = f"DefaultEndpointsProtocol=https;AccountName={acct};AccountKey={key};EndpointSuffix=core.windows.net"
            marker = key
        else:
            key = b64(rbytes(rng, 32))
            cs = f"Endpoint=sb://acme-events.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={key}"
            marker = key
        v = i % 6
        if v == 0:
            fn, lines = "local.settings.json", ["{", '  "IsEncrypted": false,', '  "Values": {',
                                                f'    "AzureWebJobsStorage": "{cs}",', '    "FUNCTIONS_WORKER_RUNTIME": "python"', "  }", "}"]
        elif v == 1:
            fn, lines = "appsettings.Production.json", ["{", '  "Storage": {', f'    "ConnectionString": "{cs}"', "  }", "}"]
        elif v == 2:
            fn, lines = ".env", ["APP_NAME=media", f"AZURE_STORAGE_CONNECTION_STRING={cs}"]
        elif v == 3:
            fn, lines = "upload.py", ["from azure.storage.blob import BlobServiceClient", "",
                                      f'svc = BlobServiceClient.from_connection_string("{cs}")']
        elif v == 4:
            fn, lines = "BlobStore.cs", ["public static class BlobStore", "{",
                                         f'    private const string Conn = "{cs}";', "}"]
        else:
            fn, lines = "storage.tf", ['resource "azurerm_function_app" "fn" {', "  app_settings = {",
                                       f'    "AzureWebJobsStorage" = "{cs}"', "  }", "}"]
        corpus.add(GROUP, fn, lines, True, "azure-storage" if i < 6 else "azure-servicebus", "azure-connstr", marker=marker)


# --- AWS -------------------------------------------------------------------------------------------
def aws(corpus, rng, n=8):
    for i in range(n):
        kid, sec = gen_spec(rng, "{akia}"), gen_spec(rng, "{awssecret}")
        v = i % 4
        if v == 0:
            lines = ["[default]", f"aws_access_key_id = {kid}", f"aws_secret_access_key = {sec}", "",
                     "[staging]", "role_arn = arn:aws:iam::123456789012:role/deploy", "source_profile = default"]
            fn = "credentials"
        elif v == 1:
            lines = ["[profile-prod]", f"aws_access_key_id={kid}", f"aws_secret_access_key={sec}", "region=eu-west-1"]
            fn = "aws-credentials.ini"
        elif v == 2:
            lines = ["User name,Password,Access key ID,Secret access key,Console login link",
                     f"ci-deployer,,{kid},{sec},https://123456789012.signin.aws.amazon.com/console"]
            fn = "ci-deployer_accessKeys.csv"
        else:
            lines = ["import boto3", "", "s3 = boto3.client(", '    "s3",', '    region_name="us-east-1",',
                     f'    aws_access_key_id="{kid}",', f'    aws_secret_access_key="{sec}",', ")"]
            fn = "sync_s3.py"
        corpus.add(GROUP, fn, lines, True, "aws", "aws-credentials", marker=sec)


# --- passphrase-protected private keys ----------------------------------------------------------
def openssh_encrypted(rng):
    pub = ssh_string("ssh-ed25519") + ssh_string(rbytes(rng, 32))
    kdf = ssh_string(rbytes(rng, 16)) + (16).to_bytes(4, "big")
    blob = (b"openssh-key-v1\x00" + ssh_string("aes256-ctr") + ssh_string("bcrypt") + ssh_string(kdf)
            + (1).to_bytes(4, "big") + ssh_string(pub) + ssh_string(rbytes(rng, 144)) + rbytes(rng, 16))
    body = b64(blob)
    dash = "-" * 5
    return ([f"{dash}BEGIN OPENSSH PRIVATE KEY{dash}"] + [body[j:j + 70] for j in range(0, len(body), 70)]
            + [f"{dash}END OPENSSH PRIVATE KEY{dash}"])


def legacy_encrypted(rng, label, cipher, nbytes):
    arm = pem_armor(label, rbytes(rng, nbytes))
    return [arm[0], "Proc-Type: 4,ENCRYPTED", f"DEK-Info: {cipher},{rand(rng, UHEX, 32)}", ""] + arm[1:]


def encrypted_keys(corpus, rng, n=8):
    for i in range(n):
        v = i % 4
        if v == 0:
            block = pem_armor("ENCRYPTED PRIVATE KEY", encrypted_pkcs8_der(rng, 1218))
            fn, form = "server.key", "pem-pkcs8-encrypted"
        elif v == 1:
            block = legacy_encrypted(rng, "RSA PRIVATE KEY", "AES-128-CBC", 1200)
            fn, form = "key.pem", "pem-legacy-encrypted"
        elif v == 2:
            block = openssh_encrypted(rng)
            fn, form = "id_ed25519", "openssh-encrypted"
        else:
            block = legacy_encrypted(rng, "EC PRIVATE KEY", "AES-256-CBC", 128)
            fn, form = "ec-signing.key", "pem-legacy-encrypted"
        if i >= 4 and v in (0, 1):
            pre = ["apiVersion: v1", "kind: Secret", "metadata:", "  name: ingress-tls", "type: kubernetes.io/tls",
                   "stringData:", "  tls.key: |"]
            add_block(corpus, "tls-secret.yaml", pre, ["    " + x for x in block], [], "private-key", form + "-yaml")
        else:
            add_block(corpus, fn, [], block, [], "private-key", form)


def putty(corpus, rng, n=5):
    for i in range(n):
        v3 = i % 2 == 0
        enc = i != 4
        if i % 3 == 2:
            algo = "ssh-rsa"
            pub = ssh_string("ssh-rsa") + ssh_mpint(65537) + ssh_mpint(int.from_bytes(b"\x00" + rbytes(rng, 256), "big") | (1 << 2047))
            priv = rbytes(rng, 656 if enc else 650)
        else:
            algo = "ssh-ed25519"
            pub = ssh_string("ssh-ed25519") + ssh_string(rbytes(rng, 32))
            priv = rbytes(rng, 48 if enc else 36)
        pb, vb = b64(pub), b64(priv)
        publ = [pb[j:j + 64] for j in range(0, len(pb), 64)]
        privl = [vb[j:j + 64] for j in range(0, len(vb), 64)]
        lines = [f"PuTTY-User-Key-File-{3 if v3 else 2}: {algo}", f"Encryption: {'aes256-cbc' if enc else 'none'}",
                 f"Comment: {rng.choice(['deploy@build01', 'imported-openssh-key', 'rsa-key-20240311'])}",
                 f"Public-Lines: {len(publ)}"] + publ
        if v3 and enc:
            lines += ["Key-Derivation: Argon2id", "Argon2-Memory: 8192", "Argon2-Passes: 21", "Argon2-Parallelism: 1",
                      f"Argon2-Salt: {rand(rng, HEX, 32)}"]
        lines += [f"Private-Lines: {len(privl)}"] + privl + [f"Private-MAC: {rand(rng, HEX, 64 if v3 else 40)}"]
        add_block(corpus, rng.choice(["deploy.ppk", "jump-host.ppk", "putty-key.ppk"]), [], lines, [], "putty",
                  "putty-encrypted" if enc else "putty")


# --- package manager and git credential files -----------------------------------------------------
def dotfiles(corpus, rng):
    # .npmrc
    t = github_style(rng, "npm_")
    corpus.add(GROUP, ".npmrc", ["registry=https://registry.npmjs.org/", f"//registry.npmjs.org/:_authToken={t}",
                                 "save-exact=true"], True, "npm", "npmrc", marker=t)
    t = github_style(rng, "gh" + "p_")
    corpus.add(GROUP, ".npmrc", ["@acme:registry=https://npm.pkg.github.com", f"//npm.pkg.github.com/:_authToken={t}"],
               True, "github", "npmrc", marker=t)
    pw = human_password(rng)
    t = b64(f"deploy:{pw}".encode())
    corpus.add(GROUP, ".npmrc", ["registry=https://nexus.acme-corp.io/repository/npm-group/", f"_auth={t}",
                                 "always-auth=true", "email=build@acme-corp.io"], True, "npm-basic", "npmrc", marker=t)
    t = b64(human_password(rng).encode())
    corpus.add(GROUP, ".npmrc", ["//nexus.acme-corp.io/repository/npm-private/:username=ci",
                                 f"//nexus.acme-corp.io/repository/npm-private/:_password={t}",
                                 "//nexus.acme-corp.io/repository/npm-private/:email=ci@acme-corp.io"], True, "npm-basic", "npmrc", marker=t)
    # .pypirc
    t = gen_spec(rng, "{pypi}")
    corpus.add(GROUP, ".pypirc", ["[distutils]", "index-servers =", "    pypi", "", "[pypi]", "username = __token__",
                                  f"password = {t}"], True, "pypi", "pypirc", marker=t)
    pw = human_password(rng)
    corpus.add(GROUP, ".pypirc", ["[distutils]", "index-servers = internal", "", "[internal]",
                                  "repository = https://pypi.acme-corp.io/simple/", "username = release-bot",
                                  f"password = {pw}"], True, "password", "pypirc", marker=pw)
    t = gen_spec(rng, "{pypi}")
    corpus.add(GROUP, ".pypirc", ["[testpypi]", "  username = __token__", f"  password = {t}"], True, "pypi", "pypirc", marker=t)
    # .netrc
    t = uuid4(rng)
    corpus.add(GROUP, ".netrc", ["machine api.heroku.com", "  login ops@acme-corp.io", f"  password {t}",
                                 "machine registry.npmjs.org", "  login acme-bot"],
               True, "heroku", "netrc", marker=t)
    pw = human_password(rng)
    corpus.add(GROUP, ".netrc", [f"machine ftp.partner-logistics.com login acme_upload password {pw}"], True, "password", "netrc", marker=pw)
    pw = human_password(rng)
    corpus.add(GROUP, "_netrc", ["default", "login deploy", f"password {pw}"], True, "password", "netrc", marker=pw)
    t = github_style(rng, "gh" + "p_")
    corpus.add(GROUP, ".netrc", [f"machine github.com login ci-bot password {t}"], True, "github", "netrc", marker=t)
    # .git-credentials
    t = github_style(rng, "gh" + "o_")
    corpus.add(GROUP, ".git-credentials", [f"https://jdoe:{t}@github.com"], True, "github", "git-credentials", marker=t)
    t = "glpat-" + rand(rng, ALNUM + "-_", 20)
    corpus.add(GROUP, ".git-credentials", [f"https://oauth2:{t}@gitlab.com", "https://ci@git.acme-corp.io"],
               True, "gitlab", "git-credentials", marker=t)
    from urllib.parse import quote
    pw = quote(human_password(rng, "@:"), safe="")
    corpus.add(GROUP, ".git-credentials", [f"https://jdoe:{pw}@bitbucket.org"], True, "password", "git-credentials", marker=pw)
    pw = human_password(rng)
    corpus.add(GROUP, ".git-credentials", [f"https://build:{pw}@git.acme-corp.io", f"https://jdoe@github.com"],
               True, "password", "git-credentials", marker=pw)


def docker(corpus, rng, n=5):
    for i in range(n):
        reg = ["registry.acme-corp.io", "https://index.docker.io/v1/", "ghcr.io", "acmecr.azurecr.io", "harbor.acme-corp.io"][i]
        if reg == "ghcr.io":
            secret = github_style(rng, "gh" + "p_")
        elif "docker.io" in reg:
            secret = "dckr_pat_" + rand(rng, ALNUM + "-_", 27)
        else:
            secret = human_password(rng)
        user = rng.choice(["ci-robot", "jdoe", "deploy"])
        auth = b64(f"{user}:{secret}".encode())
        doc = {"auths": {reg: {"auth": auth}}, "credsStore": "", "HttpHeaders": {"User-Agent": "Docker-Client/24.0.7 (linux)"}}
        if i < 4:
            lines = json.dumps(doc, indent=4).split("\n")
            fn = "config.json" if i % 2 == 0 else ".dockercfg.json"
            corpus.add(GROUP, fn, lines, True, "docker-auth", "docker-config", marker=auth)
        else:
            whole = b64(json.dumps(doc, separators=(",", ":")).encode())
            lines = ["apiVersion: v1", "kind: Secret", "metadata:", "  name: regcred", "type: kubernetes.io/dockerconfigjson",
                     "data:", f"  .dockerconfigjson: {whole}"]
            corpus.add(GROUP, "regcred.yaml", lines, True, "docker-auth", "docker-config-k8s", line=7)


def generate(corpus):
    rng = rng_for(GROUP)
    gcp(corpus, rng)
    azure(corpus, rng)
    aws(corpus, rng)
    encrypted_keys(corpus, rng)
    putty(corpus, rng)
    dotfiles(corpus, rng)
    docker(corpus, rng)
