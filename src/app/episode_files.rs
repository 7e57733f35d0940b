//! The episode's files: the notification workbook (one sheet per township, then 短信), the
//! returned workbook `ack --file` reads, and photos kept by content hash.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};
use rust_xlsxwriter::{Format, Workbook};
use sha2::{Digest, Sha256};

use super::episode::EpisodeError;
use super::error::AppError;
use crate::episode::{show_time, sms_text, Episode, Notice};
use crate::model::Diagnostic;

/// The sheet name for notices without a township.
const NO_TOWN: &str = "未填写乡镇";

/// The columns of a township sheet; 确认时间 and 确认人 are what staff fill in and return.
const COLUMNS: [&str; 12] = [
    "通知编号",
    "类别",
    "名称",
    "统一社会信用代码",
    "应急减排责任人",
    "联系电话",
    "预警级别",
    "应执行的减排措施",
    "通知时间",
    "回复截止时间",
    "确认时间",
    "确认人",
];

/// The current round's notices by township (sheet-safe names), townships in the order the
/// list first names them, notices without one last.
pub(crate) fn by_town(episode: &Episode) -> Vec<(String, Vec<&Notice>)> {
    let mut out: Vec<(String, Vec<&Notice>)> = Vec::new();
    let mut none: Vec<&Notice> = Vec::new();
    for n in episode.round(episode.current().id) {
        let town = n.draft.town.trim();
        if town.is_empty() {
            none.push(n);
            continue;
        }
        let safe: String = town
            .chars()
            .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
            .take(31)
            .collect();
        match out.iter_mut().find(|(t, _)| *t == safe) {
            Some((_, list)) => list.push(n),
            None => out.push((safe, vec![n])),
        }
    }
    if !none.is_empty() {
        out.push((NO_TOWN.to_string(), none));
    }
    out
}

fn xlsx(path: &Path) -> impl Fn(rust_xlsxwriter::XlsxError) -> AppError + '_ {
    move |e| {
        AppError::Output(std::io::Error::other(format!(
            "无法写入通知工作簿“{}”：{e}。请确认目录存在且文件未被 Excel/WPS 打开",
            path.display()
        )))
    }
}

/// Writes the notification workbook; returns the number of notices.
pub(crate) fn write_notify_workbook(
    episode: &Episode,
    area: &str,
    path: &Path,
) -> Result<usize, AppError> {
    let err = xlsx(path);
    let current = episode.current();
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let mut sms = Vec::new();
    let mut count = 0;
    for (town, notices) in by_town(episode) {
        let ws = wb.add_worksheet();
        ws.set_name(&town).map_err(&err)?;
        for (c, h) in COLUMNS.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &bold)
                .map_err(&err)?;
        }
        ws.set_column_width(7, 60).map_err(&err)?;
        ws.set_column_width(2, 30).map_err(&err)?;
        ws.set_column_width(3, 22).map_err(&err)?;
        for (i, n) in notices.iter().enumerate() {
            let r = (i + 1) as u32;
            let d = &n.draft;
            let kind = match d.addressee() {
                crate::episode::Addressee::Enterprise => "企业",
                crate::episode::Addressee::Site => "施工工地",
            };
            ws.write_number(r, 0, n.id as f64).map_err(&err)?;
            let cells = [
                kind.to_string(),
                d.name.clone(),
                d.code.clone(),
                d.responsible.name.clone(),
                d.responsible.phone.clone(),
                current.level.name_zh().to_string(),
                d.measures.join("\n"),
                show_time(current.at),
                show_time(n.deadline),
            ];
            for (c, v) in cells.iter().enumerate() {
                ws.write_string(r, (c + 1) as u16, v).map_err(&err)?;
            }
            if let Some((at, by)) = &n.confirmed {
                ws.write_string(r, 10, show_time(*at)).map_err(&err)?;
                ws.write_string(r, 11, by).map_err(&err)?;
            }
            sms.push((
                d.responsible.phone.clone(),
                sms_text(d, current.level, area, episode.started_at()),
            ));
            count += 1;
        }
    }
    let ws = wb.add_worksheet();
    ws.set_name("短信").map_err(&err)?;
    ws.write_string_with_format(0, 0, "手机号", &bold)
        .map_err(&err)?;
    ws.write_string_with_format(0, 1, "短信内容", &bold)
        .map_err(&err)?;
    ws.set_column_width(1, 100).map_err(&err)?;
    for (i, (phone, text)) in sms.iter().enumerate() {
        ws.write_string((i + 1) as u32, 0, phone).map_err(&err)?;
        ws.write_string((i + 1) as u32, 1, text).map_err(&err)?;
    }
    crate::files::write_atomic_with(path, |w| wb.save_to_writer(w)).map_err(&err)?;
    Ok(count)
}

