//! The HTML report as a real browser sees it: a session made by the binary, exported through
//! the public API, then rendered by headless Chromium to a screenshot and to its final DOM.
//!
//! Ignored by default because it needs `/usr/bin/chromium`; `.ci/run` includes it with
//! `cargo test -- --include-ignored`, and then a missing browser fails it rather than skip it.

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::common;
use assert_cmd::Command as BinCommand;
use mockloop::report::export::{Format, Options};
use mockloop::report::SessionReport;
use mockloop::rubric::RubricSet;
use mockloop::session::SessionStore;
use tempfile::TempDir;

const CHROMIUM: &str = "/usr/bin/chromium";
/// Generous: a cold Chromium start on a loaded 2-core CI machine takes a few seconds.
const BROWSER_TIMEOUT: Duration = Duration::from_secs(60);
const WIDTH: u32 = 1200;
const HEIGHT: u32 = 1600;

/// The behavioral answer, the offer response, and the reply to the recruiter's counter-move.
const ANSWERS: [&str; 3] = [
    "At my last company I was the PM for search and I disagreed with my manager about a redesign. I dug into the query logs: the data showed 20% of searches failed.\nI <script>alert(1)</script> pushed back and told my manager the real problem was spelling, not layout. First I built a quick prototype, a simpler approach, and we ran an A/B test. We decided to ship the fix because the trade-off was small and reversible.\nFailures dropped from 20% to 6%, so that the team could focus on the real issue. I wrote a one-page memo and shared the results.",
    "Thank you, I'm excited. Before I decide I'd like to review the full offer in writing, and based on market data for this level I'd ask you to move the base closer to $520,000.",
    "I understand. Given my competing offer, a $60,000 sign-on would close the gap. I can answer by Friday.",
];

#[test]
#[ignore = "needs /usr/bin/chromium; run with `cargo test -- --include-ignored` (CI does)"]
fn html_report_renders_in_chromium() {
    assert!(
        Path::new(CHROMIUM).exists(),
        "this test renders the report in {CHROMIUM}, which is missing (apt-get install chromium)"
    );

    let dir = TempDir::new().unwrap();
    let html = export_a_real_session(dir.path());
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let page = dir.path().join("report.html");
    std::fs::write(&page, &html).unwrap();
    let empty = dir.path().join("empty.html");
    std::fs::write(&empty, "<!DOCTYPE html><html><body></body></html>\n").unwrap();

    let shot = dir.path().join("shot.png");
    let blank = dir.path().join("blank.png");
    screenshot(&page, &shot);
    screenshot(&empty, &blank);
    // Keep a copy outside the tempdir so a person can look at what the browser drew.
    let kept = Path::new(env!("CARGO_TARGET_TMPDIR")).join("html_browser-shot.png");
    std::fs::copy(&shot, &kept).unwrap();
    eprintln!("html_browser: screenshot kept at {}", kept.display());

    let png = std::fs::read(&shot).unwrap();
    assert_eq!(png_size(&png), (WIDTH, HEIGHT), "screenshot dimensions");
    let blank_len = std::fs::metadata(&blank).unwrap().len();
    let shot_len = png.len() as u64;
    eprintln!("html_browser: report PNG {shot_len} bytes, empty page PNG {blank_len} bytes");
    // A page of one colour compresses to a few KB; text, tables and charts do not. Comparing
    // with a blank page drawn by the same browser keeps this honest across Chromium versions.
    assert!(
        shot_len > 20_000,
        "screenshot looks blank: {shot_len} bytes"
    );
    assert!(
        shot_len >= 3 * blank_len,
        "screenshot ({shot_len} bytes) is not clearly busier than a blank page ({blank_len} bytes)"
    );

    let dom = dump_dom(&page);
    assert!(dom.contains("id=\"values-radar\""), "radar in the DOM");
    assert!(dom.contains("<polygon"), "radar polygons in the DOM");
    assert!(
        !dom.to_lowercase().contains("<script"),
        "the answer's markup became a live element"
    );
    assert!(
        dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the answer's markup survives as text"
    );
}

