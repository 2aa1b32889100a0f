//! Embeds every `patterns/*.toml` rule file into the binary, converted to JSON: the same
//! document, but it deserialises into the rule schema several times faster than TOML does
//! (rule loading is most of a small scan's start-up; `benches/README.md` section 10).
use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=patterns");
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
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy();
        let text = fs::read_to_string(f).unwrap();
        let doc: toml::Value = toml::from_str(&text)
            .unwrap_or_else(|e| panic!("patterns/{name} is not valid TOML: {e}"));
        let json = out_dir.join(format!("{name}.json"));
        fs::write(&json, serde_json::to_string(&doc).unwrap()).unwrap();
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            json.display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("builtin_rules.rs");
    fs::write(dest, out).unwrap();
}
