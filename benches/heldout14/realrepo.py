"""The real-repository part of the fourteenth held-out corpus: files in the less common places of a repository
(Terraform/HCL, Helm values, Kubernetes manifests and Secrets, Ansible, GitHub Actions and GitLab CI, compose, Dockerfile,
Jupyter notebooks, .NET appsettings/web.config, Java .properties and Spring YAML, Go, Rust, Kotlin, Swift, Elixir, Scala,
Lua, R, shell, Makefiles, SQL migrations, nginx/apache/haproxy/pgbouncer, INI, logs, Markdown, CSV), each with one
labelled slot. Positives: passwords and keys in the idioms of each format. Negatives (the majority): what surrounds
secrets there and looks like one: references, hashes, ids, encrypted values, placeholders, dummy fixtures, public keys,
base64 of ordinary data, i18n strings, ordinary code.

Each format function f(rng) returns a list of cases (dicts). Every value is drawn from rng at generation time.
"""

import base64
import json
from urllib.parse import quote

import keys as K
import values as V
from hcommon import ALNUM, B64, HEX, LOWALNUM, UPALNUM, URLSAFE, b64, pem_armor, rand, rbytes, uuid4
from values import bcrypt, clean, pw, sha256, token

KIND_PREFIX = {"reference": "ph-ref-", "placeholder": "ph-", "dummy": "ph-dummy-", "doc-example": "ph-doc-", "near-miss": "near-miss-",
               "identifier": "id-", "hash": "id-hash-", "encrypted": "id-enc-", "public": "id-pub-", "encoded-data": "id-b64-",
               "ordinary-code": ""}


# neutral directory names: a path word such as "example" or "dummy" must not tell a scanner the answer
GROUP_CODE = {"reference": "rn-ref", "placeholder": "rn-ph", "dummy": "rn-dm", "doc-example": "rn-dx", "near-miss": "rn-nm",
              "identifier": "rn-id", "hash": "rn-hash", "encrypted": "rn-enc", "public": "rn-pub", "encoded-data": "rn-b64",
              "ordinary-code": "rn-code"}


def case(context, path, lines, positive, form, marker=None, shape=None, kind=None, group=None, provider="generic", end_line=None, line=None):
    if positive:
        group = group or "r-password"
        if line is None:
            hits = [i for i, ln in enumerate(lines, 1) if marker in ln]
            assert hits, (context, form)
            line = hits[0]
    else:
        assert kind in KIND_PREFIX, kind
        group = GROUP_CODE[kind]
        form = "ordinary-code" if kind == "ordinary-code" else KIND_PREFIX[kind] + form
    return dict(group=group, form=form, positive=positive, context=context, path=path, lines=lines, line=line if positive else None,
                end_line=end_line, shape=shape, kind=None if positive else kind, provider=provider)


def pem_block_lines(lines, indent=""):
    return [indent + ln for ln in lines]


def ec_pem(rng, pkcs8=False):
    d, pub = K.p256_keypair(rng)
    return pem_armor("PRIVATE KEY", K.ec_pkcs8_der(d, pub)) if pkcs8 else pem_armor("EC PRIVATE KEY", K.ec_sec1_der(d, pub))


def ed_pem(rng):
    seed, _ = K.ed25519_keypair(rng)
    return pem_armor("PRIVATE KEY", K.ed25519_pkcs8_der(seed))


def cert(rng, cn):
    return K.cert_lines(rng, cn)


def conn(rng, scheme, pwd, db="app", port=None, host=None):
    ports = {"postgresql": 5432, "postgres": 5432, "mysql": 3306, "mongodb": 27017, "redis": 6379, "rediss": 6380, "amqp": 5672,
             "amqps": 5671, "mssql": 1433, "clickhouse": 8443}
    return f"{scheme}://{V.user(rng)}:{quote(pwd, safe='')}@{host or V.host(rng)}:{port or ports.get(scheme, 5432)}/{db}"


def aws_pair(rng):
    return "AKIA" + rand(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16), clean(rng, B64, 40)


def gcp_sa(rng, proj):
    pem, _ = K.rsa_pem(rng, 1024, pkcs8=True)
    return {"type": "service_account", "project_id": proj, "private_key_id": rand(rng, HEX, 40),
            "private_key": "\n".join(pem) + "\n", "client_email": f"etl-runner@{proj}.iam.gserviceaccount.com",
            "client_id": str(rng.randrange(10 ** 20, 10 ** 21)), "token_uri": "https://oauth2.googleapis.com/token"}


def azure_storage(rng):
    return (f"DefaultEndpointsProtocol=https;AccountName=calder{rand(rng, LOWALNUM, 6)};AccountKey={b64(rbytes(rng, 64))};"
            "EndpointSuffix=core.windows.net")


def emit(out, context, wrap, P, N, reps=2, rng=None):
    """Run each positive template P (rng -> (form, group, shape, slot, marker[, path])) `reps` times and each negative
    template N (rng -> (form, kind, slot[, path])) once, then every other one again on each further pass, wrapping the slot
    in the format's file (each pass draws new values and new filler)."""
    for rep in range(reps):
        for t in P:
            res = t(rng)
            form, group, shape, slot, marker = res[:5]
            path, lines = place(wrap, rng, slot, res[5] if len(res) > 5 else None)
            out.append(case(context, path, lines, True, form, marker=marker, shape=shape, group=group))
        for t in (N if rep == 0 else N[::2]):
            res = t(rng)
            form, kind, slot = res[:3]
            path, lines = place(wrap, rng, slot, res[3] if len(res) > 3 else None)
            out.append(case(context, path, lines, False, form, kind=kind))


def place(wrap, rng, slot, path):
    """A path starting with '=' names a file of its own kind (a lockfile, a tfvars file, a tasks file): the slot is the
    whole file. Any other path (or None) puts the slot inside the format's skeleton."""
    if path and path.startswith("="):
        return path[1:], slot
    return wrap(rng, slot, path)


def pick(rng, blocks, k=2):
    out = []
    for b in rng.sample(blocks, min(k, len(blocks))):
        out += b + [""]
    return out


def around(rng, blocks, slot, k_before=2, k_after=1):
    """Filler blocks before and after the slot, no block twice."""
    chosen = rng.sample(blocks, k_before + k_after)
    before = [ln for b in chosen[:k_before] for ln in b + [""]]
    after = [ln for b in chosen[k_before:] for ln in [""] + b]
    return before + slot + after


# === Terraform / HCL ===================================================================================================
TF_FILL = [
    ["resource \"aws_s3_bucket\" \"artifacts\" {", "  bucket = \"calder-build-artifacts\"", "  tags   = local.tags", "}"],
    ["module \"vpc\" {", "  source  = \"terraform-aws-modules/vpc/aws\"", "  version = \"5.8.1\"", "  cidr    = \"10.40.0.0/16\"", "}"],
    ["locals {", "  tags = {", "    team        = \"platform\"", "    cost_center = \"cc-204\"", "  }", "}"],
    ["output \"endpoint\" {", "  value = aws_db_instance.main.address", "}"],
    ["data \"aws_caller_identity\" \"current\" {}"],
]


def tf_wrap(rng, slot, path):
    return path or rng.choice(["main.tf", "infra/db.tf", "modules/app/main.tf", "envs/prod/main.tf"]), \
        (["terraform {", "  required_version = \">= 1.6\"", "}", ""] + around(rng, TF_FILL, slot))


def terraform(rng):
    out = []

    def p_dbpw(rng):
        p = pw(rng, "hcl")
        return "tf-db-instance-password", "r-password", "chosen", ["resource \"aws_db_instance\" \"main\" {", "  engine         = \"postgres\"",
                                                                    "  username       = \"calder_admin\"", f"  password       = \"{p}\"",
                                                                    "  instance_class = \"db.t4g.medium\"", "}"], p

    def p_provider_pg(rng):
        p = pw(rng, "hcl")
        return "tf-provider-postgresql", "r-password", "chosen", ["provider \"postgresql\" {", "  host     = aws_db_instance.main.address",
                                                                   "  username = \"calder_admin\"", f"  password = \"{p}\"", "  sslmode  = \"require\"", "}"], p

    def p_var_default(rng):
        p = pw(rng, "hcl")
        return "tf-variable-default", "r-password", "chosen", ["variable \"rabbitmq_password\" {", "  type      = string",
                                                                "  sensitive = true", f"  default   = \"{p}\"", "}"], p

    def p_tfvars(rng):
        p = pw(rng, "hcl")
        return "tfvars-password", "r-password", "chosen", ["region      = \"eu-west-1\"", "db_username = \"orders\"", f"db_password = \"{p}\"",
                                                            "multi_az    = true"], p, "=envs/prod/terraform.tfvars"

    def p_aws_provider(rng):
        kid, sec = aws_pair(rng)
        return "tf-aws-provider-keys", "r-cloud", "random", ["provider \"aws\" {", "  region     = \"eu-west-1\"", f"  access_key = \"{kid}\"",
                                                               f"  secret_key = \"{sec}\"", "}"], sec

    def p_k8s_secret_res(rng):
        p = pw(rng, "hcl")
        return "tf-kubernetes-secret-data", "r-password", "chosen", ["resource \"kubernetes_secret\" \"db\" {", "  metadata {",
                                                                      "    name      = \"orders-db\"", "    namespace = \"orders\"", "  }",
                                                                      "  data = {", "    username = \"orders\"", f"    password = \"{p}\"", "  }", "}"], p

    def p_backend_pg(rng):
        p = pw(rng, "url")
        u = conn(rng, "postgres", p, "terraform_state")
        return "tf-backend-pg-conn-str", "r-connstr", "uri", ["terraform {", "  backend \"pg\" {", f"    conn_str = \"{u}?sslmode=require\"", "  }", "}"], p

    def p_heredoc_key(rng):
        pem = ec_pem(rng)
        return "tf-heredoc-private-key", "r-privkey", "pem", ["resource \"tls_locally_signed_cert\" \"edge\" {",
                                                               "  ca_private_key_pem = <<-EOT"] + ["    " + ln for ln in pem] + ["  EOT", "}"], pem[0]

    def n_var_ref(rng):
        return "tf-var-reference", "reference", ["resource \"aws_db_instance\" \"main\" {", "  username = var.db_username",
                                                 "  password = var.db_password", "}"]

    def n_random_pw(rng):
        return "tf-random-password", "reference", ["resource \"random_password\" \"db\" {", "  length  = 32", "  special = true", "}", "",
                                                   "resource \"aws_db_instance\" \"main\" {", "  password = random_password.db.result", "}"]

    def n_sm_ref(rng):
        return "tf-secretsmanager-ref", "reference", ["data \"aws_secretsmanager_secret_version\" \"db\" {",
                                                      "  secret_id = \"prod/orders/db\"", "}", "", "locals {",
                                                      "  db_password = jsondecode(data.aws_secretsmanager_secret_version.db.secret_string)[\"password\"]", "}"]

    def n_lock(rng):
        lines = ["# This file is maintained automatically by \"terraform init\".", "",
                 "provider \"registry.terraform.io/hashicorp/aws\" {", "  version     = \"5.62.0\"", "  constraints = \"~> 5.0\"", "  hashes = [",
                 f"    \"{V.h1(rng)}\","] + [f"    \"zh:{sha256(rng)}\"," for _ in range(4)] + ["  ]", "}"]
        return "tf-lock-hashes", "hash", lines, "=.terraform.lock.hcl"

    def n_ids(rng):
        return "tf-resource-ids", "identifier", ["import {", "  to = aws_security_group.web",
                                                 f"  id = \"{V.awsid(rng, 'sg')}\"", "}", "",
                                                 "locals {", f"  vpc_id     = \"{V.awsid(rng, 'vpc')}\"",
                                                 f"  subnet_ids = [\"{V.awsid(rng, 'subnet')}\", \"{V.awsid(rng, 'subnet')}\"]",
                                                 f"  ami        = \"{V.awsid(rng, 'ami')}\"", "}"]

    def n_arn(rng):
        acct = V.aws_account(rng)
        return "tf-arn-and-account", "identifier", ["provider \"aws\" {", "  region = \"eu-west-1\"", "  assume_role {",
                                                    f"    role_arn    = \"arn:aws:iam::{acct}:role/terraform-deployer\"",
                                                    f"    external_id = \"{uuid4(rng)}\"", "  }", f"  allowed_account_ids = [\"{acct}\"]", "}"]

    def n_kms(rng):
        return "tf-kms-ciphertext", "encrypted", ["data \"aws_kms_secrets\" \"db\" {", "  secret {", "    name    = \"master_password\"",
                                                  f"    payload = \"{V.kms_blob(rng)}\"", "  }", "}"]

    def n_sops(rng):
        return "tf-sops-provider", "reference", ["data \"sops_file\" \"secrets\" {", "  source_file = \"secrets.enc.yaml\"", "}", "",
                                                 "locals {", "  api_token = data.sops_file.secrets.data[\"api_token\"]", "}"]

    def n_tfvars_ph(rng):
        return "tfvars-placeholder", "placeholder", ["region      = \"eu-west-1\"", "db_username = \"orders\"",
                                                     "db_password = \"<set in terraform.tfvars, never commit>\"", "api_token   = \"REPLACE_ME\""], \
            "=envs/prod/terraform.tfvars.example"

    def n_source_hash(rng):
        return "tf-source-code-hash", "hash", ["resource \"aws_lambda_function\" \"thumbs\" {", "  function_name    = \"thumbs\"",
                                               "  filename         = \"build/thumbs.zip\"",
                                               f"  source_code_hash = \"{b64(rbytes(rng, 32))}\"", "  runtime          = \"python3.12\"", "}"]

    def n_validation(rng):
        return "tf-validation-regex", "ordinary-code", ["variable \"admin_password\" {", "  type      = string", "  sensitive = true",
                                                        "  validation {", "    condition     = length(var.admin_password) >= 16",
                                                        "    error_message = \"The admin password must be at least 16 characters.\"", "  }", "}"]

    def n_pubkey(rng):
        return "tf-aws-key-pair", "public", ["resource \"aws_key_pair\" \"deployer\" {", "  key_name   = \"deployer\"",
                                             f"  public_key = \"{K.ssh_host_pub(rng)} deployer@calder\"", "}"]

    emit(out, "terraform", tf_wrap, [p_dbpw, p_provider_pg, p_var_default, p_tfvars, p_aws_provider, p_k8s_secret_res, p_backend_pg, p_heredoc_key],
         [n_var_ref, n_random_pw, n_sm_ref, n_lock, n_ids, n_arn, n_kms, n_sops, n_tfvars_ph, n_source_hash, n_validation, n_pubkey], rng=rng)
    return out


