//! Merged regions of an xlsx sheet, read from the `<mergeCells>` block at the end of the sheet
//! XML with one byte search over the inflated stream.
//!
//! calamine's `merge_cells_by_sheet_name` tokenises the whole sheet XML a second time — about
//! half the cost of reading the cells — and the importer's speed target is twice a bare cell
//! read. The block sits after `</sheetData>`, so a SIMD search for it while inflating costs
//! little more than the inflation. Anything unexpected returns `None` and the caller falls
//! back to calamine.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use calamine::Dimensions;
use memchr::memmem;
use quick_xml::events::Event;

use super::grid::{MAX_COLS, MAX_ROWS};

type Archive = zip::ZipArchive<BufReader<File>>;

/// The merged regions of the sheet `name`, or `None` when the file does not look as
/// expected (the caller then asks calamine).
pub(crate) fn merged_regions(path: &Path, name: &str) -> Option<Vec<Dimensions>> {
    let mut zip = zip::ZipArchive::new(BufReader::new(File::open(path).ok()?)).ok()?;
    let id = sheet_rel_id(&mut zip, name)?;
    let part = sheet_part(&mut zip, &id)?;
    let entry = zip.by_name(&part).ok()?;
    let block = merge_block(entry)?;
    parse_block(&block)
}

fn read_small(zip: &mut Archive, name: &str) -> Option<Vec<u8>> {
    let mut buf = Vec::new();
    zip.by_name(name).ok()?.read_to_end(&mut buf).ok()?;
    Some(buf)
}

/// The relationship id (r:id) of the sheet named `name` in xl/workbook.xml.
fn sheet_rel_id(zip: &mut Archive, name: &str) -> Option<String> {
    let xml = read_small(zip, "xl/workbook.xml")?;
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sheet" => {
                let (mut n, mut id) = (None, None);
                for a in e.attributes().flatten() {
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .ok()?
                        .into_owned();
                    match (a.key.as_ref(), a.key.local_name().as_ref()) {
                        ("name", _) => n = Some(value),
                        (k, "id") if k != "sheetId" => id = Some(value),
                        _ => {}
                    }
                }
                if n.as_deref() == Some(name) {
                    return id;
                }
            }
            Event::Eof => return None,
            _ => {}
        }
        buf.clear();
    }
}

/// The zip path of the sheet part with relationship `id`.
fn sheet_part(zip: &mut Archive, id: &str) -> Option<String> {
    let xml = read_small(zip, "xl/_rels/workbook.xml.rels")?;
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let (mut rid, mut target) = (None, None);
                for a in e.attributes().flatten() {
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .ok()?
                        .into_owned();
                    match a.key.as_ref() {
                        "Id" => rid = Some(value),
                        "Target" => target = Some(value),
                        _ => {}
                    }
                }
                if rid.as_deref() == Some(id) {
                    let t = target?;
                    return Some(match t.strip_prefix('/') {
                        Some(abs) => abs.to_string(),
                        None => format!("xl/{t}"),
                    });
                }
            }
            Event::Eof => return None,
            _ => {}
        }
        buf.clear();
    }
}

/// Inflates the sheet and keeps only the bytes from `mergeCells` on (empty when absent).
fn merge_block(mut entry: impl Read) -> Option<Vec<u8>> {
    const NEEDLE: &[u8] = b"mergeCells";
    let finder = memmem::Finder::new(NEEDLE);
    let mut chunk = vec![0u8; 1 << 16];
    let mut window: Vec<u8> = Vec::with_capacity((1 << 16) + NEEDLE.len());
    let mut tail: Option<Vec<u8>> = None;
    loop {
        let n = entry.read(&mut chunk).ok()?;
        if n == 0 {
            break;
        }
        if let Some(t) = tail.as_mut() {
            t.extend_from_slice(&chunk[..n]);
            continue;
        }
        window.extend_from_slice(&chunk[..n]);
        if let Some(at) = finder.find(&window) {
            tail = Some(window[at..].to_vec());
        } else {
            let keep = window.len().min(NEEDLE.len() - 1);
            window.drain(..window.len() - keep);
        }
    }
    Some(tail.unwrap_or_default())
}

