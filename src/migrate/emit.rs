//! What a migration hands to the application side: the least-privilege policy
//! ([`policy_hcl`]), Vault Agent templates that render each migrated file back byte for byte
//! ([`agent_templates`]), and how an application gets the values of a migrated JSON file
//! ([`json_variable`], [`json_runtime`]).
//!
//! Same imports as `migrate`. Prints nothing.

use super::Error;
use super::parse::{self, FileFormat, Quote};
use super::plan::{Action, FilePlan, Plan};
use crate::vault::{KvVersion, Reference};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A least-privilege policy for the migrated secrets, in the guide's style: `read` on each
/// secret (KV v2: its `data/` path, plus `read` on its `metadata/` path for versions) and `list`
/// on the folder holding it (KV v2: under `metadata/`), so the app can find its secrets and
/// nothing else.
pub fn policy_hcl(plan: &Plan) -> String {
    let mut out = String::from(
        "# Vault policy written by `vaultsweep migrate apply`: read-only access to the\n# migrated secrets.\n",
    );
    let mut seen = std::collections::BTreeSet::new();
    let mut block = |out: &mut String, path: String, caps: &str| {
        if seen.insert(path.clone()) {
            out.push_str(&format!(
                "\npath \"{path}\" {{\n  capabilities = [{caps}]\n}}\n"
            ));
        }
    };
    for fp in &plan.files {
        if fp.migrating().next().is_none() && !fp.items.iter().any(|i| i.action == Action::Done) {
            continue;
        }
        let folder = fp.path.rsplit_once('/').map(|(dir, _)| dir);
        match fp.kv_version {
            KvVersion::V2 => {
                block(
                    &mut out,
                    format!("{}/data/{}", fp.mount, fp.path),
                    "\"read\"",
                );
                block(
                    &mut out,
                    format!("{}/metadata/{}", fp.mount, fp.path),
                    "\"read\", \"list\"",
                );
                if let Some(dir) = folder {
                    block(
                        &mut out,
                        format!("{}/metadata/{dir}/", fp.mount),
                        "\"list\"",
                    );
                }
            }
            KvVersion::V1 => {
                block(&mut out, format!("{}/{}", fp.mount, fp.path), "\"read\"");
                if let Some(dir) = folder {
                    block(&mut out, format!("{}/{dir}/", fp.mount), "\"list\"");
                }
            }
        }
    }
    out
}

/// The Vault Agent (consul-template) template of one file.
#[derive(Debug, Clone)]
pub struct AgentTemplate {
    /// The file it renders.
    pub source: PathBuf,
    /// Template text.
    pub text: String,
}

/// One template per file of the plan that holds (or will hold) `vault:` references, rendering
/// the file as it was before the migration, byte for byte: each reference becomes a
/// `{{ with secret … }}` lookup escaped for the value's quoting (dotenv double quotes; JSON
/// strings as serde_json writes them), and every other byte is kept (a literal `{{` is escaped).
/// Built from the plan and the files as planned, so call it before `apply`. An error, never an
/// empty template, for a file it cannot render (a JSON value with control characters other than
/// newline, carriage return and tab) or when no file holds a reference.
pub fn agent_templates(plan: &Plan) -> Result<Vec<AgentTemplate>, Error> {
    let mut out = Vec::new();
    for fp in &plan.files {
        if let Some(t) = agent_template(fp)? {
            out.push(t);
        }
    }
    if out.is_empty() {
        return Err(Error::Template {
            file: plan
                .files
                .first()
                .map(|f| f.file.clone())
                .unwrap_or_default(),
            msg: "no file holds a vault: reference, so there is nothing to render".into(),
        });
    }
    Ok(out)
}

