//! Bad input: the scan goes on, names every skipped or unreadable path on stderr, still reports
//! the other files' secrets, and the exit code says whether the scan was complete
//! (0 clean, 1 findings — which win over errors —, 2 incomplete).

use crate::util::*;
use serde_json::Value;

/// A tree with one ordinary secret, so every test also checks that the rest is still scanned.
fn tree_with_a_good_secret() -> (TestDir, String) {
    let t = TestDir::new();
    let tok = github_pat();
    t.write("app/settings.py", format!("GITHUB_TOKEN = \"{tok}\"\n"));
    (t, tok)
}

#[track_caller]
fn assert_good_secret_reported(findings: &[Value], tok: &str) {
    assert!(
        at(findings, "app/settings.py", 1)
            .iter()
            .any(|f| s(f, "secret_masked") == masked(tok)),
        "the other file's secret must still be reported:\n{}",
        summary(findings)
    );
}

#[track_caller]
fn assert_named(run: &Run, rel: &str) {
    assert!(
        run.stderr.contains(rel),
        "stderr must name {rel}:\n{}",
        run.describe()
    );
}

#[test]
fn binary_file_is_skipped_and_named() {
    let (t, tok) = tree_with_a_good_secret();
    let mut bin = b"\x7fELF\x02\x01\x01\x00\x00\x00".to_vec();
    bin.extend_from_slice(format!("GITHUB_TOKEN={}\n", github_pat()).as_bytes());
    bin.extend_from_slice(&[0u8; 64]);
    t.write("bin/tool", &bin);
    let (run, findings) = t.scan_json(&["."]);
    run.assert_code(1);
    assert_named(&run, "bin/tool");
    assert!(run.stderr.contains("binary"), "{}", run.describe());
    assert!(
        in_file(&findings, "bin/tool").is_empty(),
        "{}",
        summary(&findings)
    );
    assert_good_secret_reported(&findings, &tok);

    // A binary alone is a complete scan with nothing found (skipping is policy, not failure).
    let only = TestDir::new();
    only.write("bin/tool", &bin);
    let run = only.scan(&["."]);
    run.assert_code(0);
    assert_named(&run, "bin/tool");
    // …but the report never says "no secrets found" about a file it did not read.
    assert!(
        run.stdout.contains("1 file NOT scanned: ")
            && run.stdout.contains("bin/tool (binary file)")
            && !run.stdout.contains("no secrets found"),
        "{}",
        run.describe()
    );
}

/// A 200 MB file is skipped as too large, without being read, and named.
#[test]
fn huge_file_is_skipped_without_being_read() {
    let (t, tok) = tree_with_a_good_secret();
    let huge = t.join("data/dump.sql");
    std::fs::create_dir_all(huge.parent().unwrap()).unwrap();
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&huge).unwrap();
        writeln!(f, "-- GITHUB_TOKEN={}", github_pat()).unwrap();
        f.set_len(200 * 1024 * 1024).unwrap(); // sparse: costs no disk
    }
    let atime_tracked = set_old_times(&huge);

    let (run, findings) = t.scan_json(&["."]);
    run.assert_code(1);
    assert_named(&run, "data/dump.sql");
    assert!(run.stderr.contains("too large"), "{}", run.describe());
    assert!(
        in_file(&findings, "data/dump.sql").is_empty(),
        "{}",
        summary(&findings)
    );
    assert_good_secret_reported(&findings, &tok);
    if atime_tracked {
        let meta = std::fs::metadata(&huge).unwrap();
        assert_eq!(
            meta.accessed().unwrap(),
            meta.modified().unwrap(),
            "the 200 MB file was read (its access time changed) although it is only to be skipped"
        );
    }
}

