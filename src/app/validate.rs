//! Checks an edited record before it is saved, so that invalid input is refused in place
//! with the reason. The numbers of a source are checked by the reduction engine itself
//! ([`crate::reduce::source_reduction`] reports what it had to correct: days outside 0–366,
//! a negative emission, a share above 100 %, an amount above the emission): what the engine
//! calls impossible in a workbook, an edit refuses, with the same words and tolerance.
//! A wrong credit-code check character stays a warning (real codes that fail it exist), so
//! it is not refused here; the UI shows it as you type ([`check_code`]).

use serde::Serialize;
use ts_rs::TS;

use super::error::FieldProblem;
use crate::model::{
    normalise_code, validate_code, Enterprise, Fleet, Heating, Level, Pollutant, Site, Source,
};
use crate::reduce::source_reduction;

/// Problems of an edited enterprise (identity and every source).
pub fn enterprise(e: &Enterprise) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    if e.name.trim().is_empty() {
        out.push(FieldProblem::new("name", "企业名称不能为空"));
    }
    code(&e.code, "code", &mut out);
    for (i, s) in e.sources.iter().enumerate() {
        source(s, &format!("sources.{i}"), &mut out);
    }
    out
}

/// Problems of an edited construction site or other dust source.
pub fn site(s: &Site) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    if s.name.trim().is_empty() {
        out.push(FieldProblem::new("name", "项目名称不能为空"));
    }
    source(&s.source, "source", &mut out);
    out
}

/// Problems of an edited heavy-vehicle user.
pub fn fleet(f: &Fleet) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    if f.name.trim().is_empty() {
        out.push(FieldProblem::new("name", "企业名称不能为空"));
    }
    code(&f.code, "code", &mut out);
    if f.daily_trips.is_some_and(|t| t < 0.0 || !t.is_finite()) {
        out.push(FieldProblem::new("daily_trips", "日均进出车辆不能为负数"));
    }
    source(&f.source, "source", &mut out);
    out
}

/// Problems of an edited heating row.
pub fn heating(h: &Heating) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    if h.name.trim().is_empty() {
        out.push(FieldProblem::new("name", "企业名称不能为空"));
    }
    code(&h.code, "code", &mut out);
    if h.area_10k_m2.is_some_and(|a| a < 0.0 || !a.is_finite()) {
        out.push(FieldProblem::new("area_10k_m2", "供暖面积不能为负数"));
    }
    if h.max_load.is_some_and(|l| !(0.0..=1.0).contains(&l)) {
        out.push(FieldProblem::new(
            "max_load",
            "核定最大生产负荷应在0%到100%之间",
        ));
    }
    out
}

/// The GB 32100 verdict on a credit code as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CodeCheck {
    /// The code as it will be stored (upper case, half-width, no spaces).
    pub normalised: String,
    /// What is wrong, in Chinese; `None` when the code is fine (or empty).
    pub message: Option<String>,
    /// True when only the check character is wrong: saved anyway, shown as a warning.
    pub warning_only: bool,
}

/// Checks a credit code as typed (the model's GB 32100 check); an empty code is fine (the
/// enterprise is then matched by name).
pub fn check_code(raw: &str) -> CodeCheck {
    let normalised = normalise_code(raw);
    let problem = if normalised.is_empty() {
        None
    } else {
        validate_code(&normalised).err()
    };
    CodeCheck {
        message: problem.as_ref().map(|p| p.message(&normalised)),
        warning_only: problem.as_ref().is_some_and(|p| !p.is_error()),
        normalised,
    }
}

/// Length and characters of a credit code are errors; an empty code is allowed.
fn code(code: &str, field: &str, out: &mut Vec<FieldProblem>) {
    if code.is_empty() {
        return;
    }
    if let Err(problem) = validate_code(code) {
        if problem.is_error() {
            out.push(FieldProblem::new(field, problem.message(code)));
        }
    }
}

/// The engine's corrections of `s`, each placed at its field under `at`.
fn source(s: &Source, at: &str, out: &mut Vec<FieldProblem>) {
    let who = if s.name.trim().is_empty() {
        "该行".to_string()
    } else {
        format!("“{}”", s.name.trim())
    };
    for d in source_reduction(s).errors {
        let field = d
            .column
            .as_deref()
            .and_then(field_of_column)
            .unwrap_or_default();
        let path = if field.is_empty() {
            at.to_string()
        } else {
            format!("{at}.{field}")
        };
        out.push(FieldProblem::new(path, format!("{who}：{}", d.message)));
    }
}

