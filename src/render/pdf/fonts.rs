//! The four faces of the report (regular, bold, italic, bold italic): where they come from, their
//! metrics, and the subset embedded in the PDF.
//!
//! No font file is shipped with the project. Each face is, in order of preference: the file named
//! in the config (`[agency] font_file`, `font_bold_file`, `font_italic_file`,
//! `font_bold_italic_file`); Liberation Serif from Debian's `fonts-liberation2` (metric-compatible
//! with Times New Roman, the font of NĐ 30/2020); DejaVu Serif from the `dejavu` crate, always
//! available.
//!
//! printpdf 0.12 without its `text_layout` feature embeds whole font files (≈ 390 KB a face), so the
//! faces are cut down here with allsorts to the glyphs the document draws before they are handed
//! to printpdf. The subset keeps a Unicode cmap, so printpdf's character → glyph lookup and its
//! ToUnicode map (what `pdftotext` reads) still work.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use printpdf::ParsedFont;

use crate::config::Config;
use crate::error::{Error, Result};

/// A face of the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Face {
    pub const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];

    pub fn index(self) -> usize {
        self as usize
    }

    fn liberation_name(self) -> &'static str {
        match self {
            Face::Regular => "Regular",
            Face::Bold => "Bold",
            Face::Italic => "Italic",
            Face::BoldItalic => "BoldItalic",
        }
    }

    fn dejavu_bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => dejavu::serif::regular(),
            Face::Bold => dejavu::serif::bold(),
            Face::Italic => dejavu::serif::italic(),
            Face::BoldItalic => dejavu::serif::bold_italic(),
        }
    }
}

/// Where Debian's `fonts-liberation2` installs Liberation Serif.
pub const LIBERATION_DIR: &str = "/usr/share/fonts/truetype/liberation2";

/// Font files named in the config; a face not named comes from Liberation Serif or DejaVu Serif.
#[derive(Debug, Clone, Default)]
pub struct FontFiles {
    pub regular: Option<PathBuf>,
    pub bold: Option<PathBuf>,
    pub italic: Option<PathBuf>,
    pub bold_italic: Option<PathBuf>,
}

impl FontFiles {
    /// The `[agency] font_file`, `font_bold_file`, `font_italic_file`, `font_bold_italic_file` keys.
    pub fn from_config(cfg: &Config) -> FontFiles {
        let a = &cfg.agency;
        FontFiles {
            regular: a.font_file.clone(),
            bold: a.font_bold_file.clone(),
            italic: a.font_italic_file.clone(),
            bold_italic: a.font_bold_italic_file.clone(),
        }
    }

    fn get(&self, face: Face) -> Option<&Path> {
        match face {
            Face::Regular => self.regular.as_deref(),
            Face::Bold => self.bold.as_deref(),
            Face::Italic => self.italic.as_deref(),
            Face::BoldItalic => self.bold_italic.as_deref(),
        }
    }
}

/// One loaded face: its file bytes, the parsed font (glyph map and advance widths) and the name
/// written in the PDF.
pub struct FaceData {
    pub bytes: Vec<u8>,
    pub parsed: ParsedFont,
    /// PostScript-style name without spaces, e.g. "LiberationSerif-Bold".
    pub name: String,
    /// Where the face came from, for the docs and messages.
    pub source: String,
    units_per_em: f32,
}

/// Letters every face must have: Vietnamese in NFC (a sample of every vowel family and tone).
const VIETNAMESE_PROBE: &str =
    "ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵỆỘỮ";

