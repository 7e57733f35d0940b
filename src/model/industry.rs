//! The 39 key industries of the national technical guide (技术指南 2020), Liaocheng's list.

/// The 39 key industries, as the list names them (`docs/method.md`, Background).
pub const KEY_INDUSTRIES: [&str; 39] = [
    "长流程联合钢铁",
    "短流程钢铁",
    "铁合金",
    "焦化",
    "石灰窑",
    "铸造",
    "氧化铝",
    "电解铝",
    "炭素",
    "铜冶炼",
    "铅锌冶炼",
    "钼冶炼",
    "再生铜铝铅锌",
    "有色金属压延",
    "水泥",
    "砖瓦窑",
    "陶瓷",
    "耐火材料",
    "玻璃",
    "岩矿棉",
    "玻璃钢",
    "防水建筑材料制造",
    "炼油与石油化工",
    "炭黑制造",
    "煤制氮肥",
    "制药",
    "农药制造",
    "涂料制造",
    "油墨制造",
    "纤维素醚",
    "包装印刷",
    "人造板制造",
    "塑料人造革与合成革制造",
    "橡胶制品制造",
    "制鞋",
    "家具制造",
    "汽车整车制造",
    "工程机械整机制造",
    "工业涂装",
];

/// True when `industry` names a key industry. Lists write industries loosely
/// (钢铁(长流程), 水泥制造, 砖瓦), so a name matches when either contains the other after
/// dropping 制造/行业/业 and brackets.
pub fn is_key_industry(industry: &str) -> bool {
    let norm = normalise(industry);
    if norm.is_empty() {
        return false;
    }
    KEY_INDUSTRIES.iter().any(|k| {
        let k = normalise(k);
        norm.contains(&k) || (norm.chars().count() >= 2 && k.contains(&norm))
    })
}

fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !"()（）".contains(*c))
        .collect::<String>()
        .replace("制造", "")
        .replace("行业", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_loose_names() {
        assert!(is_key_industry("水泥"));
        assert!(is_key_industry("水泥制造"));
        assert!(is_key_industry("家具制造"));
        assert!(is_key_industry("包装印刷"));
        assert!(is_key_industry("铸造"));
        assert!(!is_key_industry("食品加工"));
        assert!(!is_key_industry(""));
        assert!(!is_key_industry("金属制品"));
    }
}
