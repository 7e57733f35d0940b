//! Builds a county's list in memory: enterprises with their lines and measures, construction
//! sites, fleets, heating rows, the planted review faults and the whole-society baseline.

use jianpai::model::{
    Baseline, BaselineUnit, Contact, CountyBaseline, Enterprise, EnterpriseClass, Fleet, Grade,
    Heating, Level, List, Machinery, Measure, NonroadStage, PerLevel, PerPollutant, Pollutant,
    Site, Source, VehicleCounts,
};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use super::names::{self, pick, Registry, TOWNS};
use super::profiles::{self, Kind, LineProto, Profile, PROFILES};
use super::tally;

/// Which real-world layout a workbook is written in (`docs/workbook.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// 模板甲: title rows, two-row header with merged level groups, enterprise cells merged
    /// vertically, 总表 as a table.
    Jia,
    /// 模板乙: single-row header with aliases, enterprise cells on the first row only,
    /// levels red first, summary as one row.
    Yi,
}

/// What to generate for one county.
#[derive(Clone, Copy, Debug)]
pub struct CountySpec {
    /// File name without extension, e.g. 洹水县-2026-模板甲.
    pub stem: &'static str,
    /// The county (所属区县 and 地区).
    pub county: &'static str,
    /// Its 6-digit administrative code, used in credit codes.
    pub region: &'static str,
    /// Telephone area code of its landlines.
    pub area_code: &'static str,
    /// The list's year.
    pub year: i32,
    /// Seed of the ChaCha8 generator: same seed, same workbook.
    pub seed: u64,
    /// Layout of the workbook.
    pub layout: Layout,
    /// Number of enterprises on the industrial sheet.
    pub enterprises: usize,
    /// Number of construction sites.
    pub sites: usize,
    /// Number of heavy-vehicle users.
    pub fleets: usize,
    /// A second county-level unit (an 产业集聚区) within the area: every third construction
    /// site is listed under it, and the summary gives it and the county their own
    /// whole-society baselines (one row each, then the stated 合计), its PM baseline planted
    /// below its listed PM (`baseline-below-listed`). Only the 模板乙 layout writes it.
    pub district: Option<&'static str>,
}

/// A planted review fault, as recorded in `<stem>.faults.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fault {
    /// The review rule that must report it.
    pub rule: String,
    /// 企业名称 of the enterprise it is in.
    pub enterprise: String,
    /// Its 统一社会信用代码; empty for a construction site (named by `enterprise`); for a
    /// machine user that is not a listed enterprise, its name again (as the finding gives it).
    pub code: String,
}

/// The records that carry the planted faults, with the manifest.
struct Planted {
    enterprises: Vec<Enterprise>,
    fleets: Vec<Fleet>,
    sites: Vec<Site>,
    /// The heating row (by credit code) whose orange measure disagrees with its lines.
    heating_orange: Option<(String, String)>,
    faults: Vec<Fault>,
}

/// A generated county list with its planted faults.
#[derive(Clone, Debug)]
pub struct Sample {
    /// What was generated.
    pub spec: CountySpec,
    /// The list as the workbook states it.
    pub list: List,
    /// The planted faults; every other enterprise is clean.
    pub faults: Vec<Fault>,
}

/// The enterprise-level choices a generated enterprise is made from.
#[derive(Clone, Copy, Debug)]
struct Plan {
    profile: &'static Profile,
    grade: Grade,
    class: EnterpriseClass,
    guarantee: bool,
    cems: bool,
    shares: [f64; 3],
}

/// What a D-grade enterprise adds to its orange and red measures (济源: D级企业“停止新能源车
/// 以外的公路运输”), so that the list states its transport stop.
const D_TRANSPORT: &str = "，停止新能源车以外的公路运输";

/// Industry and grade combinations reserved for planted faults that must not have peers
/// (so that only the planted rule fires, never `peer-inconsistent`).
const ISOLATED: &[(&str, Grade)] = &[("耐火材料", Grade::D), ("陶瓷", Grade::B)];

struct Builder {
    rng: ChaCha8Rng,
    reg: Registry,
    spec: CountySpec,
}

