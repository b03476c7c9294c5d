//! The one way lockstep reads a file of the app (contract, migrations, sources, env files,
//! OpenAPI documents): regular files only, a size limit per kind, the read itself bounded,
//! decoding errors reported, and files the configuration reaches kept inside the project.
//!
//! The rule (docs/configuration.md, docs/limits.md): paths in `lockstep.toml` are relative and
//! stay inside the project root (checked by `lockstep_config`); a file reached through them must
//! resolve inside the root too, so a symlink planted in a migrations folder or an env file linked
//! to `/etc/shadow` is refused. A path named on the command line (`fmt FILE`, `import openapi
//! FILE`) is the user's explicit choice and may be anywhere; it is still read as a regular file
//! under a size limit.

use std::collections::HashMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use lockstep_diagnostics::decode_text;

/// What is read, for messages, and the most bytes such a file may have.
#[derive(Clone, Copy, Debug)]
pub struct Kind {
    pub what: &'static str,
    pub max_bytes: u64,
}

/// No hand-written contract comes close; the limit keeps a mistaken path from eating memory.
pub const CONTRACT: Kind = Kind { what: "a contract file", max_bytes: 16 << 20 };
/// A dump this size is not a migration, and replaying it would cost more than the check is worth.
pub const MIGRATION: Kind = Kind { what: "a migration", max_bytes: 64 << 20 };
/// Larger files are bundles or generated code, not the app's source.
pub const SOURCE: Kind = Kind { what: "a source file", max_bytes: 8 << 20 };
/// Env files hold a few dozen variables; a megabyte is a mistake.
pub const ENV: Kind = Kind { what: "an env file", max_bytes: 1 << 20 };
/// The generated `Database` type of a large schema is a few thousand lines.
pub const TYPES: Kind = Kind { what: "a types file", max_bytes: 16 << 20 };
/// Specs of real APIs are well under this.
pub const OPENAPI: Kind = Kind { what: "an OpenAPI document", max_bytes: 64 << 20 };

/// Where a file may be.
#[derive(Clone, Copy, Debug)]
pub enum Within<'a> {
    /// Inside this folder, which must be canonical (see [`canonical_root`]).
    Root(&'a Path),
    /// Anywhere: the path was named on the command line.
    Anywhere,
}

/// The project root with symlinks resolved, to compare resolved file paths against.
pub fn canonical_root(root: &Path) -> PathBuf {
    std::fs::canonicalize(root).unwrap_or_else(|_| root.to_owned())
}

/// Whether `path` resolves to a place inside `root` (canonical). A path that cannot be
/// resolved is not inside.
pub fn resolves_inside(path: &Path, root: &Path) -> bool {
    std::fs::canonicalize(path).is_ok_and(|resolved| resolved.starts_with(root))
}

/// Reads `path` as text under the policy above. The problem is returned as a phrase to put
/// after the file's name (`` `x.sql` is a FIFO, not a regular file``).
pub fn read_text(path: &Path, within: Within<'_>, kind: Kind) -> Result<String, String> {
    let link = std::fs::symlink_metadata(path).map_err(|e| unreadable(&e))?;
    if let Within::Root(root) = within {
        if !resolves_inside(path, root) {
            let target = std::fs::read_link(path).map(|t| t.display().to_string());
            return Err(match (link.file_type().is_symlink(), target) {
                (true, Ok(target)) if std::fs::metadata(path).is_err() => {
                    format!("is a symbolic link to `{target}`, which does not exist")
                }
                (true, Ok(target)) => format!(
                    "is a symbolic link to `{target}`, outside the project root; lockstep reads only files inside the project (copy the file into the project, or run lockstep from a folder that contains both)"
                ),
                _ => "resolves to a place outside the project root (through a linked folder); lockstep reads only files inside the project".to_owned(),
            });
        }
    }
    // Checked before opening: opening a FIFO blocks until someone writes to it.
    let metadata = std::fs::metadata(path).map_err(|e| unreadable(&e))?;
    if !metadata.is_file() {
        return Err(format!("is {}, not a regular file", file_type_name(metadata.file_type())));
    }
    if metadata.len() > kind.max_bytes {
        return Err(too_large(metadata.len(), kind));
    }
    let file = std::fs::File::open(path).map_err(|e| unreadable(&e))?;
    // Bounded even after the size check: the file may grow, or be a special file that reports
    // a size of 0.
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(kind.max_bytes + 1).read_to_end(&mut bytes).map_err(|e| unreadable(&e))?;
    if bytes.len() as u64 > kind.max_bytes {
        return Err(too_large(bytes.len() as u64, kind));
    }
    decode_text(&bytes).map_err(|e| e.to_string())
}