/// Sets access and modification time of `p` to the same moment two days ago, and says
/// whether this file system updates access times on read (checked on a scratch file).
fn set_old_times(p: &std::path::Path) -> bool {
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 24 * 3600);
    let times = std::fs::FileTimes::new()
        .set_accessed(old)
        .set_modified(old);
    let set = |path: &std::path::Path| {
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_times(times)
            .unwrap();
    };
    set(p);
    // Probe: does reading a file with such times move its atime here (relatime, strictatime)?
    let probe = p.with_extension("atime-probe");
    std::fs::write(&probe, b"probe").unwrap();
    set(&probe);
    let _ = std::fs::read(&probe).unwrap();
    let tracked = std::fs::metadata(&probe).unwrap().accessed().unwrap() != old;
    std::fs::remove_file(&probe).unwrap();
    tracked
}

#[test]
fn max_file_size_option() {
    let (t, tok) = tree_with_a_good_secret();
    let mut big = format!("API_TOKEN: {}\n", github_pat());
    while big.len() < 2048 {
        big.push_str("# padding padding padding padding padding padding padding padding\n");
    }
    t.write("notes/big.md", &big);
    let (run, findings) = t.scan_json(&["--max-file-size", "1K", "."]);
    run.assert_code(1);
    assert_named(&run, "notes/big.md");
    assert!(
        in_file(&findings, "notes/big.md").is_empty(),
        "{}",
        summary(&findings)
    );
    assert_good_secret_reported(&findings, &tok);

    // Under the default limit it is scanned.
    let (_, findings) = t.scan_json(&["."]);
    assert_eq!(
        in_file(&findings, "notes/big.md").len(),
        1,
        "{}",
        summary(&findings)
    );

    // A malformed size is a usage error.
    t.scan(&["--max-file-size", "lots", "."]).assert_code(2);
}

#[test]
fn invalid_utf8_around_a_secret_is_still_scanned() {
    let t = TestDir::new();
    let tok = github_pat();
    let sl = slack_bot();
    let mut bytes = b"caf\xe9 \xff\xfe\xc3\x28 latin-1 header\n".to_vec();
    bytes.extend_from_slice(b"\xa9\xe9 token=");
    bytes.extend_from_slice(tok.as_bytes());
    bytes.extend_from_slice(b"\xff\xfe\n\x80\x81 slack ");
    bytes.extend_from_slice(sl.as_bytes());
    bytes.extend_from_slice(b"\n\xf0\x28\x8c\x28\n");
    t.write("legacy/latin1.cfg", &bytes);
    let (run, findings) = t.scan_json(&["."]);
    run.assert_code(1);
    let all = summary(&findings);
    let f = at(&findings, "legacy/latin1.cfg", 2);
    assert!(
        f.iter().any(|f| s(f, "secret_masked") == masked(&tok)),
        "GitHub token between invalid UTF-8 bytes not found:\n{all}"
    );
    let f = at(&findings, "legacy/latin1.cfg", 3);
    assert!(
        f.iter().any(|f| s(f, "secret_masked") == masked(&sl)),
        "Slack token after invalid UTF-8 bytes not found:\n{all}"
    );
}

#[cfg(unix)]
#[test]
fn broken_symlink_is_named_and_not_an_error() {
    let (t, tok) = tree_with_a_good_secret();
    t.symlink("does/not/exist.env", "app/.env");
    for follow in [false, true] {
        let mut args = vec!["."];
        if follow {
            args.insert(0, "--follow");
        }
        let (run, findings) = t.scan_json(&args);
        run.assert_code(1);
        assert_named(&run, "app/.env");
        assert_good_secret_reported(&findings, &tok);
    }
    // Only the broken link: named, but the scan is not incomplete because of it.
    let only = TestDir::new();
    only.write("README.md", "nothing here\n");
    only.symlink("missing-target", "config.env");
    for args in [&["."][..], &["--follow", "."][..]] {
        let run = only.scan(args);
        assert_named(&run, "config.env");
        assert_eq!(
            run.code,
            0,
            "a broken symlink alone must not make the scan fail ({args:?}):\n{}",
            run.describe()
        );
    }
}

