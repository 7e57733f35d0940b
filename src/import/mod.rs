//! Reading list workbooks (.xlsx, .xlsm, .xls, .ods) into a [`List`] (`docs/workbook.md`).
//!
//! Counties receive lists made by many hands, so the importer finds each sheet's role by its
//! name, finds its header within the first 15 rows (one row or two, with merged level groups),
//! matches columns through the alias table in `schemas/column-aliases.json`, and reads every
//! row, collecting **all** errors and warnings before it answers. Any error makes the import
//! [`ImportError::Invalid`]: the caller writes nothing.
//!
//! Each sheet's cells are read once. For xlsx they are streamed with their style ids (to know
//! which cells are percentage-formatted) and shared strings are borrowed, not copied; the
//! merged regions come from one byte search over the sheet XML (`xlsx_merges`), not from a
//! second full parse. Formats differ in what calamine exposes: xlsx gives merges and number
//! formats, xls merges only. An .ods is streamed by this crate (`ods_cells`, bounded where
//! calamine's reader expands repeated cells), which gives each cell's value type (a
//! percentage is known as such), and its merges come from content.xml (`ods_merges`). Where
//! no merges are known, a merged header group is still recognised by a known group name
//! followed by blank cells, and merged enterprise cells by the empty-name-and-code rule. For
//! xls a share cell from 0 to 1 is taken as a percentage-formatted fraction (with one warning
//! per column).
//!
//! Choices where `docs/workbook.md` is silent (each also in the function that makes it):
//! - a blank numeric cell stays `None` (the model keeps blanks so export writes back what was
//!   read; the reduction reads it as 0); the marks `/`, `-`, `—` in a numeric cell are blanks;
//! - a share above 100 %, and 年生产天数 above 366, are errors; a plain share below 1 in a
//!   cell not formatted as a percentage is read as that many percent, with a warning;
//! - a 减排量 column in t/a is spread over the row's 年生产天数 (365 where blank);
//! - an empty list sheet is a warning; a non-empty one without a recognisable header an
//!   error;
//! - on the mobile sheet a row with neither name nor code continues the fleet above in its
//!   identity; on the dust sheet a row without 项目名称 is an error;
//! - the 总表 may also give 目标减排比例 per level and SO2/NOx互补 (是/否), as export writes
//!   them; they are read when present;
//! - the industrial sheet may carry 备案状态 / 备案日期 / 备案文号 (export writes them after
//!   the level groups); they are read from each enterprise's first row into
//!   [`Imported::filings`], not into the list (`docs/revision.md`);
//! - the area falls back to a title row (某某县2026年…清单), then to the file stem with a
//!   leading or trailing year split off as the year.

mod cells;
mod grid;
pub mod header;
mod ods_cells;
mod ods_merges;
mod role;
mod sheets;
mod xls_bounds;
mod xlsx_merges;

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{open_workbook, Dimensions, Reader, Sheets};

use crate::model::{Diagnostic, Filing, List, Stated};

pub use cells::MAX_TONNES_PER_YEAR;
use grid::Grid;
use header::Layout;
pub use sheets::Role;
use sheets::SheetCtx;

/// A workbook read without errors: the list and the warnings to show.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The list as read (ids 0: nothing stored yet).
    pub list: List,
    /// Everything worth a look that did not stop the import.
    pub warnings: Vec<Diagnostic>,
    /// Whether the 总表 stated the targets and the trade switch (else `list` holds the
    /// defaults): the store's merge takes only stated values.
    pub stated: Stated,
    /// The 备案 the industrial sheet's 备案状态 / 备案日期 / 备案文号 columns give, one per
    /// enterprise that fills them (empty where the sheet has no such columns); the records
    /// live beside the list in the store, so they are not part of `list`.
    pub filings: Vec<Filing>,
}

/// Why a workbook could not be imported.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ImportError {
    /// Not a spreadsheet, encrypted, or unopenable: one diagnostic naming the file.
    #[error("{}", .0.message)]
    Unreadable(Diagnostic),
    /// The workbook was read but has errors; every error and warning, all at once.
    #[error("清单有{}处错误，未导入任何数据，请按提示改正后重新导入", errors.len())]
    Invalid {
        /// Every error found.
        errors: Vec<Diagnostic>,
        /// Every warning found.
        warnings: Vec<Diagnostic>,
    },
}