impl FaceData {
    fn from_bytes(bytes: Vec<u8>, name: String, source: String) -> Result<FaceData> {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings).ok_or_else(|| {
            Error::Runtime(format!(
                "{source}: không đọc được phông chữ (cannot parse the font file)"
            ))
        })?;
        let missing: String = VIETNAMESE_PROBE
            .chars()
            .filter(|c| parsed.lookup_glyph_index(*c as u32).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(Error::Runtime(format!(
                "{source}: phông chữ thiếu ký tự tiếng Việt \"{missing}\" (the font lacks Vietnamese letters)"
            )));
        }
        let units_per_em = f32::from(parsed.units_per_em.max(1));
        Ok(FaceData {
            bytes,
            parsed,
            name,
            source,
            units_per_em,
        })
    }

    /// True when the face has a glyph for `c`.
    pub fn has(&self, c: char) -> bool {
        self.parsed.lookup_glyph_index(c as u32).is_some()
    }

    /// Advance width of `s` at `size` points (no kerning: printpdf does not apply it either).
    pub fn width(&self, s: &str, size: f32) -> f32 {
        let units: u32 = s
            .chars()
            .map(|c| {
                self.parsed
                    .lookup_glyph_index(c as u32)
                    .and_then(|g| self.parsed.get_glyph_width(g))
                    .map(u32::from)
                    .unwrap_or(0)
            })
            .sum();
        units as f32 * size / self.units_per_em
    }
}

/// The family used by the report.
pub struct Fonts {
    pub faces: Vec<FaceData>,
}

impl Fonts {
    /// Loads the four faces (config file → Liberation Serif → DejaVu Serif, face by face).
    pub fn load(files: &FontFiles) -> Result<Fonts> {
        let mut faces = Vec::with_capacity(4);
        for face in Face::ALL {
            let data = if let Some(p) = files.get(face) {
                let bytes = std::fs::read(p).map_err(|e| {
                    Error::file(
                        p,
                        format!("không đọc được tệp phông chữ (cannot read the font file): {e}"),
                    )
                })?;
                let stem = p
                    .file_stem()
                    .map(|s| s.to_string_lossy().replace(' ', ""))
                    .unwrap_or_else(|| "Font".into());
                FaceData::from_bytes(bytes, stem, p.display().to_string())?
            } else {
                let lib = Path::new(LIBERATION_DIR)
                    .join(format!("LiberationSerif-{}.ttf", face.liberation_name()));
                match std::fs::read(&lib) {
                    Ok(bytes) => FaceData::from_bytes(
                        bytes,
                        format!("LiberationSerif-{}", face.liberation_name()),
                        lib.display().to_string(),
                    )?,
                    Err(_) => FaceData::from_bytes(
                        face.dejavu_bytes().to_vec(),
                        match face {
                            Face::Regular => "DejaVuSerif".into(),
                            Face::Bold => "DejaVuSerif-Bold".into(),
                            Face::Italic => "DejaVuSerif-Italic".into(),
                            Face::BoldItalic => "DejaVuSerif-BoldItalic".into(),
                        },
                        "dejavu crate (DejaVu Serif)".into(),
                    )?,
                }
            };
            faces.push(data);
        }
        Ok(Fonts { faces })
    }

    pub fn face(&self, face: Face) -> &FaceData {
        &self.faces[face.index()]
    }

    pub fn width(&self, face: Face, s: &str, size: f32) -> f32 {
        self.face(face).width(s, size)
    }
}

/// The face cut down to the glyphs of `chars` (plus .notdef), with a Unicode cmap. Falls back to
/// the whole face if allsorts cannot subset it.
pub fn subset(face: &FaceData, chars: &BTreeSet<char>) -> Vec<u8> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile, subset};

    let mut gids: Vec<u16> = chars
        .iter()
        .filter_map(|c| face.parsed.lookup_glyph_index(*c as u32))
        .filter(|g| *g != 0)
        .collect();
    gids.sort_unstable();
    gids.dedup();
    gids.insert(0, 0);
    let scope = ReadScope::new(&face.bytes);
    let result = scope
        .read::<FontData<'_>>()
        .ok()
        .and_then(|fd| fd.table_provider(0).ok())
        .and_then(|p| subset(&p, &gids, &SubsetProfile::Pdf, CmapTarget::Unicode).ok());
    match result {
        Some(bytes) => {
            // The subset must still map every character drawn; otherwise embed the whole face.
            let mut w = Vec::new();
            match ParsedFont::from_bytes(&bytes, 0, &mut w) {
                Some(p)
                    if chars.iter().all(|c| {
                        face.parsed.lookup_glyph_index(*c as u32).is_none()
                            || p.lookup_glyph_index(*c as u32).is_some()
                    }) =>
                {
                    bytes
                }
                _ => face.bytes.clone(),
            }
        }
        None => face.bytes.clone(),
    }
}