# === Helm values ===========================================================================================================
HELM_FILL = [
    ["replicaCount: 2", "image:", "  repository: ghcr.io/calder/orders", "  tag: \"3.14.2\"", "  pullPolicy: IfNotPresent"],
    ["resources:", "  requests:", "    cpu: 250m", "    memory: 256Mi", "  limits:", "    memory: 512Mi"],
    ["ingress:", "  enabled: true", "  className: nginx", "  hosts:", "    - host: orders.calder.io", "      paths: [\"/\"]"],
    ["podAnnotations:", "  prometheus.io/scrape: \"true\"", "  prometheus.io/port: \"9102\""],
]


def helm_wrap(rng, slot, path):
    return path or rng.choice(["values.yaml", "charts/orders/values.yaml", "deploy/helm/values-prod.yaml"]), \
        (["# Default values for orders."] + around(rng, HELM_FILL, slot))


def helm(rng):
    out = []

    def p_pg(rng):
        p = pw(rng, "yaml")
        return "helm-postgresql-auth", "r-password", "chosen", ["postgresql:", "  enabled: true", "  auth:", "    username: orders",
                                                                 f"    password: \"{p}\"", "    database: orders"], p

    def p_redis(rng):
        p = pw(rng, "yaml")
        return "helm-redis-auth", "r-password", "chosen", ["redis:", "  architecture: standalone", "  auth:", "    enabled: true",
                                                            f"    password: {p}"], p

    def p_extdb(rng):
        p = pw(rng, "url")
        return "helm-external-db-url", "r-connstr", "uri", ["externalDatabase:", f"  url: \"{conn(rng, 'postgresql', p, 'orders')}\""], p

    def p_erlang(rng):
        c = rand(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 20)
        return "helm-rabbitmq-erlang-cookie", "r-signing", "random", ["rabbitmq:", "  auth:", "    username: orders",
                                                                       f"    erlangCookie: {c}"], c

    def p_smtp(rng):
        p = pw(rng, "yaml")
        return "helm-smtp-password", "r-password", "chosen", ["config:", "  mail:", "    host: smtp.calder.io", "    port: 587",
                                                              "    username: noreply@calder.io", f"    password: \"{p}\""], p

    def p_tls_key(rng):
        pem = ec_pem(rng)
        return "helm-tls-key-block", "r-privkey", "pem", ["tls:", "  enabled: true", "  key: |"] + ["    " + ln for ln in pem], pem[0]

    def n_tpl(rng):
        return "helm-template-expr", "reference", ["env:", "  - name: DB_PASSWORD", "    value: \"{{ .Values.global.postgresql.password }}\"",
                                                   "  - name: API_TOKEN", "    value: {{ required \"apiToken is required\" .Values.apiToken | quote }}"], \
            "=templates/deployment.yaml"

    def n_existing(rng):
        return "helm-existing-secret", "reference", ["postgresql:", "  auth:", "    existingSecret: orders-db",
                                                     "    secretKeys:", "      adminPasswordKey: postgres-password", "      userPasswordKey: password"]

    def n_empty(rng):
        return "helm-empty-with-comment", "placeholder", ["redis:", "  auth:", "    # -- Redis password; leave empty to generate one",
                                                          "    password: \"\""]

    def n_digest(rng):
        return "helm-image-digest", "hash", ["image:", "  repository: ghcr.io/calder/orders", f"  digest: sha256:{sha256(rng)}"]

    def n_checksum(rng):
        return "helm-checksum-annotation", "hash", ["podAnnotations:", f"  checksum/config: {sha256(rng)}",
                                                    f"  checksum/secret: {sha256(rng)}"]

    def n_changeme(rng):
        return "helm-changeme", "placeholder", ["auth:", "  adminUser: admin", "  adminPassword: changeme  # override with --set"]

    def n_lock(rng):
        return "helm-chart-lock", "hash", ["dependencies:", "- name: postgresql", "  repository: oci://registry-1.docker.io/bitnamicharts",
                                           "  version: 15.5.20", f"digest: sha256:{sha256(rng)}", "generated: \"2025-03-04T10:12:55Z\""], "=Chart.lock"

    def n_sops_values(rng):
        return "helm-secrets-sops", "encrypted", ["postgresql:", "  auth:", f"    password: {V.sops_enc(rng)}", "sops:", "  age:",
                                                  "    - recipient: age1" + rand(rng, "qpzry9x8gf2tvdw0s3jn54khce6mua7l", 58)], "=secrets.prod.yaml"

    def n_uuid(rng):
        return "helm-tenant-ids", "identifier", ["azure:", f"  tenantId: {uuid4(rng)}", f"  clientId: {uuid4(rng)}",
                                                 "  useWorkloadIdentity: true"]

    emit(out, "helm", helm_wrap, [p_pg, p_redis, p_extdb, p_erlang, p_smtp, p_tls_key],
         [n_tpl, n_existing, n_empty, n_digest, n_checksum, n_changeme, n_lock, n_sops_values, n_uuid], rng=rng)
    return out


# === Kubernetes ===========================================================================================================
def k8s_wrap(rng, slot, path):
    return path or rng.choice(["k8s/secret.yaml", "deploy/base/secrets.yaml", "manifests/orders.yaml"]), slot


def kubernetes(rng):
    out = []
    meta = ["metadata:", "  name: orders-db", "  namespace: orders"]

    def p_data_b64(rng):
        p = pw(rng, "code")
        e = b64(p.encode())
        return "k8s-secret-data-base64", "r-password", "base64", ["apiVersion: v1", "kind: Secret"] + meta + ["type: Opaque", "data:",
                                                                                                               f"  username: {b64(b'orders')}",
                                                                                                               f"  password: {e}"], e

    def p_string_data(rng):
        p = pw(rng, "yaml")
        return "k8s-secret-stringdata", "r-password", "chosen", ["apiVersion: v1", "kind: Secret"] + meta + ["stringData:",
                                                                                                             "  DB_USER: orders", f"  DB_PASSWORD: \"{p}\""], p

    def p_dockerconfig(rng):
        p = clean(rng, ALNUM, 24)
        auth = b64(f"ci-puller:{p}".encode())
        cfg = b64(json.dumps({"auths": {"registry.calder.io": {"auth": auth}}}).encode())
        return "k8s-dockerconfigjson", "r-config", "base64", ["apiVersion: v1", "kind: Secret", "metadata:", "  name: regcred",
                                                              "type: kubernetes.io/dockerconfigjson", "data:", f"  .dockerconfigjson: {cfg}"], cfg

    def p_env_value(rng):
        t = token(rng, "hex40")
        return "k8s-deployment-env-literal", "r-bearer", "random", ["apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: sync",
                                                                     "spec:", "  template:", "    spec:", "      containers:", "        - name: sync",
                                                                     "          image: calder/sync:1.9.0", "          env:",
                                                                     "            - name: INVENTORY_API_TOKEN", f"              value: \"{t}\""], t

    def p_tls_b64(rng):
        pem = ec_pem(rng)
        e = b64(("\n".join(pem) + "\n").encode())
        return "k8s-tls-key-base64", "r-privkey", "base64", ["apiVersion: v1", "kind: Secret", "metadata:", "  name: edge-tls",
                                                             "type: kubernetes.io/tls", "data:", f"  tls.crt: {b64(b'-----BEGIN CERTIFICATE-----')}",
                                                             f"  tls.key: {e}"], e

    def p_gcp_sa(rng):
        sa = gcp_sa(rng, "calder-data")
        e = b64(json.dumps(sa).encode())
        return "k8s-gcp-sa-base64", "r-cloud", "base64", ["apiVersion: v1", "kind: Secret", "metadata:", "  name: gcp-sa",
                                                          "type: Opaque", "data:", f"  key.json: {e}"], e

    def p_configmap_url(rng):
        p = pw(rng, "url")
        return "k8s-configmap-database-url", "r-connstr", "uri", ["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: orders-config",
                                                                  "data:", "  LOG_LEVEL: info", f"  DATABASE_URL: {conn(rng, 'postgresql', p, 'orders')}"], p

    def n_secretkeyref(rng):
        return "k8s-secretkeyref", "reference", ["apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: orders", "spec:", "  template:",
                                                 "    spec:", "      containers:", "        - name: orders", "          env:",
                                                 "            - name: DB_PASSWORD", "              valueFrom:", "                secretKeyRef:",
                                                 "                  name: orders-db", "                  key: password"]

    def n_sealed(rng):
        return "k8s-sealedsecret", "encrypted", ["apiVersion: bitnami.com/v1alpha1", "kind: SealedSecret"] + meta + ["spec:", "  encryptedData:",
                                                                                                                   f"    password: {V.sealed(rng)}"]

    def n_external(rng):
        return "k8s-externalsecret", "reference", ["apiVersion: external-secrets.io/v1beta1", "kind: ExternalSecret"] + meta + [
            "spec:", "  secretStoreRef:", "    name: aws-sm", "    kind: ClusterSecretStore", "  data:", "    - secretKey: password",
            "      remoteRef:", "        key: prod/orders/db", "        property: password"]

    def n_b64_nonsecret(rng):
        return "k8s-secret-nonsecret-data", "encoded-data", ["apiVersion: v1", "kind: Secret"] + meta + ["data:",
                                                                                                         f"  host: {b64(b'orders-db.orders.svc.cluster.local')}",
                                                                                                         f"  port: {b64(b'5432')}", f"  sslmode: {b64(b'require')}"]

    def n_binarydata(rng):
        return "k8s-configmap-binarydata", "encoded-data", ["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: favicon", "binaryData:",
                                                            "  favicon.ico: " + b64(b"\x00\x00\x01\x00\x01\x00\x10\x10" + rbytes(rng, 90))]

    def n_cabundle(rng):
        c = cert(rng, "calder-webhook-ca")
        return "k8s-cabundle", "public", ["apiVersion: admissionregistration.k8s.io/v1", "kind: ValidatingWebhookConfiguration",
                                          "metadata:", "  name: policy", "webhooks:", "  - name: policy.calder.io", "    clientConfig:",
                                          "      caBundle: " + b64(("\n".join(c) + "\n").encode())]

    def n_digest(rng):
        return "k8s-image-digest", "hash", ["apiVersion: batch/v1", "kind: CronJob", "metadata:", "  name: nightly", "spec:",
                                            "  schedule: \"0 2 * * *\"", "  jobTemplate:", "    spec:", "      template:", "        spec:",
                                            "          containers:", "            - name: nightly",
                                            f"              image: ghcr.io/calder/nightly@sha256:{sha256(rng)}"]

    def n_uid(rng):
        return "k8s-owner-uid", "identifier", ["apiVersion: v1", "kind: Pod", "metadata:", "  name: orders-7d9f", "  ownerReferences:",
                                               "    - apiVersion: apps/v1", "      kind: ReplicaSet", "      name: orders-7d9f",
                                               f"      uid: {uuid4(rng)}", f"  resourceVersion: \"{rng.randrange(10 ** 6, 10 ** 8)}\""]

    def n_sa_token(rng):
        return "k8s-projected-token", "reference", ["apiVersion: v1", "kind: Pod", "metadata:", "  name: vault-agent", "spec:", "  volumes:",
                                                    "    - name: vault-token", "      projected:", "        sources:", "          - serviceAccountToken:",
                                                    "              path: token", "              audience: vault", "              expirationSeconds: 600"]

    emit(out, "kubernetes", k8s_wrap, [p_data_b64, p_string_data, p_dockerconfig, p_env_value, p_tls_b64, p_gcp_sa, p_configmap_url],
         [n_secretkeyref, n_sealed, n_external, n_b64_nonsecret, n_binarydata, n_cabundle, n_digest, n_uid, n_sa_token], rng=rng)
    return out


