//! Embeds every `patterns/*.toml` rule file into the binary.
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
        "/// Built-in rule files: (file name, TOML text).\npub static BUILTIN_RULE_FILES: &[(&str, &str)] = &[\n",
    );
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy();
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            f.display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("builtin_rules.rs");
    fs::write(dest, out).unwrap();
}
