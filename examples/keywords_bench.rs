//! Keyword stage alone (benches/README.md, section 10): every built-in rule keyword searched
//! over every file of CORPUS read into memory, one thread, best of RUNS passes.
//!
//! `cargo run --release --example keywords_bench -- CORPUS [RUNS]`

mod common;

use std::path::PathBuf;
use std::time::Instant;
use vaultsweep::detect::keywords::Keywords;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let corpus = PathBuf::from(&args[1]);
    let runs: usize = args.get(2).map_or(5, |r| r.parse().unwrap());
    let rules = vaultsweep::rules::builtin().unwrap();
    let mut keywords: Vec<String> = rules
        .rules()
        .iter()
        .flat_map(|r| r.keywords.iter().cloned())
        .collect();
    keywords.sort();
    keywords.dedup();
    let mut paths = Vec::new();
    common::files(&corpus, &mut paths);
    let blobs: Vec<Vec<u8>> = paths.iter().filter_map(|p| std::fs::read(p).ok()).collect();
    let bytes: usize = blobs.iter().map(Vec::len).sum();
    let t = Instant::now();
    let k = Keywords::new(&keywords);
    let build = t.elapsed();
    let mut best = f64::MAX;
    let mut hits = 0;
    for _ in 0..runs {
        hits = 0;
        let t = Instant::now();
        for b in &blobs {
            k.find_all(b, |_, _| hits += 1);
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{} keywords, {} files, {:.1} MB: {:.0} MB/s (best of {runs}), {hits} occurrences; automaton built in {:.1} ms",
        keywords.len(),
        blobs.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / best,
        build.as_secs_f64() * 1e3
    );
}