/// Errors and warnings gathered while reading.
#[derive(Debug, Default)]
pub(crate) struct Diags {
    pub(crate) errors: Vec<Diagnostic>,
    pub(crate) warnings: Vec<Diagnostic>,
}

type Workbook = Sheets<BufReader<File>>;

/// An opened workbook: one of calamine's readers, or for .ods the names of its sheets, whose
/// cells [`ods_cells`] streams one sheet at a time (calamine's ods reader would expand every
/// repeated cell of every sheet as soon as the file is opened).
enum Book {
    Calamine(Box<Workbook>),
    Ods(Vec<String>),
}

impl Book {
    fn sheet_names(&self) -> Vec<String> {
        match self {
            Book::Calamine(wb) => wb.sheet_names(),
            Book::Ods(names) => names.clone(),
        }
    }
}

/// The bounds values are checked against while reading that a store may change
/// (`jianpai settings`, `docs/limits.md`); [`Limits::default`] is what `check FILE` without a
/// store uses.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// The largest emission or reduction amount of one line, t/a (a t/d amount counts 365
    /// days); larger values are located errors suggesting a unit mix-up.
    pub max_tonnes_per_year: f64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_tonnes_per_year: MAX_TONNES_PER_YEAR,
        }
    }
}

/// Reads a list workbook.
///
/// The list's area and year come from the summary sheet (地区 / 区县, 年度); without them,
/// from a title row such as 某某县2026年重污染天气应急减排清单 above any sheet's header; the
/// area falls back to the file's name (its stem, with a leading or trailing year taken as
/// the year).
///
/// # Errors
/// [`ImportError::Unreadable`] when the file is no spreadsheet calamine can open;
/// [`ImportError::Invalid`] with every error and warning when the content is wrong.
pub fn read_workbook(path: &Path) -> Result<Imported, ImportError> {
    read_workbook_with(path, &Limits::default())
}

/// [`read_workbook`] with the bounds of a store's preferences instead of the defaults.
///
/// # Errors
/// As [`read_workbook`]; a value beyond `limits` is a located error in
/// [`ImportError::Invalid`].
pub fn read_workbook_with(path: &Path, limits: &Limits) -> Result<Imported, ImportError> {
    let mut wb = open_by_content(path)?;
    let mut diags = Diags::default();
    let sheets = roles(&wb, &mut diags);
    let mut list = List::default();
    let mut stated = Stated::default();
    let mut filings = Vec::new();
    let mut title: Option<String> = None;
    for role in [
        Role::Industrial,
        Role::Dust,
        Role::Mobile,
        Role::Heating,
        Role::Nonroad,
        Role::Summary,
    ] {
        for name in sheets.iter().filter(|(_, r)| *r == role).map(|(n, _)| n) {
            let t = read_sheet(
                &mut wb,
                path,
                (name, role),
                limits,
                (&mut list, &mut stated, &mut filings),
                &mut diags,
            )
            .map_err(|e| damaged_sheet(path, name, &e))?;
            title = title.or(t);
        }
    }
    settle_area(&mut list, title.as_deref(), path);
    if diags.errors.is_empty() {
        Ok(Imported {
            list,
            warnings: diags.warnings,
            stated,
            filings,
        })
    } else {
        Err(ImportError::Invalid {
            errors: diags.errors,
            warnings: diags.warnings,
        })
    }
}

/// The largest unzipped size of one part of an xlsx/ods package (`docs/limits.md`): ten times
/// the sheet XML of a 60,000-row list.
pub const MAX_PART_BYTES: u64 = 1 << 30;
/// The largest ratio of unzipped to zipped size of a part bigger than
/// [`RATIO_FREE_BYTES`]: spreadsheet XML compresses 5 to 30 times, a zip bomb thousands.
pub const MAX_RATIO: u64 = 200;
/// Parts up to this unzipped size are not held to [`MAX_RATIO`] (a tiny, very repetitive part
/// is harmless).
pub const RATIO_FREE_BYTES: u64 = 16 << 20;