# === Ansible ===============================================================================================================
def ans_wrap(rng, slot, path):
    return path or rng.choice(["group_vars/all.yml", "inventories/prod/group_vars/db.yml", "roles/app/defaults/main.yml"]), \
        (["---", "app_user: calder", "app_home: /opt/calder", ""] + slot + ["", "ntp_servers:", "  - 0.pool.ntp.org"])


def ansible(rng):
    out = []

    def p_become(rng):
        p = pw(rng, "yaml")
        return "ansible-become-password", "r-password", "chosen", ["ansible_user: deploy", f"ansible_become_password: \"{p}\""], p

    def p_mysql(rng):
        p = pw(rng, "yaml")
        return "ansible-mysql-user-task", "r-password", "chosen", ["- name: Create application user", "  community.mysql.mysql_user:",
                                                                    "    name: orders", f"    password: \"{p}\"", "    priv: \"orders.*:ALL\"",
                                                                    "    state: present"], p, "=roles/db/tasks/main.yml"

    def p_vault_plain(rng):
        p = pw(rng, "yaml")
        return "ansible-vault-var-unencrypted", "r-password", "chosen", ["# TODO encrypt this file with ansible-vault",
                                                                          f"vault_pg_replication_password: \"{p}\""], p, "group_vars/db/vault.yml"

    def p_aws(rng):
        kid, sec = aws_pair(rng)
        return "ansible-aws-keys", "r-cloud", "random", [f"aws_access_key: {kid}", f"aws_secret_key: {sec}", "aws_region: eu-west-1"], sec

    def p_ssh_key(rng):
        pem, _ = K.openssh_ed25519(rng, "deploy@calder")
        return "ansible-ssh-private-key-var", "r-privkey", "pem", ["deploy_ssh_key: |"] + ["  " + ln for ln in pem], pem[0]

    def n_vault(rng):
        return "ansible-vault-inline", "encrypted", ["db_password: !vault |"] + ["  " + ln for ln in V.ansible_vault(rng)]

    def n_jinja(rng):
        return "ansible-jinja-ref", "reference", ["db_password: \"{{ vault_db_password }}\"", "api_token: \"{{ lookup('env', 'API_TOKEN') }}\""]

    def n_hashi(rng):
        return "ansible-hashi-vault-lookup", "reference", [
            "db_password: \"{{ lookup('community.hashi_vault.hashi_vault', 'secret=kv/data/orders:password url=https://vault.calder.io') }}\""]

    def n_pw_hash(rng):
        return "ansible-password-hash-filter", "ordinary-code", ["- name: Create operator account", "  ansible.builtin.user:", "    name: operator",
                                                                  "    password: \"{{ operator_password | password_hash('sha512') }}\"",
                                                                  "  no_log: true"], "=roles/base/tasks/users.yml"

    def n_lookup_pw(rng):
        return "ansible-password-lookup-generate", "ordinary-code", [
            "redis_password: \"{{ lookup('ansible.builtin.password', '/dev/null length=32 chars=ascii_letters,digits') }}\""]

    def n_shadow(rng):
        return "ansible-shadow-hash", "hash", ["users:", "  - name: operator", f"    password: \"{V.sha512crypt(rng)}\"", "    shell: /bin/bash"]

    def n_vault_file(rng):
        return "ansible-vault-file", "encrypted", V.ansible_vault(rng), "=group_vars/prod/vault.yml"

    emit(out, "ansible", ans_wrap, [p_become, p_mysql, p_vault_plain, p_aws, p_ssh_key],
         [n_vault, n_jinja, n_hashi, n_pw_hash, n_lookup_pw, n_shadow, n_vault_file], rng=rng)
    return out


# === GitHub Actions / GitLab CI ===========================================================================================
def gha_wrap(rng, slot, path):
    return path or rng.choice([".github/workflows/ci.yml", ".github/workflows/deploy.yml", ".github/workflows/nightly.yml"]), \
        (["name: ci", "on:", "  push:", "    branches: [main]", "  pull_request:", "", "jobs:"] + slot)


def gha(rng):
    out = []

    def p_env(rng):
        t = token(rng, "alnum40")
        return "gha-env-literal", "r-bearer", "random", ["  deploy:", "    runs-on: ubuntu-latest", "    env:", f"      RELEASE_API_TOKEN: {t}",
                                                          "    steps:", "      - uses: actions/checkout@v4", "      - run: ./scripts/release.sh"], t

    def p_docker_login(rng):
        p = clean(rng, ALNUM, 24)
        return "gha-docker-login-p", "r-password", "random", ["  push:", "    runs-on: ubuntu-latest", "    steps:",
                                                               f"      - run: echo \"building\" && docker login registry.calder.io -u ci -p {p}",
                                                               "      - run: docker push registry.calder.io/orders:${{ github.sha }}"], p

    def p_service(rng):
        p = pw(rng, "yaml")
        return "gha-service-password", "r-password", "chosen", ["  integration:", "    runs-on: ubuntu-latest", "    services:", "      mssql:",
                                                                 "        image: mcr.microsoft.com/mssql/server:2022-latest", "        env:",
                                                                 "          ACCEPT_EULA: Y", f"          MSSQL_SA_PASSWORD: \"{p}\"",
                                                                 "    steps:", "      - run: dotnet test"], p

    def p_curl(rng):
        t = token(rng, "hex64")
        return "gha-curl-bearer", "r-bearer", "random", ["  notify:", "    runs-on: ubuntu-latest", "    steps:", "      - run: |",
                                                          "          curl -fsS -X POST https://deploys.calder.io/api/hooks \\",
                                                          f"            -H \"Authorization: Bearer {t}\" \\", "            -d '{\"ref\": \"main\"}'"], t

    def n_secrets(rng):
        return "gha-secrets-ref", "reference", ["  deploy:", "    runs-on: ubuntu-latest", "    env:", "      API_TOKEN: ${{ secrets.API_TOKEN }}",
                                                "      DB_PASSWORD: ${{ secrets.DB_PASSWORD }}", "    steps:", "      - run: make deploy"]

    def n_pinned(rng):
        return "gha-sha-pinned-actions", "hash", ["  build:", "    runs-on: ubuntu-latest", "    steps:",
                                                  f"      - uses: actions/checkout@{V.sha1(rng)} # v4.2.2",
                                                  f"      - uses: actions/setup-node@{V.sha1(rng)} # v4.1.0", "      - run: npm ci"]

    def n_github_token(rng):
        return "gha-github-token", "reference", ["  release:", "    runs-on: ubuntu-latest", "    permissions:", "      contents: write",
                                                 "    steps:", "      - run: gh release create ${{ github.ref_name }}", "        env:",
                                                 "          GH_TOKEN: ${{ github.token }}"]

    def n_dummy_pg(rng):
        return "gha-service-dummy-password", "dummy", ["  test:", "    runs-on: ubuntu-latest", "    services:", "      postgres:",
                                                       "        image: postgres:16", "        env:", "          POSTGRES_PASSWORD: postgres",
                                                       "        ports: [\"5432:5432\"]", "    steps:", "      - run: pytest"]

    def n_oidc(rng):
        return "gha-oidc-role", "identifier", ["  deploy:", "    runs-on: ubuntu-latest", "    permissions:", "      id-token: write", "    steps:",
                                               "      - uses: aws-actions/configure-aws-credentials@v4", "        with:",
                                               f"          role-to-assume: arn:aws:iam::{V.aws_account(rng)}:role/gha-deploy",
                                               "          aws-region: eu-west-1"]

    def n_mask(rng):
        return "gha-add-mask", "reference", ["  smoke:", "    runs-on: ubuntu-latest", "    steps:", "      - run: |",
                                             "          TOKEN=$(vault kv get -field=token kv/ci/smoke)", "          echo \"::add-mask::$TOKEN\"",
                                             "          echo \"SMOKE_TOKEN=$TOKEN\" >> \"$GITHUB_ENV\""]

    def n_cache_key(rng):
        return "gha-cache-key-hash", "ordinary-code", ["  build:", "    runs-on: ubuntu-latest", "    steps:", "      - uses: actions/cache@v4",
                                                       "        with:", "          path: ~/.npm",
                                                       "          key: npm-${{ runner.os }}-${{ hashFiles('**/package-lock.json') }}"]

    emit(out, "github-actions", gha_wrap, [p_env, p_docker_login, p_service, p_curl],
         [n_secrets, n_pinned, n_github_token, n_dummy_pg, n_oidc, n_mask, n_cache_key], rng=rng)
    return out


def gitlab_wrap(rng, slot, path):
    return path or ".gitlab-ci.yml", (["stages: [build, test, deploy]", "", "default:", "  image: alpine:3.20", ""] + slot)


def gitlab(rng):
    out = []

    def p_vars(rng):
        p = pw(rng, "yaml")
        return "gitlab-variables-literal", "r-password", "chosen", ["variables:", "  DB_HOST: db.calder.internal", f"  DB_PASSWORD: \"{p}\"", "",
                                                                     "migrate:", "  stage: deploy", "  script: [\"./bin/migrate\"]"], p

    def p_mysql_p(rng):
        p = pw(rng, "shell")
        return "gitlab-script-mysql-p", "r-password", "chosen", ["seed:", "  stage: test", "  script:",
                                                                  f"    - mysql -h db.calder.internal -u seeder -p{p} orders < fixtures/seed.sql"], p

    def p_deploy_token(rng):
        t = clean(rng, URLSAFE, 20)
        return "gitlab-clone-url-token", "r-connstr", "uri", ["vendor:", "  stage: build", "  script:",
                                                               f"    - git clone https://deploy-bot:{t}@git.calder.io/platform/shared-config.git"], t

    def n_job_token(rng):
        return "gitlab-ci-job-token", "reference", ["pages:", "  stage: deploy", "  script:",
                                                    "    - curl --header \"JOB-TOKEN: $CI_JOB_TOKEN\" \"$CI_API_V4_URL/projects/$CI_PROJECT_ID/packages\""]

    def n_vault_secrets(rng):
        return "gitlab-vault-secrets", "reference", ["deploy:", "  stage: deploy", "  id_tokens:", "    VAULT_ID_TOKEN:",
                                                     "      aud: https://vault.calder.io", "  secrets:", "    DATABASE_PASSWORD:",
                                                     "      vault: production/db/password@ops", "  script: [\"./deploy.sh\"]"]

    def n_registry(rng):
        return "gitlab-registry-login-ref", "reference", ["build:", "  stage: build", "  script:",
                                                          "    - echo \"$CI_REGISTRY_PASSWORD\" | docker login -u \"$CI_REGISTRY_USER\" --password-stdin \"$CI_REGISTRY\""]

    def n_digest(rng):
        return "gitlab-image-digest", "hash", ["lint:", f"  image: registry.calder.io/tools/linters@sha256:{sha256(rng)}", "  script: [\"make lint\"]"]

    def n_masked_desc(rng):
        return "gitlab-variable-description", "placeholder", ["variables:", "  DEPLOY_TOKEN:", "    value: \"\"",
                                                              "    description: \"Project access token with write_registry; set it in Settings > CI/CD\""]

    emit(out, "gitlab-ci", gitlab_wrap, [p_vars, p_mysql_p, p_deploy_token],
         [n_job_token, n_vault_secrets, n_registry, n_digest, n_masked_desc], rng=rng)
    return out


# === docker-compose / Dockerfile ==========================================================================================
def compose_wrap(rng, slot, path):
    return path or rng.choice(["docker-compose.yml", "compose.yaml", "deploy/docker-compose.prod.yml"]), \
        (["services:", "  web:", "    image: calder/web:4.2.0", "    ports: [\"8080:8080\"]", "    depends_on: [db]"] + slot +
         ["", "volumes:", "  dbdata: {}"])


def compose(rng):
    out = []

    def p_pg(rng):
        p = pw(rng, "yaml")
        return "compose-postgres-password", "r-password", "chosen", ["  db:", "    image: postgres:16", "    environment:",
                                                                      "      POSTGRES_USER: orders", f"      POSTGRES_PASSWORD: \"{p}\"",
                                                                      "    volumes: [\"dbdata:/var/lib/postgresql/data\"]"], p

    def p_mysql_root(rng):
        p = pw(rng, "yaml")
        return "compose-mysql-root-password", "r-password", "chosen", ["  db:", "    image: mysql:8.4", "    environment:",
                                                                        f"      - MYSQL_ROOT_PASSWORD={p}", "      - MYSQL_DATABASE=orders"], p

    def p_requirepass(rng):
        p = pw(rng, "shell")
        return "compose-redis-requirepass", "r-password", "chosen", ["  cache:", "    image: redis:7-alpine",
                                                                      f"    command: [\"redis-server\", \"--requirepass\", \"{p}\", \"--appendonly\", \"yes\"]"], p

    def p_minio(rng):
        p = clean(rng, ALNUM, 32)
        return "compose-minio-root-password", "r-password", "random", ["  minio:", "    image: minio/minio:RELEASE.2025-01-20T14-49-07Z",
                                                                        "    environment:", "      MINIO_ROOT_USER: calder-ops", f"      MINIO_ROOT_PASSWORD: {p}"], p

    def n_required(rng):
        return "compose-required-var", "reference", ["  db:", "    image: postgres:16", "    environment:",
                                                     "      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}"]

    def n_secrets_file(rng):
        return "compose-secrets-file", "reference", ["  db:", "    image: postgres:16", "    environment:",
                                                     "      POSTGRES_PASSWORD_FILE: /run/secrets/db_password", "    secrets: [db_password]", "",
                                                     "secrets:", "  db_password:", "    file: ./secrets/db_password.txt"]

    def n_trust(rng):
        return "compose-host-auth-trust", "ordinary-code", ["  db:", "    image: postgres:16", "    environment:",
                                                            "      POSTGRES_HOST_AUTH_METHOD: trust", "      MYSQL_RANDOM_ROOT_PASSWORD: \"yes\""]

    def n_dummy(rng):
        return "compose-local-dev-dummy", "dummy", ["  db:", "    image: mariadb:11", "    environment:", "      MARIADB_ROOT_PASSWORD: root",
                                                    "      MARIADB_PASSWORD: secret"], "docker-compose.override.yml"

    def n_digest(rng):
        return "compose-image-digest", "hash", ["  proxy:", f"    image: traefik@sha256:{sha256(rng)}"]

    emit(out, "compose", compose_wrap, [p_pg, p_mysql_root, p_requirepass, p_minio],
         [n_required, n_secrets_file, n_trust, n_dummy, n_digest], rng=rng)
    return out