/// The record path of a source column as the engine names it in its diagnostics (the
/// workbook's words: 年生产天数, SO2排放量, 红色预警减排比例 …).
fn field_of_column(column: &str) -> Option<String> {
    if column == "年生产天数" {
        return Some("days".into());
    }
    for p in Pollutant::ALL {
        if column == format!("{}排放量", p.name_zh()) {
            return Some(format!("annual.{}", p.key()));
        }
        if column == format!("{}日排放量", p.name_zh()) {
            return Some(format!("daily.{}", p.key()));
        }
    }
    for l in Level::ALL {
        if column == format!("{}减排比例", l.name_zh()) {
            return Some(format!("measures.{}.share", l.key()));
        }
        for p in Pollutant::ALL {
            if column == format!("{}{}减排量", l.name_zh(), p.name_zh()) {
                return Some(format!("measures.{}.amounts.{}", l.key(), p.key()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(annual_so2: f64, days: f64) -> Source {
        let mut s = Source {
            name: "1号窑".into(),
            days: Some(days),
            ..Source::default()
        };
        s.annual.so2 = Some(annual_so2);
        s
    }

    #[test]
    fn accepts_a_plain_enterprise() {
        let e = Enterprise {
            name: "示例水泥有限公司".into(),
            code: "91110000802100433B".into(),
            sources: vec![line(300.0, 300.0)],
            ..Enterprise::default()
        };
        assert!(enterprise(&e).is_empty());
    }

    #[test]
    fn refuses_bad_identity_but_not_a_bad_check_character() {
        let mut e = Enterprise {
            code: "91110000802100433I".into(),
            ..Enterprise::default()
        };
        let fields: Vec<_> = enterprise(&e).into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["name", "code"]);
        e.name = "甲".into();
        e.code = "91110000802100433A".into();
        assert!(
            enterprise(&e).is_empty(),
            "check character is only a warning"
        );
    }

    #[test]
    fn refuses_what_the_engine_corrects_and_names_the_field() {
        let mut s = line(300.0, 400.0);
        s.measures.orange.share = Some(1.5);
        s.measures.red.amounts.so2 = Some(2.0); // emits 0.75 t/d at 365 days → refused
        s.daily.nox = Some(-1.0);
        let e = Enterprise {
            name: "甲".into(),
            sources: vec![line(1.0, 1.0), s],
            ..Enterprise::default()
        };
        let problems = enterprise(&e);
        let mut fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        fields.sort_unstable();
        assert_eq!(
            fields,
            [
                "sources.1.daily.nox",
                "sources.1.days",
                "sources.1.measures.orange.share",
                "sources.1.measures.red.amounts.so2"
            ]
        );
        let amount = problems
            .iter()
            .find(|p| p.field.ends_with("amounts.so2"))
            .unwrap();
        assert!(
            amount.message.starts_with("“1号窑”："),
            "{}",
            amount.message
        );
        assert!(amount.message.contains("减排量不能大于排放量"));
    }

    #[test]
    fn amount_within_the_engines_slack_is_fine() {
        let mut s = line(365.0, 365.0);
        s.measures.yellow.amounts.so2 = Some(1.0005);
        let site = Site {
            name: "工地".into(),
            source: s,
            ..Site::default()
        };
        assert!(super::site(&site).is_empty());
    }

    #[test]
    fn heating_load_is_a_fraction_and_fleet_trips_not_negative() {
        let h = Heating {
            name: "热电".into(),
            max_load: Some(70.0),
            area_10k_m2: Some(-1.0),
            ..Heating::default()
        };
        let fields: Vec<_> = heating(&h).into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["area_10k_m2", "max_load"]);
        let f = Fleet {
            name: "物流".into(),
            daily_trips: Some(-3.0),
            ..Fleet::default()
        };
        assert_eq!(fleet(&f)[0].field, "daily_trips");
        assert_eq!(site(&Site::default())[0].field, "name");
    }

    #[test]
    fn code_check_as_typed() {
        let fine = check_code(" 91110000802100433b ");
        assert_eq!(fine.normalised, "91110000802100433B");
        assert!(fine.message.is_none());
        let short = check_code("9111");
        assert!(!short.warning_only);
        assert!(short.message.unwrap().contains("18"));
        let check = check_code("91110000802100433A");
        assert!(check.warning_only);
        assert!(check_code("").message.is_none());
    }
}