/// What a file's first bytes say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// A zip package: xlsx/xlsm (has `xl/workbook.xml`), xlsb (`xl/workbook.bin`) or ods
    /// (`content.xml`).
    Zip,
    /// An OLE compound file: xls (BIFF).
    Ole,
    /// An HTML (or XML spreadsheet 2003) page, often saved by web systems as .xls.
    Html,
    /// Text without NUL bytes: CSV or another text export.
    Csv,
    /// Anything else.
    Unknown,
}

fn sniff(head: &[u8]) -> Format {
    if head.starts_with(b"PK\x03\x04") {
        return Format::Zip;
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Format::Ole;
    }
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('<') {
        return Format::Html;
    }
    if !head.is_empty() && !head.contains(&0) {
        return Format::Csv;
    }
    Format::Unknown
}

/// Opens the workbook by what its content is, not by its extension: a real .xlsx named .xls
/// (or the reverse) is read; HTML and CSV are named as such.
fn open_by_content(path: &Path) -> Result<Book, ImportError> {
    use std::io::Read;
    let mut head = Vec::with_capacity(512);
    File::open(path)
        .and_then(|f| f.take(512).read_to_end(&mut head))
        .map_err(|e| unreadable(path, &e.to_string()))?;
    let open_err = |e: calamine::Error| unreadable(path, &e.to_string());
    match sniff(&head) {
        Format::Zip => {
            let mut zip = zip::ZipArchive::new(BufReader::new(
                File::open(path).map_err(|e| unreadable(path, &e.to_string()))?,
            ))
            .map_err(|e| unreadable(path, &e.to_string()))?;
            check_zip_limits(path, &mut zip)?;
            check_shared_strings(path, &mut zip)?;
            if zip.index_for_name("xl/workbook.bin").is_some() {
                Ok(Book::Calamine(Box::new(Sheets::Xlsb(
                    open_workbook(path).map_err(|e: calamine::XlsbError| open_err(e.into()))?,
                ))))
            } else if zip.index_for_name("content.xml").is_some()
                && zip.index_for_name("xl/workbook.xml").is_none()
            {
                Ok(Book::Ods(
                    ods_cells::sheet_names(path).map_err(|e| unreadable(path, &e))?,
                ))
            } else {
                Ok(Book::Calamine(Box::new(Sheets::Xlsx(
                    open_workbook(path).map_err(|e: calamine::XlsxError| open_err(e.into()))?,
                ))))
            }
        }
        Format::Ole => {
            // calamine would size every sheet by its declared and actual extent at once.
            xls_bounds::check(path).map_err(|d| ImportError::Invalid {
                errors: vec![d],
                warnings: Vec::new(),
            })?;
            Ok(Book::Calamine(Box::new(Sheets::Xls(
                open_workbook(path).map_err(|e: calamine::XlsError| open_err(e.into()))?,
            ))))
        }
        Format::Html => Err(refused(
            path,
            "这是网页（HTML）文件，不是Excel工作簿，只是扩展名为.xls（常见于从网页系统导出的表格）",
        )),
        Format::Csv => Err(refused(path, "这是纯文本（CSV）文件，不是Excel工作簿")),
        Format::Unknown => Err(refused(
            path,
            "文件内容不是电子表格（不是.xlsx/.xlsm/.ods的压缩包格式，也不是.xls格式）",
        )),
    }
}

/// Refuses a package whose parts would unzip to more than [`MAX_PART_BYTES`] or at a ratio
/// above [`MAX_RATIO`], before anything is inflated.
fn check_zip_limits(
    path: &Path,
    zip: &mut zip::ZipArchive<BufReader<File>>,
) -> Result<(), ImportError> {
    for i in 0..zip.len() {
        let Ok((entry, size, packed)) = zip.by_index_raw(i).map(|e| {
            (
                e.name().map(|n| n.into_owned()).unwrap_or_default(),
                e.size(),
                e.compressed_size(),
            )
        }) else {
            continue;
        };
        let ratio = size / packed.max(1);
        if size > MAX_PART_BYTES || (size > RATIO_FREE_BYTES && ratio > MAX_RATIO) {
            return Err(refused(
                path,
                &format!(
                    "其中的“{entry}”解压后有{size}字节（压缩比{ratio}:1），超过本程序的上限（每部分{MAX_PART_BYTES}字节、压缩比{MAX_RATIO}:1）：文件可能已损坏或是恶意构造的。请用Excel或WPS打开后另存为.xlsx再导入"
                ),
            ));
        }
    }
    Ok(())
}

