//! .xls and .ods read like .xlsx. The fixtures are made in code as xlsx and converted with
//! LibreOffice (`soffice --headless --convert-to`); without soffice the test says so and
//! passes, since the machine cannot make the files.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::support::*;
use rust_xlsxwriter::Format;

fn soffice() -> Option<&'static str> {
    ["/usr/bin/soffice", "/usr/local/bin/soffice"]
        .into_iter()
        .find(|p| Path::new(p).exists())
}

/// CI (scripts/test.sh) sets `JIANPAI_REQUIRE_SOFFICE=1`: there a missing or failing soffice
/// fails the test instead of skipping it.
fn soffice_required() -> bool {
    std::env::var("JIANPAI_REQUIRE_SOFFICE").as_deref() == Ok("1")
}

/// Converts `xlsx` to `ext` next to it; `None` when soffice is missing or fails.
fn convert(xlsx: &Path, ext: &str) -> Option<PathBuf> {
    let bin = soffice()?;
    let dir = xlsx.parent()?;
    let profile = dir.join(format!("lo-profile-{ext}"));
    let status = Command::new(bin)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", ext, "--outdir"])
        .arg(dir)
        .arg(xlsx)
        .output()
        .ok()?;
    let out = xlsx.with_extension(ext);
    (status.status.success() && out.exists()).then_some(out)
}

/// Two-row header with merged level groups, vertically merged enterprise cells, a
/// percentage-formatted share and a summary table.
fn book() -> Book {
    let mut b = two_row_header_book();
    let ws = b.sheet(
        "扬尘源清单",
        0,
        0,
        &[
            &[
                "所属区县",
                "项目名称",
                "颗粒物排放量(t/a)",
                "黄色预警减排比例",
            ],
            &["", "一号工地", "3", ""],
            &["", "二号工地", "4", "50"],
        ],
    );
    merge(ws, 1, 0, 2, 0, "示例县");
    let pct = Format::new().set_num_format("0%");
    ws.write_number_with_format(1, 3, 0.3, &pct).unwrap();
    b.sheet(
        "总表",
        0,
        0,
        &[
            &["地区", "示例县"],
            &["年度", "2026"],
            &["污染物", "全社会排放量(t/a)"],
            &["二氧化硫", "7300"],
            &["氮氧化物", "3650"],
            &["颗粒物", "1460"],
            &["挥发性有机物", "4380"],
        ],
    );
    b
}

#[test]
fn xls_and_ods_give_the_same_list_as_xlsx() {
    let mut b = book();
    let xlsx = b.save("清单.xlsx");
    let expected = ok(&xlsx).list;
    assert_eq!(expected.sites[0].county, "示例县");
    assert_eq!(
        expected.sites[1].county, "示例县",
        "merged county reaches the second site"
    );
    assert_eq!(expected.sites[0].source.measures.yellow.share, Some(0.3));
    if soffice().is_none() {
        assert!(
            !soffice_required(),
            "JIANPAI_REQUIRE_SOFFICE=1 but soffice is not installed: install LibreOffice"
        );
        println!("soffice not installed: .xls/.ods fixtures cannot be made here, skipped");
        return;
    }
    for ext in ["xls", "ods"] {
        let Some(path) = convert(&xlsx, ext) else {
            assert!(!soffice_required(), "soffice could not convert to .{ext}");
            println!("soffice could not convert to .{ext}: skipped");
            continue;
        };
        let imported = ok(&path);
        assert_eq!(imported.list, expected, ".{ext} differs from .xlsx");
        // xls: number formats are unknown, 0.3 was taken as 30 %, with a warning; ods: the
        // cell's value type says percentage, as an xlsx number format does, so no warning.
        assert_eq!(
            at(&imported.warnings, "扬尘源清单", 2, "黄色预警减排比例").is_some(),
            ext == "xls",
            ".{ext}: {:#?}",
            imported.warnings
        );
    }
}

#[test]
fn xlsm_reads_like_xlsx() {
    let mut b = two_row_header_book();
    let xlsx = b.save("宏.xlsx");
    let xlsm = xlsx.with_extension("xlsm");
    std::fs::copy(&xlsx, &xlsm).unwrap();
    let mut from_xlsm = ok(&xlsm).list;
    let from_xlsx = ok(&xlsx).list;
    assert_eq!(from_xlsm.area, "宏");
    from_xlsm.area = from_xlsx.area.clone();
    assert_eq!(from_xlsm, from_xlsx);
}
