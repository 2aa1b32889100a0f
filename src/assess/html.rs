//! The assessment as one self-contained HTML page for people: inline CSS and a small inline
//! script (sortable tables, a filter), no network (a Content-Security-Policy forbids every
//! fetch), the summary first (totals by tier as an SVG bar chart, by service, by phase),
//! masked values only, and a print style sheet. Every piece of text is escaped.
//!
//! The script marks the page `data-script="ready"` on `<html>` when it has run, so a test
//! driving a real browser can tell that it ran without error.

use super::Assessment;
use super::view::{self, Cell, Table};
use crate::finding::Tier;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn tier_colour(t: Tier) -> &'static str {
    match t {
        Tier::Critical => "#b3261e",
        Tier::High => "#e8710a",
        Tier::Medium => "#c69500",
        Tier::Low => "#3b7d3e",
    }
}

fn tier_rank(t: Tier) -> u8 {
    match t {
        Tier::Critical => 4,
        Tier::High => 3,
        Tier::Medium => 2,
        Tier::Low => 1,
    }
}

fn tier_cell(t: Tier) -> String {
    format!(
        "<td data-sort=\"{}\"><span class=\"tier t-{}\">{}</span></td>",
        tier_rank(t),
        t.as_str(),
        t
    )
}

const STYLE: &str = r#"
:root { --ink:#1d1f23; --muted:#5f6368; --line:#dadce0; --bg:#f6f7f9; --card:#fff; --accent:#1a5fb4; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif; color:var(--ink); background:var(--bg); }
header { background:#16324f; color:#fff; padding:20px 32px; }
header h1 { margin:0 0 4px; font-size:24px; font-weight:600; }
header .meta { margin:0; color:#c9d6e3; font-size:13px; }
main { padding:16px 32px 40px; max-width:1500px; }
section { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:16px 20px; margin:16px 0; }
h2 { font-size:19px; margin:0 0 10px; }
h3 { font-size:15px; margin:18px 0 8px; }
.cards { display:flex; flex-wrap:wrap; gap:12px; margin-bottom:12px; }
.card { flex:1 1 150px; border:1px solid var(--line); border-radius:8px; padding:10px 14px; background:#fbfcfd; }
.card .n { display:block; font-size:28px; font-weight:700; }
.card.alert .n { color:#b3261e; }
.card .l { color:var(--muted); }
.grid { display:grid; grid-template-columns:repeat(auto-fit,minmax(300px,1fr)); gap:16px; align-items:start; }
figure { margin:0; }
figcaption { font-weight:600; margin-bottom:6px; }
table { border-collapse:collapse; width:100%; font-size:13px; }
th, td { text-align:left; padding:5px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
th { background:#eef1f5; font-weight:600; white-space:nowrap; }
table.sortable th { cursor:pointer; user-select:none; }
table.sortable th[aria-sort=ascending]::after { content:" \25B2"; font-size:10px; }
table.sortable th[aria-sort=descending]::after { content:" \25BC"; font-size:10px; }
td.n, th.n { text-align:right; font-variant-numeric:tabular-nums; }
code, pre { font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:12px; }
pre { background:#f1f3f4; border:1px solid var(--line); border-radius:6px; padding:10px 12px; overflow-x:auto; white-space:pre; }
.tier { display:inline-block; padding:1px 7px; border-radius:10px; color:#fff; font-size:11px; font-weight:700; letter-spacing:.02em; }
.t-critical { background:#b3261e; } .t-high { background:#e8710a; } .t-medium { background:#c69500; } .t-low { background:#3b7d3e; }
.bar { background:#e8eaed; border-radius:4px; height:12px; min-width:80px; overflow:hidden; }
.bar > span { display:block; height:100%; background:var(--accent); }
.muted { color:var(--muted); }
.scroll { overflow-x:auto; }
.exposed { color:#b3261e; font-weight:600; }
#filter { margin:4px 0 10px; padding:6px 10px; width:320px; max-width:100%; border:1px solid var(--line); border-radius:6px; }
@media print {
  body { background:#fff; font-size:9pt; }
  header { background:#fff; color:#000; border-bottom:2px solid #000; padding:0 0 8px; }
  header .meta { color:#333; }
  main { padding:0; max-width:none; }
  section { border:none; padding:0; margin:12px 0; }
  .no-print, #filter, #script-status { display:none !important; }
  table { font-size:8pt; }
  thead { display:table-header-group; }
  tr, figure, .card, pre { break-inside:avoid; }
  pre { white-space:pre-wrap; }
  .scroll { overflow:visible; }
  .tier, .bar > span, svg { -webkit-print-color-adjust:exact; print-color-adjust:exact; }
}
"#;

const SCRIPT: &str = r##"
(function () {
  "use strict";
  function key(td) {
    var v = td.getAttribute("data-sort");
    if (v === null) { v = td.textContent.trim(); }
    var n = Number(v);
    return (v !== "" && !isNaN(n)) ? n : v.toLowerCase();
  }
  var tables = document.querySelectorAll("table.sortable");
  Array.prototype.forEach.call(tables, function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      th.tabIndex = 0;
      th.title = "Sort by " + th.textContent;
      function sort() {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var up = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = key(a.cells[col]), y = key(b.cells[col]);
          if (typeof x !== typeof y) { x = String(x); y = String(y); }
          return (x < y ? -1 : x > y ? 1 : 0) * (up ? 1 : -1);
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
      });
    });
  });
  var filter = document.getElementById("filter");
  if (filter) {
    filter.hidden = false;
    filter.addEventListener("input", function () {
      var q = filter.value.toLowerCase();
      var rows = document.querySelectorAll("#inventory tbody tr");
      Array.prototype.forEach.call(rows, function (r) {
        r.hidden = q !== "" && r.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  }
  var status = document.getElementById("script-status");
  if (status) { status.textContent = "Click a column heading to sort a table."; }
  document.documentElement.setAttribute("data-script", "ready");
})();
"##;

/// The SVG bar chart of totals by tier.
fn tier_chart(a: &Assessment) -> String {
    let tiers = view::tier_totals(a);
    let max = tiers.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let mut s = String::from(
        "<svg id=\"tier-chart\" role=\"img\" aria-labelledby=\"tier-chart-title\" viewBox=\"0 0 360 190\" width=\"360\" height=\"190\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"tier-chart-title\">Secrets by tier</title>",
    );
    s.push_str("<line x1=\"10\" y1=\"160\" x2=\"350\" y2=\"160\" stroke=\"#9aa0a6\"/>");
    for (i, &(t, n)) in tiers.iter().enumerate() {
        let h = (n as f64 / max as f64 * 125.0).round();
        let x = 22 + i * 85;
        let y = 160.0 - h;
        let _ = write!(
            s,
            "<rect class=\"bar-{}\" x=\"{x}\" y=\"{y}\" width=\"60\" height=\"{h}\" rx=\"3\" fill=\"{}\"><title>{}: {n}</title></rect>",
            t.as_str(),
            tier_colour(t),
            t
        );
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"700\" fill=\"#1d1f23\">{n}</text>",
            x + 30,
            y - 6.0
        );
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"180\" text-anchor=\"middle\" font-size=\"12\" fill=\"#5f6368\">{}</text>",
            x + 30,
            t
        );
    }
    s.push_str("</svg>");
    s
}

fn meter(done: usize, total: usize) -> String {
    let pct = if total == 0 {
        0.0
    } else {
        done as f64 * 100.0 / total as f64
    };
    format!(
        "<div class=\"bar\" title=\"{done} of {total}\"><span style=\"width:{pct:.1}%\"></span></div>"
    )
}

/// A cell (`<td>`; a share is followed by its meter's cell).
fn cell(s: &mut String, c: &Cell) -> std::fmt::Result {
    match c {
        Cell::Text(t) => write!(s, "<td>{}</td>", esc(t)),
        Cell::Code(t) => write!(s, "<td><code>{}</code></td>", esc(t)),
        Cell::Num(n) => write!(s, "<td class=\"n\">{n}</td>"),
        Cell::Tier(t) => write!(s, "{}", tier_cell(*t)),
        Cell::Note(t, note) => write!(
            s,
            "<td>{}{}</td>",
            esc(t),
            note.as_ref()
                .map(|n| format!(" <span class=\"muted\">({})</span>", esc(n)))
                .unwrap_or_default()
        ),
        Cell::Exposed(x) => write!(
            s,
            "<td data-sort=\"{}\">{}</td>",
            u8::from(x.is_some()),
            x.as_ref()
                .map(|x| format!("<span class=\"exposed\">{}</span>", esc(x)))
                .unwrap_or_else(|| "no".into())
        ),
        Cell::Done(c) => write!(
            s,
            "<td class=\"n\" data-sort=\"{p}\">{p}%</td><td>{}</td>",
            meter(c.migrated, c.total()),
            p = c.percent()
        ),
        Cell::Split(c) => write!(
            s,
            "<td class=\"n\" data-sort=\"{}\">{} / {}</td>",
            c.remaining, c.migrated, c.remaining
        ),
    }
}

/// A table with this `id` (sortable by a click on a heading when `sortable`).
fn table(s: &mut String, t: &Table, id: &str, sortable: bool) -> std::fmt::Result {
    let class = if sortable { " class=\"sortable\"" } else { "" };
    write!(s, "<table{class} id=\"{}\"><thead><tr>", esc(id))?;
    for c in &t.columns {
        let n = if c.numeric { " class=\"n\"" } else { "" };
        write!(s, "<th{n}>{}</th>", esc(&c.title))?;
        if c.meter {
            s.push_str("<th></th>");
        }
    }
    s.push_str("</tr></thead><tbody>\n");
    for r in &t.rows {
        match &r.fingerprint {
            Some(f) => write!(s, "<tr data-fingerprint=\"{}\">", esc(f))?,
            None => s.push_str("<tr>"),
        }
        for c in &r.cells {
            cell(s, c)?;
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody></table>");
    Ok(())
}

/// Writes the page.
pub fn write(a: &Assessment, out: &mut dyn Write) -> io::Result<()> {
    view::write(a, render, out)
}

fn render(a: &Assessment, s: &mut String) -> std::fmt::Result {
    let sum = &a.summary;
    let p = &a.progress;
    s.push_str("<!DOCTYPE html>\n<!-- vaultsweep-assessment: written by vaultsweep assess -->\n<html lang=\"en\" data-script=\"off\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    s.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n");
    s.push_str("<title>Vault migration assessment</title>\n<style>");
    s.push_str(STYLE);
    s.push_str("</style>\n</head>\n<body>\n<header>\n<h1>Vault migration assessment</h1>\n");
    writeln!(
        s,
        "<p class=\"meta\">Generated {} by vaultsweep {} · assessed {} · KV mount <code>{}</code> · template <code>{}</code> · git history {}</p>\n</header>\n<main>",
        esc(&a.generated),
        esc(&a.tool_version),
        a.roots
            .iter()
            .map(|r| format!("<code>{}</code>", esc(r)))
            .collect::<Vec<_>>()
            .join(", "),
        esc(&a.kv_mount),
        esc(&a.path_template),
        view::history_text(a)
    )?;

    // Summary.
    s.push_str("<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"cards\">\n");
    writeln!(
        s,
        "<div class=\"card\"><span class=\"n\" id=\"total-secrets\">{}</span><span class=\"l\">secrets in plain text, in {} files of {} services</span></div>",
        sum.total,
        sum.files,
        sum.services.len()
    )?;
    writeln!(
        s,
        "<div class=\"card{}\"><span class=\"n\" id=\"total-exposed\">{}</span><span class=\"l\">exposed in git history: rotate</span></div>",
        if sum.exposed > 0 { " alert" } else { "" },
        sum.exposed
    )?;
    writeln!(
        s,
        "<div class=\"card\"><span class=\"n\">{}</span><span class=\"l\">vaultsweep migrate can move</span></div>",
        sum.movable
    )?;
    writeln!(
        s,
        "<div class=\"card\"><span class=\"n\">{}</span><span class=\"l\">need a code change</span></div>",
        sum.code
    )?;
    writeln!(
        s,
        "<div class=\"card\"><span class=\"n\" id=\"total-migrated\">{}%</span><span class=\"l\">in Vault already ({} of {})</span></div>",
        p.total.percent(),
        p.total.migrated,
        p.total.total()
    )?;
    s.push_str("</div>\n<div class=\"grid\">\n<figure><figcaption>By tier</figcaption>");
    s.push_str(&tier_chart(a));
    s.push_str("\n<table id=\"tier-totals\"><thead><tr><th>Tier</th><th class=\"n\">Secrets</th><th>Rotate every</th></tr></thead><tbody>");
    for (t, n) in view::tier_totals(a) {
        write!(
            s,
            "<tr><td><span class=\"tier t-{}\">{}</span></td><td class=\"n\">{n}</td><td>{} days</td></tr>",
            t.as_str(),
            t,
            t.rotation_days()
        )?;
    }
    s.push_str("</tbody></table></figure>\n");
    s.push_str("<figure><figcaption>By phase</figcaption><table id=\"phase-totals\"><thead><tr><th>Phase</th><th class=\"n\">Secrets</th><th></th></tr></thead><tbody>");
    for (ph, title, n) in view::phase_totals(a) {
        write!(
            s,
            "<tr><td><a href=\"#phase-{ph}\">Phase {ph}</a><br><span class=\"muted\">{}</span></td><td class=\"n\">{n}</td><td>{}</td></tr>",
            esc(title),
            meter(n, sum.total)
        )?;
    }
    s.push_str("</tbody></table>\n<figcaption style=\"margin-top:12px\">By home</figcaption>");
    table(s, &view::homes(a), "home-totals", false)?;
    s.push_str("</figure>\n</div>\n");
    s.push_str("<h3>By service</h3><p id=\"script-status\" class=\"muted no-print\"></p>\n<div class=\"scroll\">");
    table(s, &view::services(a), "services", true)?;
    s.push_str("</div>\n</section>\n");

    // Progress.
    writeln!(
        s,
        "<section id=\"progress\">\n<h2>Progress</h2>\n<p>{} secret(s) already referred to in Vault, {} still in plain text. Read: <code>vault:</code> references in the files, {} migration journal(s){}.</p>",
        p.total.migrated,
        p.total.remaining,
        p.journals_read,
        p.guard_file
            .as_ref()
            .map(|g| format!(", guard file <code>{}</code>", esc(g)))
            .unwrap_or_default()
    )?;
    s.push_str("<div class=\"grid\"><figure><figcaption>By service</figcaption>");
    table(s, &view::progress_services(a), "progress-services", true)?;
    s.push_str("</figure>\n<figure><figcaption>By tier</figcaption>");
    table(s, &view::progress_tiers(a), "progress-tiers", false)?;
    s.push_str("</figure></div>\n");
    s.push_str("<h3>By service and tier</h3><p class=\"muted\">Migrated / remaining.</p><div class=\"scroll\">");
    table(s, &view::progress_matrix(a), "progress-matrix", true)?;
    s.push_str("</div>\n");
    if !p.migrated.is_empty() {
        s.push_str("<h3>Already in Vault</h3><div class=\"scroll\"><table class=\"sortable\" id=\"migrated\"><thead><tr><th>Service</th><th>File</th><th>Key</th><th>Reference</th><th>Tier</th><th>Evidence</th><th>Moved</th></tr></thead><tbody>\n");
        for m in &p.migrated {
            writeln!(
                s,
                "<tr><td>{}</td><td><code>{}</code></td><td><code>{}</code></td><td><code>{}</code></td>{}<td>{} <span class=\"muted\">(tier: {})</span></td><td>{}</td></tr>",
                esc(&m.service),
                esc(&view::migrated_place(m)),
                esc(&m.key),
                esc(&m.reference),
                tier_cell(m.tier),
                esc(&m.evidence.join(", ")),
                esc(&m.tier_from),
                esc(m.migrated_at.as_deref().unwrap_or(""))
            )?;
        }
        s.push_str("</tbody></table></div>\n");
    }
    if !p.drift.is_empty() {
        s.push_str("<h3>Records the files contradict</h3><ul>");
        for d in &p.drift {
            write!(
                s,
                "<li><code>{}</code> <code>{}</code>: {}</li>",
                esc(&d.path),
                esc(&d.key),
                esc(&d.note)
            )?;
        }
        s.push_str("</ul>\n");
    }
    s.push_str("</section>\n");

    if let Some(c) = &a.since {
        writeln!(
            s,
            "<section id=\"since\">\n<h2>Changes since {}</h2>\n<p>Earlier assessment <code>{}</code>. {}</p>",
            esc(&c.earlier_generated),
            esc(&c.earlier_file),
            view::since_sentence(c, |n| format!("<strong>{n}</strong>"))
        )?;
        table(s, &view::since_services(c), "since-services", true)?;
        s.push_str("\n<ul>");
        for r in &c.resolved {
            write!(
                s,
                "<li>resolved ({}): <code>{}:{}</code> <code>{}</code>{}</li>",
                esc(&r.outcome),
                esc(&r.item.path),
                r.item.line,
                esc(r.item.key.as_deref().unwrap_or("")),
                r.reference
                    .as_ref()
                    .map(|x| format!(" → <code>{}</code>", esc(x)))
                    .unwrap_or_default()
            )?;
        }
        for n in &c.new {
            write!(
                s,
                "<li>new: <code>{}:{}</code> <code>{}</code> {}</li>",
                esc(&n.path),
                n.line,
                esc(n.key.as_deref().unwrap_or("")),
                n.tier
            )?;
        }
        for ch in &c.changed {
            write!(
                s,
                "<li>changed: <code>{}:{}</code> {}</li>",
                esc(&ch.item.path),
                ch.item.line,
                esc(&ch.what)
            )?;
        }
        s.push_str("</ul>\n</section>\n");
    }

    // Phases.
    for ph in &a.phases {
        writeln!(
            s,
            "<section id=\"phase-{}\">\n<h2>Phase {}: {}</h2>",
            ph.phase,
            ph.phase,
            esc(&ph.title)
        )?;
        if ph.tasks.is_empty() {
            s.push_str("<p class=\"muted\">Nothing in this phase.</p>\n</section>\n");
            continue;
        }
        writeln!(
            s,
            "<p>{} secret(s) in {} file(s), in this order: non-production first, lowest tier first.</p>",
            ph.count,
            ph.tasks.len()
        )?;
        s.push_str("<div class=\"scroll\">");
        table(s, &view::tasks(ph), &format!("tasks-{}", ph.phase), true)?;
        s.push_str("</div>\n");
        if !ph.commands.is_empty() {
            s.push_str("<h3>The migrate commands, in order</h3><p class=\"muted\">Each shows its plan and asks before writing. Keys excluded wait for phase 3 or 4 (drop an <code>--exclude</code> to park a value in KV meanwhile).</p><pre id=\"phase2-commands\">");
            for c in &ph.commands {
                s.push_str(&esc(c));
                s.push('\n');
            }
            s.push_str("</pre>\n");
        }
        if ph.phase == 3 {
            let e = &a.engines;
            if !e.databases.is_empty() || !e.unknown_databases.is_empty() {
                s.push_str("<h3>Database secrets engine</h3><div class=\"scroll\"><table class=\"sortable\" id=\"databases\"><thead><tr><th>Connection</th><th>Engine</th><th>Host</th><th class=\"n\">Port</th><th>Database</th><th>Users today</th><th>Roles</th><th>Found at</th></tr></thead><tbody>\n");
                for d in &e.databases {
                    writeln!(
                        s,
                        "<tr><td><code>{}</code></td><td>{} <span class=\"muted\">({})</span></td><td><code>{}</code></td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        esc(&d.name),
                        esc(&d.engine),
                        esc(&d.engine_from),
                        esc(&d.host),
                        d.port.map(|p| p.to_string()).unwrap_or_default(),
                        esc(d.database.as_deref().unwrap_or("")),
                        esc(&d.users.join(", ")),
                        esc(&d
                            .roles
                            .iter()
                            .map(|r| r.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")),
                        esc(&d.found_in.join("; "))
                    )?;
                }
                s.push_str("</tbody></table></div>\n<p>Starting point to review (<code>--emit-engine-config DIR</code> writes it as <code>database.sh</code>; it holds no password):</p><pre id=\"database-script\">");
                s.push_str(&esc(&e.database_script));
                s.push_str("</pre>\n");
            }
            if !e.aws.is_empty() {
                s.push_str("<h3>AWS secrets engine</h3><p>Starting point to review (<code>--emit-engine-config DIR</code> writes it as <code>aws.sh</code>):</p><pre id=\"aws-script\">");
                s.push_str(&esc(&e.aws_script));
                s.push_str("</pre>\n");
            }
        }
        s.push_str("</section>\n");
    }

    // Inventory.
    writeln!(
        s,
        "<section id=\"inventory\">\n<h2>Inventory</h2>\n<p class=\"muted\">Every finding; values masked. {} in all.</p><input id=\"filter\" type=\"search\" placeholder=\"Filter rows\" aria-label=\"Filter the inventory\" hidden>",
        a.items.len()
    )?;
    s.push_str("<div class=\"scroll\">");
    table(s, &view::inventory(a), "items", true)?;
    s.push_str("</div>\n</section>\n");
    if !a.not_scanned.is_empty() {
        s.push_str("<section id=\"not-scanned\"><h2>Not scanned</h2><ul>");
        for n in &a.not_scanned {
            write!(s, "<li><code>{}</code>: {}</li>", esc(&n.path), esc(&n.why))?;
        }
        s.push_str("</ul></section>\n");
    }
    s.push_str("</main>\n<script>");
    s.push_str(SCRIPT);
    s.push_str("</script>\n</body>\n</html>\n");
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            super::esc("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