/// The fewest bytes of XML one shared string takes (`<si/>`).
const MIN_SHARED_STRING_BYTES: u64 = 5;

/// Refuses a shared-strings part that declares more strings than its size can hold.
///
/// calamine reserves room for the declared `uniqueCount` before reading a single string: a
/// damaged or hostile count (found by the fuzz test: 253,195,057,111,975 in a 2 KB part)
/// asks for petabytes and aborts the process instead of giving an error.
fn check_shared_strings(
    path: &Path,
    zip: &mut zip::ZipArchive<BufReader<File>>,
) -> Result<(), ImportError> {
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index(i) else {
            continue;
        };
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        if !name.to_ascii_lowercase().ends_with("sharedstrings.xml") {
            continue;
        }
        let size = entry.size();
        let Some(declared) = declared_unique_count(entry) else {
            continue;
        };
        let room = size / MIN_SHARED_STRING_BYTES;
        if declared > room {
            return Err(refused(
                path,
                &format!(
                    "其中的“{name}”声明有{declared}个不同的字符串，但它解压后只有{size}字节，最多容纳{room}个：文件已损坏"
                ),
            ));
        }
    }
    Ok(())
}

/// The `uniqueCount` of the `<sst>` start tag at the head of a shared-strings part; `None`
/// where there is none to read (calamine then reserves nothing either).
fn declared_unique_count(part: impl std::io::Read) -> Option<u64> {
    use std::io::Read;
    let mut head = Vec::with_capacity(4096);
    part.take(4096).read_to_end(&mut head).ok()?;
    let mut reader = quick_xml::Reader::from_reader(head.as_slice());
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)
                if e.local_name().as_ref() == "sst" =>
            {
                let count = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == "uniqueCount")?;
                return count.value.trim().parse().ok();
            }
            quick_xml::events::Event::Eof => return None,
            _ => buf.clear(),
        }
    }
}

/// A file refused for what it is, named with what to do.
fn refused(path: &Path, what: &str) -> ImportError {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    );
    ImportError::Unreadable(Diagnostic::general(format!(
        "无法导入文件“{file}”：{what}。请用Excel或WPS打开后另存为.xlsx（Excel工作簿）再导入"
    )))
}

/// A sheet whose XML (or records) cannot be parsed: the file is a spreadsheet, one sheet of it
/// is broken.
fn damaged_sheet(path: &Path, sheet: &str, detail: &str) -> ImportError {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    );
    ImportError::Unreadable(Diagnostic::sheet(
        sheet,
        format!(
            "文件“{file}”中的工作表“{sheet}”已损坏，无法读取（{detail}）。请用Excel或WPS打开该文件，检查此工作表后另存为.xlsx再导入"
        ),
    ))
}

fn unreadable(path: &Path, detail: &str) -> ImportError {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    );
    ImportError::Unreadable(Diagnostic::general(format!(
        "无法打开文件“{file}”：它不是可读取的电子表格（支持.xlsx、.xlsm、.xls、.ods），或已加密、已损坏（{detail}）。请用Excel或WPS另存为.xlsx后重新导入"
    )))
}