def docker_wrap(rng, slot, path):
    base = rng.choice(["python:3.12-slim", "node:22-alpine", "eclipse-temurin:21-jre", "golang:1.23"])
    return path or rng.choice(["Dockerfile", "docker/Dockerfile.worker", "build/Dockerfile"]), \
        ([f"FROM {base}", "WORKDIR /app"] + slot + ["COPY . .", "USER 10001", "CMD [\"./entrypoint.sh\"]"])


def dockerfile(rng):
    out = []

    def p_env(rng):
        p = pw(rng, "env")
        return "dockerfile-env-password", "r-password", "chosen", ["ENV APP_ENV=production", f"ENV SMTP_PASSWORD={p}"], p

    def p_arg(rng):
        t = token(rng, "hex40")
        return "dockerfile-arg-default-token", "r-bearer", "random", [f"ARG ARTIFACT_TOKEN={t}",
                                                                       "RUN curl -fsSL -H \"Authorization: Bearer ${ARTIFACT_TOKEN}\" https://artifacts.calder.io/libs.tgz | tar xz"], t

    def p_netrc(rng):
        p = clean(rng, ALNUM, 28)
        return "dockerfile-netrc-echo", "r-config", "random", [f"RUN echo \"machine git.calder.io login builder password {p}\" > /root/.netrc"], p

    def p_pip_index(rng):
        p = pw(rng, "url")
        return "dockerfile-pip-index-url", "r-connstr", "uri", [
            f"RUN pip install --no-cache-dir --index-url https://ci:{quote(p, safe='')}@pypi.calder.io/simple -r requirements.txt"], p

    def p_aws(rng):
        kid, sec = aws_pair(rng)
        return "dockerfile-aws-env", "r-cloud", "random", [f"ENV AWS_ACCESS_KEY_ID={kid}", f"ENV AWS_SECRET_ACCESS_KEY={sec}"], sec

    def n_arg(rng):
        return "dockerfile-arg-no-default", "reference", ["ARG NPM_TOKEN", "RUN echo \"//npm.calder.io/:_authToken=${NPM_TOKEN}\" > .npmrc && npm ci && rm .npmrc"]

    def n_mount(rng):
        return "dockerfile-secret-mount", "reference", ["RUN --mount=type=secret,id=pip_conf,target=/etc/pip.conf pip install -r requirements.txt"]

    def n_from_digest(rng):
        return "dockerfile-from-digest", "hash", [f"# pinned: python:3.12-slim@sha256:{sha256(rng)}", "ENV PIP_NO_CACHE_DIR=1"]

    def n_sha_check(rng):
        return "dockerfile-sha256sum-check", "hash", ["ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini",
                                                      f"RUN echo \"{sha256(rng)}  /tini\" | sha256sum -c - && chmod +x /tini"]

    def n_file_env(rng):
        return "dockerfile-password-file-env", "reference", ["ENV DB_PASSWORD_FILE=/run/secrets/db_password", "ENV API_TOKEN_FILE=/run/secrets/api_token"]

    emit(out, "dockerfile", docker_wrap, [p_env, p_arg, p_netrc, p_pip_index, p_aws],
         [n_arg, n_mount, n_from_digest, n_sha_check, n_file_env], rng=rng)
    return out


# === Jupyter notebooks ====================================================================================================
def nb_wrap(rng, slot, path):
    """slot: list of source lines of one code cell (the labelled line is found inside the JSON text)."""
    cells = [{"cell_type": "markdown", "id": rand(rng, HEX, 8), "metadata": {}, "source": ["# Weekly churn extract\n"]},
             {"cell_type": "code", "execution_count": 1, "id": rand(rng, HEX, 8), "metadata": {}, "outputs": [],
              "source": ["import pandas as pd\n", "import sqlalchemy as sa\n"]},
             {"cell_type": "code", "execution_count": 2, "id": rand(rng, HEX, 8), "metadata": {}, "outputs": [],
              "source": [ln + "\n" for ln in slot[:-1]] + [slot[-1]]}]
    doc = {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
           "nbformat": 4, "nbformat_minor": 5}
    return path or rng.choice(["notebooks/churn.ipynb", "analysis/extract.ipynb"]), json.dumps(doc, indent=1).split("\n")


def notebook(rng):
    out = []

    def p_engine(rng):
        p = pw(rng, "url")
        return "nb-create-engine-url", "r-connstr", "uri", [f"engine = sa.create_engine(\"{conn(rng, 'postgresql', p, 'warehouse')}\")",
                                                            "df = pd.read_sql(\"select * from churn_weekly\", engine)"], quote(p, safe="")

    def p_api_key(rng):
        t = token(rng, "alnum32")
        return "nb-api-key-constant", "r-bearer", "random", [f"ENRICH_API_KEY = \"{t}\"", "resp = requests.get(URL, headers={\"X-Api-Key\": ENRICH_API_KEY})"], t

    def p_environ(rng):
        p = pw(rng, "code")
        return "nb-os-environ-set", "r-password", "chosen", ["import os", f"os.environ[\"SNOWFLAKE_PASSWORD\"] = \"{p}\"",
                                                             "conn = connect_snowflake()"], p

    def n_getpass(rng):
        return "nb-getpass", "ordinary-code", ["from getpass import getpass", "password = getpass(\"Warehouse password: \")"]

    def n_environ_get(rng):
        return "nb-environ-get", "reference", ["import os", "engine = sa.create_engine(os.environ[\"WAREHOUSE_URL\"])"]

    def n_png(rng):
        return "nb-image-output", "encoded-data", ["from IPython.display import Image",
                                                   "Image(data=\"" + b64(b"\x89PNG\r\n\x1a\n" + rbytes(rng, 120)) + "\")"]

    def n_widget(rng):
        return "nb-widget-model-ids", "identifier", [f"run_id = \"{uuid4(rng)}\"", f"experiment_id = \"{rand(rng, HEX, 32)}\"",
                                                     "mlflow.start_run(run_id=run_id)"]

    emit(out, "notebook", nb_wrap, [p_engine, p_api_key, p_environ], [n_getpass, n_environ_get, n_png, n_widget], rng=rng)
    return out


# === .NET ==================================================================================================================
def appsettings_wrap(rng, slot, path):
    """slot: lines to insert inside the top-level JSON object (already indented by 2, with trailing commas as needed)."""
    return path or rng.choice(["appsettings.json", "src/Calder.Api/appsettings.Production.json"]), \
        (["{", "  \"Logging\": {", "    \"LogLevel\": { \"Default\": \"Information\" }", "  },"] + slot + ["  \"AllowedHosts\": \"*\"", "}"])


def appsettings(rng):
    out = []

    def p_connstr(rng):
        p = pw(rng, "code").replace(";", "")
        return "appsettings-connectionstring", "r-connstr", "connstr", ["  \"ConnectionStrings\": {",
                                                                         f"    \"Orders\": \"Server=sql-2.corp.internal;Database=Orders;User Id=orders_app;Password={p};TrustServerCertificate=True\"",
                                                                         "  },"], p

    def p_smtp(rng):
        p = pw(rng, "code")
        return "appsettings-smtp-password", "r-password", "chosen", ["  \"Smtp\": {", "    \"Host\": \"smtp.calder.io\",", "    \"User\": \"noreply\",",
                                                                      f"    \"Password\": \"{p}\"", "  },"], p

    def p_jwt(rng):
        k = b64(rbytes(rng, 48))
        return "appsettings-jwt-signing-key", "r-signing", "base64", ["  \"Jwt\": {", "    \"Issuer\": \"https://api.calder.io\",",
                                                                       f"    \"SigningKey\": \"{k}\"", "  },"], k

    def p_storage(rng):
        s = azure_storage(rng)
        return "appsettings-azure-storage", "r-cloud", "connstr", ["  \"Storage\": {", f"    \"ConnectionString\": \"{s}\"", "  },"], s.split("AccountKey=")[1].split(";")[0]

    def n_empty(rng):
        return "appsettings-empty-password", "placeholder", ["  \"Smtp\": {", "    \"Host\": \"smtp.calder.io\",", "    \"Password\": \"\"", "  },"]

    def n_integrated(rng):
        return "appsettings-integrated-security", "ordinary-code", ["  \"ConnectionStrings\": {",
                                                                    "    \"Orders\": \"Server=sql-2.corp.internal;Database=Orders;Integrated Security=True;TrustServerCertificate=True\"",
                                                                    "  },"]

    def n_tokens(rng):
        return "appsettings-replace-tokens", "reference", ["  \"ConnectionStrings\": {",
                                                           "    \"Orders\": \"Server=#{SqlServer}#;Database=Orders;User Id=#{SqlUser}#;Password=#{SqlPassword}#\"",
                                                           "  },"]

    def n_keyvault(rng):
        return "appsettings-keyvault-reference", "reference", ["  \"Stripe\": {",
                                                               "    \"ApiKey\": \"@Microsoft.KeyVault(SecretUri=https://calder-kv.vault.azure.net/secrets/stripe-api-key/)\"",
                                                               "  },"]

    def n_instr(rng):
        return "appsettings-appinsights-ids", "identifier", ["  \"ApplicationInsights\": {",
                                                             f"    \"ConnectionString\": \"InstrumentationKey={uuid4(rng)};IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/\"",
                                                             "  },", f"  \"AzureAd\": {{ \"TenantId\": \"{uuid4(rng)}\", \"ClientId\": \"{uuid4(rng)}\" }},"]

    emit(out, "appsettings", appsettings_wrap, [p_connstr, p_smtp, p_jwt, p_storage], [n_empty, n_integrated, n_tokens, n_keyvault, n_instr], rng=rng)
    return out


def webconfig_wrap(rng, slot, path):
    return path or "Web.config", (["<?xml version=\"1.0\" encoding=\"utf-8\"?>", "<configuration>"] + slot +
                                  ["  <system.web>", "    <compilation debug=\"false\" targetFramework=\"4.8\" />", "  </system.web>", "</configuration>"])


def webconfig(rng):
    out = []

    def p_appsetting(rng):
        t = token(rng, "hex32")
        return "webconfig-appsettings-apikey", "r-bearer", "random", ["  <appSettings>", "    <add key=\"Environment\" value=\"Production\" />",
                                                                       f"    <add key=\"PartnerApiKey\" value=\"{t}\" />", "  </appSettings>"], t

    def p_conn(rng):
        p = pw(rng, "xml").replace(";", "")
        return "webconfig-connectionstring", "r-connstr", "connstr", ["  <connectionStrings>",
                                                                       f"    <add name=\"Default\" connectionString=\"Data Source=sql-1;Initial Catalog=Crm;User ID=crm_web;Password={p}\" providerName=\"System.Data.SqlClient\" />",
                                                                       "  </connectionStrings>"], p

    def p_machinekey(rng):
        k = rand(rng, "0123456789ABCDEF", 128)
        return "webconfig-machinekey", "r-signing", "hex", ["  <system.web.extensions />",
                                                             f"  <machineKey validationKey=\"{k}\" decryptionKey=\"{rand(rng, '0123456789ABCDEF', 64)}\" validation=\"HMACSHA256\" decryption=\"AES\" />"], k

    def n_protected(rng):
        return "webconfig-protected-section", "encrypted", ["  <connectionStrings configProtectionProvider=\"RsaProtectedConfigurationProvider\">",
                                                            "    <EncryptedData Type=\"http://www.w3.org/2001/04/xmlenc#Element\">",
                                                            "      <CipherData>", f"        <CipherValue>{b64(rbytes(rng, 256))}</CipherValue>",
                                                            "      </CipherData>", "    </EncryptedData>", "  </connectionStrings>"]

    def n_transform(rng):
        return "webconfig-transform-token", "reference", ["  <appSettings>",
                                                          "    <add key=\"PartnerApiKey\" value=\"__PartnerApiKey__\" xdt:Transform=\"SetAttributes\" xdt:Locator=\"Match(key)\" />",
                                                          "  </appSettings>"], "Web.Release.config"

    emit(out, "webconfig", webconfig_wrap, [p_appsetting, p_conn, p_machinekey], [n_protected, n_transform], rng=rng)
    return out


