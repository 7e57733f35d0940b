//! Chinese names, phones and credit codes that look like the ones in real county lists.

use std::collections::HashSet;

use jianpai::model::{check_character, Contact};
use rand::seq::IndexedRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任",
    "姚", "卢", "付", "崔", "申", "牛", "范", "秦", "侯", "贾", "常", "岳",
];

const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "霞", "平", "刚", "桂英", "建国", "建华", "志强", "海燕", "红梅", "玉兰", "国庆",
    "卫东", "晓东", "文博", "俊杰", "建军", "振华", "新民", "永强", "春生", "金星", "保国", "书文",
    "利民", "红旗", "少华", "宏伟", "素云", "会芳", "二妮", "小红", "长青",
];

/// Words that open an enterprise's trade name (字号).
const TRADE_WORDS: &[&str] = &[
    "宏达",
    "鑫源",
    "恒泰",
    "华瑞",
    "金鼎",
    "永兴",
    "盛世",
    "天宇",
    "正大",
    "中州",
    "豫北",
    "瑞丰",
    "昌盛",
    "兴隆",
    "信达",
    "德润",
    "嘉禾",
    "万通",
    "博远",
    "祥和",
    "润泽",
    "泰山",
    "金马",
    "东方",
    "新世纪",
    "宏图",
    "聚源",
    "通达",
    "利源",
    "华夏",
    "汇丰",
    "鸿运",
    "安泰",
    "顺发",
    "隆基",
    "中原",
    "太行",
    "卫河",
    "淇水",
    "汇通",
    "佳美",
    "恒信",
    "宇通",
    "誉成",
    "广源",
    "富康",
    "三力",
    "新华",
    "立新",
    "同心",
    "永固",
    "众鑫",
    "明泰",
    "银河",
    "长城",
    "金盛",
    "豫龙",
    "中兴",
    "万达",
    "腾飞",
];

/// 乡镇(街道) of an invented county.
pub const TOWNS: &[&str] = &[
    "城关镇",
    "东关街道",
    "西关街道",
    "产业集聚区",
    "王庄乡",
    "柳园镇",
    "高堤乡",
    "南召镇",
    "北郭乡",
    "大屯镇",
    "马庄乡",
    "白寺镇",
    "孟岗镇",
    "六村乡",
    "新安镇",
];

/// Picks one of `items`.
pub fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    items.choose(rng).expect("non-empty word list")
}

/// A person's name: surname and one or two given characters.
pub fn person(rng: &mut ChaCha8Rng) -> String {
    format!("{}{}", pick(rng, SURNAMES), pick(rng, GIVEN))
}

/// An 11-digit mobile number of a Chinese carrier.
pub fn mobile(rng: &mut ChaCha8Rng) -> String {
    const PREFIXES: &[&str] = &[
        "130", "131", "132", "135", "137", "138", "139", "150", "151", "152", "155", "158", "159",
        "176", "177", "181", "182", "183", "186", "187", "188", "189", "199",
    ];
    let mut s = pick(rng, PREFIXES).to_string();
    for _ in 0..8 {
        s.push(char::from(b'0' + rng.random_range(0..10u8)));
    }
    s
}

/// A person and a phone: mostly mobiles, sometimes an office landline with area code.
pub fn contact(rng: &mut ChaCha8Rng, area_code: &str) -> Contact {
    let phone = if rng.random_bool(0.1) {
        format!("{area_code}-{}", rng.random_range(5_100_000..5_999_999u32))
    } else {
        mobile(rng)
    };
    Contact {
        name: person(rng),
        phone,
    }
}

/// Hands out unique enterprise names and credit codes for one county.
pub struct Registry {
    county: String,
    region: String,
    names: HashSet<String>,
    codes: HashSet<String>,
}

impl Registry {
    /// A registry for `county` whose codes carry the administrative `region` code (6 digits).
    pub fn new(county: &str, region: &str) -> Self {
        Registry {
            county: county.to_string(),
            region: region.to_string(),
            names: HashSet::new(),
            codes: HashSet::new(),
        }
    }

    /// A new name "county + 字号 + trade word + suffix", unique in the county.
    pub fn name(&mut self, rng: &mut ChaCha8Rng, trade: &str) -> String {
        const SUFFIXES: &[&str] = &[
            "有限公司",
            "有限公司",
            "有限公司",
            "有限责任公司",
            "股份有限公司",
        ];
        for attempt in 0.. {
            let word = pick(rng, TRADE_WORDS);
            let suffix = pick(rng, SUFFIXES);
            let name = if attempt < 30 {
                format!("{}{}{}{}", self.county, word, trade, suffix)
            } else {
                // Large benchmark lists run out of plain combinations: real lists then show
                // branch plants.
                let town = pick(rng, TOWNS);
                format!("{}{}{}{}{}分厂", self.county, word, trade, suffix, town)
                    + &attempt.to_string()
            };
            if self.reserve_name(&name) {
                return name;
            }
        }
        unreachable!("the loop only ends by returning")
    }

    /// Marks `name` as used; false when it already was. Names are compared without their
    /// company-form suffix (有限公司, 有限责任公司, 股份有限公司), as the reviewer compares them,
    /// so that only the planted `duplicate-enterprise` pair looks alike.
    pub fn reserve_name(&mut self, name: &str) -> bool {
        let base = name
            .trim_end_matches("股份有限公司")
            .trim_end_matches("有限责任公司")
            .trim_end_matches("有限公司");
        self.names.insert(base.to_string())
    }

    /// A new valid 统一社会信用代码: 9 (registered by market regulation) 1 (enterprise),
    /// the region, a 9-character organisation code and the GB 32100 check character.
    pub fn code(&mut self, rng: &mut ChaCha8Rng) -> String {
        const CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
        loop {
            let mut body = format!("91{}", self.region);
            if rng.random_bool(0.6) {
                body.push_str("MA");
                for _ in 0..7 {
                    body.push(char::from(*pick(rng, CHARS)));
                }
            } else {
                for _ in 0..8 {
                    body.push(char::from(b'0' + rng.random_range(0..10u8)));
                }
                body.push(char::from(*pick(rng, CHARS)));
            }
            let check = check_character(&body).expect("body drawn from the code's characters");
            let code = format!("{body}{check}");
            if self.codes.insert(code.clone()) {
                return code;
            }
        }
    }
}

/// The same code with a wrong check character (a typo as found in real lists).
pub fn break_check_character(code: &str) -> String {
    let (body, last) = code.split_at(17);
    let wrong = if last == "1" { '2' } else { '1' };
    format!("{body}{wrong}")
}