/// Reads the `ref` of every `mergeCell` in the block.
fn parse_block(block: &[u8]) -> Option<Vec<Dimensions>> {
    if block.is_empty() {
        return Some(Vec::new());
    }
    let open_end = memchr::memchr(b'>', block)?;
    if block[open_end - 1] == b'/' {
        return Some(Vec::new());
    }
    let body = &block[open_end + 1..];
    let close = memmem::find(body, b"mergeCells>")?;
    let body = &body[..close];
    let mut out = Vec::new();
    for at in memmem::find_iter(body, b"ref=") {
        let rest = body.get(at + 4..)?;
        let quote = *rest.first()?;
        let end = memchr::memchr(quote, &rest[1..])?;
        out.push(dimension(std::str::from_utf8(&rest[1..1 + end]).ok()?)?);
    }
    Some(out)
}

/// "B2:C5" → ((1, 1), (4, 2)); "B2" alone is a one-cell region.
fn dimension(r: &str) -> Option<Dimensions> {
    let (a, b) = r.split_once(':').unwrap_or((r, r));
    Some(Dimensions::new(cell_ref(a)?, cell_ref(b)?))
}

/// "$B$2" → (1, 1) (zero-based row, column); `None` for anything else, including a
/// reference past XFD or row 1,048,576 (a damaged file: the caller then asks calamine, and the
/// importer clips merges to the sheet's cells).
fn cell_ref(s: &str) -> Option<(u32, u32)> {
    let s = s.trim().trim_start_matches('$');
    let split = s.find(|c: char| c.is_ascii_digit() || c == '$')?;
    let (letters, digits) = s.split_at(split);
    let mut col: u32 = 0;
    for c in letters.chars() {
        if !c.is_ascii_alphabetic() {
            return None;
        }
        col = col * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1);
        if col > MAX_COLS {
            return None;
        }
    }
    let row: u32 = digits.trim_start_matches('$').parse().ok()?;
    if row > MAX_ROWS {
        return None;
    }
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_stop_at_excels_last_column_and_row() {
        assert_eq!(cell_ref("$B$2"), Some((1, 1)));
        assert_eq!(cell_ref("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell_ref("XFE1"), None);
        assert_eq!(cell_ref("A1048577"), None);
        // Found by the fuzz test: a long run of letters overflowed the column arithmetic.
        assert_eq!(cell_ref("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1"), None);
        assert_eq!(dimension("A1:ZZZZZZZZZZZZZZ9"), None);
        assert_eq!(cell_ref("A0"), None);
        assert_eq!(cell_ref("1"), None);
    }

    #[test]
    fn reads_the_merges_of_a_written_workbook() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.xlsx");
        let mut wb = rust_xlsxwriter::Workbook::new();
        wb.add_worksheet().set_name("甲&乙").unwrap();
        let ws = wb.add_worksheet();
        ws.set_name("工业源清单").unwrap();
        let f = rust_xlsxwriter::Format::new();
        ws.merge_range(0, 0, 1, 0, "企业名称", &f).unwrap();
        ws.merge_range(0, 3, 0, 5, "黄色预警", &f).unwrap();
        wb.save(&path).unwrap();
        let mut m = merged_regions(&path, "工业源清单").expect("fast path works");
        m.sort();
        assert_eq!(
            m,
            vec![
                Dimensions::new((0, 0), (1, 0)),
                Dimensions::new((0, 3), (0, 5))
            ]
        );
        assert_eq!(merged_regions(&path, "甲&乙"), Some(vec![]));
        assert_eq!(merged_regions(&path, "没有"), None);
    }

    #[test]
    fn reads_cell_refs() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("AB12"), Some((11, 27)));
        assert_eq!(cell_ref("$C$3"), Some((2, 2)));
        assert_eq!(cell_ref("12"), None);
        assert_eq!(dimension("B2:C5"), Some(Dimensions::new((1, 1), (4, 2))));
    }

    #[test]
    fn finds_the_block_across_chunk_edges() {
        let mut xml = b"<worksheet><sheetData>".to_vec();
        xml.extend(std::iter::repeat_n(b'x', (1 << 16) - 5));
        xml.extend_from_slice(
            b"</sheetData><mergeCells count=\"2\"><mergeCell ref=\"A1:B1\"/><mergeCell ref='C2:C4'/></mergeCells><hyperlinks><hyperlink ref=\"D9\"/></hyperlinks></worksheet>",
        );
        let block = merge_block(xml.as_slice()).unwrap();
        assert_eq!(
            parse_block(&block),
            Some(vec![
                Dimensions::new((0, 0), (0, 1)),
                Dimensions::new((1, 2), (3, 2))
            ])
        );
        assert_eq!(
            parse_block(&merge_block(&b"<a/>"[..]).unwrap()),
            Some(vec![])
        );
        assert_eq!(parse_block(b"mergeCells/>"), Some(vec![]));
    }
}