# === Java .properties / Spring YAML ========================================================================================
def props_wrap(rng, slot, path):
    return path or rng.choice(["src/main/resources/application.properties", "src/main/resources/application-prod.properties"]), \
        (["spring.application.name=orders", "server.port=8080", "management.endpoints.web.exposure.include=health,info"] + slot +
         ["spring.jpa.open-in-view=false"])


def properties(rng):
    out = []

    def p_ds(rng):
        p = pw(rng, "ini")
        return "props-datasource-password", "r-password", "chosen", ["spring.datasource.url=jdbc:postgresql://db-1:5432/orders",
                                                                      "spring.datasource.username=orders", f"spring.datasource.password={p}"], p

    def p_rabbit(rng):
        p = pw(rng, "ini")
        return "props-rabbitmq-password", "r-password", "chosen", ["spring.rabbitmq.host=mq.corp.internal", "spring.rabbitmq.username=orders",
                                                                    f"spring.rabbitmq.password={p}"], p

    def p_keystore(rng):
        p = pw(rng, "ini")
        return "props-keystore-password", "r-password", "chosen", ["server.ssl.key-store=classpath:keystore.p12",
                                                                    f"server.ssl.key-store-password={p}"], p

    def p_jwt(rng):
        k = token(rng, "b64_48")
        return "props-jwt-secret", "r-signing", "base64", [f"app.security.jwt.secret={k}", "app.security.jwt.ttl=PT15M"], k

    def n_ref(rng):
        return "props-placeholder-ref", "reference", ["spring.datasource.password=${DB_PASSWORD}", "spring.mail.password=${MAIL_PASSWORD:}"]

    def n_jasypt(rng):
        return "props-jasypt", "encrypted", [f"spring.datasource.password={V.jasypt(rng)}"]

    def n_cipher(rng):
        return "props-spring-cloud-cipher", "encrypted", ["spring.datasource.password={cipher}" + rand(rng, HEX, 96)]

    def n_i18n(rng):
        return "props-i18n-messages", "ordinary-code", ["login.password=Passwort", "login.password.forgot=Passwort vergessen?",
                                                        "login.password.invalid=Das Passwort ist ungültig."], "=src/main/resources/messages_de.properties"

    def n_empty(rng):
        return "props-empty-password", "placeholder", ["spring.datasource.password=", "# set SPRING_DATASOURCE_PASSWORD in the environment"]

    emit(out, "properties", props_wrap, [p_ds, p_rabbit, p_keystore, p_jwt], [n_ref, n_jasypt, n_cipher, n_i18n, n_empty], rng=rng)
    return out


def springyaml_wrap(rng, slot, path):
    return path or rng.choice(["src/main/resources/application.yml", "src/main/resources/application-prod.yaml"]), \
        (["server:", "  port: 8080"] + slot + ["logging:", "  level:", "    root: INFO"])


def springyaml(rng):
    out = []

    def p_ds(rng):
        p = pw(rng, "yaml")
        return "spring-yaml-datasource", "r-password", "chosen", ["spring:", "  datasource:", "    url: jdbc:mysql://db-2:3306/crm",
                                                                   "    username: crm", f"    password: '{p}'"], p

    def p_mail(rng):
        p = pw(rng, "yaml")
        return "spring-yaml-mail", "r-password", "chosen", ["spring:", "  mail:", "    host: smtp.office365.com", "    username: alerts@calder.io",
                                                             f"    password: {p}"], p

    def p_oauth(rng):
        s = clean(rng, URLSAFE, 40)
        return "spring-yaml-oauth-client-secret", "r-signing", "random", ["spring:", "  security:", "    oauth2:", "      client:",
                                                                           "        registration:", "          keycloak:",
                                                                           "            client-id: orders-api", f"            client-secret: {s}"], s

    def n_ref(rng):
        return "spring-yaml-env-ref", "reference", ["spring:", "  datasource:", "    password: ${DB_PASSWORD:}", "  cloud:", "    vault:",
                                                    "      token: ${VAULT_TOKEN}"]

    def n_vault_import(rng):
        return "spring-yaml-config-import", "reference", ["spring:", "  config:", "    import: vault://secret/orders", "  datasource:",
                                                          "    password: ${orders.db.password}"]

    emit(out, "spring-yaml", springyaml_wrap, [p_ds, p_mail, p_oauth], [n_ref, n_vault_import], rng=rng)
    return out


# === Programming languages ===============================================================================================
def go_wrap(rng, slot, path):
    return path or rng.choice(["internal/store/db.go", "cmd/worker/main.go", "pkg/notify/mail.go"]), \
        (["package store", "", "import (", "\t\"context\"", "\t\"database/sql\"", "\t\"time\"", ")", "",
          "const queryTimeout = 5 * time.Second", ""] + slot + ["", "func ping(ctx context.Context, db *sql.DB) error {",
                                                                 "\tctx, cancel := context.WithTimeout(ctx, queryTimeout)", "\tdefer cancel()",
                                                                 "\treturn db.PingContext(ctx)", "}"])


def golang(rng):
    out = []

    def p_dsn(rng):
        p = pw(rng, "url")
        return "go-sql-open-dsn", "r-connstr", "uri", ["func open() (*sql.DB, error) {",
                                                       f"\treturn sql.Open(\"pgx\", \"{conn(rng, 'postgres', p, 'orders')}?sslmode=require\")", "}"], quote(p, safe="")

    def p_redis(rng):
        p = pw(rng, "code")
        return "go-redis-options", "r-password", "chosen", ["var cacheOpts = &redis.Options{", "\tAddr:     \"cache-1.corp.internal:6379\",",
                                                            f"\tPassword: \"{p}\",", "\tDB:       2,", "}"], p

    def p_smtp(rng):
        p = pw(rng, "code")
        return "go-smtp-plainauth", "r-password", "chosen", [f"var mailAuth = smtp.PlainAuth(\"\", \"alerts@calder.io\", \"{p}\", \"smtp.calder.io\")"], p

    def p_jwt(rng):
        k = token(rng, "alnum40")
        return "go-jwt-signing-key", "r-signing", "random", [f"var signingKey = []byte(\"{k}\")"], k

    def n_getenv(rng):
        return "go-getenv", "reference", ["func dsn() string {", "\treturn os.Getenv(\"DATABASE_URL\")", "}"]

    def n_sum(rng):
        lines = [f"github.com/jackc/pgx/v5 v5.7.1 {V.h1(rng)}", f"github.com/jackc/pgx/v5 v5.7.1/go.mod {V.h1(rng)}",
                 f"github.com/redis/go-redis/v9 v9.7.0 {V.h1(rng)}", f"golang.org/x/crypto v0.31.0 {V.h1(rng)}"]
        return "go-sum", "hash", lines, "=go.sum"

    def n_flag(rng):
        return "go-flag-password", "ordinary-code", ["var dbPassword = flag.String(\"db-password\", \"\", \"database password (or set DB_PASSWORD)\")"]

    def n_struct(rng):
        return "go-struct-tags", "ordinary-code", ["type Credentials struct {", "\tUsername string `json:\"username\"`",
                                                   "\tPassword string `json:\"password\" validate:\"required,min=12\"`", "}"]

    def n_bcrypt(rng):
        return "go-bcrypt-generate", "ordinary-code", ["func hash(pw string) ([]byte, error) {",
                                                       "\treturn bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost)", "}"]

    def n_test_dummy(rng):
        return "go-test-dummy", "dummy", ["func TestLogin(t *testing.T) {", "\tsrv := newTestServer(t)",
                                          "\tres := srv.login(\"alice\", \"password123\")", "\tif res.Code != 200 {", "\t\tt.Fatal(res.Code)", "\t}", "}"], \
            "internal/auth/login_test.go"

    emit(out, "go", go_wrap, [p_dsn, p_redis, p_smtp, p_jwt], [n_getenv, n_sum, n_flag, n_struct, n_bcrypt, n_test_dummy], rng=rng)
    return out


def rust_wrap(rng, slot, path):
    return path or rng.choice(["src/db.rs", "src/config.rs", "src/mailer.rs"]), \
        (["use std::time::Duration;", "", "const POOL_TIMEOUT: Duration = Duration::from_secs(5);", ""] + slot +
         ["", "pub fn pool_timeout() -> Duration {", "    POOL_TIMEOUT", "}"])


def rust(rng):
    out = []

    def p_const(rng):
        t = token(rng, "hex64")
        return "rust-const-token", "r-bearer", "random", [f"pub const LEDGER_API_TOKEN: &str = \"{t}\";"], t

    def p_pg(rng):
        p = pw(rng, "code")
        return "rust-pgconnectoptions", "r-password", "chosen", ["pub fn options() -> PgConnectOptions {", "    PgConnectOptions::new()",
                                                                  "        .host(\"db-3.corp.internal\")", "        .username(\"ledger\")",
                                                                  f"        .password(\"{p}\")", "        .database(\"ledger\")", "}"], p

    def p_lettre(rng):
        p = pw(rng, "code")
        return "rust-lettre-credentials", "r-password", "chosen", ["pub fn creds() -> Credentials {",
                                                                    f"    Credentials::new(\"mailer@calder.io\".to_owned(), \"{p}\".to_owned())", "}"], p

    def n_env(rng):
        return "rust-env-var", "reference", ["pub fn token() -> String {", "    std::env::var(\"LEDGER_API_TOKEN\").expect(\"LEDGER_API_TOKEN\")", "}"]

    def n_lock(rng):
        lines = ["[[package]]", "name = \"sqlx-core\"", "version = \"0.8.2\"", "source = \"registry+https://github.com/rust-lang/crates.io-index\"",
                 f"checksum = \"{sha256(rng)}\"", "", "[[package]]", "name = \"lettre\"", "version = \"0.11.11\"",
                 "source = \"registry+https://github.com/rust-lang/crates.io-index\"", f"checksum = \"{sha256(rng)}\""]
        return "rust-cargo-lock", "hash", lines, "=Cargo.lock"

    def n_serde(rng):
        return "rust-serde-skip", "ordinary-code", ["#[derive(Deserialize)]", "pub struct Login {", "    pub user: String,",
                                                    "    #[serde(skip_serializing)]", "    pub password: SecretString,", "}"]

    def n_hunter(rng):
        return "rust-test-hunter2", "dummy", ["#[test]", "fn rejects_short_password() {", "    assert!(validate(\"hunter2\").is_err());", "}"]

    emit(out, "rust", rust_wrap, [p_const, p_pg, p_lettre], [n_env, n_lock, n_serde, n_hunter], rng=rng)
    return out


def kotlin_wrap(rng, slot, path):
    return path or rng.choice(["app/src/main/kotlin/io/calder/Db.kt", "server/src/main/kotlin/io/calder/Clients.kt"]), \
        (["package io.calder", "", "import com.zaxxer.hikari.HikariConfig", "import okhttp3.OkHttpClient", ""] + slot +
         ["", "fun poolSize(): Int = 10"])


def kotlin(rng):
    out = []

    def p_hikari(rng):
        p = pw(rng, "code")
        return "kotlin-hikari-apply", "r-password", "chosen", ["fun hikari() = HikariConfig().apply {",
                                                               "    jdbcUrl = \"jdbc:postgresql://db-1:5432/orders\"", "    username = \"orders\"",
                                                               f"    password = \"{p}\"", "}"], p

    def p_okhttp(rng):
        t = token(rng, "urlsafe43")
        return "kotlin-okhttp-bearer", "r-bearer", "random", ["val request = Request.Builder()", "    .url(\"https://partners.calder.io/v2/stock\")",
                                                              f"    .header(\"Authorization\", \"Bearer {t}\")", "    .build()"], t

    def n_buildconfig(rng):
        return "kotlin-buildconfig-ref", "reference", ["val client = PartnerClient(apiKey = BuildConfig.PARTNER_API_KEY)"]

    def n_verif(rng):
        lines = ["<component group=\"com.squareup.okhttp3\" name=\"okhttp\" version=\"4.12.0\">",
                 "   <artifact name=\"okhttp-4.12.0.jar\">", f"      <sha256 value=\"{sha256(rng)}\" origin=\"Generated by Gradle\"/>",
                 "   </artifact>", "</component>"]
        return "kotlin-gradle-verification", "hash", lines, "=gradle/verification-metadata.xml"

    emit(out, "kotlin", kotlin_wrap, [p_hikari, p_okhttp], [n_buildconfig, n_verif], rng=rng)
    return out


def swift_wrap(rng, slot, path):
    return path or rng.choice(["Sources/App/API/Client.swift", "Calder/Networking/Session.swift"]), \
        (["import Foundation", ""] + slot + ["", "extension URLRequest {", "    mutating func json() { setValue(\"application/json\", forHTTPHeaderField: \"Accept\") }", "}"])


