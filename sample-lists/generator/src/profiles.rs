//! Industry profiles: the production lines of a typical enterprise of each industry, their
//! emissions, and the measures the county has set per grade.
//!
//! Measures are fixed per (industry, grade, class) so that peers in the same county, industry
//! and grade always have the same shares: only the planted `peer-inconsistent` fault differs.

use jianpai::model::{EnterpriseClass, Grade};

/// A production line, process step or facility of a profile.
#[derive(Clone, Copy, Debug)]
pub struct LineProto {
    /// 生产线名称.
    pub name: &'static str,
    /// 主要产品.
    pub product: &'static str,
    /// 设计产能 template; `{}` takes a number.
    pub capacity: &'static str,
    /// Typical annual emissions SO2, NOx, PM, VOCs in t/a (0 = not emitted, blank cell).
    pub emissions: [f64; 4],
    /// What a limit is measured by ("日投料量", "吨") for texts like 由960吨降低到768吨.
    pub quantity: (&'static str, &'static str),
    /// 关键性指标 that prove the measure.
    pub indicator: &'static str,
}

/// What kind of enterprise a profile describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// One of the 39 key industries: graded A–D, CEMS where it limits.
    Key,
    /// Other industry: 未评级 / 非引领性, guidance measures.
    Other,
    /// 小微涉气: one tiny line, no stop or limit.
    SmallMicro,
    /// Power and heating supply: 保障类, 以热定产.
    Heating,
}

/// An industry and its typical lines.
#[derive(Clone, Copy, Debug)]
pub struct Profile {
    /// 行业类别 as written in the list.
    pub industry: &'static str,
    /// Trade word in enterprise names (铸造, 建材 …).
    pub trade: &'static str,
    /// Kind of enterprise.
    pub kind: Kind,
    /// 年生产天数.
    pub days: f64,
    /// Lines; an enterprise takes the first 1..=len of them.
    pub lines: &'static [LineProto],
    /// Relative frequency in a county.
    pub weight: u32,
}

const fn line(
    name: &'static str,
    product: &'static str,
    capacity: &'static str,
    emissions: [f64; 4],
    quantity: (&'static str, &'static str),
    indicator: &'static str,
) -> LineProto {
    LineProto {
        name,
        product,
        capacity,
        emissions,
        quantity,
        indicator,
    }
}

const FEED: (&str, &str) = ("日投料量", "吨");
const OUTPUT: (&str, &str) = ("日产量", "吨");
const PIECES: (&str, &str) = ("日产量", "件");
const GAS: (&str, &str) = ("天然气日用量", "立方米");

