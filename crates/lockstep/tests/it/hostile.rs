//! Hostile inputs: a few hundred mutations of the shipped example (truncation, duplication, deep
//! nesting, huge literals, invalid UTF-8, NUL bytes, FIFOs, links out of the project) run through
//! the real binary under a memory limit and a timeout. Whatever the input: no crash, no hang, exit
//! 0, 1 or 2, and a planted secret never printed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::support::{TempDir, copy_tree, mkfifo, repo_root};

const SECRET: &str = "sk_live_PLANTED_9f3c2a71";
const INPUTS: usize = 208;
const TIMEOUT: Duration = Duration::from_secs(20);
/// `ulimit -v`, in KiB: 2 GiB.
const MEMORY_KIB: u64 = 2 << 20;
const FORMATS: [&str; 4] = ["text", "json", "sarif", "github"];

/// A small deterministic generator, so a failure names an input that can be made again.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The example with secrets planted in every shape an env line can take.
fn base(dir: &Path) {
    copy_tree(&repo_root().join("examples/shop"), dir);
    let env = std::fs::read_to_string(dir.join(".env")).unwrap().replace("sk_test_replace_me", SECRET);
    let planted = format!(
        "{env}# STRIPE_SECRET_KEY={SECRET}\nOTHER_SECRET=\"{SECRET}\\\"tail\"\nTRAILING=\"x\" {SECRET}\nCOLON_KEY: {SECRET}\n"
    );
    std::fs::write(dir.join(".env"), planted).unwrap();
    let production = std::fs::read_to_string(dir.join(".env.production")).unwrap();
    std::fs::write(dir.join(".env.production"), format!("KEY: {SECRET}\n{production}")).unwrap();
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() { pending.push(path) } else { found.push(path) }
        }
    }
    found.sort();
    found
}

/// Applies mutation `kind` to one file of the project; returns a description.
fn mutate(dir: &Path, kind: usize, rng: &mut Rng) -> String {
    let all = files(dir);
    let target = &all[rng.below(all.len())];
    let name = target.strip_prefix(dir).unwrap().display().to_string();
    let bytes = std::fs::read(target).unwrap_or_default();
    let at = rng.below(bytes.len() + 1);
    let write = |content: Vec<u8>| std::fs::write(target, content).unwrap();
    let splice = |insert: &[u8]| {
        let mut out = bytes[..at].to_vec();
        out.extend_from_slice(insert);
        out.extend_from_slice(&bytes[at..]);
        out
    };
    match kind % 14 {
        0 => {
            write(bytes[..at].to_vec());
            format!("truncate {name} at {at}")
        }
        1 => {
            let times = 2 + rng.below(60);
            write(bytes.repeat(times));
            format!("repeat {name} {times} times")
        }
        2 => {
            let (open, close) = [("(", ")"), ("{", "}"), ("[", "]"), ("<div>", "</div>")][rng.below(4)];
            let depth = [100, 1_000, 20_000][rng.below(3)];
            write(splice(format!("{}x{}", open.repeat(depth), close.repeat(depth)).as_bytes()));
            format!("nest {open} {depth} deep in {name} at {at}")
        }
        3 => {
            let size = [100_000, 3_000_000][rng.below(2)];
            write(splice(format!("'{}'", "a".repeat(size)).as_bytes()));
            format!("a {size}-byte literal in {name} at {at}")
        }
        4 => {
            write(splice(&[0xff, 0xfe, 0xc3, 0x28, 0x80]));
            format!("invalid UTF-8 in {name} at {at}")
        }
        5 => {
            write(splice(b"\0\0"));
            format!("NUL bytes in {name} at {at}")
        }
        6 => {
            std::fs::remove_file(target).unwrap();
            mkfifo(target);
            format!("{name} replaced by a FIFO")
        }
        7 => {
            let outside = ["/dev/zero", "/etc/passwd", "/", "/no/such/file", "/proc/self/environ"][rng.below(5)];
            std::fs::remove_file(target).unwrap();
            std::os::unix::fs::symlink(outside, target).unwrap();
            format!("{name} linked to {outside}")
        }
        8 => {
            let mut out = bytes.clone();
            for _ in 0..=rng.below(20) {
                if !out.is_empty() {
                    let i = rng.below(out.len());
                    out[i] = (rng.next() & 0xff) as u8;
                }
            }
            write(out);
            format!("flipped bytes in {name}")
        }
        9 => {
            let operators = (0..[50, 5_000][rng.below(2)]).fold(String::new(), |mut out, i| {
                let _ = write!(out, "a{i} + ");
                out
            });
            write(splice(format!("{operators}1").as_bytes()));
            format!("an operator chain in {name} at {at}")
        }
        10 => {
            let config = [
                "[sources]\ninclude = [\"/\"]\n",
                "contract = \"/etc/passwd\"\n",
                "[sources]\ninclude = [\"scr\"]\n",
                "[env.files]\nproduction = [\"../../.env\"]\n",
                "[database]\nmigrations = \"app\"\n",
                "contract = [1, 2]\n",
                "[[[",
            ][rng.below(7)];
            std::fs::write(dir.join("lockstep.toml"), config).unwrap();
            format!("lockstep.toml: {config:?}")
        }
        11 => {
            std::fs::remove_file(target).unwrap();
            std::fs::create_dir_all(target).unwrap();
            format!("{name} replaced by a folder")
        }
        12 => {
            let utf16: Vec<u8> = String::from_utf8_lossy(&bytes).encode_utf16().flat_map(u16::to_le_bytes).collect();
            write(utf16);
            format!("{name} as UTF-16 without a byte order mark")
        }
        _ => {
            write(splice("\r\u{1b}[2J\u{202e}\t\u{feff}é日".as_bytes()));
            format!("control characters in {name} at {at}")
        }
    }
}