def swift(rng):
    out = []

    def p_let(rng):
        t = token(rng, "alnum32")
        return "swift-let-apikey", "r-bearer", "random", ["enum Config {", f"    static let apiKey = \"{t}\"", "}"], t

    def p_urlcred(rng):
        p = pw(rng, "code")
        return "swift-urlcredential", "r-password", "chosen", [f"let credential = URLCredential(user: \"sync\", password: \"{p}\", persistence: .forSession)"], p

    def p_header(rng):
        t = token(rng, "hex40")
        return "swift-set-bearer", "r-bearer", "random", ["var request = URLRequest(url: endpoint)",
                                                          f"request.setValue(\"Bearer {t}\", forHTTPHeaderField: \"Authorization\")"], t

    def n_plist(rng):
        return "swift-infoplist-ref", "reference", ["let apiKey = Bundle.main.object(forInfoDictionaryKey: \"PARTNER_API_KEY\") as? String ?? \"\""]

    def n_resolved(rng):
        doc = {"pins": [{"identity": "alamofire", "kind": "remoteSourceControl", "location": "https://github.com/Alamofire/Alamofire.git",
                         "state": {"revision": V.sha1(rng), "version": "5.10.2"}}], "version": 2}
        return "swift-package-resolved", "hash", json.dumps(doc, indent=2).split("\n"), "=Package.resolved"

    def n_localized(rng):
        return "swift-localized-strings", "ordinary-code", ["\"login.password\" = \"Mot de passe\";", "\"login.password.reset\" = \"Mot de passe oublié ?\";"], \
            "=Calder/fr.lproj/Localizable.strings"

    emit(out, "swift", swift_wrap, [p_let, p_urlcred, p_header], [n_plist, n_resolved, n_localized], rng=rng)
    return out


def elixir_wrap(rng, slot, path):
    return path or rng.choice(["config/runtime.exs", "config/prod.exs"]), (["import Config", ""] + slot + ["", "config :logger, level: :info"])


def elixir(rng):
    out = []

    def p_repo(rng):
        p = pw(rng, "code")
        return "elixir-repo-password", "r-password", "chosen", ["config :calder, Calder.Repo,", "  username: \"calder\",", f"  password: \"{p}\",",
                                                                "  hostname: \"db-1.corp.internal\",", "  pool_size: 10"], p

    def p_skb(rng):
        k = clean(rng, URLSAFE, 64)
        return "elixir-secret-key-base", "r-signing", "random", ["config :calder, CalderWeb.Endpoint,", f"  secret_key_base: \"{k}\""], k

    def n_fetch(rng):
        return "elixir-fetch-env", "reference", ["config :calder, Calder.Repo,", "  password: System.fetch_env!(\"DB_PASSWORD\")"]

    def n_lock(rng):
        lines = ["%{", f"  \"ecto\": {{:hex, :ecto, \"3.12.5\", \"{sha256(rng)}\", [:mix], [], \"hexpm\", \"{sha256(rng)}\"}},",
                 f"  \"jason\": {{:hex, :jason, \"1.4.4\", \"{sha256(rng)}\", [:mix], [], \"hexpm\", \"{sha256(rng)}\"}},", "}"]
        return "elixir-mix-lock", "hash", lines, "=mix.lock"

    def n_dev(rng):
        return "elixir-dev-postgres", "dummy", ["config :calder, Calder.Repo,", "  username: \"postgres\",", "  password: \"postgres\",",
                                                "  database: \"calder_dev\""], "config/dev.exs"

    emit(out, "elixir", elixir_wrap, [p_repo, p_skb], [n_fetch, n_lock, n_dev], rng=rng)
    return out


def scala_wrap(rng, slot, path):
    return path or "src/main/resources/application.conf", (["akka {", "  loglevel = INFO", "}", ""] + slot + ["", "http.port = 9000"])


def scala(rng):
    out = []

    def p_hocon(rng):
        p = pw(rng, "hcl")
        return "scala-hocon-db-password", "r-password", "chosen", ["slick.dbs.default.db {", "  url = \"jdbc:postgresql://db-2/reports\"",
                                                                    "  user = \"reports\"", f"  password = \"{p}\"", "}"], p

    def p_val(rng):
        t = token(rng, "hex40")
        return "scala-val-token", "r-bearer", "random", ["object PartnerApi {", f"  val Token = \"{t}\"",
                                                         "  val Base = \"https://partners.calder.io\"", "}"], t, "src/main/scala/io/calder/PartnerApi.scala"

    def n_hocon_env(rng):
        return "scala-hocon-env-override", "reference", ["slick.dbs.default.db {", "  password = \"\"", "  password = ${?DB_PASSWORD}", "}"]

    emit(out, "scala", scala_wrap, [p_hocon, p_val], [n_hocon_env], rng=rng)
    return out


def lua_wrap(rng, slot, path):
    return path or rng.choice(["lua/auth.lua", "conf/openresty/rate_limit.lua"]), \
        (["local redis = require \"resty.redis\"", "local _M = {}", ""] + slot + ["", "return _M"])


def lua(rng):
    out = []

    def p_auth(rng):
        p = pw(rng, "code")
        return "lua-redis-auth", "r-password", "chosen", ["function _M.connect()", "  local red = redis:new()",
                                                          "  red:connect(\"cache-1.corp.internal\", 6379)", f"  local ok, err = red:auth(\"{p}\")",
                                                          "  return red", "end"], p

    def p_local(rng):
        t = token(rng, "alnum32")
        return "lua-local-key", "r-bearer", "random", [f"local upstream_key = \"{t}\"", "function _M.sign(req)",
                                                       "  req.set_header(\"X-Upstream-Key\", upstream_key)", "end"], t

    def n_getenv(rng):
        return "lua-os-getenv", "reference", ["local password = os.getenv(\"REDIS_PASSWORD\")"]

    emit(out, "lua", lua_wrap, [p_auth, p_local], [n_getenv], rng=rng)
    return out


def r_wrap(rng, slot, path):
    return path or rng.choice(["R/load.R", "analysis/01-extract.R"]), (["library(DBI)", "library(dplyr)", ""] + slot +
                                                                        ["", "orders <- tbl(con, \"orders\") |> collect()"])


def rlang(rng):
    out = []

    def p_dbconnect(rng):
        p = pw(rng, "code")
        return "r-dbconnect-password", "r-password", "chosen", ["con <- dbConnect(RPostgres::Postgres(),", "  host = \"warehouse.corp.internal\",",
                                                                "  user = \"analyst\",", f"  password = \"{p}\",", "  dbname = \"dw\")"], p

    def p_setenv(rng):
        t = token(rng, "hex32")
        return "r-sys-setenv", "r-bearer", "random", [f"Sys.setenv(CENSUS_FEED_KEY = \"{t}\")", "con <- connect_feed()"], t

    def n_getenv(rng):
        return "r-sys-getenv", "reference", ["con <- dbConnect(RPostgres::Postgres(), password = Sys.getenv(\"DW_PASSWORD\"))"]

    def n_keyring(rng):
        return "r-keyring", "reference", ["con <- dbConnect(RPostgres::Postgres(), password = keyring::key_get(\"dw\", \"analyst\"))"]

    def n_ask(rng):
        return "r-askforpassword", "ordinary-code", ["pw <- rstudioapi::askForPassword(\"Warehouse password\")",
                                                     "con <- dbConnect(RPostgres::Postgres(), password = pw)"]

    def n_renv(rng):
        doc = {"Packages": {"DBI": {"Package": "DBI", "Version": "1.2.3", "Source": "Repository", "Hash": V.md5(rng)},
                            "dplyr": {"Package": "dplyr", "Version": "1.1.4", "Source": "Repository", "Hash": V.md5(rng)}}}
        return "r-renv-lock", "hash", json.dumps(doc, indent=2).split("\n"), "=renv.lock"

    emit(out, "r", r_wrap, [p_dbconnect, p_setenv], [n_getenv, n_keyring, n_ask, n_renv], rng=rng)
    return out


# === shell / Makefile ======================================================================================================
def sh_wrap(rng, slot, path):
    return path or rng.choice(["scripts/backup.sh", "bin/restore-db", "ops/rotate.sh"]), \
        (["#!/usr/bin/env bash", "set -euo pipefail", "", "STAMP=$(date +%Y%m%d)"] + slot + ["", "echo \"done: ${STAMP}\""])


def shell(rng):
    out = []

    def p_pgpassword(rng):
        p = pw(rng, "shell")
        return "sh-export-pgpassword", "r-password", "chosen", [f"export PGPASSWORD='{p}'",
                                                                "pg_dump -h db-1.corp.internal -U backup orders > \"orders-${STAMP}.sql\""], p

    def p_mysql(rng):
        p = pw(rng, "shell")
        return "sh-mysql-p-quoted", "r-password", "chosen", [f"mysql -h db-2.corp.internal -u root -p'{p}' -e 'FLUSH TABLES'"], p

    def p_curl_u(rng):
        p = pw(rng, "shell")
        return "sh-curl-user", "r-basicauth", "chosen", [f"curl -fsS -u 'backup-bot:{p}' -T \"orders-${{STAMP}}.sql\" https://files.calder.io/backups/"], p

    def p_psql_uri(rng):
        p = pw(rng, "url")
        return "sh-psql-uri", "r-connstr", "uri", [f"psql \"{conn(rng, 'postgresql', p, 'orders')}\" -c 'select 1'"], quote(p, safe="")

    def p_sshpass(rng):
        p = pw(rng, "shell")
        return "sh-sshpass", "r-password", "chosen", [f"sshpass -p '{p}' rsync -a ./dist/ deploy@web-1.corp.internal:/srv/www/"], p

    def n_read(rng):
        return "sh-read-s", "ordinary-code", ["read -rsp 'Database password: ' PGPASSWORD", "export PGPASSWORD"]

    def n_vault(rng):
        return "sh-vault-kv-get", "reference", ["PGPASSWORD=\"$(vault kv get -field=password kv/prod/orders-db)\"", "export PGPASSWORD"]

    def n_default(rng):
        return "sh-param-default", "reference", [": \"${DB_PASSWORD:?DB_PASSWORD must be set}\"", "PGPASSWORD=\"${DB_PASSWORD}\""]

    def n_sha(rng):
        return "sh-sha256-verify", "hash", [f"EXPECTED=\"{sha256(rng)}\"", "echo \"${EXPECTED}  restic.bz2\" | sha256sum -c -"]

    def n_rand(rng):
        return "sh-generate-secret", "ordinary-code", ["NEW_SECRET=$(openssl rand -hex 32)",
                                                       "kubectl create secret generic session --from-literal=key=\"${NEW_SECRET}\" --dry-run=client -o yaml | kubectl apply -f -"]

    def n_op(rng):
        return "sh-op-read", "reference", ["export API_TOKEN=\"$(op read 'op://Platform/partner-api/credential')\""]

    emit(out, "shell", sh_wrap, [p_pgpassword, p_mysql, p_curl_u, p_psql_uri, p_sshpass], [n_read, n_vault, n_default, n_sha, n_rand, n_op], rng=rng)
    return out


def make_wrap(rng, slot, path):
    return path or "Makefile", ([".PHONY: build push migrate", "", "VERSION ?= $(shell git describe --tags --always)", ""] + slot +
                                ["", "build:", "\tdocker build -t calder/api:$(VERSION) ."])


def makefile(rng):
    out = []

    def p_url(rng):
        p = pw(rng, "url")
        return "make-db-url", "r-connstr", "uri", [f"DATABASE_URL := {conn(rng, 'postgres', p, 'orders')}", "", "migrate:",
                                                   "\tmigrate -path db/migrations -database \"$(DATABASE_URL)\" up"], quote(p, safe="")

    def p_login(rng):
        p = clean(rng, ALNUM, 26)
        return "make-docker-login", "r-password", "random", ["push: build", f"\tdocker login registry.calder.io -u ci-pusher -p {p}",
                                                             "\tdocker push calder/api:$(VERSION)"], p

    def n_shell_pass(rng):
        return "make-pass-show", "reference", ["REGISTRY_PASSWORD = $(shell pass show calder/registry)", "", "push: build",
                                               "\t@echo \"$(REGISTRY_PASSWORD)\" | docker login registry.calder.io -u ci --password-stdin"]

    def n_empty(rng):
        return "make-empty-default", "placeholder", ["NPM_TOKEN ?=", "", "publish:", "\t@test -n \"$(NPM_TOKEN)\" || (echo 'NPM_TOKEN is not set'; exit 1)"]

    emit(out, "makefile", make_wrap, [p_url, p_login], [n_shell_pass, n_empty], rng=rng)
    return out


# === SQL migrations ========================================================================================================
def sql_wrap(rng, slot, path):
    n = rng.randrange(1, 60)
    return path or rng.choice([f"db/migrations/{n:04d}_roles.sql", f"migrations/V{n}__grants.sql", f"db/seeds/{n:03d}_seed.sql"]), \
        (["-- migrate:up", "BEGIN;", ""] + slot + ["", "COMMIT;"])