/// Every profile the generator draws from.
pub const PROFILES: &[Profile] = &[
    Profile {
        industry: "铸造",
        trade: "铸造",
        kind: Kind::Key,
        days: 300.0,
        weight: 9,
        lines: &[
            line(
                "熔化工序",
                "灰铁铸件",
                "年产{}万吨",
                [0.0, 0.6, 2.6, 0.0],
                FEED,
                "用电量、中频炉运行记录",
            ),
            line(
                "造型制芯工序",
                "灰铁铸件",
                "年产{}万吨",
                [0.0, 0.0, 1.3, 0.9],
                OUTPUT,
                "用电量",
            ),
            line(
                "浇注冷却工序",
                "灰铁铸件",
                "年产{}万吨",
                [0.0, 0.0, 0.7, 1.1],
                OUTPUT,
                "用电量、视频监控",
            ),
            line(
                "清理打磨工序",
                "灰铁铸件",
                "年产{}万吨",
                [0.0, 0.0, 1.6, 0.0],
                PIECES,
                "用电量",
            ),
        ],
    },
    Profile {
        industry: "砖瓦窑",
        trade: "新型建材",
        kind: Kind::Key,
        days: 280.0,
        weight: 8,
        lines: &[
            line(
                "隧道窑",
                "烧结多孔砖",
                "年产{}万块标砖",
                [12.0, 18.0, 6.5, 0.0],
                OUTPUT,
                "DCS记录、窑炉温度",
            ),
            line(
                "原料破碎工序",
                "烧结多孔砖",
                "年产{}万块标砖",
                [0.0, 0.0, 3.2, 0.0],
                FEED,
                "用电量",
            ),
            line(
                "成型切坯工序",
                "烧结多孔砖",
                "年产{}万块标砖",
                [0.0, 0.0, 0.9, 0.0],
                OUTPUT,
                "用电量",
            ),
        ],
    },
    Profile {
        industry: "水泥",
        trade: "水泥",
        kind: Kind::Key,
        days: 300.0,
        weight: 2,
        lines: &[
            line(
                "熟料生产线",
                "水泥熟料",
                "日产{}00吨",
                [58.0, 360.0, 42.0, 0.0],
                FEED,
                "DCS记录、在线监测数据",
            ),
            line(
                "水泥粉磨站",
                "P.O42.5水泥",
                "年产{}0万吨",
                [0.0, 0.0, 17.0, 0.0],
                OUTPUT,
                "用电量",
            ),
            line(
                "原料破碎工序",
                "石灰石",
                "年产{}0万吨",
                [0.0, 0.0, 6.0, 0.0],
                FEED,
                "用电量",
            ),
        ],
    },
    Profile {
        industry: "陶瓷",
        trade: "陶瓷",
        kind: Kind::Key,
        days: 300.0,
        weight: 4,
        lines: &[
            line(
                "辊道窑",
                "陶瓷砖",
                "年产{}00万平方米",
                [14.0, 31.0, 8.0, 0.0],
                GAS,
                "天然气用量、DCS记录",
            ),
            line(
                "喷雾干燥塔",
                "陶瓷砖",
                "年产{}00万平方米",
                [5.0, 10.0, 6.0, 0.0],
                GAS,
                "天然气用量",
            ),
            line(
                "原料制备工序",
                "陶瓷砖",
                "年产{}00万平方米",
                [0.0, 0.0, 2.2, 0.0],
                FEED,
                "用电量",
            ),
        ],
    },
    Profile {
        industry: "耐火材料",
        trade: "耐材",
        kind: Kind::Key,
        days: 300.0,
        weight: 4,
        lines: &[
            line(
                "隧道窑",
                "高铝砖",
                "年产{}万吨",
                [8.0, 15.0, 6.0, 0.0],
                GAS,
                "天然气用量、DCS记录",
            ),
            line(
                "破碎筛分工序",
                "高铝砖",
                "年产{}万吨",
                [0.0, 0.0, 3.1, 0.0],
                FEED,
                "用电量",
            ),
        ],
    },
    Profile {
        industry: "石灰窑",
        trade: "钙业",
        kind: Kind::Key,
        days: 320.0,
        weight: 3,
        lines: &[
            line(
                "石灰窑",
                "活性石灰",
                "年产{}万吨",
                [6.0, 21.0, 9.0, 0.0],
                FEED,
                "DCS记录、风机电流",
            ),
            line(
                "成品破碎工序",
                "活性石灰",
                "年产{}万吨",
                [0.0, 0.0, 2.0, 0.0],
                OUTPUT,
                "用电量",
            ),
        ],
    },
    Profile {
        industry: "家具制造",
        trade: "家具",
        kind: Kind::Key,
        days: 280.0,
        weight: 7,
        lines: &[
            line(
                "喷漆工序",
                "实木家具",
                "年产{}万件",
                [0.0, 0.0, 0.5, 6.2],
                PIECES,
                "用电量、VOCs治理设施运行记录",
            ),
            line(
                "开料打磨工序",
                "实木家具",
                "年产{}万件",
                [0.0, 0.0, 2.4, 0.0],
                PIECES,
                "用电量",
            ),
            line(
                "晾干工序",
                "实木家具",
                "年产{}万件",
                [0.0, 0.0, 0.0, 2.1],
                PIECES,
                "用电量",
            ),
        ],
    },
    Profile {
        industry: "包装印刷",
        trade: "彩印包装",
        kind: Kind::Key,
        days: 300.0,
        weight: 5,
        lines: &[
            line(
                "凹版印刷工序",
                "塑料软包装",
                "年产{}千吨",
                [0.0, 0.0, 0.0, 8.5],
                OUTPUT,
                "用电量、RTO运行温度",
            ),
            line(
                "复合工序",
                "塑料软包装",
                "年产{}千吨",
                [0.0, 0.0, 0.0, 4.6],
                OUTPUT,
                "用电量",
            ),
        ],
    },
    Profile {
        industry: "人造板制造",
        trade: "木业",
        kind: Kind::Key,
        days: 300.0,
        weight: 4,
        lines: &[
            line(
                "热压工序",
                "刨花板",
                "年产{}万立方米",
                [0.0, 0.0, 2.8, 4.1],
                OUTPUT,
                "导热油炉温度、用电量",
            ),
            line(
                "干燥工序",
                "刨花板",
                "年产{}万立方米",
                [2.1, 8.2, 5.0, 0.0],
                FEED,
                "DCS记录",
            ),
            line(
                "刨片工序",
                "刨花板",
                "年产{}万立方米",
                [0.0, 0.0, 1.9, 0.0],
                FEED,
                "用电量",
            ),
        ],
    },
    Profile {
        industry: "工业涂装",
        trade: "机械",
        kind: Kind::Key,
        days: 280.0,
        weight: 6,
        lines: &[
            line(
                "喷涂线",
                "农机零部件",
                "年产{}万件",
                [0.0, 0.0, 1.0, 7.0],
                PIECES,
                "用电量、VOCs在线监测数据",
            ),
            line(
                "烘干固化工序",
                "农机零部件",
                "年产{}万件",
                [0.0, 0.8, 0.0, 2.2],
                GAS,
                "天然气用量",
            ),
        ],
    },
    Profile {
        industry: "制药",
        trade: "药业",
        kind: Kind::Key,
        days: 330.0,
        weight: 3,
        lines: &[
            line(
                "合成车间",
                "原料药",
                "年产{}00吨",
                [0.0, 0.0, 0.4, 6.3],
                OUTPUT,
                "DCS记录、用电量",
            ),
            line(
                "锅炉房",
                "蒸汽",
                "{}蒸吨/小时",
                [3.0, 8.5, 1.1, 0.0],
                GAS,
                "天然气用量、蒸汽流量",
            ),
            line(
                "污水处理站",
                "—",
                "日处理{}00吨",
                [0.0, 0.0, 0.0, 1.2],
                OUTPUT,
                "用电量",
            ),
        ],
    },
    Profile {
        industry: "橡胶制品制造",
        trade: "橡胶",
        kind: Kind::Key,
        days: 300.0,
        weight: 3,
        lines: &[
            line(
                "炼胶工序",
                "输送带",
                "年产{}万平方米",
                [0.0, 0.0, 1.5, 3.1],
                FEED,
                "用电量",
            ),
            line(
                "硫化工序",
                "输送带",
                "年产{}万平方米",
                [0.0, 0.0, 0.0, 2.6],
                OUTPUT,
                "蒸汽流量、用电量",
            ),
        ],
    },
    Profile {
        industry: "有色金属压延",
        trade: "铝业",
        kind: Kind::Key,
        days: 320.0,
        weight: 2,
        lines: &[
            line(
                "熔铸工序",
                "铝板带",
                "年产{}万吨",
                [0.3, 4.2, 2.1, 0.0],
                GAS,
                "天然气用量、DCS记录",
            ),
            line(
                "冷轧工序",
                "铝板带",
                "年产{}万吨",
                [0.0, 0.0, 0.0, 1.6],
                OUTPUT,
                "用电量",
            ),
        ],
    },
    Profile {
        industry: "涂料制造",
        trade: "涂料",
        kind: Kind::Key,
        days: 280.0,
        weight: 2,
        lines: &[
            line(
                "分散研磨工序",
                "水性涂料",
                "年产{}千吨",
                [0.0, 0.0, 0.6, 4.2],
                FEED,
                "用电量",
            ),
            line(
                "调漆灌装工序",
                "水性涂料",
                "年产{}千吨",
                [0.0, 0.0, 0.0, 2.1],
                OUTPUT,
                "用电量",
            ),
        ],
    },
    Profile {
        industry: "食品加工",
        trade: "食品",
        kind: Kind::Other,
        days: 300.0,
        weight: 6,
        lines: &[
            line(
                "燃气锅炉",
                "蒸汽",
                "{}蒸吨/小时",
                [0.2, 1.3, 0.3, 0.0],
                GAS,
                "天然气用量",
            ),
            line(
                "烘焙工序",
                "面制品",
                "年产{}千吨",
                [0.0, 0.0, 0.4, 0.3],
                OUTPUT,
                "用电量",
            ),
        ],
    },
    Profile {
        industry: "金属制品",
        trade: "金属制品",
        kind: Kind::Other,
        days: 300.0,
        weight: 6,
        lines: &[
            line(
                "热镀锌工序",
                "镀锌钢管",
                "年产{}万吨",
                [0.0, 0.5, 1.6, 0.0],
                OUTPUT,
                "锌锅温度、用电量",
            ),
            line(
                "酸洗工序",
                "镀锌钢管",
                "年产{}万吨",
                [0.0, 0.0, 0.3, 0.0],
                OUTPUT,
                "用电量",
            ),
            line(
                "切割焊接工序",
                "镀锌钢管",
                "年产{}万吨",
                [0.0, 0.0, 0.8, 0.0],
                PIECES,
                "用电量",
            ),
        ],
    },
    Profile {
        industry: "木材加工",
        trade: "木制品",
        kind: Kind::Other,
        days: 280.0,
        weight: 5,
        lines: &[
            line(
                "锯切工序",
                "木方",
                "年产{}万立方米",
                [0.0, 0.0, 1.4, 0.0],
                FEED,
                "用电量",
            ),
            line(
                "烘干窑",
                "木方",
                "年产{}万立方米",
                [0.1, 0.9, 0.8, 0.4],
                FEED,
                "用电量、窑内温度",
            ),
        ],
    },
    Profile {
        industry: "砂石加工",
        trade: "砂石",
        kind: Kind::Other,
        days: 240.0,
        weight: 3,
        lines: &[line(
            "破碎筛分生产线",
            "机制砂",
            "年产{}0万吨",
            [0.0, 0.0, 6.5, 0.0],
            FEED,
            "用电量、视频监控",
        )],
    },
    Profile {
        industry: "塑料制品",
        trade: "塑业",
        kind: Kind::Other,
        days: 300.0,
        weight: 4,
        lines: &[
            line(
                "挤出造粒工序",
                "再生塑料颗粒",
                "年产{}千吨",
                [0.0, 0.0, 0.2, 1.4],
                OUTPUT,
                "用电量",
            ),
            line(
                "注塑工序",
                "塑料件",
                "年产{}万件",
                [0.0, 0.0, 0.0, 0.7],
                PIECES,
                "用电量",
            ),
        ],
    },
    Profile {
        industry: "化学原料和化学制品制造",
        trade: "化工",
        kind: Kind::Other,
        days: 330.0,
        weight: 3,
        lines: &[
            line(
                "反应釜车间",
                "精细化学品",
                "年产{}千吨",
                [0.0, 0.0, 0.3, 3.2],
                FEED,
                "DCS记录、用电量",
            ),
            line(
                "导热油炉",
                "热能",
                "{}万大卡",
                [0.4, 2.1, 0.4, 0.0],
                GAS,
                "天然气用量",
            ),
        ],
    },
    Profile {
        industry: "机械加工",
        trade: "机械配件",
        kind: Kind::SmallMicro,
        days: 280.0,
        weight: 5,
        lines: &[line(
            "机加工车间",
            "机械配件",
            "年产{}万件",
            [0.0, 0.0, 0.035, 0.0],
            PIECES,
            "用电量",
        )],
    },
    Profile {
        industry: "汽车维修",
        trade: "汽车服务",
        kind: Kind::SmallMicro,
        days: 300.0,
        weight: 4,
        lines: &[line(
            "喷烤漆房",
            "汽车钣喷",
            "年维修{}千台次",
            [0.0, 0.0, 0.004, 0.045],
            PIECES,
            "用电量",
        )],
    },
    Profile {
        industry: "粮食加工",
        trade: "面粉",
        kind: Kind::SmallMicro,
        days: 300.0,
        weight: 4,
        lines: &[line(
            "磨粉车间",
            "小麦粉",
            "年产{}千吨",
            [0.0, 0.0, 0.05, 0.0],
            OUTPUT,
            "用电量",
        )],
    },
    Profile {
        industry: "电力、热力生产和供应",
        trade: "热电",
        kind: Kind::Heating,
        days: 330.0,
        weight: 0,
        lines: &[
            line(
                "燃煤锅炉",
                "电力、蒸汽",
                "{}0兆瓦",
                [28.0, 64.0, 7.5, 0.0],
                FEED,
                "DCS记录、在线监测数据",
            ),
            line(
                "输煤系统",
                "—",
                "日输煤{}00吨",
                [0.0, 0.0, 2.2, 0.0],
                FEED,
                "用电量",
            ),
        ],
    },
    Profile {
        industry: "石材加工",
        trade: "石材",
        kind: Kind::Other,
        days: 260.0,
        weight: 0,
        lines: &[line(
            "切割打磨工序",
            "石材板材",
            "年产{}万平方米",
            [0.0, 0.0, 2.3, 0.0],
            OUTPUT,
            "用电量、视频监控",
        )],
    },
    Profile {
        industry: "五金加工",
        trade: "五金",
        kind: Kind::SmallMicro,
        days: 280.0,
        weight: 0,
        lines: &[line(
            "抛光工序",
            "五金件",
            "年产{}万件",
            [0.0, 0.0, 0.04, 0.0],
            PIECES,
            "用电量",
        )],
    },
];

