//! What a sheet is for, from its name, and which columns a sheet of each role reads.

use super::header::vocabulary::{Field, LevelField, Plain};

/// What a sheet is for, from its name (`docs/workbook.md`, Finding the sheets).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// 总表 / 汇总: whole-society emissions, area, year.
    Summary,
    /// 工业源清单.
    Industrial,
    /// 扬尘源清单.
    Dust,
    /// 移动源清单.
    Mobile,
    /// 协同供暖企业清单.
    Heating,
    /// 非道路移动机械清单.
    Nonroad,
}

/// Name fragments per role, in the spec's order: the first match wins.
const ROLE_NAMES: [(Role, &[&str]); 6] = [
    (Role::Summary, &["总表", "汇总"]),
    (Role::Industrial, &["工业源", "工业企业"]),
    (Role::Dust, &["扬尘源", "施工工地", "扬尘"]),
    (Role::Mobile, &["移动源", "用车大户", "重点用车"]),
    (Role::Heating, &["协同供暖", "供暖"]),
    (Role::Nonroad, &["非道路"]),
];

impl Role {
    /// The role of a sheet named `name` (trimmed), if any.
    pub fn of_sheet(name: &str) -> Option<Role> {
        let n = name.trim();
        ROLE_NAMES
            .iter()
            .find(|(_, frags)| frags.iter().any(|f| n.contains(f)))
            .map(|(r, _)| *r)
    }

    /// The sheet kind in messages.
    pub fn name_zh(self) -> &'static str {
        match self {
            Role::Summary => "总表",
            Role::Industrial => "工业源清单",
            Role::Dust => "扬尘源清单",
            Role::Mobile => "移动源清单",
            Role::Heating => "协同供暖企业清单",
            Role::Nonroad => "非道路移动机械清单",
        }
    }

    /// The column a sheet of this role cannot do without, and its canonical name.
    pub fn required(self) -> Option<(Field, &'static str)> {
        match self {
            Role::Industrial | Role::Mobile => Some((Field::Plain(Plain::Name), "企业名称")),
            Role::Dust => Some((Field::Plain(Plain::ProjectName), "项目名称")),
            Role::Nonroad => Some((Field::Plain(Plain::MachineUser), "使用单位")),
            Role::Heating | Role::Summary => None,
        }
    }

    /// The field a recognised column stands for on a sheet of this role, where the words
    /// differ by sheet: on the machinery sheet 排放标准 is the machines' 排放阶段 (国三 …),
    /// not a line's 执行标准.
    pub fn adapt(self, field: Field) -> Field {
        match (self, field) {
            (Role::Nonroad, Field::Plain(Plain::Standard)) => Field::Plain(Plain::MachineStage),
            _ => field,
        }
    }

    /// True when a sheet of this role reads `field`; other known columns are reported as
    /// unknown for the sheet (a 项目类型 column on the industrial sheet means nothing there).
    pub fn accepts(self, field: Field) -> bool {
        use Plain::*;
        let plain = match field {
            Field::Plain(Ignored) => return true,
            Field::Plain(p) => p,
            Field::Emission(..) => return !matches!(self, Role::Heating | Role::Nonroad),
            Field::Level(_, LevelField::Measure) => return self != Role::Summary,
            Field::Level(_, LevelField::KwhCap | LevelField::ConcentrationLimit) => {
                return self == Role::Industrial
            }
            Field::Level(..) => {
                return !matches!(self, Role::Summary | Role::Heating | Role::Nonroad)
            }
        };
        match self {
            Role::Industrial => matches!(
                plain,
                County
                    | Town
                    | Name
                    | Code
                    | Address
                    | Industry
                    | IndustryCode
                    | KeyIndustry
                    | PowerAccount
                    | NormalDailyKwh
                    | Grade
                    | Class
                    | LegalName
                    | LegalPhone
                    | ResponsibleName
                    | ResponsiblePhone
                    | SupervisorName
                    | SupervisorPhone
                    | LegalContact
                    | ResponsibleContact
                    | SupervisorContact
                    | Cems
                    | SourceName
                    | Product
                    | Capacity
                    | Days
                    | Outlet
                    | Treatment
                    | Standard
                    | FilingState
                    | FilingDate
                    | FilingNumber
            ),
            Role::Dust => matches!(
                plain,
                County
                    | ProjectName
                    | ProjectKind
                    | ProjectAddress
                    | Address
                    | Builder
                    | Contractor
                    | ManagerName
                    | ManagerPhone
                    | ManagerContact
                    | ResponsibleName
                    | ResponsiblePhone
                    | ResponsibleContact
                    | Approval
                    | SourceName
                    | Product
                    | Capacity
                    | Days
            ),
            Role::Mobile => matches!(
                plain,
                County
                    | Name
                    | Code
                    | DailyTrips
                    | Guo3
                    | Guo4
                    | Guo5
                    | Guo6
                    | NewEnergy
                    | SourceName
                    | Product
                    | Capacity
                    | Days
            ),
            Role::Heating => matches!(plain, County | Name | Code | HeatingArea | MaxLoad),
            Role::Nonroad => matches!(
                plain,
                County | MachineUser | MachineKind | MachineStage | MachineCount | Fuel
            ),
            Role::Summary => matches!(
                plain,
                Area | County | Year | Pollutant | WholeSociety | WholeSocietyDaily
            ),
        }
    }
}