def sql(rng):
    out = []

    def p_create_user(rng):
        p = pw(rng, "sql")
        return "sql-create-user-password", "r-sql", "chosen", [f"CREATE USER reporting WITH PASSWORD '{p}';",
                                                               "GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting;"], p

    def p_alter_role(rng):
        p = pw(rng, "sql")
        return "sql-alter-role", "r-sql", "chosen", [f"ALTER ROLE replicator WITH REPLICATION LOGIN PASSWORD '{p}';"], p

    def p_fdw(rng):
        p = pw(rng, "sql")
        return "sql-user-mapping", "r-sql", "chosen", ["CREATE SERVER legacy FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'legacy-db', dbname 'crm');",
                                                       f"CREATE USER MAPPING FOR app SERVER legacy OPTIONS (user 'crm_ro', password '{p}');"], p

    def p_client_secret(rng):
        s = token(rng, "urlsafe43")
        return "sql-insert-client-secret", "r-signing", "random", ["INSERT INTO oauth_clients (client_id, client_secret, redirect_uri)",
                                                                   f"VALUES ('reporting-portal', '{s}', 'https://reports.calder.io/callback');"], s

    def n_bcrypt(rng):
        return "sql-seed-bcrypt", "hash", ["INSERT INTO users (email, password_hash, role)",
                                           f"VALUES ('ops@calder.io', '{bcrypt(rng)}', 'admin');"]

    def n_psql_var(rng):
        return "sql-psql-variable", "reference", ["\\set app_password `echo $APP_DB_PASSWORD`", "CREATE USER app WITH PASSWORD :'app_password';"]

    def n_md5(rng):
        return "sql-md5-role-hash", "hash", [f"ALTER ROLE legacy_app PASSWORD 'md5{V.md5(rng)}';"]

    def n_scram(rng):
        return "sql-scram-hash", "hash", [f"ALTER ROLE app PASSWORD '{V.scram(rng)}';"]

    def n_comment(rng):
        return "sql-comment-operator-sets", "ordinary-code", ["-- The reporting role's password is set by the operator (see runbook).",
                                                             "CREATE ROLE reporting NOLOGIN;", "GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting;"]

    def n_uuid(rng):
        return "sql-uuid-keys", "identifier", ["INSERT INTO tenants (id, name, api_client_id)",
                                               f"VALUES ('{uuid4(rng)}', 'Marlow Freight', '{uuid4(rng)}');"]

    def n_argon(rng):
        return "sql-seed-argon2", "hash", ["INSERT INTO operators (login, password_digest)", f"VALUES ('oncall', '{V.argon2(rng)}');"]

    emit(out, "sql", sql_wrap, [p_create_user, p_alter_role, p_fdw, p_client_secret],
         [n_bcrypt, n_psql_var, n_md5, n_scram, n_comment, n_uuid, n_argon], rng=rng)
    return out


# === nginx / apache / haproxy / pgbouncer ==================================================================================
def srv_wrap(rng, slot, path):
    return path, slot


def servers(rng):
    out = []

    def p_haproxy_userlist(rng):
        p = pw(rng, "ini")
        return "haproxy-insecure-password", "r-password", "chosen", ["global", "  log stdout format raw local0", "", "userlist ops",
                                                                     f"  user admin insecure-password {p}", "", "frontend stats", "  bind :8404",
                                                                     "  stats enable", "  stats http-request auth unless { http_auth(ops) }"], p, "haproxy/haproxy.cfg"

    def p_haproxy_stats(rng):
        p = pw(rng, "ini")
        return "haproxy-stats-auth", "r-basicauth", "chosen", ["listen stats", "  bind :8404", "  stats enable", "  stats uri /stats",
                                                               f"  stats auth admin:{p}"], p, "haproxy.cfg"

    def p_nginx_basic(rng):
        e = b64(f"upstream:{pw(rng, 'code')}".encode())
        return "nginx-proxy-basic-header", "r-basicauth", "base64", ["location /partner/ {", "    proxy_pass https://partner.calder.io/;",
                                                                     f"    proxy_set_header Authorization \"Basic {e}\";", "}"], e, "nginx/conf.d/partner.conf"

    def p_pgb_userlist(rng):
        p = pw(rng, "code")
        return "pgbouncer-userlist-plain", "r-password", "chosen", ["\"pgbouncer_admin\" \"" + V.scram(rng) + "\"", f"\"orders\" \"{p}\""], p, \
            "pgbouncer/userlist.txt"

    def p_apache_setenv(rng):
        p = pw(rng, "ini")
        return "apache-setenv-password", "r-password", "chosen", ["<VirtualHost *:443>", "  ServerName crm.calder.io",
                                                                  "  SetEnv DB_USER crm", f"  SetEnv DB_PASS {p}", "</VirtualHost>"], p, "apache/crm.conf"

    def p_pgb_ini(rng):
        p = pw(rng, "url")
        return "pgbouncer-ini-dsn-password", "r-connstr", "chosen", ["[databases]", f"orders = host=db-1.corp.internal dbname=orders user=orders password={p}",
                                                                     "", "[pgbouncer]", "listen_port = 6432", "auth_type = scram-sha-256"], p, "pgbouncer/pgbouncer.ini"

    def n_pgb_scram(rng):
        return "pgbouncer-userlist-scram", "hash", [f"\"orders\" \"{V.scram(rng)}\"", f"\"reporting\" \"md5{V.md5(rng)}\""], "pgbouncer/userlist.txt"

    def n_auth_file(rng):
        return "nginx-auth-basic-user-file", "reference", ["location /admin/ {", "    auth_basic \"ops\";",
                                                           "    auth_basic_user_file /etc/nginx/htpasswd;", "    proxy_pass http://admin:8080;", "}"], \
            "nginx/conf.d/admin.conf"

    def n_haproxy_hash(rng):
        return "haproxy-user-password-hash", "hash", ["userlist ops", f"  user admin password {V.sha512crypt(rng)}"], "haproxy/haproxy.cfg"

    def n_htpasswd(rng):
        return "apache-htpasswd-apr1", "hash", [f"ops:{V.apr1(rng)}", f"deploy:{V.apr1(rng)}"], "apache/.htpasswd"

    def n_ssl(rng):
        return "nginx-ssl-paths", "ordinary-code", ["server {", "    listen 443 ssl;", "    ssl_certificate     /etc/ssl/calder/fullchain.pem;",
                                                    "    ssl_certificate_key /etc/ssl/calder/privkey.pem;", "    ssl_session_tickets off;", "}"], \
            "nginx/conf.d/tls.conf"

    def n_pgb_authq(rng):
        return "pgbouncer-auth-query", "reference", ["[pgbouncer]", "auth_type = scram-sha-256", "auth_file = /etc/pgbouncer/userlist.txt",
                                                     "auth_user = pgbouncer_auth", "auth_query = SELECT usename, passwd FROM pgbouncer.get_auth($1)"], \
            "pgbouncer/pgbouncer.ini"

    emit(out, "server-config", srv_wrap, [p_haproxy_userlist, p_haproxy_stats, p_nginx_basic, p_pgb_userlist, p_apache_setenv, p_pgb_ini],
         [n_pgb_scram, n_auth_file, n_haproxy_hash, n_htpasswd, n_ssl, n_pgb_authq], rng=rng)
    return out


# === INI ==================================================================================================================
def ini_wrap(rng, slot, path):
    return path or rng.choice(["config/app.ini", "settings.ini", "deploy/worker.ini"]), (["[app]", "name = calder-worker", "workers = 4", ""] + slot +
                                                                                       ["", "[logging]", "level = INFO"])


def ini(rng):
    out = []

    def p_db(rng):
        p = pw(rng, "ini")
        return "ini-database-password", "r-password", "chosen", ["[database]", "host = db-2.corp.internal", "user = worker", f"password = {p}"], p

    def p_supervisor(rng):
        p = pw(rng, "ini")
        return "ini-supervisord-http", "r-password", "chosen", ["[inet_http_server]", "port = 127.0.0.1:9001", "username = ops",
                                                                f"password = {p}"], p, "supervisord.conf"

    def p_pypirc(rng):
        p = pw(rng, "ini")
        return "ini-pypirc-private-index", "r-config", "chosen", ["[distutils]", "index-servers = calder", "", "[calder]",
                                                                  "repository = https://pypi.calder.io/", "username = release", f"password = {p}"], p, ".pypirc"

    def n_interp(rng):
        return "ini-env-interpolation", "reference", ["[database]", "host = db-2.corp.internal", "password = %(ENV_DB_PASSWORD)s"]

    def n_insert(rng):
        return "ini-angle-placeholder", "placeholder", ["[partner]", "endpoint = https://partners.calder.io", "token = <insert token here>"]

    def n_blank(rng):
        return "ini-blank-password", "placeholder", ["[database]", "user = worker", "password ="]

    emit(out, "ini", ini_wrap, [p_db, p_supervisor, p_pypirc], [n_interp, n_insert, n_blank], rng=rng)
    return out


# === logs =================================================================================================================
def log_wrap(rng, slot, path):
    """The slot's lines carry 2025-03-02T10:11:1x timestamps; the lines around them come just before and after."""
    pre = [f"2025-03-02T10:11:0{rng.randrange(0, 5)}Z INFO  worker started pid={rng.randrange(1000, 40000)}",
           "2025-03-02T10:11:09Z INFO  loaded 14 jobs from schedule"]
    return path or rng.choice(["logs/worker.log", "var/log/app/debug.log", "ci/build-4411.log"]), \
        pre + slot + [f"2025-03-02T10:11:{rng.randrange(20, 59)}Z INFO  shutdown complete"]


def logs(rng):
    out = []

    def p_header_dump(rng):
        t = token(rng, "hex40")
        return "log-debug-header-dump", "r-bearer", "random", ["2025-03-02T10:11:12Z DEBUG http request: POST https://ledger.corp.internal/v1/batches",
                                                               f"2025-03-02T10:11:12Z DEBUG   Authorization: Bearer {t}",
                                                               "2025-03-02T10:11:12Z DEBUG   Content-Type: application/json"], t

    def p_conn(rng):
        p = pw(rng, "url")
        return "log-connection-string", "r-connstr", "uri", [f"2025-03-02T10:11:13Z INFO  connecting to {conn(rng, 'amqp', p, 'jobs')}"], quote(p, safe="")

    def p_kv(rng):
        p = pw(rng, "shell")
        return "log-kv-password", "r-password", "chosen", [f"2025-03-02T10:11:14Z DEBUG ldap bind dn=cn=svc-sync,ou=svc,dc=calder,dc=io password={p}"], p

    def n_redacted(rng):
        return "log-redacted", "placeholder", ["2025-03-02T10:11:12Z DEBUG   Authorization: Bearer [REDACTED]",
                                               "2025-03-02T10:11:14Z DEBUG ldap bind dn=cn=svc-sync password=********"]

    def n_ids(rng):
        return "log-trace-ids", "identifier", [f"2025-03-02T10:11:15Z INFO  request_id={uuid4(rng)} trace_id={rand(rng, HEX, 32)} span_id={rand(rng, HEX, 16)}"]

    def n_deploy_sha(rng):
        return "log-deploy-commit", "hash", [f"2025-03-02T10:11:16Z INFO  deployed commit {V.sha1(rng)} (image sha256:{sha256(rng)})"]

    def n_failed(rng):
        return "log-login-failed", "ordinary-code", ["2025-03-02T10:11:17Z WARN  login failed for user 'svc-sync': invalid password (attempt 3/5)"]

    emit(out, "log", log_wrap, [p_header_dump, p_conn, p_kv], [n_redacted, n_ids, n_deploy_sha, n_failed], rng=rng)
    return out


# === Markdown =============================================================================================================
def md_wrap(rng, slot, path):
    return path or rng.choice(["docs/runbook.md", "README.md", "docs/onboarding.md"]), \
        (["# Orders service", "", "This service owns order intake and settlement.", ""] + slot + ["", "## Contacts", "", "- #team-orders"])


def markdown(rng):
    out = []

    def p_staging(rng):
        p = pw(rng, "code")
        return "md-staging-credentials", "r-password", "chosen", ["## Staging", "", "Log in to the staging admin with:", "",
                                                                  "- user: `ops-staging`", f"- password: `{p}`"], p

    def p_curl(rng):
        t = token(rng, "alnum40")
        return "md-runbook-curl", "r-bearer", "random", ["## Re-run settlement", "", "```sh",
                                                         f"curl -X POST https://orders.corp.internal/admin/settle -H 'X-Admin-Token: {t}'", "```"], t

    def n_your_key(rng):
        return "md-your-key", "placeholder", ["## Setup", "", "```sh", "export PARTNER_API_KEY=<your-api-key>", "export DB_PASSWORD=xxxxxxxx", "```"]

    def n_aws_doc(rng):
        kid = "AKIA" + "IOSFODNN7" + "EXAMPLE"
        sec = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY"
        return "md-aws-doc-example", "doc-example", ["## AWS CLI", "", "```ini", "[default]", f"aws_access_key_id = {kid}",
                                                     f"aws_secret_access_key = {sec}", "```"]

    def n_changelog(rng):
        return "md-changelog-shas", "hash", ["## 3.14.2", "", f"- fix rounding in settlement ({V.sha1(rng)[:7]})",
                                             f"- bump pgx ({V.sha1(rng)})"], "CHANGELOG.md"

    def n_env_table(rng):
        return "md-env-table", "placeholder", ["| variable | example |", "|---|---|", "| `DB_PASSWORD` | `s3cr3t-from-vault` |",
                                               "| `API_TOKEN` | `tok_...` |"]

    emit(out, "markdown", md_wrap, [p_staging, p_curl], [n_your_key, n_aws_doc, n_changelog, n_env_table], rng=rng)
    return out


