//! Column headers, in three steps with one direction of use: [`normalise`] (what people
//! write, made comparable), [`vocabulary`] (the columns and their names, shared with export)
//! and [`detect`] (where a sheet's header is and what its columns hold).

pub mod detect;
pub mod normalise;
pub mod vocabulary;

pub(crate) use detect::detect;
pub use detect::{Column, Layout, HEADER_SEARCH_ROWS};
pub use normalise::{normalise_header, normalise_text, NormalisedHeader, Period, Unit};
pub use vocabulary::{Aliases, Field, Group, LevelField, Plain};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Level, Pollutant};

    fn r(s: &str) -> Option<Field> {
        Aliases::get().resolve(&normalise_header(s).name)
    }

    #[test]
    fn removes_spaces_and_line_breaks() {
        assert_eq!(normalise_header(" 企业\n名称 ").name, "企业名称");
        assert_eq!(normalise_header("企业\u{3000}名称").name, "企业名称");
        assert_eq!(normalise_header("企业\r\n名称").name, "企业名称");
    }

    #[test]
    fn folds_full_width_to_half_width() {
        assert_eq!(normalise_header("县（市、区）").name, "县(市、区)");
        assert_eq!(normalise_header("减排比例（％）").unit, Some(Unit::Percent));
        assert_eq!(normalise_header("地区：").name, "地区");
        assert_eq!(normalise_header("ＳＯ２").name, "so2");
    }

    #[test]
    fn turns_subscripts_into_digits() {
        assert_eq!(normalise_header("SO₂排放量").name, "so2排放量");
        assert_eq!(
            r("SO₂"),
            Some(Field::Emission(Pollutant::So2, Period::Year))
        );
    }

    #[test]
    fn compares_latin_case_insensitively() {
        assert_eq!(r("NOX排放量"), r("nox排放量"));
        assert_eq!(
            r("VOCS"),
            Some(Field::Emission(Pollutant::Vocs, Period::Year))
        );
        assert_eq!(r("cems"), Some(Field::Plain(Plain::Cems)));
    }

    #[test]
    fn splits_a_trailing_unit_only_when_it_is_a_unit() {
        let h = normalise_header("颗粒物排放量（kg/a）");
        assert_eq!(h.name, "颗粒物排放量");
        assert_eq!(
            h.unit,
            Some(Unit::Mass {
                to_tonnes: 0.001,
                per: Some(Period::Year)
            })
        );
        let h = normalise_header("SO2日排放量(吨/日)");
        assert_eq!(
            h.unit,
            Some(Unit::Mass {
                to_tonnes: 1.0,
                per: Some(Period::Day)
            })
        );
        assert_eq!(normalise_header("乡镇(街道)").name, "乡镇(街道)");
        assert_eq!(normalise_header("乡镇(街道)").unit, None);
        assert_eq!(normalise_header("供暖面积(万平方米)").name, "供暖面积");
        assert_eq!(normalise_header("排放量[单位:t/d]").name, "排放量");
    }

    #[test]
    fn resolves_every_kind_of_alias() {
        assert_eq!(r("县(市、区)"), Some(Field::Plain(Plain::County)));
        assert_eq!(r("企业（单位）名称"), Some(Field::Plain(Plain::Name)));
        assert_eq!(r("组织机构代码"), Some(Field::Plain(Plain::Code)));
        assert_eq!(r("法人电话"), Some(Field::Plain(Plain::LegalPhone)));
        assert_eq!(r("生产线/工序"), Some(Field::Plain(Plain::SourceName)));
        assert_eq!(r("年运行天数"), Some(Field::Plain(Plain::Days)));
        assert_eq!(
            r("烟(粉)尘"),
            Some(Field::Emission(Pollutant::Pm, Period::Year))
        );
        assert_eq!(
            r("烟粉尘排放量"),
            Some(Field::Emission(Pollutant::Pm, Period::Year))
        );
        assert_eq!(
            r("颗粒物年排放量"),
            Some(Field::Emission(Pollutant::Pm, Period::Year))
        );
        assert_eq!(
            r("VOCs日排放量"),
            Some(Field::Emission(Pollutant::Vocs, Period::Day))
        );
        assert_eq!(
            r("排放量SO2"),
            Some(Field::Emission(Pollutant::So2, Period::Year))
        );
        assert_eq!(r("不存在的列"), None);
    }

    #[test]
    fn resolves_level_columns_in_every_spelling() {
        let m = |l| Some(Field::Level(l, LevelField::Measure));
        assert_eq!(r("黄色预警减排措施"), m(Level::Yellow));
        assert_eq!(r("Ⅲ级管控措施"), m(Level::Yellow));
        assert_eq!(r("III级措施"), m(Level::Yellow));
        assert_eq!(r("II级措施"), m(Level::Orange));
        assert_eq!(r("Ⅰ级措施"), m(Level::Red));
        assert_eq!(r("红色预警（Ⅰ级）应急减排措施"), m(Level::Red));
        assert_eq!(r("减排措施(橙色预警)"), m(Level::Orange));
        assert_eq!(
            r("橙色预警减排比例(%)"),
            Some(Field::Level(Level::Orange, LevelField::Share))
        );
        assert_eq!(
            r("红色SO2减排量"),
            Some(Field::Level(
                Level::Red,
                LevelField::Reduction(Pollutant::So2)
            ))
        );
        assert_eq!(
            r("黄色预警氮氧化物日减排量(t/d)"),
            Some(Field::Level(
                Level::Yellow,
                LevelField::Reduction(Pollutant::Nox)
            ))
        );
        assert_eq!(
            r("橙色预警VOCs"),
            Some(Field::Level(
                Level::Orange,
                LevelField::Reduction(Pollutant::Vocs)
            ))
        );
        assert_eq!(
            r("黄色预警工序责任人电话"),
            Some(Field::Level(Level::Yellow, LevelField::OwnerPhone))
        );
    }

    #[test]
    fn knows_group_names() {
        let a = Aliases::get();
        assert_eq!(a.group("黄色预警"), Some(Group::Level(Level::Yellow)));
        assert_eq!(a.group("iii级"), Some(Group::Level(Level::Yellow)));
        assert_eq!(a.group("橙色预警期间"), Some(Group::Level(Level::Orange)));
        assert_eq!(a.group("排放量"), Some(Group::Emission));
        assert_eq!(a.group("企业基本信息"), None);
    }

    #[test]
    fn units_parse() {
        assert_eq!(Unit::parse("天"), Some(Unit::Days));
        assert_eq!(Unit::parse("辆次"), Some(Unit::Vehicles));
        assert_eq!(
            Unit::parse("吨"),
            Some(Unit::Mass {
                to_tonnes: 1.0,
                per: None
            })
        );
        assert_eq!(Unit::parse("mg/m3"), Some(Unit::Concentration));
        assert_eq!(
            Unit::parse("万kwh"),
            Some(Unit::Energy { to_kwh: 10_000.0 })
        );
        assert_eq!(Unit::parse("mg/l"), None);
        assert_eq!(
            normalise_header("供暖面积(㎡)").unit,
            Some(Unit::SquareMetres)
        );
    }
}