/// Symlinks are not followed by default; `--follow` scans their targets.
#[cfg(unix)]
#[test]
fn symlinks_followed_only_when_asked() {
    let outside = TestDir::new();
    let tok = github_pat();
    outside.write("real/secret.env", format!("GITHUB_TOKEN={tok}\n"));
    let t = TestDir::new();
    t.write("README.md", "hello\n");
    t.symlink(outside.join("real/secret.env"), "linked.env");
    let run = t.scan(&["."]);
    run.assert_code(0);
    assert_named(&run, "linked.env");
    let (run, findings) = t.scan_json(&["--follow", "."]);
    run.assert_code(1);
    assert_eq!(
        in_file(&findings, "linked.env").len(),
        1,
        "{}",
        summary(&findings)
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop_terminates_and_is_named() {
    let (t, tok) = tree_with_a_good_secret();
    t.mkdir("dir");
    t.write("dir/inner.txt", "plain text\n");
    t.symlink("..", "dir/loop");
    let mut cmd = vaultsweep();
    cmd.current_dir(t.path())
        .args(["scan", "--follow", "--format", "json", "."])
        .timeout(std::time::Duration::from_secs(60));
    let run = Run::of(&mut cmd);
    run.assert_code(1);
    assert_named(&run, "dir/loop");
    assert!(run.stderr.contains("loop"), "{}", run.describe());
    let findings = run.json_array();
    assert_good_secret_reported(&findings, &tok);
    assert_eq!(
        in_file(&findings, "app/settings.py").len(),
        1,
        "the loop must not scan files twice:\n{}",
        summary(&findings)
    );
}

/// An unreadable file makes the scan incomplete: exit 2 when nothing was found, exit 1 when
/// something was (findings win). Tests run as root, so `chmod 000` would not stop a read;
/// `/proc/self/mem` is a regular file whose read at offset 0 fails with EIO.
#[cfg(target_os = "linux")]
#[test]
fn unreadable_file_makes_the_scan_incomplete() {
    let only = TestDir::new();
    only.write("README.md", "nothing here\n");
    only.symlink("/proc/self/mem", "dump/mem.bin");
    let mut cmd = vaultsweep();
    cmd.current_dir(only.path())
        .args(["scan", "--follow", "."])
        .timeout(std::time::Duration::from_secs(60));
    let run = Run::of(&mut cmd);
    run.assert_code(2);
    assert_named(&run, "dump/mem.bin");
    assert!(run.stderr.contains("incomplete"), "{}", run.describe());

    let (t, tok) = tree_with_a_good_secret();
    t.symlink("/proc/self/mem", "dump/mem.bin");
    let mut cmd = vaultsweep();
    cmd.current_dir(t.path())
        .args(["scan", "--follow", "--format", "json", "."])
        .timeout(std::time::Duration::from_secs(60));
    let run = Run::of(&mut cmd);
    run.assert_code(1);
    assert_named(&run, "dump/mem.bin");
    assert_good_secret_reported(&run.json_array(), &tok);
}

/// The CI reports say so too: SARIF's invocation is not successful and names the path, and the
/// GitLab report's scan status is a failure, so an empty result list is not read as clean.
#[cfg(target_os = "linux")]
#[test]
fn an_incomplete_scan_is_marked_in_sarif_and_gitlab_reports() {
    let only = TestDir::new();
    only.write("README.md", "nothing here\n");
    only.symlink("/proc/self/mem", "dump/mem.bin");
    for format in ["sarif", "gitlab"] {
        let mut cmd = vaultsweep();
        cmd.current_dir(only.path())
            .args(["scan", "--follow", "--format", format, "."])
            .timeout(std::time::Duration::from_secs(60));
        let run = Run::of(&mut cmd);
        run.assert_code(2);
        let doc: Value = serde_json::from_str(&run.stdout).expect("a JSON report");
        if format == "sarif" {
            assert!(
                crate::report::sarif_validator().is_valid(&doc),
                "{}",
                run.stdout
            );
            let inv = &doc["runs"][0]["invocations"][0];
            assert_eq!(inv["executionSuccessful"], Value::Bool(false), "{inv}");
            let note = inv["toolExecutionNotifications"][0]["message"]["text"]
                .as_str()
                .unwrap_or_default();
            assert!(note.contains("dump/mem.bin"), "{inv}");
        } else {
            assert_eq!(doc["scan"]["status"], "failure", "{}", run.stdout);
        }
    }
    // A complete scan is successful.
    let (t, _) = tree_with_a_good_secret();
    let run = t.scan(&["--format", "sarif", "."]);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        doc["runs"][0]["invocations"][0]["executionSuccessful"],
        Value::Bool(true)
    );
}

/// All of the above at once: one scan, every bad path named, the good secret reported.
#[cfg(target_os = "linux")]
#[test]
fn everything_bad_at_once() {
    let (t, tok) = tree_with_a_good_secret();
    t.write("bin/blob", b"\x00\x01\x02 binary\n");
    let f = std::fs::File::create(t.join("huge.log")).unwrap();
    f.set_len(200 * 1024 * 1024).unwrap();
    t.write("latin1.txt", b"caf\xe9\n");
    t.symlink("nowhere", "broken.env");
    t.symlink("..", "loopdir/up");
    t.symlink("/proc/self/mem", "mem.bin");
    let mut cmd = vaultsweep();
    cmd.current_dir(t.path())
        .args(["scan", "--follow", "--format", "json", "."])
        .timeout(std::time::Duration::from_secs(60));
    let run = Run::of(&mut cmd);
    run.assert_code(1);
    for p in [
        "bin/blob",
        "huge.log",
        "broken.env",
        "loopdir/up",
        "mem.bin",
    ] {
        assert_named(&run, p);
    }
    assert!(
        !run.stderr.contains("latin1.txt"),
        "invalid UTF-8 is scanned, not skipped:\n{}",
        run.describe()
    );
    assert_good_secret_reported(&run.json_array(), &tok);
}

/// `vaultsweep scan ARGS` in `t` with `input` on standard input.
fn scan_with_stdin(t: &TestDir, args: &[&str], input: &str) -> Run {
    let mut cmd = vaultsweep();
    cmd.current_dir(t.path())
        .arg("scan")
        .args(args)
        .write_stdin(input.to_string());
    Run::of(&mut cmd)
}

/// Issue 13, item 1: `cat f | vaultsweep scan /dev/stdin`, `scan <(…)` and a FIFO said "no
/// secrets found" and exited 0. Streams named on the command line are read and scanned.
#[test]
fn piped_secret_is_found() {
    let t = TestDir::new();
    let tok = github_pat();
    let input = format!("DEBUG=0\nGITHUB_TOKEN={tok}\n");

    // `-` under --stdin-name: the name is reported, and path rules apply to it.
    let run = scan_with_stdin(
        &t,
        &[
            "--format",
            "json",
            "--stdin-name",
            "services/api/.env.production",
            "-",
        ],
        &input,
    );
    run.assert_code(1);
    let f = run.json_array();
    assert_eq!(f.len(), 1, "{}", summary(&f));
    assert_eq!(s(&f[0], "rel_path"), "services/api/.env.production");
    assert_eq!(s(&f[0], "secret_masked"), masked(&tok));
    assert_eq!(f[0]["line"], 2);
    assert!(!run.stdout.contains(&tok) && !run.stderr.contains(&tok));

    // /dev/stdin, as `cat f | vaultsweep scan /dev/stdin` types it.
    let run = scan_with_stdin(&t, &["--format", "json", "/dev/stdin"], &input);
    run.assert_code(1);
    let f = run.json_array();
    assert_eq!(f.len(), 1, "{}", summary(&f));
    assert_eq!(s(&f[0], "rel_path"), "<stdin>");

    // Process substitution: `scan <(…)` names /dev/fd/N, a pipe.
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(r#""$0" scan --format json <(printf '%s' "$1")"#)
        .arg(env!("CARGO_BIN_EXE_vaultsweep"))
        .arg(&input)
        .env("NO_COLOR", "1")
        .output();
    if let Ok(out) = out {
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{stdout}");
        assert!(stdout.contains(&masked(&tok)), "{stdout}");
        // `/dev/fd/63` is not a development path: the tier is the rule's own.
        assert!(stdout.contains("\"tier\": \"high\""), "{stdout}");
    }

    // A FIFO named on the command line is read as a stream (a writer feeds it).
    #[cfg(unix)]
    {
        let fifo = t.join("secrets.fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let writer = {
                let (fifo, input) = (fifo.clone(), input.clone());
                std::thread::spawn(move || std::fs::write(fifo, input).unwrap())
            };
            let (run, f) = t.scan_json(&["secrets.fifo"]);
            writer.join().unwrap();
            run.assert_code(1);
            assert_eq!(f.len(), 1, "{}", run.describe());
            assert_eq!(s(&f[0], "secret_masked"), masked(&tok));
        }
    }
}

/// Special files met in a walk are named on stderr (never opened: a FIFO would block), and a
/// device named on the command line that cannot be scanned makes the run incomplete.
#[cfg(unix)]
#[test]
fn special_files_are_named_and_a_named_unscannable_path_exits_2() {
    let t = TestDir::new();
    t.write("clean.txt", "nothing here\n");
    t.mkdir("jobs");
    let made = std::process::Command::new("mkfifo")
        .arg(t.join("jobs/queue"))
        .status()
        .is_ok_and(|s| s.success());
    if made {
        let run = t.scan(&["."]);
        run.assert_code(0);
        assert_named(&run, "jobs/queue");
        assert!(run.stderr.contains("FIFO"), "{}", run.describe());
        assert!(
            !run.stdout.contains("no secrets found"),
            "{}",
            run.describe()
        );
    }
    // /dev/zero never ends: judged binary on its first bytes, and named: exit 2.
    let run = t.scan(&["/dev/zero"]);
    run.assert_code(2);
    assert_named(&run, "/dev/zero");
    assert!(run.stdout.contains("NOT scanned"), "{}", run.describe());
    // A file named on the command line and too large: exit 2, not a clean pass.
    t.write("big.txt", "x".repeat(4096));
    let run = t.scan(&["--max-file-size", "1K", "big.txt"]);
    run.assert_code(2);
    assert_named(&run, "big.txt");
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut units: Vec<u16> = if bom { vec![0xFEFF] } else { Vec::new() };
    units.extend(text.encode_utf16());
    units
        .into_iter()
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

/// Issue 13, item 3: UTF-16 files (PowerShell, `.reg`, some `.config`), with or without a
/// byte-order mark, were skipped as binary. They are transcoded and scanned, and findings carry
/// the original file's line numbers.
#[test]
fn utf16_secrets_are_found_on_their_lines() {
    let t = TestDir::new();
    let (a, b, c) = (github_pat(), github_pat(), github_pat());
    let ps1 = format!(
        "# Deploy script\r\nparam([string]$Env = 'prod')\r\n\r\n$GitHubToken = \"{a}\"\r\nWrite-Host 'done'\r\n"
    );
    t.write("scripts/deploy.ps1", utf16(&ps1, false, true));
    let reg = format!(
        "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Software\\Acme]\r\n\"GithubToken\"=\"{b}\"\r\n"
    );
    t.write("setup/acme.reg", utf16(&reg, false, false));
    let cfg =
        format!("<configuration>\n  <add key=\"GithubToken\" value=\"{c}\" />\n</configuration>\n");
    t.write("web/app.config", utf16(&cfg, true, true));

    let (run, findings) = t.scan_json(&["."]);
    run.assert_code(1);
    assert!(!run.stderr.contains("binary"), "{}", run.describe());
    for (rel, tok, text) in [
        ("scripts/deploy.ps1", &a, &ps1),
        ("setup/acme.reg", &b, &reg),
        ("web/app.config", &c, &cfg),
    ] {
        let line = line_of(text, tok);
        let here = at(&findings, rel, line);
        assert_eq!(here.len(), 1, "{rel}:{line}:\n{}", summary(&findings));
        assert_eq!(s(here[0], "secret_masked"), masked(tok));
        let col = text
            .lines()
            .nth(line as usize - 1)
            .unwrap()
            .find(tok.as_str())
            .unwrap()
            + 1;
        assert_eq!(n(here[0], "column"), col as u64, "{rel}");
    }
    assert!(!run.stdout.contains(&a) && !run.stdout.contains(&b));
}

/// Issue 13, item 4: large files are scanned in overlapping chunks (8 MiB) so memory does not
/// grow with the file. Every secret is still found once, on its own line and column, also
/// where it straddles a cut and inside one 20 MB line.
#[test]
fn large_files_scanned_in_chunks_find_every_secret_once_in_place() {
    let t = TestDir::new();
    const MIB: usize = 1 << 20;
    // 20 MB of 100-byte lines, a secret every 100,000 lines (10 MB apart: one per chunk or so)
    // plus two near the first cut.
    let row = format!(
        "{:<99}\n",
        "INSERT INTO yields VALUES (42, '2026-03-01', 18.25);"
    );
    let mut text = String::with_capacity(21 * MIB);
    let mut planted: Vec<(String, u64)> = Vec::new();
    let mut line = 1u64;
    while text.len() < 20 * MIB {
        let near_cut = text.len() / 100 == (8 * MIB - MIB / 4) / 100
            || text.len() / 100 == (8 * MIB - MIB / 2) / 100;
        if line.is_multiple_of(100_000) || near_cut {
            let tok = github_pat();
            text.push_str(&format!("GITHUB_TOKEN={tok}\n"));
            planted.push((tok, line));
        } else {
            text.push_str(&row);
        }
        line += 1;
    }
    t.write("dump/rows.sql", &text);
    // One 20 MB line (no newline to cut at): secrets across the cut positions.
    let mut one = "x ".repeat(10 * MIB);
    let mut in_line: Vec<(String, usize)> = Vec::new();
    for at in [8 * MIB - 20, 8 * MIB - MIB / 4 - 20, 7 * MIB - 20, 15 * MIB] {
        let at = at - at % 2; // on a "x " boundary
        let tok = github_pat();
        one.replace_range(at..at + tok.len() + 2, &format!(" {tok} "));
        in_line.push((tok, at + 2));
    }
    t.write("dump/one-line.txt", format!("{one}\n"));

    let (run, f) = t.scan_json(&["--max-file-size", "64M", "."]);
    run.assert_code(1);
    assert_eq!(f.len(), planted.len() + in_line.len(), "{}", summary(&f));
    for (tok, line) in &planted {
        let here = at(&f, "dump/rows.sql", *line);
        assert_eq!(here.len(), 1, "line {line}: {}", summary(&f));
        assert_eq!(s(here[0], "secret_masked"), masked(tok));
        assert_eq!(n(here[0], "column"), 14);
    }
    for (tok, column) in &in_line {
        let here: Vec<_> = at(&f, "dump/one-line.txt", 1)
            .into_iter()
            .filter(|x| n(x, "column") == *column as u64)
            .collect();
        assert_eq!(here.len(), 1, "column {column}: {}", summary(&f));
        assert_eq!(s(here[0], "secret_masked"), masked(tok));
    }
}
