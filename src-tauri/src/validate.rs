//! Checks an edited record before it is saved, so that invalid input is refused in place
//! with the reason, by the same rules the importer applies to a workbook (`docs/workbook.md`,
//! Values; `docs/method.md`): what an import would refuse, an edit refuses too.
//! A wrong credit-code check character stays a warning (real codes that fail it exist), so
//! it is not refused here; the UI shows it as you type.

use crate::error::FieldProblem;
use jianpai::model::{validate_code, Enterprise, Fleet, Heating, Level, Pollutant, Site, Source};

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

/// Length and characters of a credit code are errors; an empty code is allowed (the
/// enterprise is then matched by name).
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

/// The daily emission of `p` as `docs/method.md` derives it (daily wins, else annual
/// over the days, 365 when the days are missing or 0); used to refuse an explicit reduction
/// amount the source cannot make.
fn daily_emission(s: &Source, p: Pollutant) -> f64 {
    if let Some(d) = s.daily.get(p) {
        return *d;
    }
    let days = s.days.filter(|d| *d > 0.0).unwrap_or(365.0);
    s.annual.get(p).map(|a| a / days).unwrap_or(0.0)
}

fn negative(v: &Option<f64>) -> bool {
    v.is_some_and(|x| x < 0.0 || !x.is_finite())
}

fn source(s: &Source, at: &str, out: &mut Vec<FieldProblem>) {
    let who = if s.name.trim().is_empty() {
        "该行".to_string()
    } else {
        format!("“{}”", s.name.trim())
    };
    if s.days.is_some_and(|d| !(0.0..=366.0).contains(&d)) {
        out.push(FieldProblem::new(
            format!("{at}.days"),
            format!("{who}的年生产天数应在0到366之间"),
        ));
    }
    for p in Pollutant::ALL {
        if negative(s.annual.get(p)) {
            out.push(FieldProblem::new(
                format!("{at}.annual.{}", p.key()),
                format!("{who}的{}排放量不能为负数", p.name_zh()),
            ));
        }
        if negative(s.daily.get(p)) {
            out.push(FieldProblem::new(
                format!("{at}.daily.{}", p.key()),
                format!("{who}的{}日排放量不能为负数", p.name_zh()),
            ));
        }
    }
    for level in Level::ALL {
        let m = s.measures.get(level);
        let lv = level.name_zh();
        if m.share.is_some_and(|x| !(0.0..=1.0).contains(&x)) {
            out.push(FieldProblem::new(
                format!("{at}.measures.{}.share", level.key()),
                format!("{who}的{lv}减排比例应在0%到100%之间"),
            ));
        }
        for p in Pollutant::ALL {
            let field = format!("{at}.measures.{}.amounts.{}", level.key(), p.key());
            match m.amounts.get(p) {
                Some(a) if *a < 0.0 || !a.is_finite() => out.push(FieldProblem::new(
                    field,
                    format!("{who}的{lv}{}减排量不能为负数", p.name_zh()),
                )),
                Some(a) if *a > daily_emission(s, p) * 1.001 + 1e-12 => {
                    out.push(FieldProblem::new(
                        field,
                        format!(
                            "{who}的{lv}{}减排量{a}吨/日超过其日排放量{:.4}吨/日：减排不能多于排放",
                            p.name_zh(),
                            daily_emission(s, p)
                        ),
                    ))
                }
                _ => {}
            }
        }
    }
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
    fn refuses_out_of_range_numbers_and_names_the_field() {
        let mut s = line(300.0, 400.0);
        s.measures.orange.share = Some(1.5);
        s.measures.red.amounts.so2 = Some(2.0); // emits 0.75 t/d at 400 days → refused
        let e = Enterprise {
            name: "甲".into(),
            sources: vec![line(1.0, 1.0), s],
            ..Enterprise::default()
        };
        let problems = enterprise(&e);
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "sources.1.days",
                "sources.1.measures.orange.share",
                "sources.1.measures.red.amounts.so2"
            ]
        );
        assert!(problems[2].message.contains("超过其日排放量"));
    }

    #[test]
    fn amount_up_to_the_emission_is_fine() {
        let mut s = line(365.0, 365.0);
        s.measures.yellow.amounts.so2 = Some(1.0);
        let site = Site {
            name: "工地".into(),
            source: s,
            ..Site::default()
        };
        assert!(super::site(&site).is_empty());
    }

    #[test]
    fn heating_load_is_a_fraction() {
        let h = Heating {
            name: "热电".into(),
            max_load: Some(70.0),
            ..Heating::default()
        };
        assert_eq!(heating(&h)[0].field, "max_load");
    }
}
