//! Embeds every `patterns/*.toml` rule file into the binary, converted to JSON: the same
//! document, but it deserialises into the rule schema several times faster than TOML does
//! (rule loading is most of a small scan's start-up; `benches/README.md` section 10), and
//! computes the facts of their patterns and tokens (`src/rules/facts.rs`), which loading
//! would otherwise parse every pattern for.
use std::collections::BTreeMap;
use std::{env, fs, path::Path};

// The same functions loading would run (a pure function of the pattern's text).
#[allow(dead_code)]
#[path = "src/rules/facts.rs"]
mod facts;
#[allow(dead_code)]
#[path = "src/rules/window.rs"]
mod window;

fn main() {
    println!("cargo:rerun-if-changed=patterns");
    println!("cargo:rerun-if-changed=src/rules/facts.rs");
    println!("cargo:rerun-if-changed=src/rules/window.rs");
    // Read at run time: `env!` would bake in the directory the build script was compiled in,
    // and a target directory copied from another checkout would then embed that one's rules.
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("patterns");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("patterns/ must exist")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut out = String::from(
        "/// Built-in rule files: (file name, the file's TOML document as JSON).\npub static BUILTIN_RULE_FILES: &[(&str, &str)] = &[\n",
    );
    let out_dir = Path::new(&env::var("OUT_DIR").unwrap()).join("patterns");
    fs::create_dir_all(&out_dir).unwrap();
    let mut patterns = BTreeMap::new();
    let mut tokens = BTreeMap::new();
    let mut windows = BTreeMap::new();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy();
        let text = fs::read_to_string(f).unwrap();
        let doc: toml::Value = toml::from_str(&text)
            .unwrap_or_else(|e| panic!("patterns/{name} is not valid TOML: {e}"));
        let texts = |table: &str, field: &str| -> Vec<String> {
            doc.get(table)
                .and_then(|t| t.as_array())
                .into_iter()
                .flatten()
                .filter_map(|r| r.get(field).and_then(|p| p.as_str()).map(str::to_string))
                .collect()
        };
        for p in texts("rules", "pattern") {
            if let Ok(f) = facts::pattern_facts(&p) {
                patterns.insert(p, f);
            }
        }
        // Keyword rules searched in windows (not `multiline`): where a match can lie.
        for r in doc
            .get("rules")
            .and_then(|t| t.as_array())
            .into_iter()
            .flatten()
        {
            let keywords: Vec<String> = r
                .get("keywords")
                .and_then(|k| k.as_array())
                .into_iter()
                .flatten()
                .filter_map(|k| k.as_str().map(str::to_string))
                .collect();
            let multiline = r.get("multiline").and_then(|m| m.as_bool()) == Some(true);
            let Some(p) = r.get("pattern").and_then(|p| p.as_str()) else {
                continue;
            };
            if multiline || keywords.is_empty() {
                continue;
            }
            if let Ok(hir) = facts::parse(p) {
                windows.insert(
                    window::window_key(p, &keywords),
                    window::window_facts(&hir, &keywords),
                );
            }
        }
        for t in texts("services", "token") {
            if let Ok(f) = facts::token_facts(&t) {
                tokens.insert(t, f);
            }
        }
        let json = out_dir.join(format!("{name}.json"));
        fs::write(&json, serde_json::to_string(&doc).unwrap()).unwrap();
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            json.display().to_string()
        ));
    }
    out.push_str("];\n");
    // Facts of the patterns that parse (a broken one is reported by loading, as for any rule).
    let facts = serde_json::json!({ "patterns": patterns, "tokens": tokens, "windows": windows });
    let facts_file = Path::new(&env::var("OUT_DIR").unwrap()).join("builtin_facts.json");
    fs::write(facts_file, facts.to_string()).unwrap();
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("builtin_rules.rs");
    fs::write(dest, out).unwrap();
}