fn agent_template(fp: &FilePlan) -> Result<Option<AgentTemplate>, Error> {
    let bytes = std::fs::read(&fp.file).map_err(|e| Error::io(&fp.file, e))?;
    if super::plan::file_hash(&bytes) != fp.file_hash {
        return Err(Error::FileChanged {
            file: fp.file.clone(),
        });
    }
    let field = match fp.kv_version {
        KvVersion::V2 => ".Data.data",
        KvVersion::V1 => ".Data",
    };
    // The reference each entry holds, or will hold once migrated.
    let mut refs: BTreeMap<usize, String> = BTreeMap::new();
    for item in fp.migrating() {
        if let Some(r) = &item.reference {
            refs.insert(item.entry, r.clone());
        }
    }
    for (n, e) in fp.doc.entries.iter().enumerate() {
        if let Ok(v) = std::str::from_utf8(e.value.expose())
            && Reference::parse(v).is_some()
        {
            refs.entry(n).or_insert_with(|| v.to_string());
        }
    }
    if refs.is_empty() {
        return Ok(None);
    }
    let mut reps = Vec::new();
    for (n, reference) in refs {
        let e = &fp.doc.entries[n];
        let r = Reference::parse(&reference).expect("parsed above or made by the plan");
        let expr = |escape: &str| {
            format!(
                "{{{{ with secret \"{}\" }}}}{{{{ index {field} \"{}\"{escape} }}}}{{{{ end }}}}",
                r.api_path, r.key
            )
        };
        let text = match fp.format {
            FileFormat::Json => {
                // The value as the file holds it before migration (for values migrating now).
                let value = e.value.expose();
                if Reference::parse(std::str::from_utf8(value).unwrap_or_default()).is_none()
                    && value
                        .iter()
                        .any(|&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t'))
                {
                    return Err(Error::Template {
                        file: fp.file.clone(),
                        msg: format!(
                            "the value of {} holds control characters a template cannot escape as the file does",
                            e.key
                        ),
                    });
                }
                // serde_json's escapes for a string: `\\`, `\"`, `\n`, `\r`, `\t`.
                let escape = r#" | replaceAll "\\" "\\\\" | replaceAll "\"" "\\\"" | replaceAll "\n" "\\n" | replaceAll "\r" "\\r" | replaceAll "\t" "\\t""#;
                format!("\"{}\"", expr(escape)).into_bytes()
            }
            FileFormat::Dotenv => {
                // Inside double quotes a dotenv parser reads `\`, `"` and `$` as special.
                let escape = match e.quote {
                    Quote::Double => {
                        r#" | replaceAll "\\" "\\\\" | replaceAll "\"" "\\\"" | replaceAll "$" "\\$""#
                    }
                    _ => "",
                };
                parse::encode(fp.format, e.quote, &expr(escape))
            }
        };
        reps.push((e.span.clone(), text));
    }
    reps.sort_by_key(|(span, _)| span.start);
    let mut out = Vec::new();
    let mut at = 0;
    for (span, expr) in reps {
        out.extend(escape_braces(&bytes[at..span.start]));
        out.extend(expr);
        at = span.end;
    }
    out.extend(escape_braces(&bytes[at..]));
    let text = String::from_utf8(out).map_err(|_| Error::Template {
        file: fp.file.clone(),
        msg: "the file is not UTF-8".into(),
    })?;
    Ok(Some(AgentTemplate {
        source: fp.file.clone(),
        text,
    }))
}

/// Template text with every literal `{{` turned into an action printing it.
fn escape_braces(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if text[i..].starts_with(b"{{") {
            out.extend_from_slice(br#"{{ "{{" }}"#);
            i += 2;
        } else {
            out.push(text[i]);
            i += 1;
        }
    }
    out
}

/// The environment variable `exec --json-file` / `env --json-file` sets for a JSON string at
/// dotted path `key`: ASCII letters upper-cased, digits kept, every other character `_`
/// (`database.password` → `DATABASE_PASSWORD`, `servers.0.api-key` → `SERVERS_0_API_KEY`).
pub fn json_variable(key: &str) -> String {
    key.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// How the application gets the values of a migrated JSON file (shown by `plan` and `apply`).
#[derive(Debug, Clone, Serialize)]
pub struct JsonRuntime {
    /// What to tell people.
    pub note: String,
    /// Key → environment variable, for the keys that refer (or will refer) to Vault.
    pub variables: BTreeMap<String, String>,
}

/// For a JSON file with keys moving to (or already in) Vault: after the migration the file holds
/// `vault:` strings that an application reading it would take literally.
pub fn json_runtime(fp: &FilePlan) -> Option<JsonRuntime> {
    if fp.format != FileFormat::Json {
        return None;
    }
    let variables: BTreeMap<String, String> = fp
        .items
        .iter()
        .filter(|i| i.action.migrates() || i.action == Action::Done)
        .map(|i| (i.key.clone(), json_variable(&i.key)))
        .collect();
    if variables.is_empty() {
        return None;
    }
    let file = fp.file.display();
    Some(JsonRuntime {
        note: format!(
            "the application must not read {file} as is: it holds vault: references. Run it under `vaultsweep exec --json-file {file} -- <command>`, which resolves them and sets {} (every string of the file, named by its key path upper-cased, other characters as `_`), or render the original file with Vault Agent (`migrate apply --emit-agent-template FILE`)",
            variables.values().cloned().collect::<Vec<_>>().join(", ")
        ),
        variables,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_variable_names() {
        assert_eq!(
            super::json_variable("database.password"),
            "DATABASE_PASSWORD"
        );
        assert_eq!(
            super::json_variable("servers.0.api-key"),
            "SERVERS_0_API_KEY"
        );
        assert_eq!(super::json_variable("é"), "_");
    }
}