/// Each sheet with a role; others are warned about. No source sheet at all is an error.
fn roles(wb: &Book, diags: &mut Diags) -> Vec<(String, Role)> {
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        match Role::of_sheet(&name) {
            Some(r) => out.push((name, r)),
            None => diags.warnings.push(Diagnostic::sheet(
                &name,
                format!("工作表“{name}”的名称不含总表、工业源、扬尘源、移动源、协同供暖等字样，未读取；如需导入，请按内容重命名"),
            )),
        }
    }
    let has_source = out
        .iter()
        .any(|(_, r)| matches!(r, Role::Industrial | Role::Dust | Role::Mobile));
    if !has_source {
        diags.errors.push(Diagnostic::general(
            "工作簿中没有工业源、扬尘源或移动源工作表：请把清单工作表命名为“工业源清单”“扬尘源清单”或“移动源清单”后重新导入",
        ));
    }
    out
}

/// Reads the sheet `name`, of role `role`, into the list; returns a title found above its
/// header, if any.
/// What reading a sheet adds to: the list, what its 总表 stated, the 备案 read.
type Out<'o> = (&'o mut List, &'o mut Stated, &'o mut Vec<Filing>);

fn read_sheet(
    book: &mut Book,
    path: &Path,
    (name, role): (&str, Role),
    limits: &Limits,
    out: Out<'_>,
    diags: &mut Diags,
) -> Result<Option<String>, String> {
    let wb = match book {
        Book::Calamine(wb) => &mut **wb,
        Book::Ods(_) => {
            let merges = ods_merges::merged_regions(path, name).unwrap_or_default();
            let grid = ods_cells::read_sheet(path, name, merges)?;
            // ODF's value types say which cells are percentages: formats are known.
            return Ok(read_grid(grid, role, true, limits, out, diags));
        }
    };
    let merges = merges(wb, path, name).map_err(|e| e.to_string())?;
    let formats_known = matches!(wb, Sheets::Xlsx(_));
    // The range of a non-xlsx sheet outlives the match: the grid borrows its cells.
    let range;
    let grid = match wb {
        Sheets::Xlsx(x) => {
            let mut reader = x.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
            let percent: Vec<bool> = reader.styles().iter().map(is_percent_style).collect();
            let mut grid = Grid::new(name, merges);
            while let Some((cell, style)) = reader
                .next_cell_with_style_id()
                .map_err(|e| e.to_string())?
            {
                let (r, c) = cell.get_position();
                let pct = percent.get(style).copied().unwrap_or(false);
                grid.put_ref(r, c, cell.get_value().clone(), pct);
            }
            grid
        }
        other => {
            range = other.worksheet_range(name).map_err(|e| e.to_string())?;
            Grid::from_range(name, &range, merges)
        }
    };
    Ok(read_grid(grid, role, formats_known, limits, out, diags))
}

fn is_percent_style(s: &calamine::Style) -> bool {
    s.number_format
        .as_ref()
        .is_some_and(|f| f.format_code.contains('%'))
}

/// The merged regions of a sheet: xlsx by the fast scan of [`xlsx_merges`] (calamine's full
/// parse only when it fails), xls from calamine; xlsb has none (ods is read apart, with
/// [`ods_merges`]).
fn merges(wb: &mut Workbook, path: &Path, name: &str) -> Result<Vec<Dimensions>, calamine::Error> {
    Ok(match wb {
        Sheets::Xlsx(x) => match xlsx_merges::merged_regions(path, name) {
            Some(m) => m,
            None => x.merge_cells_by_sheet_name(name)?,
        },
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name)?,
        Sheets::Ods(_) | Sheets::Xlsb(_) => Vec::new(),
    })
}

