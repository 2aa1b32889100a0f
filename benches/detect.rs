//! Criterion benches of the detect stage on generated source-like input:
//! - `detect/builtin`: all built-in rules, keyword prefilter on (what `scan` runs);
//! - `detect/no-prefilter`: the same rules with keywords cleared, so every regex runs on every
//!   blob: what the prefilter saves;
//! - `scan_blob`: detect + classify + suppress on the same blobs.
//!
//! Run: `cargo bench --bench detect`. Results and the end-to-end script: benches/README.md.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::sync::Arc;
use vaultsweep::allow::Suppressor;
use vaultsweep::detect::Detector;
use vaultsweep::detect::keywords::Keywords;
use vaultsweep::finding::Origin;
use vaultsweep::rules::{self, RuleSet};
use vaultsweep::scan::{ScanOutcome, scan_blob};

/// xorshift64*: deterministic input without a rand dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
    fn alnum(&mut self, n: usize) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        (0..n)
            .map(|_| A[(self.next() % A.len() as u64) as usize] as char)
            .collect()
    }
}

/// Source-like files of about `size` bytes each: code, comments, config keys that trigger
/// the prefilter without being secrets, and one real-shaped secret every ~20 files.
fn corpus(files: usize, size: usize) -> Vec<Vec<u8>> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let idents = [
        "user", "request", "handler", "config", "value", "index", "buffer", "result", "client",
        "session", "message", "payload", "context", "items", "cache", "logger",
    ];
    let lines = [
        "    let {a} = {b}.get(&{a}_id)?;\n",
        "    // Look up the {a} before touching the {b}.\n",
        "    if {a}.len() > 1024 {{ return Err(Error::TooLarge); }}\n",
        "    {a}.insert(\"{b}\", {b}_count + 1);\n",
        "def {a}_{b}(self, {a}):\n    return self.{b}[{a}]\n",
        "  {a}: {{ type: string, description: \"the {b} token name\" }}\n",
        "const {a}Key = config.get(\"{b}.api_key\");\n",
        "    password_field = forms.CharField(widget=forms.PasswordInput)\n",
        "<li class=\"{a}\">{b} secret settings</li>\n",
    ];
    (0..files)
        .map(|i| {
            let mut s = String::with_capacity(size + 128);
            while s.len() < size {
                let l = rng.pick(&lines);
                s.push_str(
                    &l.replace("{a}", rng.pick(&idents))
                        .replace("{b}", rng.pick(&idents)),
                );
            }
            if i % 20 == 0 {
                s.push_str(&format!("GITHUB_TOKEN=ghp_{}\n", rng.alnum(36)));
                s.push_str(&format!("db_password = \"{}\"\n", rng.alnum(14)));
            }
            s.into_bytes()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let builtin = rules::builtin().expect("built-in rules load");
    let blobs = corpus(400, 16 * 1024);
    let total: usize = blobs.iter().map(Vec::len).sum();

    let mut no_kw: Vec<_> = builtin.rules().to_vec();
    no_kw.iter_mut().for_each(|r| {
        r.spec.keywords.clear();
        r.windowed = false;
    });
    let no_prefilter = Detector::new(Arc::new(RuleSet::new(no_kw).unwrap()));
    let detector = Detector::new(Arc::new(builtin));

    let mut g = c.benchmark_group("detect");
    g.throughput(Throughput::Bytes(total as u64));
    g.sample_size(10);
    g.bench_function("builtin", |b| {
        let mut scratch = detector.scratch();
        b.iter(|| {
            let mut n = 0;
            for blob in &blobs {
                n += detector.detect(black_box(blob), &mut scratch).len();
            }
            n
        })
    });
    g.bench_function("no-prefilter", |b| {
        let mut scratch = no_prefilter.scratch();
        b.iter(|| {
            let mut n = 0;
            for blob in &blobs {
                n += no_prefilter.detect(black_box(blob), &mut scratch).len();
            }
            n
        })
    });
    g.bench_function("scan_blob", |b| {
        let suppressor = Suppressor::default();
        let origin = Origin::File {
            path: "src/app.rs".into(),
            rel: "src/app.rs".into(),
        };
        let mut scratch = detector.scratch();
        b.iter(|| {
            let mut out = ScanOutcome::default();
            for blob in &blobs {
                scan_blob(
                    &detector,
                    &suppressor,
                    blob,
                    &origin,
                    &mut scratch,
                    &mut out,
                );
            }
            out.findings.len()
        })
    });
    g.finish();

    // The keyword stage alone: building the table (once per scan) and walking it.
    let mut keywords: Vec<String> = detector
        .rules()
        .rules()
        .iter()
        .flat_map(|r| r.keywords.iter().cloned())
        .collect();
    keywords.sort_unstable();
    keywords.dedup();
    let joined: Vec<u8> = blobs.concat();
    let big = &joined[..joined.len().min(4 << 20)];
    let mut g = c.benchmark_group("keywords");
    g.sample_size(10);
    g.bench_function("build", |b| b.iter(|| Keywords::new(black_box(&keywords))));
    let warm = Keywords::new(&keywords);
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.bench_function("walk", |b| {
        b.iter(|| {
            let mut n = 0;
            warm.find_all(black_box(big), |_, _| n += 1);
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
