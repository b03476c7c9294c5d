//! The npm packages, as a JavaScript user gets them: built by `npm/build.js` from the binary
//! just compiled, packed with `npm pack`, installed into an empty folder, and run with `npx`:
//! the same output and exit code as the binary.

use std::path::Path;
use std::process::Command;

use crate::support::TempDir;

fn run(command: &mut Command) -> std::process::Output {
    let output =
        command.output().unwrap_or_else(|err| panic!("cannot run {command:?}: {err} (is Node.js with npm installed?)"));
    assert!(
        output.status.success(),
        "{command:?} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

#[test]
fn npx_lockstep_runs_the_binary_with_its_exit_code() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = TempDir::new();
    // Stripped, as the release profile `dist` ships it, so packing stays quick.
    let binary = dir.path().join("lockstep");
    run(Command::new("strip").arg("-o").arg(&binary).arg(env!("CARGO_BIN_EXE_lockstep")));
    let packages = dir.path().join("packages");
    run(Command::new("node")
        .arg(workspace.join("npm/build.js"))
        .arg("--binary")
        .arg(&binary)
        .arg("--out")
        .arg(&packages));
    let tarballs = dir.path().join("tarballs");
    std::fs::create_dir_all(&tarballs).unwrap();
    for package in ["lockstep", &format!("cli-{}", platform())] {
        run(Command::new("npm")
            .arg("pack")
            .arg("--pack-destination")
            .arg(&tarballs)
            .current_dir(packages.join(package)));
    }
    let consumer = dir.path().join("consumer");
    std::fs::create_dir_all(&consumer).unwrap();
    std::fs::write(consumer.join("package.json"), "{\"name\":\"consumer\",\"private\":true}\n").unwrap();
    let mut install = Command::new("npm");
    install.args(["install", "--offline", "--no-audit", "--no-fund"]).current_dir(&consumer);
    for entry in std::fs::read_dir(&tarballs).unwrap() {
        install.arg(entry.unwrap().path());
    }
    run(&mut install);

    // The shop, and the shop with drift (exit 1).
    let drifted = dir.path().join("shop-drifted");
    run(Command::new("bash").arg(workspace.join("examples/drift.sh")).arg(&drifted));
    for (example, code) in [(workspace.join("examples/shop"), 0), (drifted, 1)] {
        let project = example.as_path();
        let example = project.display();
        let direct = Command::new(env!("CARGO_BIN_EXE_lockstep"))
            .args(["check", "--color", "never"])
            .arg(project)
            .output()
            .unwrap();
        let npx = Command::new("npx")
            .args(["--no-install", "lockstep", "check", "--color", "never"])
            .arg(project)
            .current_dir(&consumer)
            .output()
            .unwrap();
        assert_eq!(direct.status.code(), Some(code), "{example}: {}", String::from_utf8_lossy(&direct.stderr));
        assert_eq!(npx.status.code(), direct.status.code(), "{example}: {}", String::from_utf8_lossy(&npx.stderr));
        assert_eq!(untimed(&npx.stdout), untimed(&direct.stdout), "{example}");
    }
}

/// Output without the run's duration (`(57 ms)`), which differs between two runs.
fn untimed(output: &[u8]) -> String {
    let text = String::from_utf8_lossy(output);
    text.lines()
        .map(|line| match (line.rfind(" ("), line.ends_with(" ms)")) {
            (Some(at), true) => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn platform() -> String {
    let os = match std::env::consts::OS {
        "macos" => "darwin",
        "windows" => "win32",
        other => other,
    };
    let cpu = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        other => other,
    };
    format!("{os}-{cpu}")
}