fn read_grid(
    mut grid: Grid<'_>,
    role: Role,
    formats_known: bool,
    limits: &Limits,
    (list, stated, filings): Out<'_>,
    diags: &mut Diags,
) -> Option<String> {
    if !within_limits(&grid, diags) {
        return None;
    }
    let title = title_above(&grid);
    if role == Role::Summary {
        apply_summary(
            sheets::summary::read(&grid, formats_known, diags),
            list,
            stated,
        );
        return title;
    }
    if (0..grid.height()).all(|r| grid.row(r).iter().all(grid::Value::is_blank)) {
        // An empty sheet (a county without construction sites) holds nothing to read.
        diags.warnings.push(Diagnostic::sheet(
            &grid.name,
            format!(
                "工作表“{}”是空的，未读取任何{}数据",
                grid.name,
                role.name_zh()
            ),
        ));
        return title;
    }
    let Some(layout) = header::detect(&grid, role) else {
        diags.errors.push(Diagnostic::sheet(
            &grid.name,
            format!(
                "工作表“{}”的前{}行中找不到表头（没有可识别的列名）：请确认表头在前{}行内，列名参照{}模板",
                grid.name,
                header::HEADER_SEARCH_ROWS,
                header::HEADER_SEARCH_ROWS,
                role.name_zh()
            ),
        ));
        return title;
    };
    if !check_layout(&grid, &layout, role, diags) {
        return title;
    }
    grid.spread_vertical_merges(layout.data_row);
    let mut ctx = SheetCtx::new(&grid, &layout, formats_known, limits, diags);
    match role {
        Role::Industrial => sheets::industrial::read(&mut ctx, &mut list.enterprises, filings),
        Role::Dust => sheets::dust::read(&mut ctx, &mut list.sites),
        Role::Mobile => sheets::mobile::read(&mut ctx, &mut list.fleets),
        Role::Heating => sheets::heating::read(&mut ctx, &list.enterprises, &mut list.heating),
        Role::Nonroad => sheets::nonroad::read(&mut ctx, &mut list.machinery),
        Role::Summary => {}
    }
    title.or_else(|| title_in(&grid, layout.header_row))
}

/// The longest text a cell may hold in Excel (characters): a longer one cannot be exported
/// again, so it is an import error where it stands.
pub const MAX_CELL_TEXT: usize = 32_767;

/// Reports a cell past Excel's limits, a sheet too sparse to hold, and texts longer than a
/// cell may hold, each at its place; false when the sheet cannot be read at all.
fn within_limits(grid: &Grid<'_>, diags: &mut Diags) -> bool {
    use grid::Overflow;
    match grid.overflow {
        Some(Overflow::OutOfBounds { row, col }) => {
            diags.errors.push(Diagnostic::cell(
                &grid.name,
                row.saturating_add(1),
                &grid::column_letters(col),
                format!(
                    "工作表“{}”中有单元格位于第{}行第{}列，超出Excel的范围（最多{}行、{}列，即A至XFD列）：文件已损坏或非Excel所写，请用Excel或WPS打开后另存为.xlsx再导入",
                    grid.name,
                    u64::from(row) + 1,
                    u64::from(col) + 1,
                    grid::MAX_ROWS,
                    grid::MAX_COLS
                ),
            ));
            return false;
        }
        Some(Overflow::Repeated { row, col }) => {
            diags.errors.push(Diagnostic::cell(
                &grid.name,
                row.saturating_add(1),
                &grid::column_letters(col),
                format!(
                    "工作表“{}”中重复的单元格（.ods的number-rows-repeated / number-columns-repeated）展开后超过{}MB（到第{}行{}列为止），文件已损坏或是恶意构造的：请用Excel或WPS打开后删除清单以外的内容，另存为.xlsx再导入",
                    grid.name,
                    ods_cells::REPEAT_BUDGET >> 20,
                    u64::from(row) + 1,
                    grid::column_letters(col)
                ),
            ));
            return false;
        }
        Some(Overflow::TooSparse { row, col }) => {
            diags.errors.push(Diagnostic::cell(
                &grid.name,
                row + 1,
                &grid::column_letters(col),
                format!(
                    "工作表“{}”的单元格分布过于分散（如第{}行{}列远离其余数据），无法读取：请删除清单以外的空白行列和零散单元格后重新导入",
                    grid.name,
                    row + 1,
                    grid::column_letters(col)
                ),
            ));
            return false;
        }
        None => {}
    }
    for r in 0..grid.height() {
        for (c, v) in grid.row(r).iter().enumerate() {
            if let grid::Value::Text(t) = v {
                if t.len() > MAX_CELL_TEXT && t.chars().count() > MAX_CELL_TEXT {
                    diags.errors.push(Diagnostic::cell(
                        &grid.name,
                        r as u32 + 1,
                        &grid::column_letters(c as u32),
                        format!(
                            "单元格文字有{}个字符，超过Excel单元格的上限{}个字符，导出时无法写入：请删减后重新导入",
                            t.chars().count(),
                            MAX_CELL_TEXT
                        ),
                    ));
                }
            }
        }
    }
    true
}