/// A filled-in row of a returned notification workbook.
pub(crate) struct Returned {
    pub(crate) sheet: String,
    pub(crate) row: u32,
    pub(crate) notice_id: i64,
    pub(crate) confirmed_at: String,
    pub(crate) by: String,
}

fn text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::DateTime(_) | Data::DateTimeIso(_) => {
            use calamine::DataType;
            d.as_datetime()
                .map(show_time)
                .unwrap_or_else(|| d.to_string())
        }
        other => other.to_string().trim().to_string(),
    }
}

/// Reads every sheet with 通知编号 and 确认时间 columns; rows with 确认时间 filled.
pub(crate) fn read_returned(path: &Path) -> Result<Vec<Returned>, AppError> {
    let mut wb = open_workbook_auto(path).map_err(|e| EpisodeError::File {
        message: format!("无法读取回执工作簿“{}”：{e}", path.display()),
        errors: Vec::new(),
    })?;
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut found = false;
    for name in wb.sheet_names().to_vec() {
        let Ok(range) = wb.worksheet_range(&name) else {
            continue;
        };
        let mut rows = range.rows();
        let Some(header) = rows.next() else { continue };
        let col = |h: &str| header.iter().position(|c| text(c) == h);
        let (Some(id_col), Some(at_col)) = (col("通知编号"), col("确认时间")) else {
            continue;
        };
        found = true;
        let by_col = col("确认人");
        let first = range.start().map_or(0, |(r, _)| r) + 2;
        for (i, r) in rows.enumerate() {
            let row = first + i as u32;
            let at = r.get(at_col).map(text).unwrap_or_default();
            if at.is_empty() {
                continue;
            }
            let id_text = r.get(id_col).map(text).unwrap_or_default();
            let Ok(notice_id) = id_text.parse::<i64>() else {
                errors.push(Diagnostic::cell(
                    &name,
                    row,
                    "通知编号",
                    format!("通知编号“{id_text}”不是数字，请勿改动本程序导出的通知编号"),
                ));
                continue;
            };
            out.push(Returned {
                sheet: name.clone(),
                row,
                notice_id,
                confirmed_at: at,
                by: by_col.and_then(|c| r.get(c)).map(text).unwrap_or_default(),
            });
        }
    }
    if !found {
        errors.push(Diagnostic::general(format!(
            "“{}”中没有含“通知编号”和“确认时间”两列的工作表，请使用 jianpai notify 导出的通知表",
            path.display()
        )));
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(EpisodeError::File {
            message: format!("回执工作簿有 {} 处错误，未记录任何确认", errors.len()),
            errors,
        }
        .into())
    }
}

/// Copies a photo into `folder` as `<sha256>.<ext>` (once: the same picture twice is one
/// file); returns the path relative to the data folder (`photos/…`).
pub(crate) fn store_photo(
    folder: &Path,
    original: &Path,
    bytes: &[u8],
) -> Result<String, AppError> {
    let hash = Sha256::digest(bytes);
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    let ext = original
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .filter(|e| e.chars().all(|c| c.is_ascii_alphanumeric()))
        .unwrap_or_else(|| "bin".to_string());
    let name = format!("{hex}.{ext}");
    let target = folder.join(&name);
    if !target.exists() {
        std::fs::create_dir_all(folder).map_err(|source| crate::store::StoreError::Io {
            path: folder.to_path_buf(),
            source,
        })?;
        let tmp = folder.join(format!("{name}.part"));
        std::fs::write(&tmp, bytes)
            .and_then(|()| std::fs::rename(&tmp, &target))
            .map_err(|source| crate::store::StoreError::Io {
                path: target.clone(),
                source,
            })?;
    }
    Ok(format!("photos/{name}"))
}