/// Runs a two-stage loop through the binary in `dir` and exports its session as HTML.
fn export_a_real_session(dir: &Path) -> String {
    let stdin: String = ANSWERS.iter().map(|a| format!("{a}\n\n")).collect();
    BinCommand::cargo_bin("mockloop")
        .unwrap()
        .current_dir(dir)
        .env_remove("MOCKLOOP_RUBRICS")
        .env_remove("MOCKLOOP_SESSIONS")
        .args(["run", "--seed", "5", "--questions", "1"])
        .args([
            "--stage",
            "behavioral",
            "--stage",
            "offer",
            "--no-follow-ups",
        ])
        .write_stdin(stdin)
        .timeout(Duration::from_secs(60))
        .assert()
        .success();

    let mut files = common::session_files(&dir.join("sessions"));
    assert_eq!(files.len(), 1, "one session file: {files:?}");
    let session = SessionStore::load(&files.pop().unwrap()).unwrap();
    let report = SessionReport::build(&session, &RubricSet::builtin().unwrap());
    assert!(report
        .questions
        .iter()
        .all(|q| q.status == mockloop::report::model::QuestionStatus::Answered));
    Format::Html.exporter().export(&report, &Options::default())
}

/// Runs headless Chromium with `extra` arguments on a fresh profile (nothing cached, no state
/// shared between runs), removed when it exits.
fn chromium(extra: &[String]) -> Output {
    let profile = TempDir::new().unwrap();
    let mut cmd = Command::new(CHROMIUM);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()))
    .args(extra)
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    // Its own process group, so a timeout can end Chromium's helper processes too.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    run(cmd)
}

fn url(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn screenshot(page: &Path, png: &Path) {
    let out = chromium(&[
        format!("--screenshot={}", png.display()),
        format!("--window-size={WIDTH},{HEIGHT}"),
        url(page),
    ]);
    assert!(
        png.exists(),
        "no screenshot written; chromium said:\n{}",
        out.stderr
    );
}

fn dump_dom(page: &Path) -> String {
    let out = chromium(&["--dump-dom".to_string(), url(page)]);
    assert!(
        !out.stdout.is_empty(),
        "empty DOM dump; chromium said:\n{}",
        out.stderr
    );
    out.stdout
}

struct Output {
    stdout: String,
    stderr: String,
}

/// Runs to completion or kills the process group after [`BROWSER_TIMEOUT`]. Both pipes are
/// drained on threads so a chatty stderr cannot block Chromium while we wait.
fn run(mut cmd: Command) -> Output {
    let mut child = cmd.spawn().expect("chromium starts");
    let stdout = drain(child.stdout.take().unwrap());
    let stderr = drain(child.stderr.take().unwrap());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > BROWSER_TIMEOUT {
            kill(&mut child);
            panic!(
                "chromium still running after {BROWSER_TIMEOUT:?}; stderr:\n{}",
                stderr.join().unwrap()
            );
        }
        thread::sleep(Duration::from_millis(50));
    };
    let out = Output {
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    };
    assert!(
        status.success(),
        "chromium failed ({status}):\n{}",
        out.stderr
    );
    out
}

fn drain(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Ends the process group this test started (the group id is the child's pid).
fn kill(child: &mut Child) {
    #[cfg(unix)]
    let _ = Command::new("kill")
        .args(["-KILL", &format!("-{}", child.id())])
        .status();
    let _ = child.kill();
    let _ = child.wait();
}

/// Width and height from a PNG's IHDR chunk, after checking the signature.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert!(png.len() > 24, "PNG too short: {} bytes", png.len());
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&png[12..16], b"IHDR", "first chunk is IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&png[16..20]), be(&png[20..24]))
}