/// Generates the list of `spec` with its planted faults and a baseline chosen so that yellow
/// and orange pass and red fails.
///
/// # Panics
/// When the measures drawn for `spec` cannot give that verdict (a new seed or size may need
/// another baseline rule).
pub fn county(spec: CountySpec) -> Sample {
    let mut b = Builder {
        rng: ChaCha8Rng::seed_from_u64(spec.seed),
        reg: Registry::new(spec.county, spec.region),
        spec,
    };
    let Planted {
        enterprises: specials,
        fleets: planted_fleets,
        sites: planted_sites,
        heating_orange,
        faults,
    } = b.plant_faults();
    let mut enterprises = b.heating_enterprises();
    enterprises.push(b.guarantee_pharma());
    while enterprises.len() + specials.len() < spec.enterprises {
        let plan = b.draw_plan();
        enterprises.push(b.enterprise(&plan));
    }
    enterprises.shuffle(&mut b.rng);
    // Fleets come from clean enterprises only, before the planted ones are mixed in.
    let mut fleets = b.fleets(&enterprises, spec.fleets - planted_fleets.len());
    for f in planted_fleets {
        let at = b.rng.random_range(0..=fleets.len());
        fleets.insert(at, f);
    }
    for e in specials {
        let at = b.rng.random_range(0..=enterprises.len());
        enterprises.insert(at, e);
    }
    keep_duplicate_second(&mut enterprises, &faults);
    let mut heating = b.heating_rows(&enterprises);
    if let Some((code, text)) = heating_orange {
        if let Some(h) = heating.iter_mut().find(|h| h.code == code) {
            h.measures.orange = text;
        }
    }
    let mut sites: Vec<Site> = (planted_sites.len()..spec.sites)
        .map(|_| b.site())
        .collect();
    for site in planted_sites {
        let at = b.rng.random_range(0..=sites.len());
        sites.insert(at, site);
    }
    let (machinery, machinery_fault) = b.machinery(&sites, &enterprises);
    let mut faults = faults;
    faults.push(machinery_fault);
    let mut list = List {
        area: spec.county.to_string(),
        year: Some(spec.year),
        enterprises,
        sites,
        fleets,
        heating,
        machinery,
        ..List::default()
    };
    crate::power::add_power_profiles(&mut list, spec);
    let baseline = tally::choose_baseline(&list);
    let verdict = tally::verdict(&list, &baseline);
    assert!(
        verdict == [true, true, false],
        "样例清单应黄色、橙色达标而红色不达标，实际为 {verdict:?}"
    );
    list.baseline = Some(baseline);
    if let Some(district) = spec.district {
        faults.push(split_district(&mut list, district));
    }
    Sample { spec, list, faults }
}

/// Lists every third site under `district` and gives the county and the district their own
/// whole-society baselines: the district a small part of the area's, its PM below its listed
/// PM (the planted fault, returned); the county the rest. The area's stated baseline, and so
/// its verdict, is unchanged.
///
/// # Panics
/// When the county's share would fall below its listed emissions (another fault).
fn split_district(list: &mut List, district: &str) -> Fault {
    for site in list.sites.iter_mut().step_by(3) {
        site.county = district.to_string();
    }
    let area = list.baseline.expect("the baseline is chosen first").amounts;
    let listed = tally::listed_daily(list, district);
    let round1 = |x: f64| (x * 10.0).round() / 10.0;
    let own = PerPollutant::from_fn(|p| match p {
        Pollutant::Pm => round1(listed[p as usize] * 365.0 * 0.8),
        _ => round1(area.get(p) * 0.04),
    });
    let county = list.area.clone();
    let rest = PerPollutant::from_fn(|p| round1(area.get(p) - own.get(p)));
    let county_listed = tally::listed_daily(list, &county);
    for p in Pollutant::ALL {
        assert!(
            county_listed[p as usize] * 365.0 <= *rest.get(p),
            "{county}的{}清单排放量超过其全社会排放量",
            p.name_zh()
        );
    }
    let unit = BaselineUnit::PerYear;
    list.county_baselines = vec![
        CountyBaseline {
            county,
            baseline: Baseline {
                amounts: rest,
                unit,
            },
        },
        CountyBaseline {
            county: district.to_string(),
            baseline: Baseline { amounts: own, unit },
        },
    ];
    Fault {
        rule: "baseline-below-listed".to_string(),
        enterprise: district.to_string(),
        code: String::new(),
    }
}

