//! Guard matcher cost and false hits on a real tree (benches/README.md, "Guard").
//!
//! `cargo run --release --example guard_bench -- CORPUS N [REPO]`: N random values (8–40
//! bytes, letters, digits and `@:/!-_.+=`, so some hold delimiters), none of which is in the
//! corpus; times `Matcher::find` over every file of CORPUS read into memory (one thread) and
//! counts hits (every hit is a false one). With REPO, writes REPO/.vaultsweep/guard.json and
//! REPO/.git/vaultsweep/guard.key for an end-to-end `vaultsweep scan` with the guard.

mod common;

use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;
use vaultsweep::guard::{Entry, GuardFile, Matcher};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let corpus = PathBuf::from(&args[1]);
    let n: usize = args[2].parse().unwrap();
    let repo = args.get(3).map(PathBuf::from);
    let mut rnd = std::fs::File::open("/dev/urandom").unwrap();
    let mut byte = || {
        let mut b = [0u8; 1];
        rnd.read_exact(&mut b).unwrap();
        b[0]
    };
    let alphabet = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789@:/!-_.+=";
    let key: Vec<u8> = (0..32).map(|_| byte()).collect();
    let mut guard = GuardFile::new(&key);
    let mut values = Vec::new();
    for i in 0..n {
        let len = 8 + (byte() as usize % 33);
        let v: Vec<u8> = (0..len)
            .map(|_| alphabet[byte() as usize % alphabet.len()])
            .collect();
        guard.record(
            &key,
            &v,
            Entry {
                fingerprint: String::new(),
                probe: 0,
                lead: 0,
                length: 0,
                file: "svc/.env".into(),
                key: format!("KEY_{i}"),
                rule: None,
                tier: None,
                destination: format!("vault:secret/data/apps/svc/prod/env#KEY_{i}"),
            },
        );
        values.push(v);
    }
    let m = Matcher::new(&key, &guard).unwrap();
    let mut paths = Vec::new();
    common::files(&corpus, &mut paths);
    let blobs: Vec<Vec<u8>> = paths.iter().filter_map(|p| std::fs::read(p).ok()).collect();
    let bytes: usize = blobs.iter().map(Vec::len).sum();
    // Sanity: every value is found where it is planted in a connection string.
    for v in &values {
        let mut hay = b"url = \"postgres://app:".to_vec();
        hay.extend_from_slice(v);
        hay.extend_from_slice(b"@db:5432/x\"\n");
        let mut hits = Vec::new();
        m.find(&hay, &mut hits);
        assert!(!hits.is_empty(), "planted value not found");
    }
    let mut best = f64::MAX;
    let mut hits = Vec::new();
    for _ in 0..5 {
        hits.clear();
        let t = Instant::now();
        for b in &blobs {
            m.find(b, &mut hits);
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{n} values ({} distinct lengths), {} files, {:.1} MB: matcher {:.3} s (best of 5, one thread) = {:.0} MB/s, {:.2} ns/byte; false hits {}",
        {
            let mut l: Vec<usize> = guard.entries.iter().map(|e| e.length).collect();
            l.sort();
            l.dedup();
            l.len()
        },
        blobs.len(),
        bytes as f64 / 1e6,
        best,
        bytes as f64 / 1e6 / best,
        best * 1e9 / bytes as f64,
        hits.len()
    );
    if let Some(r) = repo {
        guard.save(&r.join(vaultsweep::guard::GUARD_FILE)).unwrap();
        let k = r.join(".git").join(vaultsweep::guard::KEY_FILE);
        std::fs::create_dir_all(k.parent().unwrap()).unwrap();
        std::fs::write(&k, hex_of(&key)).unwrap();
    }
}

fn hex_of(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}
