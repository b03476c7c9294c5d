//! Source files, the spans that point into them, and decoding of raw bytes into text.

use std::fmt;
use std::sync::OnceLock;

use crate::line_index::LineIndex;

/// Index of a file in [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(u32);

/// A byte range in one source file. `start <= end`, both on UTF-8 character boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: u32, end: u32) -> Span {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { file, start, end }
    }

    /// The smallest span covering both; both must be in the same file.
    #[must_use]
    pub fn cover(self, other: Span) -> Span {
        Span { file: self.file, start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    pub fn len(self) -> u32 {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

/// One file's text, with its path as shown to users (relative to the project root, `/`).
///
/// A large app's source files are read, analysed and let go: holding every text would make
/// memory grow with the app. Such a file is added without its text ([`Sources::add_unheld`]) and
/// given it back ([`Sources::hold`]) only when a finding is rendered in it.
pub struct SourceFile {
    path: String,
    /// `None` while the text is not held.
    text: Option<String>,
    line_index: OnceLock<LineIndex>,
}

impl SourceFile {
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The text; empty while it is not held.
    pub fn text(&self) -> &str {
        self.text.as_deref().unwrap_or_default()
    }

    pub fn is_held(&self) -> bool {
        self.text.is_some()
    }

    pub fn line_index(&self) -> &LineIndex {
        self.line_index.get_or_init(|| LineIndex::new(self.text()))
    }
}

/// All files a run has read. Diagnostics refer to them by [`FileId`].
#[derive(Default)]
pub struct Sources {
    files: Vec<SourceFile>,
    /// Each path's first file: how [`Sources::set`] finds the file it replaces.
    by_path: std::collections::HashMap<String, FileId>,
}

impl Sources {
    pub fn new() -> Sources {
        Sources::default()
    }

    pub fn add(&mut self, path: impl Into<String>, text: impl Into<String>) -> FileId {
        self.push(path.into(), Some(text.into()))
    }

    /// A file whose text is not held (see [`SourceFile`]): its id is known before it is read,
    /// so it can be read and analysed on another thread.
    pub fn add_unheld(&mut self, path: impl Into<String>) -> FileId {
        self.push(path.into(), None)
    }

    /// Gives a file its text (again): the text it had when it was analysed, since spans point
    /// into it.
    pub fn hold(&mut self, id: FileId, text: String) {
        let file = &mut self.files[id.0 as usize];
        file.text = Some(text);
        file.line_index = OnceLock::new();
    }

    /// Lets a file's text go: the file was analysed again and its text is not needed until a
    /// finding is shown in it.
    pub fn release(&mut self, id: FileId) {
        let file = &mut self.files[id.0 as usize];
        file.text = None;
        file.line_index = OnceLock::new();
    }

    /// The file at `path` with `text`: the file already there, its text replaced, or a new one.
    /// A long-lived workspace reads the same files check after check; their ids (and so every
    /// span into them) stay the same, and the sources do not grow.
    pub fn set(&mut self, path: impl Into<String>, text: impl Into<String>) -> FileId {
        let path = path.into();
        match self.by_path.get(&path) {
            Some(&id) => {
                self.hold(id, text.into());
                id
            }
            None => self.push(path, Some(text.into())),
        }
    }

    /// The file at `path`, added without its text if there is none yet; a file already there
    /// keeps the text it holds.
    pub fn register(&mut self, path: impl Into<String>) -> FileId {
        let path = path.into();
        match self.by_path.get(&path) {
            Some(&id) => id,
            None => self.push(path, None),
        }
    }

    /// The first file added at `path`.
    pub fn find(&self, path: &str) -> Option<FileId> {
        self.by_path.get(path).copied()
    }

    fn push(&mut self, path: String, text: Option<String>) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).expect("fewer than 4 billion files"));
        self.by_path.entry(path.clone()).or_insert(id);
        self.files.push(SourceFile { path, text, line_index: OnceLock::new() });
        id
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(i as u32), f))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Why bytes could not be read as source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// A NUL byte: the file is binary, not text.
    Binary { offset: usize },
    /// Not valid UTF-8 (and no UTF-16 byte order mark).
    InvalidUtf8 { offset: usize },
    /// A UTF-16 byte order mark followed by an invalid sequence.
    InvalidUtf16 { offset: usize },
    /// Larger than the span type can address.
    TooLarge { len: usize },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary { offset } => {
                write!(f, "looks like a binary file (NUL byte at offset {offset})")
            }
            DecodeError::InvalidUtf8 { offset } => {
                write!(f, "is not valid UTF-8 (invalid byte at offset {offset})")
            }
            DecodeError::InvalidUtf16 { offset } => {
                write!(f, "has a UTF-16 byte order mark but invalid UTF-16 at offset {offset}")
            }
            DecodeError::TooLarge { len } => write!(f, "is too large ({len} bytes)"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes a file's bytes into text: UTF-8 with or without a byte order mark, or UTF-16 LE/BE
/// with one. Spans computed later refer to the decoded text.
pub fn decode_text(bytes: &[u8]) -> Result<String, DecodeError> {
    if bytes.len() >= u32::MAX as usize {
        return Err(DecodeError::TooLarge { len: bytes.len() });
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(DecodeError::Binary { offset });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(err) => Err(DecodeError::InvalidUtf8 { offset: err.valid_up_to() }),
    }
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, DecodeError> {
    if bytes.len() % 2 != 0 {
        return Err(DecodeError::InvalidUtf16 { offset: bytes.len() + 1 });
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    for (index, decoded) in char::decode_utf16(units).enumerate() {
        match decoded {
            Ok('\0') => return Err(DecodeError::Binary { offset: 2 + index * 2 }),
            Ok(c) => text.push(c),
            Err(_) => return Err(DecodeError::InvalidUtf16 { offset: 2 + index * 2 }),
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_added_without_its_text_gets_it_back() {
        let mut sources = Sources::new();
        let held = sources.add("a.ts", "a\nb");
        let unheld = sources.add_unheld("b.ts");
        assert!(sources.get(held).is_held());
        assert!(!sources.get(unheld).is_held());
        assert_eq!(sources.get(unheld).text(), "");
        // A line index asked for before the text is back must not outlive it.
        assert_eq!(sources.get(unheld).line_index().line_count(), 1);
        sources.hold(unheld, "x\ny\nz".to_owned());
        assert!(sources.get(unheld).is_held());
        assert_eq!(sources.get(unheld).path(), "b.ts");
        assert_eq!(sources.get(unheld).text(), "x\ny\nz");
        assert_eq!(sources.get(unheld).line_index().line_count(), 3);
    }

    #[test]
    fn decodes_every_supported_encoding() {
        assert_eq!(decode_text(b"a\r\nb").unwrap(), "a\r\nb");
        assert_eq!(decode_text(b"\xEF\xBB\xBFhi").unwrap(), "hi");
        assert_eq!(decode_text(&[0xFF, 0xFE, b'h', 0, b'i', 0]).unwrap(), "hi");
        assert_eq!(decode_text(&[0xFE, 0xFF, 0, b'h', 0, b'i']).unwrap(), "hi");
        let smile_le = [0xFF, 0xFE, 0x3D, 0xD8, 0x00, 0xDE];
        assert_eq!(decode_text(&smile_le).unwrap(), "\u{1F600}");
    }

    #[test]
    fn rejects_binary_and_invalid_text() {
        assert_eq!(decode_text(b"ab\0c"), Err(DecodeError::Binary { offset: 2 }));
        assert_eq!(decode_text(b"ab\xFFc"), Err(DecodeError::InvalidUtf8 { offset: 2 }));
        assert_eq!(decode_text(&[0xFF, 0xFE, 0x3D, 0xD8, b'a', 0]), Err(DecodeError::InvalidUtf16 { offset: 2 }));
        assert!(matches!(decode_text(&[0xFF, 0xFE, b'a']), Err(DecodeError::InvalidUtf16 { .. })));
    }
}