/// Where the app's files come from: [`Disk`] reads under the policy above; [`Overlaid`] holds
/// some texts in memory (an editor's unsaved buffer, an agent's proposed edit, a file of
/// another revision) and takes the rest from beneath. Every file a check reads (contract,
/// migrations, scripts, types, env files, sources, generated outputs) is read through one, and
/// the contract, baseline and migrations folders are listed through one. Walking the sources
/// and the scripts (gitignore-aware, with `ignore`) looks at the disk.
pub trait Files: Sync {
    /// The text of `path`, or a phrase saying why there is none (see [`read_text`]).
    fn read_text(&self, path: &Path, within: Within<'_>, kind: Kind) -> Result<String, String>;

    /// Whether there is something at `path`, even something that cannot be read.
    fn exists(&self, path: &Path) -> bool {
        std::fs::symlink_metadata(path).is_ok()
    }

    /// Whether `path` is a folder (a link to one counts).
    fn is_dir(&self, path: &Path) -> bool {
        path.is_dir()
    }

    /// Whether `path` is a file (a link to one counts).
    fn is_file(&self, path: &Path) -> bool {
        path.is_file()
    }

    /// The entries of the folder `dir`, in no order.
    fn list(&self, dir: &Path) -> std::io::Result<Vec<Entry>> {
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            // A link is not followed: a linked folder is not descended into.
            entries.push(Entry { path: entry.path(), is_dir: entry.file_type()?.is_dir() });
        }
        Ok(entries)
    }
}

/// An entry of a folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub path: PathBuf,
    pub is_dir: bool,
}

/// The project's files as they are on disk.
pub struct Disk;

impl Files for Disk {
    fn read_text(&self, path: &Path, within: Within<'_>, kind: Kind) -> Result<String, String> {
        read_text(path, within, kind)
    }
}

/// Texts held in memory by path (as the project root joined with the file's path), over
/// another source for the rest.
pub struct Overlaid<'a> {
    pub texts: &'a HashMap<PathBuf, String>,
    pub under: &'a dyn Files,
}

impl Files for Overlaid<'_> {
    fn read_text(&self, path: &Path, within: Within<'_>, kind: Kind) -> Result<String, String> {
        match self.texts.get(path) {
            // The limits hold for a text in memory as for one on disk.
            Some(text) if text.len() as u64 > kind.max_bytes => Err(too_large(text.len() as u64, kind)),
            Some(text) => Ok(text.clone()),
            None => self.under.read_text(path, within, kind),
        }
    }

    fn exists(&self, path: &Path) -> bool {
        self.texts.contains_key(path) || self.under.exists(path)
    }

    fn is_dir(&self, path: &Path) -> bool {
        self.under.is_dir(path) || self.texts.keys().any(|held| held != path && held.starts_with(path))
    }

    fn is_file(&self, path: &Path) -> bool {
        self.texts.contains_key(path) || self.under.is_file(path)
    }

    /// The folder's entries beneath, and those the texts in memory add (a file, or the folder
    /// that leads to one).
    fn list(&self, dir: &Path) -> std::io::Result<Vec<Entry>> {
        let mut added = Vec::new();
        for held in self.texts.keys() {
            let Ok(rest) = held.strip_prefix(dir) else { continue };
            let mut parts = rest.components();
            let Some(first) = parts.next() else { continue };
            added.push(Entry { path: dir.join(first), is_dir: parts.next().is_some() });
        }
        let mut entries = match self.under.list(dir) {
            Ok(entries) => entries,
            Err(_) if !added.is_empty() => Vec::new(),
            Err(err) => return Err(err),
        };
        for entry in added {
            if !entries.iter().any(|e| e.path == entry.path) {
                entries.push(entry);
            }
        }
        Ok(entries)
    }
}

fn unreadable(err: &std::io::Error) -> String {
    if err.kind() == std::io::ErrorKind::NotFound {
        "does not exist".to_owned()
    } else {
        format!("cannot be read ({err})")
    }
}

fn too_large(len: u64, kind: Kind) -> String {
    let mut message =
        format!("is {} MiB, over the {} MiB limit for {}", len.div_ceil(1 << 20), kind.max_bytes >> 20, kind.what);
    if kind.what == CONTRACT.what {
        message.push_str(" (is this really a contract?)");
    }
    message
}

fn file_type_name(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
    }
    if file_type.is_dir() { "a folder" } else { "not a regular file" }
}