/// Runs one command under the memory limit; `None` when it had to be killed.
fn run(dir: &Path, args: &[&str]) -> Option<(Option<i32>, String, String)> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_KIB}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_lockstep"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read both pipes on threads, so a large output cannot block the child.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut text);
        text
    });
    let err = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stderr, &mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let stdout = String::from_utf8_lossy(&out.join().unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&err.join().unwrap()).into_owned();
    status.map(|s| (s.code(), stdout, stderr))
}

#[test]
fn hostile_inputs_never_crash_hang_or_leak() {
    let started = Instant::now();
    let next = AtomicUsize::new(0);
    let problems = Mutex::new(Vec::new());
    let codes = Mutex::new([0usize; 3]);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let input = next.fetch_add(1, Ordering::SeqCst);
                    if input >= INPUTS {
                        break;
                    }
                    let dir = TempDir::new();
                    base(dir.path());
                    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (input as u64 + 1).wrapping_mul(0x2545_f491_4f6c_dd1d));
                    let mut described = vec![mutate(dir.path(), input, &mut rng)];
                    if input % 3 == 0 {
                        described.push(mutate(dir.path(), rng.below(14), &mut rng));
                    }
                    let format = FORMATS[input % FORMATS.len()];
                    let color = if input % 8 < 4 { "never" } else { "always" };
                    let args = ["check", "--format", format, "--color", color, "-v"];
                    let problem = match run(dir.path(), &args) {
                        None => Some(format!("still running after {} s", TIMEOUT.as_secs())),
                        Some((code, stdout, stderr)) => {
                            if let Some(code @ 0..=2) = code {
                                codes.lock().unwrap()[usize::try_from(code).unwrap()] += 1;
                            }
                            if !matches!(code, Some(0..=2)) {
                                Some(format!("ended with {code:?} (a signal, or an abort)\n{}", tail(&stderr)))
                            } else if stderr.contains("panicked") {
                                Some(format!("panicked\n{}", tail(&stderr)))
                            } else if stdout.contains("PLANTED") || stderr.contains("PLANTED") {
                                Some(format!("printed the planted secret\n{stdout}{stderr}"))
                            } else if color == "never"
                                && [&stdout, &stderr].iter().any(|t| t.contains(['\x1b', '\x07', '\u{202e}']))
                            {
                                Some(format!("sent a control character to the terminal\n{stdout:?}{stderr:?}"))
                            } else {
                                None
                            }
                        }
                    };
                    if let Some(problem) = problem {
                        problems
                            .lock()
                            .unwrap()
                            .push(format!("input {input} ({format}; {}): {problem}", described.join(", then ")));
                    }
                }
            });
        }
    });
    let problems = problems.into_inner().unwrap();
    assert!(problems.is_empty(), "{} of {INPUTS} hostile inputs failed:\n\n{}", problems.len(), problems.join("\n\n"));
    // The inputs reach every outcome: clean, findings, refused.
    let codes = codes.into_inner().unwrap();
    assert!(codes.iter().all(|&n| n > 0), "exit codes 0, 1, 2: {codes:?}");
    assert!(started.elapsed() < Duration::from_secs(120), "the hostile suite took {:?}", started.elapsed());
}

#[test]
fn the_planted_secrets_sit_on_lines_the_output_quotes() {
    // Without this, the leak check above could pass because no finding quotes an env line.
    let dir = TempDir::new();
    base(dir.path());
    let (code, stdout, _) = run(dir.path(), &["check", "--color", "never"]).unwrap();
    assert_eq!(code, Some(0), "warnings only: {stdout}");
    assert!(stdout.contains("OTHER_SECRET=****"), "{stdout}");
    assert!(stdout.contains("TRAILING=****"), "{stdout}");
    assert!(!stdout.contains("PLANTED"), "{stdout}");
}

fn tail(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(8)..].join("\n")
}
