//! The one-way dependency rule of STYLE.md (b) and ARCHITECTURE.md, enforced by reading `src/`:
//! which module may name which (`use crate::x`, `crate::x::…` paths, `super::super::x`), and
//! that only `cmd/` and `main.rs` print to stdout or exit the process.

use crate::util::repo_path;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// `A → [B…]`: module A may name modules B. `None` = anything. Modules not built yet (vault,
/// hook, migrate) are listed as STYLE.md sets them, so they are checked from their first line.
fn allowed() -> BTreeMap<&'static str, Option<Vec<&'static str>>> {
    let mut m = BTreeMap::new();
    let mut rule = |a: &'static str, b: &[&'static str]| {
        m.insert(a, Some(b.to_vec()));
    };
    rule("finding", &[]);
    rule("exit", &[]);
    rule("vault", &[]);
    rule("hook", &[]);
    rule("cli", &["finding"]);
    rule("rules", &["finding"]);
    rule("source", &["finding"]);
    rule("detect", &["rules"]);
    rule("classify", &["detect", "rules", "finding"]);
    rule("allow", &["finding"]);
    rule("report", &["finding", "rules"]);
    rule("verify", &["finding", "rules"]);
    rule(
        "scan",
        &["source", "detect", "classify", "allow", "rules", "finding"],
    );
    rule(
        "migrate",
        &["detect", "classify", "rules", "finding", "vault"],
    );
    rule(
        "assess",
        &[
            "finding", "migrate", "detect", "vault", "classify", "report", "rules",
        ],
    );
    rule(
        "config",
        &[
            "cli", "rules", "finding", "allow", "source", "report", "vault", "migrate", "detect",
        ],
    );
    rule("ui", &["cli"]);
    m.insert("cmd", None);
    m.insert("lib", None);
    m
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("read src dir") {
        let p = e.expect("dir entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Top-level module a file belongs to: `src/detect/filter.rs` → `detect`, `src/scan.rs` → `scan`.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.strip_suffix(".rs").unwrap_or(&first).to_string()
}

/// Source without comment lines and without the `#[cfg(test)]` tail (unit tests may use
/// whatever they need; the rule is about production code).
fn production_code(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]") {
            break;
        }
        if t.starts_with("//") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Leading identifiers of a `{a::b, c, d::{e}}` group starting at `s[0] == '{'`.
fn group_heads(s: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut cur = String::new();
    let mut at_start = true;
    for c in s.chars() {
        match c {
            '{' => {
                depth += 1;
                if depth == 1 {
                    continue;
                }
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            ',' if depth == 1 => {
                if !cur.is_empty() {
                    heads.push(std::mem::take(&mut cur));
                }
                at_start = true;
                continue;
            }
            _ => {}
        }
        if depth == 1 {
            if at_start && (c.is_alphanumeric() || c == '_') {
                cur.push(c);
            } else if at_start && !cur.is_empty() {
                heads.push(std::mem::take(&mut cur));
                at_start = false;
            }
        }
    }
    if !cur.is_empty() {
        heads.push(cur);
    }
    heads
}

/// Crate modules named after `prefix` (`crate::`, `vaultsweep::`, `super::super::`).
fn referenced(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find(prefix) {
        let before = rest[..i].chars().last();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue; // e.g. `foo_crate::` or `super::super::` inside a longer path
        }
        let after = rest.trim_start();
        if after.starts_with('{') {
            out.extend(group_heads(after));
        } else {
            let ident: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !ident.is_empty() {
                out.insert(ident);
            }
        }
    }
    out.retain(|m| m != "self");
    out
}

#[test]
fn reference_extraction_finds_every_form() {
    let code = "use crate::finding::Tier;\nuse crate::{rules::{self, Rule}, scan, source::fs::walk};\n\
                fn f(x: crate::cli::ColorChoice) {}\nuse my_crate::nothing;\nuse super::super::report;\n";
    let got = referenced(code, "crate::");
    assert_eq!(
        got,
        ["cli", "finding", "rules", "scan", "source"]
            .map(String::from)
            .into(),
    );
    assert_eq!(
        referenced(code, "super::super::"),
        ["report".to_string()].into()
    );
    let cut = production_code(
        "use crate::a;\n// use crate::b;\n#[cfg(test)]\nmod tests { use crate::c; }\n",
    );
    assert_eq!(referenced(&cut, "crate::"), ["a".to_string()].into());
}

#[test]
fn modules_depend_only_on_what_the_dependency_rule_allows() {
    let src = repo_path("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    assert!(files.len() > 10, "src/ not found at {}", src.display());
    let map = allowed();
    let mut violations = Vec::new();
    for file in &files {
        let module = module_of(&src, file);
        if module == "main" {
            continue; // checked below
        }
        let code = production_code(&std::fs::read_to_string(file).unwrap());
        let mut used = referenced(&code, "crate::");
        used.extend(referenced(&code, "super::super::"));
        used.remove(&module);
        let rel = file
            .strip_prefix(repo_path(""))
            .unwrap()
            .display()
            .to_string();
        match map.get(module.as_str()) {
            None => violations.push(format!(
                "{rel}: module `{module}` is not in the dependency rule (STYLE.md (b)); add it there and here"
            )),
            Some(None) => {}
            Some(Some(ok)) => {
                for u in &used {
                    if !ok.contains(&u.as_str()) {
                        violations.push(format!(
                            "{rel}: `{module}` uses `crate::{u}`, but may use only {ok:?}"
                        ));
                    }
                }
            }
        }
    }
    // main.rs → lib::{cli, run, exit}
    let main = production_code(&std::fs::read_to_string(src.join("main.rs")).unwrap());
    for u in referenced(&main, "vaultsweep::") {
        if !["cli", "run", "exit"].contains(&u.as_str()) {
            violations.push(format!(
                "src/main.rs uses `vaultsweep::{u}`; only cli, run, exit"
            ));
        }
    }
    assert!(
        violations.is_empty(),
        "dependency rule broken:\n{}",
        violations.join("\n")
    );
}

#[test]
fn only_cmd_and_main_print_or_exit() {
    let src = repo_path("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut violations = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        if rel.starts_with("cmd") || rel == Path::new("main.rs") {
            continue;
        }
        let code = production_code(&std::fs::read_to_string(file).unwrap());
        for (no, line) in code.lines().enumerate() {
            for bad in ["process::exit", "println!", "print!(", "dbg!("] {
                let hit = line.match_indices(bad).any(|(i, _)| {
                    // `eprintln!`/`eprint!` go to stderr and are fine
                    !line[..i].ends_with('e')
                });
                if hit {
                    violations.push(format!(
                        "src/{}:~{}: {}",
                        rel.display(),
                        no + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(
        violations.is_empty(),
        "only src/cmd/ and src/main.rs may print to stdout or exit:\n{}",
        violations.join("\n")
    );
}