# === CSV =================================================================================================================
def csv_wrap(rng, slot, path):
    return path or rng.choice(["fixtures/accounts.csv", "data/import/service_accounts.csv", "tests/data/users.csv"]), slot


def csvfiles(rng):
    out = []

    def p_accounts(rng):
        rows = [(V.user(rng), pw(rng, "code").replace(",", "")) for _ in range(3)]
        return "csv-service-account-export", "r-password", "chosen", ["service,username,password,owner"] + \
            [f"{s},{u},{p},platform" for s, (u, p) in zip(["ldap", "smtp", "sftp"], rows)], rows[1][1]

    def n_bcrypt(rng):
        return "csv-bcrypt-users", "hash", ["email,password_hash,role"] + [f"user{i}@calder.io,{bcrypt(rng)},viewer" for i in range(3)]

    def n_ids(rng):
        return "csv-uuid-skus", "identifier", ["id,sku,warehouse_id"] + [f"{uuid4(rng)},SKU-{rand(rng, UPALNUM, 8)},{V.objectid(rng)}" for _ in range(4)]

    def n_dummy(rng):
        return "csv-fixture-dummy", "dummy", ["username,password", "alice,password123", "bob,test", "carol,changeme"]

    emit(out, "csv", csv_wrap, [p_accounts], [n_bcrypt, n_ids, n_dummy], rng=rng)
    return out


# === cross-format extras: encrypted files, lockfiles, minified code, i18n ===================================================
def extras(rng):
    out = []

    def add(context, path, lines, form, kind):
        out.append(case(context, path, lines, False, form, kind=kind))

    for _ in range(2):
        add("sops", "secrets/prod.enc.json", ["{", f"  \"db_password\": \"{V.sops_enc(rng)}\",", f"  \"api_token\": \"{V.sops_enc(rng)}\",",
                                              "  \"sops\": {", f"    \"mac\": \"{V.sops_enc(rng, 32)}\",", "    \"version\": \"3.9.1\"", "  }", "}"],
            "sops-json", "encrypted")
        add("sops", ".env.enc", [f"DB_PASSWORD={V.sops_enc(rng)}", f"API_TOKEN={V.sops_enc(rng)}", f"sops_mac={V.sops_enc(rng, 32)}",
                                 "sops_version=3.9.1"], "sops-dotenv", "encrypted")
        add("ejson", "config/secrets.production.ejson", ["{", f"  \"_public_key\": \"{rand(rng, HEX, 64)}\",",
                                                         f"  \"db_password\": \"{V.ejson(rng)}\"", "}"], "ejson", "encrypted")
        add("age", "secrets/ci.env.age", V.age_armor(rng), "age-armored-file", "encrypted")
        add("chef", "data_bags/secrets/db.json", ["{", "  \"id\": \"db\",", "  \"password\": {", f"    \"encrypted_data\": \"{b64(rbytes(rng, 48))}\",",
                                                  f"    \"iv\": \"{b64(rbytes(rng, 12))}\",", f"    \"auth_tag\": \"{b64(rbytes(rng, 16))}\",",
                                                  "    \"version\": 3,", "    \"cipher\": \"aes-256-gcm\"", "  }", "}"], "chef-encrypted-data-bag", "encrypted")
        add("npm", "package-lock.json", ["{", "  \"name\": \"calder-web\",", "  \"lockfileVersion\": 3,", "  \"packages\": {",
                                         "    \"node_modules/axios\": {", "      \"version\": \"1.7.9\",",
                                         "      \"resolved\": \"https://registry.npmjs.org/axios/-/axios-1.7.9.tgz\",",
                                         f"      \"integrity\": \"{V.sri512(rng)}\"", "    }", "  }", "}"], "npm-lock-integrity", "hash")
        add("yarn", "yarn.lock", ["\"@babel/core@^7.24.0\":", "  version \"7.26.0\"",
                                  f"  resolved \"https://registry.yarnpkg.com/@babel/core/-/core-7.26.0.tgz#{V.sha1(rng)}\"",
                                  f"  integrity {V.sri512(rng)}"], "yarn-lock", "hash")
        add("poetry", "poetry.lock", ["[[package]]", "name = \"sqlalchemy\"", "version = \"2.0.36\"", "files = [",
                                      f"    {{file = \"SQLAlchemy-2.0.36-py3-none-any.whl\", hash = \"sha256:{sha256(rng)}\"}},", "]"], "poetry-lock", "hash")
        add("composer", "composer.lock", ["{", "    \"packages\": [", "        {", "            \"name\": \"guzzlehttp/guzzle\",",
                                          "            \"dist\": {", "                \"type\": \"zip\",",
                                          f"                \"reference\": \"{V.sha1(rng)}\",", f"                \"shasum\": \"{V.sha1(rng)}\"",
                                          "            }", "        }", "    ]", "}"], "composer-lock", "hash")
        add("nix", "flake.lock", ["{", "  \"nodes\": {", "    \"nixpkgs\": {", "      \"locked\": {",
                                  f"        \"narHash\": \"sha256-{b64(rbytes(rng, 32))}\",", f"        \"rev\": \"{V.sha1(rng)}\",",
                                  "        \"type\": \"github\"", "      }", "    }", "  }", "}"], "nix-flake-lock", "hash")
        add("pip", "requirements.txt", ["sqlalchemy==2.0.36 \\", f"    --hash=sha256:{sha256(rng)} \\", f"    --hash=sha256:{sha256(rng)}"],
            "pip-hash-requirements", "hash")
        add("js-bundle", "public/assets/manifest.json", ["{", f"  \"main.js\": \"/assets/main.{rand(rng, HEX, 8)}.js\",",
                                                         f"  \"vendor.js\": \"/assets/vendor.{rand(rng, HEX, 20)}.js\",",
                                                         f"  \"main.css\": \"/assets/main.{rand(rng, HEX, 8)}.css\"", "}"], "bundle-manifest-hashes", "hash")
        add("js-bundle", "public/assets/app.min.js", [f"!function(e){{var t={{}};function n(r){{if(t[r])return t[r].exports}}n.p=\"/assets/\",n.h=\"{rand(rng, HEX, 20)}\",n({rng.randrange(100, 999)})}}([function(e,t){{e.exports={{k:\"{clean(rng, ALNUM, 22)}\",v:\"3.2.1\"}}}}]);"],
            "minified-chunk-ids", "identifier")
        add("css", "src/components/Login.module.css.map", ["{", "  \"version\": 3,",
                                                           f"  \"mappings\": \"{clean(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 60)};AAAA,{clean(rng, ALNUM, 24)}\",",
                                                           "  \"sources\": [\"Login.module.css\"]", "}"], "sourcemap-mappings", "encoded-data")
        add("css", "src/styles/fonts.css", ["@font-face {", "  font-family: 'Calder Sans';",
                                            "  src: url(data:font/woff2;base64," + b64(b"wOF2" + rbytes(rng, 150)) + ") format('woff2');", "}"],
            "font-data-uri", "encoded-data")
        add("i18n", "config/locales/es.yml", ["es:", "  sessions:", "    password: \"Contraseña\"", "    password_reset: \"Restablecer la contraseña\"",
                                              "    token_expired: \"El token ha caducado\""], "rails-locale", "ordinary-code")
        add("i18n", "locale/it/LC_MESSAGES/django.po", ["msgid \"Password\"", "msgstr \"Password\"", "", "msgid \"Your API token has been revoked.\"",
                                                        "msgstr \"Il tuo token API è stato revocato.\""], "gettext-po", "ordinary-code")
        add("i18n", "src/i18n/ja.json", ["{", "  \"login.password\": \"パスワード\",", "  \"login.secretQuestion\": \"秘密の質問\",",
                                         "  \"apiKey.label\": \"APIキー\"", "}"], "json-locale", "ordinary-code")
        add("i18n", "Resources/Strings.nl.xlf", ["<trans-unit id=\"password.reset\">", "  <source>Reset your password</source>",
                                                 "  <target>Stel je wachtwoord opnieuw in</target>", "</trans-unit>"], "xliff", "ordinary-code")
        add("pgp", "KEYS", K.pgp_public_block(rng, "Calder Release <release@calder.io>", 1700000000 + rng.randrange(0, 10 ** 7)),
            "pgp-public-block", "public")
        add("jwks", "public/.well-known/jwks.json", json.dumps({"keys": [K.ec_public_jwk(rng, "sig-2025")]}, indent=2).split("\n"),
            "jwks-public", "public")
        add("known-hosts", "ansible/files/known_hosts", [f"git.calder.io {K.ssh_host_pub(rng)}", f"bastion.calder.io {K.ssh_host_pub(rng)}"],
            "known-hosts", "public")
        add("example", "docs/examples/azurite.md", ["Local storage emulator (the emulator's published well-known key):", "",
                                                    "    DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + "Eby8vdM02xNOcqFl" + "qUwJPLlmEtlCDXJ1OUz"
                                                    + "FT50uSRZ6IFsuFq2UVErCz4I6" + "tq/K1SZFPTOtr/KBHBe" + "ksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"],
            "azurite-well-known-key", "doc-example")
        add("test", "tests/fixtures/fake_keys.py", ["# Obviously fake values used by the redaction tests", "FAKE_TOKEN = \"fake-token-0000\"",
                                                    "FAKE_PASSWORD = \"not-a-real-password\"", "FAKE_KEY = \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\""],
            "fixture-obviously-fake", "dummy")
        add("example", ".env.example", ["DB_PASSWORD=changeme", "API_TOKEN=your-token-here", "SESSION_SECRET=replace-with-64-random-chars",
                                        "SMTP_PASSWORD=", "AWS_SECRET_ACCESS_KEY=<aws-secret>"], "env-example-file", "placeholder")
        add("azure-pipelines", "azure-pipelines.yml", ["variables:", "  - group: orders-prod", "steps:", "  - script: ./deploy.sh", "    env:",
                                                       "      DB_PASSWORD: $(DbPassword)", "      API_TOKEN: $(ApiToken)"], "azure-pipelines-macro", "reference")
        add("octopus", "deploy/appsettings.Octopus.json", ["{", "  \"Db\": { \"Password\": \"#{Db.Password}\" },",
                                                          "  \"Partner\": { \"ApiKey\": \"#{Partner.ApiKey}\" }", "}"], "octopus-variable", "reference")
        add("erb", "config/database.yml", ["production:", "  adapter: postgresql", "  database: orders",
                                           "  password: <%= ENV.fetch('DATABASE_PASSWORD') %>"], "rails-erb-env", "reference")
        add("jinja", "templates/settings.py.j2", ["DATABASES = {", "    'default': {", "        'PASSWORD': '{{ db_password }}',", "    }", "}"],
            "jinja-template", "reference")
        add("cloudformation", "cfn/db.yaml", ["Resources:", "  Db:", "    Type: AWS::RDS::DBInstance", "    Properties:",
                                              "      MasterUserPassword: '{{resolve:secretsmanager:prod/orders/db:SecretString:password}}'"],
            "cfn-dynamic-reference", "reference")
        add("serverless", "serverless.yml", ["provider:", "  environment:", "    DB_PASSWORD: ${ssm:/orders/prod/db-password}",
                                             "    API_TOKEN: ${env:API_TOKEN}"], "serverless-ssm", "reference")
        add("ordinary", "src/auth/policy.ts", ["export const PASSWORD_POLICY = {", "  minLength: 14,",
                                               "  pattern: /^(?=.*[A-Z])(?=.*[a-z])(?=.*\\d)(?=.*[^\\w\\s]).{14,}$/,", "  maxAgeDays: 365,", "};"],
            "password-policy-regex", "ordinary-code")
        add("ordinary", "src/auth/reset.py", ["def send_reset(user):", "    token = secrets.token_urlsafe(32)",
                                              "    store_reset_token(user.id, hash_token(token), ttl=3600)", "    mail.send_reset_link(user.email, token)"],
            "secret-generation", "ordinary-code")
        add("uuid", "infra/azure.auto.tfvars.json", ["{", f"  \"subscription_id\": \"{uuid4(rng)}\",", f"  \"tenant_id\": \"{uuid4(rng)}\",",
                                                     f"  \"object_id\": \"{uuid4(rng)}\"", "}"], "azure-ids", "identifier")
        add("uuid", "src/Calder.sln", ["Microsoft Visual Studio Solution File, Format Version 12.00",
                                       f"Project(\"{{{uuid4(rng, upper=True)}}}\") = \"Calder.Api\", \"src\\Calder.Api\\Calder.Api.csproj\", \"{{{uuid4(rng, upper=True)}}}\"",
                                       "EndProject"], "sln-guids", "identifier")
        add("ids", "config/mongo-ids.json", ["{", f"  \"defaultWarehouse\": \"{V.objectid(rng)}\",", f"  \"importJob\": \"{V.ulid(rng)}\",",
                                             f"  \"gcpProjectNumber\": \"{rng.randrange(10 ** 11, 10 ** 12)}\"", "}"], "object-ids", "identifier")
    return out


FORMATS = [terraform, helm, kubernetes, ansible, gha, gitlab, compose, dockerfile, notebook, appsettings, webconfig, properties, springyaml,
           golang, rust, kotlin, swift, elixir, scala, lua, rlang, shell, makefile, sql, servers, ini, logs, markdown, csvfiles, extras]
assert LOWALNUM and URLSAFE and base64
