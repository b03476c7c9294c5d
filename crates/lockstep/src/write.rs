//! The one way lockstep writes a file (`fmt`, `init`, `import openapi`, `export openapi --out`):
//! a temporary file with an unpredictable name created exclusively beside the target, the
//! target's permission mode kept, flushed to disk, then renamed over the target.
//!
//! Why each step: a fixed temporary name can be planted as a symlink by another user of a shared
//! folder; creating it exclusively with a random name cannot be redirected. The rename is atomic,
//! so a reader (or an interrupted run) sees the old file or the new one, never half of one.
//! A target that is a symbolic link is refused: renaming over it would replace the link with a
//! regular file, and writing through it would write wherever it points.

use std::io::Write as _;
use std::path::Path;

use anyhow::{Context, bail};

/// Whether the target may already exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    /// Replace the target if it exists (`fmt`, `--force`).
    Replace,
    /// Fail if the target exists, checked by the rename itself (link-and-unlink), so two runs
    /// racing to create the same file cannot both succeed.
    Refuse,
}

/// Writes `contents` to `path` under the policy above.
pub fn write_file(path: &Path, contents: &[u8], existing: Existing) -> anyhow::Result<()> {
    let text = path.to_string_lossy();
    let shown = text.strip_prefix("./").unwrap_or(&text).to_owned();
    let current = match std::fs::symlink_metadata(path) {
        Ok(metadata) => Some(metadata),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(err).with_context(|| format!("cannot write `{shown}`")),
    };
    if let Some(metadata) = &current {
        if metadata.file_type().is_symlink() {
            let target = std::fs::read_link(path).map(|t| t.display().to_string()).unwrap_or_default();
            bail!(
                "`{shown}` is a symbolic link (to `{target}`); lockstep does not write through links, since replacing it would turn the link into a file and writing through it could change a file outside the project\n  help: run lockstep on the link's target, or replace the link with a copy of the file"
            );
        }
        if !metadata.is_file() {
            bail!("`{shown}` is not a regular file; lockstep writes only regular files");
        }
        if existing == Existing::Refuse {
            bail!("{}", created_meanwhile(&shown));
        }
    }
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".lockstep-tmp");
    // A new file gets the usual mode (0666 less the umask), not tempfile's private 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temporary =
        builder.tempfile_in(dir).with_context(|| format!("cannot create a temporary file in `{}`", dir.display()))?;
    if let Some(metadata) = &current {
        // The mode is set exactly (the umask applied at creation may have narrowed it).
        std::fs::set_permissions(temporary.path(), metadata.permissions())
            .with_context(|| format!("cannot keep the permissions of `{shown}`"))?;
    }
    temporary.write_all(contents).with_context(|| format!("cannot write `{shown}`"))?;
    temporary.as_file().sync_all().with_context(|| format!("cannot write `{shown}`"))?;
    match existing {
        Existing::Replace => {
            temporary.persist(path).map_err(|e| e.error).with_context(|| format!("cannot replace `{shown}`"))?;
        }
        Existing::Refuse => {
            temporary.persist_noclobber(path).map_err(|e| e.error).map_err(|err| {
                if err.kind() == std::io::ErrorKind::AlreadyExists {
                    anyhow::anyhow!("{}", created_meanwhile(&shown))
                } else {
                    anyhow::Error::new(err).context(format!("cannot write `{shown}`"))
                }
            })?;
        }
    }
    // The rename is durable once the folder is flushed too; a failure here loses nothing.
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// Callers check for an existing target first; finding one at write time means another process
/// made it in between.
fn created_meanwhile(shown: &str) -> String {
    format!(
        "`{shown}` already exists: another process created it while lockstep was running (a second `lockstep init`?); it was left unchanged"
    )
}
