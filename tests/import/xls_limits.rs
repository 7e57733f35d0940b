//! Hostile .xls files (issue 14): a DIMENSIONS record declaring billions of rows, or cells
//! placed far apart, are located errors before calamine sizes the sheet. The fixture is made
//! in code as xlsx, converted with LibreOffice, and its workbook stream patched in place.

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{invalid, ok, two_row_header_book};

fn to_xls(dir: &Path) -> Option<PathBuf> {
    let bin = ["/usr/bin/soffice", "/usr/local/bin/soffice"]
        .into_iter()
        .find(|p| Path::new(p).exists())?;
    let mut b = two_row_header_book();
    let xlsx = b.save("远.xlsx");
    let status = Command::new(bin)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("lo-profile").display()
        ))
        .args(["--headless", "--convert-to", "xls", "--outdir"])
        .arg(dir)
        .arg(&xlsx)
        .output()
        .ok()?;
    let xls = dir.join("远.xls");
    (status.status.success() && xls.exists()).then_some(xls)
}

/// Rewrites the first record of type `typ` after the first sheet's BOF with `edit`.
fn patch_record(xls: &Path, typ: u16, edit: impl Fn(&mut [u8])) {
    let mut cfb = cfb::open_rw(xls).unwrap();
    let mut stream = cfb.open_stream("/Workbook").unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    let mut pos = 0;
    let mut bofs = 0;
    loop {
        let t = u16::from_le_bytes([bytes[pos], bytes[pos + 1]]);
        let len = usize::from(u16::from_le_bytes([bytes[pos + 2], bytes[pos + 3]]));
        if t == 0x0809 {
            bofs += 1;
        }
        if bofs >= 2 && t == typ {
            edit(&mut bytes[pos + 4..pos + 4 + len]);
            break;
        }
        pos += 4 + len;
        assert!(pos + 4 <= bytes.len(), "no record {typ:#06x} in a sheet");
    }
    stream.seek(SeekFrom::Start(0)).unwrap();
    stream.write_all(&bytes).unwrap();
    stream.flush().unwrap();
}

#[test]
fn hostile_xls_dimensions_and_far_cells_are_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let Some(xls) = to_xls(dir.path()) else {
        assert!(
            std::env::var("JIANPAI_REQUIRE_SOFFICE").as_deref() != Ok("1"),
            "soffice could not make the .xls fixture"
        );
        println!("soffice not installed: the .xls fixture cannot be made here, skipped");
        return;
    };
    assert!(!ok(&xls).list.enterprises.is_empty());

    // DIMENSIONS declaring 4 billion rows: calamine reserves rows × columns cells.
    let huge = dir.path().join("huge.xls");
    std::fs::copy(&xls, &huge).unwrap();
    patch_record(&huge, 0x0200, |d| {
        d[4..8].copy_from_slice(&u32::MAX.to_le_bytes())
    });
    let (errors, _) = invalid(&huge);
    assert!(
        errors.iter().any(|d| d.sheet.is_some()
            && d.message.contains("尺寸记录")
            && d.message.contains("4294967295")),
        "{errors:#?}"
    );

    // A text cell moved to row 60,001, column IV: calamine would fill 60,000 × 256 cells.
    let far = dir.path().join("far.xls");
    std::fs::copy(&xls, &far).unwrap();
    patch_record(&far, 0x00FD, |d| {
        d[0..2].copy_from_slice(&60_000u16.to_le_bytes());
        d[2..4].copy_from_slice(&255u16.to_le_bytes());
    });
    let (errors, _) = invalid(&far);
    assert!(
        errors.iter().any(|d| d.row == Some(60_001)
            && d.column.as_deref() == Some("IV")
            && d.message.contains("过于分散")),
        "{errors:#?}"
    );

    // A cell past column IV.
    let wide = dir.path().join("wide.xls");
    std::fs::copy(&xls, &wide).unwrap();
    patch_record(&wide, 0x00FD, |d| {
        d[2..4].copy_from_slice(&40_000u16.to_le_bytes())
    });
    let (errors, _) = invalid(&wide);
    assert!(
        errors.iter().any(
            |d| d.message.contains("超出.xls格式的范围") && d.column.as_deref() == Some("BGDM")
        ),
        "{errors:#?}"
    );
}