/// Looks a profile up by industry.
pub fn profile(industry: &str) -> &'static Profile {
    PROFILES
        .iter()
        .find(|p| p.industry == industry)
        .expect("industry named in the generator exists")
}

/// Industries whose C-grade plants stop entirely at red (kilns and dusty plants in the
/// technical guide); other C-grade plants limit 80 % at red.
const C_STOPS_AT_RED: &[&str] = &["砖瓦窑", "石灰窑", "耐火材料", "铸造"];

/// Yellow, orange and red shares set for an industry, grade and class.
pub fn shares(profile: &Profile, grade: Grade, class: EnterpriseClass) -> [f64; 3] {
    if class == EnterpriseClass::SmallMicro {
        return [0.0; 3];
    }
    match profile.kind {
        Kind::Heating => [0.1, 0.2, 0.2],
        Kind::SmallMicro => [0.0; 3],
        Kind::Key => match grade {
            Grade::APlus | Grade::A | Grade::Leading => [0.0; 3],
            Grade::B | Grade::BMinus => [0.2, 0.3, 0.5],
            Grade::D => [1.0; 3],
            _ if C_STOPS_AT_RED.contains(&profile.industry) => [0.4, 0.5, 1.0],
            _ => [0.4, 0.6, 0.8],
        },
        Kind::Other => match profile.industry {
            "砂石加工" => [1.0; 3],
            "金属制品" => [0.5, 0.5, 1.0],
            "木材加工" => [0.3, 0.5, 1.0],
            "化学原料和化学制品制造" => [0.5, 0.5, 0.7],
            _ => [0.2, 0.3, 0.5],
        },
    }
}