/// A fault-free list of layout 甲 with exactly `n_sources` industrial sources, for benchmarks.
pub fn big_list(n_sources: usize) -> List {
    let spec = CountySpec {
        stem: "洹水县-大清单",
        county: "洹水县",
        region: "410529",
        area_code: "0372",
        year: 2026,
        seed: 60_000,
        layout: Layout::Jia,
        enterprises: 0,
        sites: 30,
        fleets: 15,
        district: None,
    };
    let mut b = Builder {
        rng: ChaCha8Rng::seed_from_u64(spec.seed),
        reg: Registry::new(spec.county, spec.region),
        spec,
    };
    let mut enterprises = Vec::new();
    let mut count = 0;
    while count < n_sources {
        let plan = b.draw_plan();
        let mut e = b.enterprise(&plan);
        e.sources.truncate(n_sources - count);
        count += e.sources.len();
        enterprises.push(e);
    }
    let sites = (0..spec.sites).map(|_| b.site()).collect();
    let fleets = b.fleets(&enterprises, spec.fleets);
    let mut list = List {
        area: spec.county.to_string(),
        year: Some(spec.year),
        enterprises,
        sites,
        fleets,
        ..List::default()
    };
    list.baseline = Some(tally::choose_baseline(&list));
    list
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

impl Builder {
    /// Draws an ordinary, clean enterprise plan: industry by weight, grade in realistic
    /// proportions, never one of the isolated combinations.
    fn draw_plan(&mut self) -> Plan {
        let total: u32 = PROFILES.iter().map(|p| p.weight).sum();
        let mut ticket = self.rng.random_range(0..total);
        let profile = PROFILES
            .iter()
            .find(|p| {
                if ticket < p.weight {
                    true
                } else {
                    ticket -= p.weight;
                    false
                }
            })
            .expect("ticket below the total weight");
        loop {
            let grade = self.draw_grade(profile.kind);
            if !ISOLATED.contains(&(profile.industry, grade)) {
                return plan(profile, grade, false);
            }
        }
    }

    fn draw_grade(&mut self, kind: Kind) -> Grade {
        let roll = self.rng.random_range(0..100);
        match kind {
            Kind::Key => match roll {
                0..5 => Grade::A,
                5..7 => Grade::Leading,
                7..30 => Grade::B,
                30..86 => Grade::C,
                _ => Grade::D,
            },
            Kind::Other if roll < 15 => Grade::NonLeading,
            Kind::Other | Kind::SmallMicro => Grade::Unrated,
            Kind::Heating => Grade::B,
        }
    }

    /// An enterprise of `plan` with its lines and measures; all of it clean.
    fn enterprise(&mut self, plan: &Plan) -> Enterprise {
        let name = self.reg.name(&mut self.rng, plan.profile.trade);
        let code = self.reg.code(&mut self.rng);
        let area = self.spec.area_code;
        let scale = if plan.profile.kind == Kind::SmallMicro {
            self.rng.random_range(0.6..1.2)
        } else {
            self.rng.random_range(0.45..1.9)
        };
        let mut sources = Vec::new();
        for (i, proto) in plan.profile.lines.iter().enumerate() {
            if i > 0 && !self.rng.random_bool(0.85) {
                continue;
            }
            let small = plan.profile.kind == Kind::SmallMicro;
            let copies = if i == 0 && !small && self.rng.random_bool(0.6) {
                2
            } else {
                1
            };
            for copy in 0..copies {
                let name = if copies > 1 {
                    format!("{}#{}", copy + 1, proto.name)
                } else {
                    proto.name.to_string()
                };
                sources.push(self.line(proto, name, scale, plan));
            }
        }
        if matches!(plan.profile.kind, Kind::Key | Kind::Heating) {
            // Kilns, boilers and coating lines each vent through their own outlet.
            for (i, s) in sources.iter_mut().enumerate() {
                s.outlet = format!("DA{:03}", i + 1);
            }
        }
        if plan.grade == Grade::D {
            for s in &mut sources {
                for level in [Level::Orange, Level::Red] {
                    s.measures.get_mut(level).text.push_str(D_TRANSPORT);
                }
            }
        }
        let rng = &mut self.rng;
        Enterprise {
            name,
            code,
            county: self.spec.county.to_string(),
            town: pick(rng, TOWNS).to_string(),
            industry: plan.profile.industry.to_string(),
            grade: Some(plan.grade),
            class: Some(plan.class),
            guarantee: plan.guarantee,
            cems: Some(plan.cems),
            legal: names::contact(rng, area),
            responsible: Contact {
                name: names::person(rng),
                phone: names::mobile(rng),
            },
            supervisor: names::contact(rng, area),
            sources,
            ..Enterprise::default()
        }
    }

    /// One production line with its emissions and a measure per level.
    fn line(&mut self, proto: &LineProto, name: String, scale: f64, plan: &Plan) -> Source {
        let rng = &mut self.rng;
        let jitter = rng.random_range(0.8..1.2);
        let e = proto.emissions;
        let annual = PerPollutant::from_fn(|p| {
            let base = e[p as usize];
            (base > 0.0).then(|| round3((base * scale * jitter).max(0.001)))
        });
        let capacity = proto
            .capacity
            .replace("{}", &rng.random_range(1..20u32).to_string());
        let owner = names::contact(rng, self.spec.area_code);
        let measures = PerLevel::from_fn(|level| {
            let share = plan.shares[level as usize];
            measure(
                &mut self.rng,
                proto,
                &name,
                plan.profile.kind,
                share,
                &owner,
            )
        });
        Source {
            name,
            product: proto.product.to_string(),
            capacity,
            days: Some(plan.profile.days),
            annual,
            measures,
            ..Source::default()
        }
    }

    /// 热电 enterprises that also heat the town (保障类, 以热定产).
    fn heating_enterprises(&mut self) -> Vec<Enterprise> {
        let profile = profiles::profile("电力、热力生产和供应");
        (0..2)
            .map(|_| {
                let mut plan = plan(profile, Grade::B, true);
                plan.class = EnterpriseClass::Guarantee;
                self.enterprise(&plan)
            })
            .collect()
    }

    /// A pharmaceutical plant kept running as a guarantee enterprise, correctly graded B.
    fn guarantee_pharma(&mut self) -> Enterprise {
        let mut plan = plan(profiles::profile("制药"), Grade::B, true);
        plan.class = EnterpriseClass::Guarantee;
        self.enterprise(&plan)
    }

    fn heating_rows(&mut self, enterprises: &[Enterprise]) -> Vec<Heating> {
        enterprises
            .iter()
            .filter(|e| e.industry == "电力、热力生产和供应")
            .map(|e| {
                let load = self.rng.random_range(16..19u32) * 5;
                Heating {
                    name: e.name.clone(),
                    code: e.code.clone(),
                    area_10k_m2: Some(f64::from(self.rng.random_range(120..600u32))),
                    max_load: Some(f64::from(load) / 100.0),
                    measures: PerLevel::from_fn(|level| match level {
                        Level::Yellow => format!("以热定产，负荷不超过核定最大负荷{load}%"),
                        Level::Orange => "以热定产，燃煤锅炉负荷由100%降至80%".to_string(),
                        Level::Red => {
                            "以热定产，燃煤锅炉负荷由100%降至80%，输煤系统停止作业".to_string()
                        }
                    }),
                    ..Heating::default()
                }
            })
            .collect()
    }

    /// A construction site: stops earthworks at yellow, most work at orange, all at red.
    fn site(&mut self) -> Site {
        const KINDS: &[(&str, &[&str])] = &[
            (
                "房屋建筑",
                &[
                    "棚户区改造安置房",
                    "人民医院新院区",
                    "第二实验小学",
                    "商住小区",
                    "职业教育中心实训楼",
                ],
            ),
            (
                "市政道路",
                &[
                    "人民路东延",
                    "滨河大道",
                    "产业集聚区纬三路",
                    "老城区雨污分流改造",
                ],
            ),
            ("水利工程", &["卫河治理", "灌区续建配套", "城区水系连通"]),
            ("拆除工程", &["城中村改造拆除", "老旧厂房拆除"]),
            ("园林绿化", &["滨河公园", "城市绿廊"]),
        ];
        const CONTRACTORS: &[&str] = &[
            "河南省第一建设集团有限公司",
            "中建七局第二建筑有限公司",
            "河南五建建设集团有限公司",
            "安阳建工（集团）有限责任公司",
            "中铁七局集团第三工程有限公司",
            "河南省水利第二工程局集团有限公司",
            "鹤壁市城市建设工程有限公司",
        ];
        let rng = &mut self.rng;
        let county = self.spec.county;
        let (kind, projects) = *pick(rng, KINDS);
        let project = pick(rng, projects);
        let phase = ["", "一期", "二期", "三标段"][rng.random_range(0..4)];
        let name = format!("{county}{project}{phase}项目");
        let town = pick(rng, TOWNS);
        let days = f64::from(rng.random_range(18..31u32) * 10);
        let pm = round3(rng.random_range(0.6..5.5));
        let responsible = names::contact(rng, self.spec.area_code);
        let owner = responsible.clone();
        let texts = [
            (0.5, "停止土石方作业、拆除作业，增加洒水频次"),
            (0.7, "停止土石方、拆除、混凝土搅拌及室外喷涂作业"),
            (1.0, "全部停工，裸土全部覆盖"),
        ];
        let measures = PerLevel::from_fn(|level| {
            let (share, text) = texts[level as usize];
            Measure {
                text: text.to_string(),
                share: Some(share),
                key_indicator: "视频监控、扬尘在线监测数据".to_string(),
                prep_time: "2小时".to_string(),
                owner: owner.clone(),
                ..Measure::default()
            }
        });
        let mut unique = name.clone();
        let mut n = 2;
        while !self.reg.reserve_name(&unique) {
            unique = format!("{name}（{n}号地块）");
            n += 1;
        }
        let rng = &mut self.rng;
        Site {
            county: county.to_string(),
            name: unique,
            kind: kind.to_string(),
            address: format!("{county}{town}"),
            builder: format!(
                "{county}{}",
                pick(
                    rng,
                    &[
                        "城市建设投资有限公司",
                        "住房和城乡建设局",
                        "水利局",
                        "交通运输局",
                        "教育局"
                    ]
                )
            ),
            contractor: pick(rng, CONTRACTORS).to_string(),
            manager: names::contact(rng, self.spec.area_code),
            responsible,
            source: Source {
                days: Some(days),
                annual: PerPollutant {
                    so2: None,
                    nox: None,
                    pm: Some(pm),
                    vocs: None,
                },
                measures,
                ..Source::default()
            },
            ..Site::default()
        }
    }

    /// Non-road machinery: an excavator fleet of 国三 or 国四 on every site, loaders and
    /// forklifts in the first key-industry plants, and one site (the planted
    /// `nonroad-stage` fault, returned with it) still running a 国二 excavator at every level.
    fn machinery(&mut self, sites: &[Site], enterprises: &[Enterprise]) -> (Vec<Machinery>, Fault) {
        let county = self.spec.county.to_string();
        let row =
            |user: &str, kind: &str, stage, count, fuel: &str, measures: [&str; 3]| Machinery {
                county: county.clone(),
                user: user.to_string(),
                kind: kind.to_string(),
                stage,
                count: Some(count),
                fuel: fuel.to_string(),
                measures: PerLevel::from_fn(|l| measures[l as usize].to_string()),
                ..Machinery::default()
            };
        let site_measures = ["随土石方作业停止使用", "国二及以下停止使用", "停止使用"];
        let mut out = Vec::new();
        for site in sites {
            let stage = if self.rng.random_bool(0.5) {
                NonroadStage::Guo3
            } else {
                NonroadStage::Guo4
            };
            let n = self.rng.random_range(1..5);
            out.push(row(&site.name, "挖掘机", stage, n, "柴油", site_measures));
        }
        let plant_measures = ["正常作业", "国二及以下停止使用", "国三及以下停止使用"];
        for e in enterprises
            .iter()
            .filter(|e| e.class == Some(EnterpriseClass::Key) && e.grade != Some(Grade::D))
            .take(6)
        {
            let n = self.rng.random_range(1..4);
            out.push(row(
                &e.name,
                "装载机",
                NonroadStage::Guo4,
                n,
                "柴油",
                plant_measures,
            ));
            out.push(row(
                &e.name,
                "叉车",
                NonroadStage::NewEnergy,
                2,
                "电",
                ["", "", ""],
            ));
        }
        let site = &sites[self.rng.random_range(0..sites.len())];
        let at = self.rng.random_range(0..=out.len());
        out.insert(
            at,
            row(
                &site.name,
                "挖掘机",
                NonroadStage::Guo2,
                1,
                "柴油",
                ["正常作业", "", ""],
            ),
        );
        let fault = Fault {
            rule: "nonroad-stage".to_string(),
            enterprise: site.name.clone(),
            code: site.name.clone(),
        };
        (out, fault)
    }

    /// Heavy-vehicle users: the bigger bulk-material plants of the list and some logistics
    /// companies.
    fn fleets(&mut self, enterprises: &[Enterprise], n: usize) -> Vec<Fleet> {
        const BULK: &[&str] = &[
            "水泥",
            "砖瓦窑",
            "陶瓷",
            "石灰窑",
            "人造板制造",
            "砂石加工",
            "耐火材料",
        ];
        let mut fleets: Vec<Fleet> = enterprises
            .iter()
            .filter(|e| BULK.contains(&e.industry.as_str()) && e.grade != Some(Grade::D))
            .take(n / 2 + 1)
            .map(|e| (e.name.clone(), e.code.clone()))
            .collect::<Vec<_>>()
            .into_iter()
            .map(|(name, code)| self.fleet(name, code))
            .collect();
        while fleets.len() < n {
            let name = self.reg.name(&mut self.rng, "物流");
            let code = self.reg.code(&mut self.rng);
            fleets.push(self.fleet(name, code));
        }
        fleets
    }

    fn fleet(&mut self, name: String, code: String) -> Fleet {
        let rng = &mut self.rng;
        let trips = f64::from(rng.random_range(12..160u32));
        let vehicles = VehicleCounts {
            guo3_or_older: Some(0),
            guo4: Some(rng.random_range(8..20)),
            guo5: Some(rng.random_range(5..30)),
            guo6: Some(rng.random_range(10..50)),
            new_energy: Some(rng.random_range(0..15)),
        };
        // Orange bans 国四 and older: it can cut no more than their share of the fleet's
        // emission (`fleet-share-bound`), in steps of 5 %, at most 40 %.
        let orange = (ban_share(&vehicles, 4) * 20.0).floor() / 20.0;
        let orange = orange.min(0.4);
        let nox = round3(trips * rng.random_range(0.08..0.16));
        let pm = round3(nox * rng.random_range(0.03..0.06));
        let owner = names::contact(rng, self.spec.area_code);
        let texts = [
            (0.2, "错峰运输，减少重型柴油货车进出厂区"),
            (orange, "国四及以下重型柴油货车停止进出厂区"),
            (0.5, "仅允许国六及新能源车辆运输"),
        ];
        let measures = PerLevel::from_fn(|level| {
            let (share, text) = texts[level as usize];
            Measure {
                text: text.to_string(),
                share: Some(share),
                key_indicator: "门禁系统车辆进出记录".to_string(),
                prep_time: "1小时".to_string(),
                owner: owner.clone(),
                ..Measure::default()
            }
        });
        Fleet {
            county: self.spec.county.to_string(),
            name,
            code,
            daily_trips: Some(trips),
            vehicles,
            source: Source {
                days: Some(300.0),
                annual: PerPollutant {
                    so2: None,
                    nox: Some(nox),
                    pm: Some(pm),
                    vocs: None,
                },
                measures,
                ..Source::default()
            },
            ..Fleet::default()
        }
    }

    /// The planted faults (one per review rule) and the records that carry them.
    fn plant_faults(&mut self) -> Planted {
        let mut out: Vec<(&str, Enterprise)> = Vec::new();
        let key = |industry: &str, grade: Grade| plan(profiles::profile(industry), grade, false);

        // A D-grade plant that keeps one line running at half load (with CEMS, so that only
        // the D-grade rule fires).
        let mut p = key("耐火材料", Grade::D);
        p.cems = true;
        let mut e = self.enterprise(&p);
        set_level_measures(&mut e.sources[0], [0.5; 3], "限产50%");
        for level in [Level::Orange, Level::Red] {
            e.sources[0]
                .measures
                .get_mut(level)
                .text
                .push_str(D_TRANSPORT);
        }
        out.push(("d-grade-not-stopped", e));

        // Red weaker than orange.
        let mut p = key("陶瓷", Grade::B);
        p.shares = [0.2, 0.5, 0.3];
        out.push(("level-weaker", self.enterprise(&p)));

        // Five 家具制造 C-grade peers; the last limits 25 points less at every level.
        for _ in 0..4 {
            let e = self.enterprise(&key("家具制造", Grade::C));
            out.push(("", e));
        }
        let mut p = key("家具制造", Grade::C);
        p.shares = p.shares.map(|s| ((s - 0.25) * 100.0).round() / 100.0);
        out.push(("peer-inconsistent", self.enterprise(&p)));

        // A guarantee enterprise of a key industry graded only C.
        let mut p = key("制药", Grade::C);
        p.class = EnterpriseClass::Guarantee;
        p.guarantee = true;
        out.push(("guarantee-below-b", self.enterprise(&p)));

        // A 小微涉气 enterprise emitting several hundred kg a year.
        let mut e = self.enterprise(&key("机械加工", Grade::Unrated));
        e.sources[0].annual.pm = Some(0.286);
        e.sources[0].annual.vocs = Some(0.052);
        out.push(("small-micro-too-large", e));

        // A 小微涉气 enterprise that is limited at red.
        let mut p = key("五金加工", Grade::Unrated);
        p.shares = [0.0, 0.0, 0.3];
        out.push(("small-micro-restricted", self.enterprise(&p)));

        // Rotating stops in four batches.
        let mut p = key("石材加工", Grade::Unrated);
        p.shares = [0.25, 0.5, 1.0];
        let mut e = self.enterprise(&p);
        e.sources[0].measures.yellow.text = "分4批轮流停产".to_string();
        out.push(("rotation-over-3-batches", e));

        // A share without anything to verify it by.
        let mut e = self.enterprise(&key("金属制品", Grade::Unrated));
        for level in Level::ALL {
            e.sources[0].measures.get_mut(level).key_indicator.clear();
        }
        out.push(("not-verifiable", e));

        // No phone for the emergency-reduction responsible person.
        let mut e = self.enterprise(&key("食品加工", Grade::Unrated));
        e.responsible.phone.clear();
        out.push(("missing-responsible", e));

        // A key-industry plant that limits without online monitoring.
        let mut p = key("工业涂装", Grade::C);
        p.cems = false;
        out.push(("cems-required", self.enterprise(&p)));

        // The same plant twice, as 有限公司 and 有限责任公司, with different codes.
        let first = self.enterprise(&key("化学原料和化学制品制造", Grade::Unrated));
        let base = first
            .name
            .trim_end_matches("股份有限公司")
            .trim_end_matches("有限责任公司")
            .trim_end_matches("有限公司")
            .to_string();
        let mut a = first;
        a.name = format!("{base}有限公司");
        let mut b = self.enterprise(&key("化学原料和化学制品制造", Grade::Unrated));
        b.name = format!("{base}有限责任公司");
        out.push(("", a));
        out.push(("duplicate-enterprise", b));

        // A typo in the check character.
        let mut e = self.enterprise(&key("木材加工", Grade::Unrated));
        e.code = names::break_check_character(&e.code);
        out.push(("credit-code-check", e));

        // A line whose text says it stops while its share is 50 %.
        let mut e = self.enterprise(&key("金属制品", Grade::Unrated));
        e.sources[0].measures.yellow.text = "停产".to_string();
        out.push(("text-share-mismatch", e));

        // A D-grade cement plant whose transport only bans 国四 and older at orange and red.
        let e = self.enterprise(&key("水泥", Grade::D));
        let d_fleet = self.fleet(e.name.clone(), e.code.clone());
        out.push(("d-grade-transport", e));

        // A key-industry plant that was never graded.
        out.push((
            "key-industry-ungraded",
            self.enterprise(&key("家具制造", Grade::Unrated)),
        ));

        // A heating plant whose 协同供暖 row promises 50 % at orange, its lines 20 %.
        let mut p = plan(profiles::profile("电力、热力生产和供应"), Grade::B, true);
        p.class = EnterpriseClass::Guarantee;
        let e = self.enterprise(&p);
        let heating_orange = Some((
            e.code.clone(),
            "以热定产，燃煤锅炉负荷由100%降至50%".to_string(),
        ));
        out.push(("heating-mismatch", e));

        let mut faults: Vec<Fault> = out
            .iter()
            .filter(|(rule, _)| !rule.is_empty())
            .map(|(rule, e)| Fault {
                rule: rule.to_string(),
                enterprise: e.name.clone(),
                code: e.code.clone(),
            })
            .collect();

        // A heavy-vehicle user that keeps its 国四 trucks at orange and red.
        let name = self.reg.name(&mut self.rng, "物流");
        let code = self.reg.code(&mut self.rng);
        let mut no_ban = self.fleet(name, code);
        for level in Level::ALL {
            let m = no_ban.source.measures.get_mut(level);
            m.text = "错峰运输，减少重型柴油货车进出厂区".to_string();
            m.share = Some(0.2);
        }
        // A fleet claiming 40 % at orange by banning its one 国四 truck of 58.
        let name = self.reg.name(&mut self.rng, "物流");
        let code = self.reg.code(&mut self.rng);
        let mut overclaim = self.fleet(name, code);
        overclaim.vehicles = VehicleCounts {
            guo3_or_older: Some(0),
            guo4: Some(1),
            guo5: Some(20),
            guo6: Some(37),
            new_energy: Some(0),
        };
        overclaim.source.measures.orange.share = Some(0.4);
        for (rule, f) in [("truck-ban", &no_ban), ("fleet-share-bound", &overclaim)] {
            faults.push(Fault {
                rule: rule.to_string(),
                enterprise: f.name.clone(),
                code: f.code.clone(),
            });
        }

        // A construction site that only sprinkles at yellow.
        let mut site = self.site();
        site.source.measures.yellow.text = "增加洒水频次，裸土全部覆盖".to_string();
        faults.push(Fault {
            rule: "site-earthworks".to_string(),
            enterprise: site.name.clone(),
            code: String::new(),
        });

        Planted {
            enterprises: out.into_iter().map(|(_, e)| e).collect(),
            fleets: vec![no_ban, overclaim, d_fleet],
            sites: vec![site],
            heating_orange,
            faults,
        }
    }
}

/// Puts the planted duplicate after its original, so that the enterprise the manifest names
/// is the one listed second (the reviewer reports the later record of a pair).
fn keep_duplicate_second(enterprises: &mut [Enterprise], faults: &[Fault]) {
    let Some(dup) = faults.iter().find(|f| f.rule == "duplicate-enterprise") else {
        return;
    };
    let original = dup.enterprise.replace("有限责任公司", "有限公司");
    let pos = |name: &str| enterprises.iter().position(|e| e.name == name);
    if let (Some(a), Some(b)) = (pos(&original), pos(&dup.enterprise)) {
        if a > b {
            enterprises.swap(a, b);
        }
    }
}

/// The plan of a clean enterprise of `profile` and `grade`: class from the industry, CEMS on
/// key-industry plants that do not stop entirely, measures from the county's table.
fn plan(profile: &'static Profile, grade: Grade, guarantee: bool) -> Plan {
    let class = match profile.kind {
        Kind::Key => EnterpriseClass::Key,
        Kind::Other => EnterpriseClass::Other,
        Kind::SmallMicro => EnterpriseClass::SmallMicro,
        Kind::Heating => EnterpriseClass::Guarantee,
    };
    let cems = matches!(profile.kind, Kind::Key | Kind::Heating) && grade != Grade::D;
    Plan {
        profile,
        grade,
        class,
        guarantee,
        cems,
        shares: profiles::shares(profile, grade, class),
    }
}

/// The share of a fleet's transport emission that banning stages up to `stage` removes, with
/// the per-vehicle weights of the `fleet-share-bound` rule's settings.
fn ban_share(v: &VehicleCounts, stage: u8) -> f64 {
    let rules = jianpai::review::Rules::builtin();
    let f = |key, default| rules.threshold("fleet-share-bound", key, default);
    let weighted = [
        (3, v.guo3_or_older, f("factor_guo3_or_older", 5.0)),
        (4, v.guo4, f("factor_guo4", 3.5)),
        (5, v.guo5, f("factor_guo5", 2.0)),
        (6, v.guo6, f("factor_guo6", 0.4)),
        (8, v.new_energy, f("factor_new_energy", 0.0)),
    ];
    let sum = |up_to: u8| -> f64 {
        weighted
            .iter()
            .filter(|(s, _, _)| *s <= up_to)
            .map(|(_, n, w)| f64::from(n.unwrap_or(0)) * w)
            .sum()
    };
    let total = sum(u8::MAX);
    if total > 0.0 {
        sum(stage) / total
    } else {
        0.0
    }
}

/// Sets the same share and text at every level of `source`.
fn set_level_measures(source: &mut Source, shares: [f64; 3], text: &str) {
    for level in Level::ALL {
        let m = source.measures.get_mut(level);
        m.share = Some(shares[level as usize]);
        m.text = text.to_string();
    }
}

/// A measure with `share` and a text of one of the real patterns of
/// `docs/method.md` that reads to exactly that share.
fn measure(
    rng: &mut ChaCha8Rng,
    proto: &LineProto,
    line: &str,
    kind: Kind,
    share: f64,
    owner: &Contact,
) -> Measure {
    let pct = (share * 100.0).round() as u32;
    let plain_name = !line.contains('#');
    let text = if pct == 0 {
        if kind == Kind::SmallMicro {
            "自主减排，加强治理设施运维管理".to_string()
        } else {
            pick(rng, &["自主减排", "自主采取减排措施"]).to_string()
        }
    } else if pct == 100 {
        match rng.random_range(0..4) {
            0 if plain_name => format!("{line}停产"),
            1 => "全部停产".to_string(),
            2 => "停止生产".to_string(),
            _ => "停产".to_string(),
        }
    } else if kind == Kind::Heating {
        format!("以热定产，负荷由100%降至{}%", 100 - pct)
    } else {
        match rng.random_range(0..5) {
            0 => format!("限产{pct}%"),
            1 => format!("限产不低于{pct}%"),
            2 if pct.is_multiple_of(5) => {
                let (what, unit) = proto.quantity;
                let step = if unit == "立方米" { 200 } else { 20 };
                let from = step * rng.random_range(10..60u32);
                let to = from * (100 - pct) / 100;
                format!("{what}由{from}{unit}降低到{to}{unit}")
            }
            3 => format!("负荷由100%降至{}%", 100 - pct),
            _ if plain_name => format!("{line}限产{pct}%"),
            _ => format!("限产{pct}%"),
        }
    };
    let given = pct > 0;
    Measure {
        text,
        share: Some(share),
        key_indicator: if given {
            proto.indicator.to_string()
        } else {
            String::new()
        },
        prep_time: if given {
            pick(rng, &["2小时", "4小时", "6小时", "12小时", "24小时"]).to_string()
        } else {
            String::new()
        },
        owner: owner.clone(),
        ..Measure::default()
    }
}

/// Whole-society emissions in t/a, one decimal, as inventories state them.
pub fn baseline_from_daily(daily: [f64; 4]) -> Baseline {
    let amounts = PerPollutant::from_fn(|p| (daily[p as usize] * 365.0 * 10.0).round() / 10.0);
    Baseline {
        amounts,
        unit: BaselineUnit::PerYear,
    }
}