/// Warns about unknown and repeated columns and checks the required one; false when the
/// sheet cannot be read.
fn check_layout(grid: &Grid<'_>, layout: &Layout, role: Role, diags: &mut Diags) -> bool {
    let header_row = layout.header_row as u32 + 1;
    for (_, label) in &layout.unknown {
        diags.warnings.push(Diagnostic::cell(
            &grid.name,
            header_row,
            label,
            format!(
                "列“{label}”不是{}的已知列，已忽略；如是需要的数据，请按模板列名修改表头",
                role.name_zh()
            ),
        ));
    }
    for (_, label) in &layout.duplicates {
        diags.warnings.push(Diagnostic::cell(
            &grid.name,
            header_row,
            label,
            format!("列“{label}”与左侧的列含义相同，只读取左侧那一列，此列已忽略"),
        ));
    }
    match role.required() {
        Some((field, canonical)) if layout.find(field).is_none() => {
            diags.errors.push(Diagnostic::sheet(
                &grid.name,
                format!(
                    "{}工作表“{}”没有“{canonical}”列：请在表头加上“{canonical}”列（或其别名）后重新导入",
                    role.name_zh(),
                    grid.name
                ),
            ));
            false
        }
        _ => true,
    }
}

/// The first text cell of the first row, when it reads like a title with a year.
fn title_above(grid: &Grid<'_>) -> Option<String> {
    title_in(grid, 3.min(grid.height()))
}

fn title_in(grid: &Grid<'_>, below: usize) -> Option<String> {
    (0..below).find_map(|r| {
        grid.row(r)
            .iter()
            .map(|v| v.text())
            .find(|t| !t.is_empty())
            .filter(|t| sheets::summary::area_from_title(t).is_some())
            .map(|t| t.into_owned())
    })
}

fn apply_summary(s: sheets::summary::Summary, list: &mut List, stated: &mut Stated) {
    if let Some(a) = s.area.filter(|a| !a.is_empty()) {
        list.area = a;
    }
    list.year = list.year.or(s.year);
    list.baseline = list.baseline.or(s.baseline);
    if list.county_baselines.is_empty() {
        list.county_baselines = s.counties;
    }
    if let Some(t) = s.targets {
        list.targets = t;
        stated.targets = true;
    }
    if let Some(t) = s.trade {
        list.so2_nox_trade = t;
        stated.trade = true;
    }
}

/// Area and year where the summary did not give them: from a title row, else the file name.
fn settle_area(list: &mut List, title: Option<&str>, path: &Path) {
    if let Some((area, year)) = title.and_then(sheets::summary::area_from_title) {
        if list.area.is_empty() {
            list.area = area;
        }
        list.year = list.year.or(year);
    }
    if list.area.is_empty() {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (area, year) = split_year(&stem);
        list.area = area;
        list.year = list.year.or(year);
    }
}

/// Splits a leading or trailing four-digit year off a file stem: 示例县2026 → (示例县, 2026).
fn split_year(stem: &str) -> (String, Option<i32>) {
    let t = stem.trim();
    let digits_end: String = t
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if digits_end.len() == 4 {
        let area = t[..t.len() - 4]
            .trim_end_matches(['-', '_', ' '])
            .to_string();
        return (area, sheets::summary::parse_year(&digits_end));
    }
    if let Some(y) = sheets::summary::parse_year(t).filter(|_| t.len() > 4) {
        let rest = t[4..].trim_start_matches(['年', '-', '_', ' ']).to_string();
        return (rest, Some(y));
    }
    (t.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_years_off_file_stems() {
        assert_eq!(split_year("示例县2026"), ("示例县".into(), Some(2026)));
        assert_eq!(split_year("示例县_2026"), ("示例县".into(), Some(2026)));
        assert_eq!(split_year("2026年示例县"), ("示例县".into(), Some(2026)));
        assert_eq!(split_year("示例县"), ("示例县".into(), None));
    }
}
