//! A generator of synthetic but realistic `.budget` departments.
//!
//! Shared by `examples/gen-corpus.rs`, the benchmarks in `benches/` and the
//! corpus tests in `tests/corpus.rs`, each of which includes this file with
//! `#[path = "…/benches/support/corpus.rs"] mod corpus;` — it is test and
//! benchmark tooling, so it stays out of the library's public API.
//!
//! Every generated department is consistent: it checks with no error and no
//! warning. Codes and names come from the shipped catalog (`catalog/`), every
//! total is computed from its parts, and the cross-table rules hold by
//! construction (income = expenditure by source; the economic table = the
//! 一般公共预算 basic expenditure; projects = the 项目 cells of their 项;
//! 三公 items cover their economic lines; 机关运行经费 = the 公用经费 of the
//! 行政 and 参公 units; the 申报表 funding = the project's amount …).
//!
//! Output is a pure function of `(seed, index)`: the same seed gives
//! byte-identical files, and department `i` does not depend on how many are
//! generated. The PRNG is splitmix64 (no `rand` crate).
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The seed used when none is given.
pub const DEFAULT_SEED: u64 = 2024;

const FUNCTION_CSV: &str = include_str!("../../catalog/function-codes.csv");
const ECONOMIC_CSV: &str = include_str!("../../catalog/economic-department.csv");

// ----------------------------------------------------------------------------
// PRNG

/// splitmix64: small, fast, good enough for test data, and stable forever.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        debug_assert!(lo <= hi);
        lo + self.next_u64() % (hi - lo + 1)
    }
    pub fn usize(&mut self, lo: usize, hi: usize) -> usize {
        self.range(lo as u64, hi as u64) as usize
    }
    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.range(0, 99) < percent
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.usize(0, xs.len() - 1)]
    }
    pub fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = self.usize(0, i);
            xs.swap(i, j);
        }
    }
}

// ----------------------------------------------------------------------------
// The catalog

struct Code {
    code: &'static str,
    name: &'static str,
}

fn rows(csv: &'static str, level: &str) -> Vec<Code> {
    csv.lines()
        .skip(1)
        .filter_map(|l| {
            let mut f = l.split(',');
            let code = f.next()?.trim();
            let lv = f.next()?.trim();
            let name = f.next()?.trim();
            (lv == level).then_some(Code { code, name })
        })
        .collect()
}

fn name_of(csv: &'static str, code: &str) -> &'static str {
    csv.lines()
        .skip(1)
        .find_map(|l| {
            let mut f = l.split(',');
            (f.next()? == code).then(|| f.nth(1)).flatten()
        })
        .unwrap_or("")
}

/// 项 names paid from 基本支出 (staff, pensions, running costs).
const BASIC_ITEMS: &[&str] = &[
    "行政运行",
    "事业运行",
    "行政单位离退休",
    "事业单位离退休",
    "机关事业单位基本养老保险缴费支出",
    "机关事业单位职业年金缴费支出",
    "其他行政事业单位养老支出",
    "行政单位医疗",
    "事业单位医疗",
    "住房公积金",
    "购房补贴",
];

/// 政府经济分类 款 for a 部门经济分类 款, by unit kind.
fn government_code(econ: &str, institution: bool) -> &'static str {
    let k = &econ[..3];
    if institution {
        return match k {
            "301" => "50501",
            "302" => "50502",
            "303" => match econ {
                "30301" | "30302" => "50905",
                "30305" | "30306" => "50901",
                "30308" => "50902",
                _ => "50999",
            },
            _ => "50601",
        };
    }
    match econ {
        "30101" | "30102" | "30103" | "30107" => "50101",
        "30108" | "30109" | "30110" | "30111" | "30112" => "50102",
        "30113" => "50103",
        "30106" | "30114" | "30199" => "50199",
        "30215" => "50202",
        "30216" => "50203",
        "30218" => "50204",
        "30227" => "50205",
        "30217" => "50206",
        "30212" => "50207",
        "30231" => "50208",
        "30213" => "50209",
        "30201" | "30202" | "30203" | "30204" | "30205" | "30206" | "30207" | "30208" | "30209"
        | "30211" => "50201",
        "30301" | "30302" => "50905",
        "30305" | "30306" => "50901",
        "30308" => "50902",
        "31001" => "50301",
        "31005" => "50302",
        "31013" => "50303",
        "31002" | "31003" | "31007" => "50306",
        "31006" => "50307",
        c if c.starts_with("302") => "50299",
        c if c.starts_with("303") => "50999",
        _ => "50399",
    }
}

// ----------------------------------------------------------------------------
// Words

/// Shanxi counties (山西县级, 万元) and Shanghai districts (上海区级, 元).
const SHANXI: &[&str] = &[
    "晋中市榆次区",
    "太原市小店区",
    "大同市平城区",
    "长治市潞州区",
    "运城市盐湖区",
    "临汾市尧都区",
    "吕梁市离石区",
    "忻州市忻府区",
    "晋城市城区",
    "阳泉市郊区",
];
const SHANGHAI: &[&str] = &[
    "上海市普陀区",
    "上海市静安区",
    "上海市徐汇区",
    "上海市闵行区",
    "上海市杨浦区",
    "上海市长宁区",
];
const AGENCIES: &[&str] = &[
    "农业农村局",
    "教育局",
    "卫生健康局",
    "民政局",
    "人力资源和社会保障局",
    "住房和城乡建设局",
    "市场监督管理局",
    "文化和旅游局",
    "科学技术局",
    "司法局",
    "统计局",
    "商务局",
    "生态环境局",
    "城市管理局",
    "应急管理局",
    "退役军人事务局",
    "医疗保障局",
    "体育局",
];
const CENTERS: &[&str] = &[
    "综合服务中心",
    "信息中心",
    "事务服务中心",
    "执法大队",
    "技术推广站",
    "发展研究中心",
    "档案室",
    "宣传教育中心",
    "监测站",
    "后勤保障中心",
];
const TOPICS: &[&str] = &[
    "人居环境整治",
    "公共服务能力提升",
    "信息化系统运维",
    "专项普查",
    "社区治理",
    "就业困难人员帮扶",
    "公益性岗位",
    "老年人关爱服务",
    "群众体育活动",
    "科普宣传",
    "公共法律服务",
    "食品安全抽检",
    "安全生产检查",
    "网格化管理",
    "绿化养护",
    "环境卫生保洁",
    "市容市貌整治",
    "党建工作",
    "档案数字化",
    "统计调查",
    "产业发展促进",
    "中小企业扶持",
    "技能培训",
    "困难群众救助",
    "计划生育服务",
    "宣传文化活动",
    "应急物资储备",
    "办公楼维修改造",
    "执法装备购置",
    "志愿服务",
];
const SUFFIXES: &[&str] = &[
    "经费",
    "专项经费",
    "项目",
    "工作经费",
    "专项资金",
    "补助资金",
];
/// 数量指标: (what is counted, its unit).
const MEASURES: &[(&str, &str)] = &[
    ("开展次数", "次"),
    ("覆盖人次", "人次"),
    ("完成数量", "项"),
    ("服务户数", "户"),
    ("举办场次", "场"),
    ("印发资料", "份"),
];
const QUALITY: &[&str] = &[
    "高质量完成",
    "符合相关标准",
    "验收合格",
    "严格执行",
    "达到预期",
];
const TIMELY: &[&str] = &["全年", "年底前", "当年完成", "按时完成", "2024年12月底前"];
const OUTCOMES: &[&str] = &[
    "有效提升",
    "明显改善",
    "有利于",
    "持续推进",
    "稳步提高",
    "有效促进",
];
const ECO: &[&str] = &[
    "节能减排水平",
    "绿化覆盖率",
    "生态环境质量",
    "垃圾分类覆盖率",
    "节约能耗",
];
const SOCIAL: &[&str] = &[
    "群众获得感",
    "公共服务水平",
    "社会治理能力",
    "居民生活质量",
    "基层工作效率",
];

// ----------------------------------------------------------------------------
// Shapes

/// How big a department is.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub units: usize,
    /// 项 rows in 支出 (the catalog has 49 项 codes: at most that many).
    pub rows: usize,
    /// 款 rows over all 基本支出 blocks.
    pub economic: usize,
    pub projects: usize,
}

impl Shape {
    /// The largest department the generator makes.
    pub const LARGE: Shape = Shape {
        units: 6,
        rows: 80,
        economic: 60,
        projects: 40,
    };
    fn random(rng: &mut Rng) -> Shape {
        Shape {
            units: rng.usize(1, 6),
            rows: rng.usize(20, 80),
            economic: rng.usize(30, 60),
            projects: rng.usize(5, 40),
        }
    }
}

// ----------------------------------------------------------------------------
// The generator

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Admin,
    Civil,
    Institution,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Admin => "行政",
            Kind::Civil => "参公",
            Kind::Institution => "事业",
        }
    }
}

struct Unit {
    name: String,
    kind: Kind,
}

/// One cell of a 项 row: (项目?, source, 结转?, 元).
#[derive(Clone, Copy)]
struct Cell {
    project: bool,
    own_source: bool,
    fund: bool,
    carry: bool,
    yuan: i64,
}

struct Row {
    code: &'static str,
    name: &'static str,
    cells: Vec<Cell>,
    last_year: Option<i64>,
}

struct EconRow {
    code: &'static str,
    name: &'static str,
    personnel: bool,
    yuan: i64,
}

struct Project {
    name: String,
    /// What it is about (its indicators are named after it).
    topic: &'static str,
    unit: usize,
    code: &'static str,
    operating: bool,
    general: i64,
    fund: i64,
    own: i64,
    carry: i64,
    published: bool,
}

impl Project {
    fn total(&self) -> i64 {
        self.general + self.fund + self.own + self.carry
    }
}

struct Gen {
    rng: Rng,
    /// 金额单位 万元 (Shanxi style) or 元 (Shanghai style).
    wan: bool,
    /// Amounts are multiples of this many 元.
    step: i64,
    /// Group digits with commas.
    commas: bool,
    /// The non-fiscal source's name: 单位资金 or 事业收入.
    own_source: &'static str,
    out: String,
}

/// Generate department `index` of the corpus with `seed`.
pub fn department(seed: u64, index: usize) -> String {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0xA24B_AED4_963E_E407));
    rng.next_u64();
    let shape = Shape::random(&mut rng);
    generate(rng, shape)
}

/// A department of the largest shape.
pub fn large(seed: u64) -> String {
    let mut rng = Rng::new(seed ^ 0x1A26_E000);
    rng.next_u64();
    generate(rng, Shape::LARGE)
}

/// The file name of department `index`.
pub fn file_name(index: usize) -> String {
    format!("dept-{index:05}.budget")
}

/// Write `n` departments into `dir` (created if needed); returns their paths.
pub fn write_corpus(n: usize, dir: &Path, seed: u64) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let p = dir.join(file_name(i));
        std::fs::write(&p, department(seed, i))?;
        out.push(p);
    }
    Ok(out)
}

/// The departments of a list (`(seed, index)`) that `check` finds fault
/// with, checked on `threads` threads: what `check(name, text)` says of
/// each (a department's name is its seed and [`file_name`]), in the list's
/// order. A check that panics is a fault too.
///
/// The generator is also compiled inside the library's own tests, so the
/// check is the caller's (`benches/support/clean.rs` has the one that runs
/// `budget check`).
pub fn unclean<F>(departments: &[(u64, usize)], threads: usize, check: F) -> Vec<String>
where
    F: Fn(&str, &str) -> Option<String> + Sync,
{
    let threads = threads.clamp(1, departments.len().max(1));
    let chunk = departments.len().div_ceil(threads).max(1);
    let check = &check;
    std::thread::scope(|s| {
        let workers: Vec<_> = departments
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .filter_map(|&(seed, i)| {
                            let name = format!("seed {seed} {}", file_name(i));
                            let src = department(seed, i);
                            let run = std::panic::AssertUnwindSafe(|| check(&name, &src));
                            std::panic::catch_unwind(run)
                                .unwrap_or_else(|_| Some(format!("{name}: the check panicked")))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|_| vec!["a checking thread panicked".into()])
            })
            .collect()
    })
}

fn generate(mut rng: Rng, shape: Shape) -> String {
    let wan = rng.chance(50);
    let step = if wan { 100 } else { *rng.pick(&[1, 10, 100]) };
    let commas = rng.chance(50);
    let mut g = Gen {
        rng,
        wan,
        step,
        commas,
        own_source: if wan { "单位资金" } else { "事业收入" },
        out: String::with_capacity(64 * 1024),
    };
    g.write(shape);
    g.out
}

impl Gen {
    /// An amount in `lo..=hi` 元, a multiple of the step.
    fn amount(&mut self, lo: i64, hi: i64) -> i64 {
        let v = self.rng.range(lo as u64, hi as u64) as i64;
        (v / self.step).max(1) * self.step
    }

    /// Split `total` into `k` positive multiples of the step.
    fn split(&mut self, total: i64, k: usize) -> Vec<i64> {
        let units = total / self.step;
        assert!(units >= k as i64, "cannot split {total} into {k}");
        let weights: Vec<i64> = (0..k).map(|_| self.rng.range(1, 100) as i64).collect();
        let sum: i64 = weights.iter().sum();
        let spare = units - k as i64;
        let mut parts: Vec<i64> = weights.iter().map(|w| 1 + spare * w / sum).collect();
        let used: i64 = parts.iter().sum();
        parts[0] += units - used;
        parts.iter().map(|p| p * self.step).collect()
    }

    /// An amount as written in the file's unit.
    fn money(&self, yuan: i64) -> String {
        if self.wan {
            debug_assert!(yuan % 100 == 0);
            let int = yuan / 10_000;
            let frac = (yuan % 10_000) / 100;
            format!("{}.{frac:02}", self.group(int))
        } else {
            self.group(yuan)
        }
    }

    /// An amount with an explicit unit: `1.35万元` when exact, else `13500元`.
    fn money_unit(&self, yuan: i64, wan: bool) -> String {
        if wan && yuan % 100 == 0 {
            let int = yuan / 10_000;
            let frac = (yuan % 10_000) / 100;
            format!("{int}.{frac:02}万元")
        } else {
            format!("{}元", self.group(yuan))
        }
    }

    fn group(&self, n: i64) -> String {
        let s = n.to_string();
        if !self.commas {
            return s;
        }
        let mut out = String::with_capacity(s.len() + s.len() / 3);
        for (i, ch) in s.chars().enumerate() {
            if i > 0 && (s.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(ch);
        }
        out
    }

    fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn write(&mut self, shape: Shape) {
        let region = *self.rng.pick(if self.wan { SHANXI } else { SHANGHAI });
        let agency = *self.rng.pick(AGENCIES);
        let dept = format!("{region}{agency}");
        let year = 2024;

        // --- units
        let mut units = vec![Unit {
            name: if shape.units > 1 {
                format!("{dept}（本部）")
            } else {
                dept.clone()
            },
            kind: if self.rng.chance(80) {
                Kind::Admin
            } else {
                Kind::Institution
            },
        }];
        let mut centers: Vec<&str> = CENTERS.to_vec();
        self.rng.shuffle(&mut centers);
        for c in centers.iter().take(shape.units - 1) {
            let kind = if self.rng.chance(25) {
                Kind::Civil
            } else {
                Kind::Institution
            };
            units.push(Unit {
                name: format!("{region}{agency}{c}"),
                kind,
            });
        }

        // --- economic tables (one block per unit), 一般公共预算 当年 基本支出
        let econ_pool = rows(ECONOMIC_CSV, "款");
        let usable: Vec<&Code> = econ_pool
            .iter()
            .filter(|c| ["301", "302", "303", "310"].contains(&&c.code[..3]))
            .collect();
        let per_unit = self.split_count(shape.economic, units.len(), 5, usable.len());
        let mut blocks: Vec<Vec<EconRow>> = Vec::new();
        for (u, n) in units.iter().zip(&per_unit) {
            let mut pick: Vec<&Code> = usable.clone();
            self.rng.shuffle(&mut pick);
            // every block pays salaries and an office
            let must = ["30101", "30201"];
            let mut chosen: Vec<&Code> = usable
                .iter()
                .copied()
                .filter(|c| must.contains(&c.code))
                .collect();
            for c in pick {
                if chosen.len() >= *n {
                    break;
                }
                if !must.contains(&c.code) {
                    chosen.push(c);
                }
            }
            chosen.sort_by_key(|c| c.code);
            let scale = if u.kind == Kind::Institution { 1 } else { 2 };
            let rows: Vec<EconRow> = chosen
                .iter()
                .map(|c| {
                    let personnel = c.code.starts_with("301") || c.code.starts_with("303");
                    let yuan = if personnel {
                        self.amount(20_000 * scale, 3_000_000 * scale)
                    } else {
                        self.amount(2_000, 400_000 * scale)
                    };
                    EconRow {
                        code: c.code,
                        name: c.name,
                        personnel,
                        yuan,
                    }
                })
                .collect();
            blocks.push(rows);
        }
        let econ_total: i64 = blocks.iter().flatten().map(|r| r.yuan).sum();

        // --- function rows
        let mut items = rows(FUNCTION_CSV, "项");
        self.rng.shuffle(&mut items);
        items.truncate(shape.rows.min(items.len()));
        items.sort_by_key(|c| c.code);
        let basic_named: Vec<bool> = items
            .iter()
            .map(|c| BASIC_ITEMS.contains(&c.name))
            .collect();
        // project rows: at most one per project
        let mut project_rows: Vec<usize> = (0..items.len()).filter(|i| !basic_named[*i]).collect();
        self.rng.shuffle(&mut project_rows);
        let n_projects = shape.projects.max(1);
        project_rows.truncate(n_projects);
        project_rows.sort();
        if project_rows.is_empty() {
            project_rows.push(0);
        }
        let mut basic_rows: Vec<usize> = (0..items.len())
            .filter(|i| !project_rows.contains(i) || (basic_named[*i] || self.rng.chance(25)))
            .collect();
        if basic_rows.is_empty() {
            basic_rows.push(0);
        }

        // --- projects: every project row gets at least one
        let mut owner: Vec<usize> = project_rows.clone();
        while owner.len() < n_projects {
            owner.push(*self.rng.pick(&project_rows));
        }
        owner.sort();
        let mut topics: Vec<&str> = TOPICS.to_vec();
        self.rng.shuffle(&mut topics);
        let mut projects: Vec<Project> = Vec::new();
        for (k, row) in owner.iter().enumerate() {
            let topic = topics[k % topics.len()];
            let suffix = *self.rng.pick(SUFFIXES);
            let name = if k < topics.len() {
                format!("{topic}{suffix}")
            } else {
                format!("{topic}{suffix}（{}）", k / topics.len() + 1)
            };
            let general = self.amount(10_000, 3_000_000);
            let fund = if self.rng.chance(8) {
                self.amount(10_000, 500_000)
            } else {
                0
            };
            let own = if self.rng.chance(12) {
                self.amount(5_000, 300_000)
            } else {
                0
            };
            let carry = if self.rng.chance(10) {
                self.amount(5_000, 200_000)
            } else {
                0
            };
            projects.push(Project {
                name,
                topic,
                unit: self.rng.usize(0, units.len() - 1),
                code: items[*row].code,
                operating: self.rng.chance(60),
                general,
                fund,
                own,
                carry,
                published: self.rng.chance(80),
            });
        }

        // --- cells
        let mut frows: Vec<Row> = items
            .iter()
            .map(|c| Row {
                code: c.code,
                name: c.name,
                cells: Vec::new(),
                last_year: None,
            })
            .collect();
        let min_basic = (basic_rows.len() as i64) * self.step;
        let econ_total = econ_total.max(min_basic);
        // the economic table equals the 一般公共预算 basic cells: make sure the
        // first block absorbs any top-up needed to split it over the rows
        let top_up = econ_total - blocks.iter().flatten().map(|r| r.yuan).sum::<i64>();
        if top_up > 0 {
            blocks[0][0].yuan += top_up;
        }
        let basic_parts = self.split(econ_total, basic_rows.len());
        for (i, part) in basic_rows.iter().zip(basic_parts) {
            frows[*i].cells.push(Cell {
                project: false,
                own_source: false,
                fund: false,
                carry: false,
                yuan: part,
            });
            if self.rng.chance(10) {
                let extra = self.amount(5_000, 200_000);
                frows[*i].cells.push(Cell {
                    project: false,
                    own_source: true,
                    fund: false,
                    carry: false,
                    yuan: extra,
                });
            }
        }
        for &r in &project_rows {
            let mine: Vec<&Project> = projects
                .iter()
                .filter(|p| p.code == frows[r].code)
                .collect();
            let general: i64 = mine.iter().map(|p| p.general).sum();
            let fund: i64 = mine.iter().map(|p| p.fund).sum();
            let own: i64 = mine.iter().map(|p| p.own).sum();
            let carry: i64 = mine.iter().map(|p| p.carry).sum();
            for (amount, own_source, fund, carry) in [
                (general, false, false, false),
                (fund, false, true, false),
                (own, true, false, false),
                (carry, false, false, true),
            ] {
                if amount > 0 {
                    frows[r].cells.push(Cell {
                        project: true,
                        own_source,
                        fund,
                        carry,
                        yuan: amount,
                    });
                }
            }
        }
        for r in &mut frows {
            if self.rng.chance(40) {
                let t: i64 = r.cells.iter().map(|c| c.yuan).sum();
                let pct = self.rng.range(70, 130) as i64;
                r.last_year = Some((t * pct / 100 / 100).max(1) * 100);
            }
        }
        // once one line has last year's figure, every line with money has one
        // (a profile that prints the comparison per line needs them all: N14)
        if frows.iter().any(|r| r.last_year.is_some()) {
            for r in frows.iter_mut().filter(|r| r.last_year.is_none()) {
                let t: i64 = r.cells.iter().map(|c| c.yuan).sum();
                if t != 0 {
                    r.last_year = Some((t / 100).max(1) * 100);
                }
            }
        }

        // --- the department
        let shanghai = !self.wan;
        self.line(&format!(
            "# {dept} {year}年度部门预算（合成数据，gen-corpus 生成）"
        ));
        self.line("");
        self.line(&format!("年度     {year}"));
        self.line(&format!("部门     \"{dept}\""));
        if self.rng.chance(50) {
            let code = self.rng.range(100, 999);
            self.line(&format!("部门编码 {code}"));
        }
        self.line(&format!(
            "口径     {}",
            if shanghai {
                "上海区级"
            } else {
                "山西县级"
            }
        ));
        self.line(&format!(
            "金额单位 {}",
            if self.wan { "万元" } else { "元" }
        ));
        self.line("");
        self.line(&format!(
            "职责 \"负责贯彻落实国家、省、市关于{}工作的方针政策和决策部署；拟订本区域相关规划并组织实施；承担{}的监督管理和公共服务；完成上级交办的其他任务。\"",
            agency.trim_end_matches('局'),
            agency.trim_end_matches('局')
        ));
        self.line(&format!(
            "机构设置 \"本部门预算包括{}家预算单位：{}。\"",
            units.len(),
            units
                .iter()
                .map(|u| u.name.as_str())
                .collect::<Vec<_>>()
                .join("、")
        ));
        self.line("");
        for u in &units {
            let code = if self.rng.chance(50) {
                format!("; 编码 {}", self.rng.range(100_000, 999_999))
            } else {
                String::new()
            };
            self.line(&format!(
                "单位 \"{}\" {{ 类型 {}{code} }}",
                u.name,
                u.kind.word()
            ));
        }
        self.line("");

        // income
        let mut by_source = [0i64; 3]; // general, fund, own (当年)
        let mut carry_total = 0i64;
        for r in &frows {
            for c in &r.cells {
                if c.carry {
                    carry_total += c.yuan;
                } else if c.fund {
                    by_source[1] += c.yuan;
                } else if c.own_source {
                    by_source[2] += c.yuan;
                } else {
                    by_source[0] += c.yuan;
                }
            }
        }
        let current: i64 = by_source.iter().sum();
        let total = current + carry_total;
        self.line("收入 {");
        let gp = self.money(by_source[0]);
        self.line(&format!("  一般公共预算     {gp}"));
        let fd = self.money(by_source[1]);
        self.line(&format!("  政府性基金预算   {fd}"));
        self.line("  国有资本经营预算 0");
        let own = self.money(by_source[2]);
        if shanghai {
            self.line(&format!("  事业收入         {own}"));
            self.line("  事业单位经营收入 0");
            self.line("  其他收入         0");
        } else {
            self.line("  财政专户管理资金 0");
            self.line(&format!("  单位资金         {own}"));
        }
        let cy = self.money(carry_total);
        self.line(&format!("  上年结转         {cy}"));
        let cur = self.money(current);
        self.line(&format!("  本年收入合计     {cur}"));
        let tot = self.money(total);
        self.line(&format!("  收入总计         {tot}"));
        self.line("}");
        self.line("");

        // expenditure
        self.line("支出 {");
        let mut i = 0;
        while i < frows.len() {
            let lei = &frows[i].code[..3];
            let lei_rows: Vec<usize> = (i..frows.len())
                .take_while(|j| frows[*j].code.starts_with(lei))
                .collect();
            let lei_total: i64 = lei_rows
                .iter()
                .flat_map(|j| &frows[*j].cells)
                .map(|c| c.yuan)
                .sum();
            let lei_name = name_of(FUNCTION_CSV, lei);
            let t = self.money(lei_total);
            self.line(&format!("  {lei:<7} {lei_name}  合计 {t}"));
            let mut j = i;
            let end = i + lei_rows.len();
            while j < end {
                let kuan = &frows[j].code[..5];
                let kuan_rows: Vec<usize> = (j..end)
                    .take_while(|x| frows[*x].code.starts_with(kuan))
                    .collect();
                let kuan_total: i64 = kuan_rows
                    .iter()
                    .flat_map(|x| &frows[*x].cells)
                    .map(|c| c.yuan)
                    .sum();
                let kuan_name = name_of(FUNCTION_CSV, kuan);
                let t = self.money(kuan_total);
                self.line(&format!("  {kuan:<7} {kuan_name}  合计 {t}"));
                for x in &kuan_rows {
                    let line = self.function_line(&frows[*x], shanghai);
                    self.line(&line);
                }
                j += kuan_rows.len();
            }
            i = end;
        }
        let all: i64 = frows.iter().flat_map(|r| &r.cells).map(|c| c.yuan).sum();
        let basic: i64 = frows
            .iter()
            .flat_map(|r| &r.cells)
            .filter(|c| !c.project)
            .map(|c| c.yuan)
            .sum();
        let a = self.money(all);
        self.line(&format!("  本年支出合计 {a}"));
        let b = self.money(basic);
        self.line(&format!("  基本支出合计 {b}"));
        let p = self.money(all - basic);
        self.line(&format!("  项目支出合计 {p}"));
        self.line("  年终结转 0");
        self.line(&format!("  支出总计 {a}"));
        self.line("}");
        self.line("");

        // economic tables
        let multi = units.len() > 1;
        for (u, blk) in units.iter().zip(&blocks) {
            if multi {
                self.line(&format!("基本支出 \"{}\" {{", u.name));
            } else {
                self.line("基本支出 {");
            }
            let institution = u.kind == Kind::Institution;
            let mut k = 0;
            while k < blk.len() {
                let lei = &blk[k].code[..3];
                let n = blk[k..]
                    .iter()
                    .take_while(|r| r.code.starts_with(lei))
                    .count();
                let sum: i64 = blk[k..k + n].iter().map(|r| r.yuan).sum();
                let t = self.money(sum);
                self.line(&format!(
                    "  {lei}   {}  合计 {t}",
                    name_of(ECONOMIC_CSV, lei)
                ));
                for r in &blk[k..k + n] {
                    let gov = government_code(r.code, institution);
                    let gov_text = if self.rng.chance(30) {
                        format!("政府 {gov} {}", name_of_gov(gov))
                    } else {
                        format!("政府 {gov}")
                    };
                    let m = self.money(r.yuan);
                    let cell = if self.rng.chance(20) {
                        m
                    } else if r.personnel {
                        format!("人员 {m}")
                    } else {
                        format!("公用 {m}")
                    };
                    self.line(&format!("  {} {}  {gov_text}  {cell}", r.code, r.name));
                }
                k += n;
            }
            let personnel: i64 = blk.iter().filter(|r| r.personnel).map(|r| r.yuan).sum();
            let public: i64 = blk.iter().filter(|r| !r.personnel).map(|r| r.yuan).sum();
            let t = self.money(personnel + public);
            self.line(&format!("  合计 {t}"));
            let t = self.money(personnel);
            self.line(&format!("  人员经费合计 {t}"));
            let t = self.money(public);
            self.line(&format!("  公用经费合计 {t}"));
            self.line("}");
        }
        self.line("");

        // 三公 and 机关运行经费
        let econ_sum = |codes: &[&str]| -> i64 {
            blocks
                .iter()
                .flatten()
                .filter(|r| codes.contains(&r.code))
                .map(|r| r.yuan)
                .sum()
        };
        let abroad = if self.rng.chance(20) {
            self.amount(10_000, 200_000)
        } else {
            0
        };
        let reception = econ_sum(&["30217"])
            + if self.rng.chance(50) {
                self.amount(1_000, 30_000)
            } else {
                0
            };
        let purchase = econ_sum(&["31013"])
            + if self.rng.chance(15) {
                self.amount(100_000, 300_000)
            } else {
                0
            };
        let running = econ_sum(&["30231"])
            + if self.rng.chance(50) {
                self.amount(5_000, 80_000)
            } else {
                0
            };
        let fmt3 = |g: &Gen, y: i64| {
            if shanghai {
                g.money_unit(y, true)
            } else {
                g.money(y)
            }
        };
        self.line("三公经费 {");
        let (a, r, pu, ru) = (
            fmt3(self, abroad),
            fmt3(self, reception),
            fmt3(self, purchase),
            fmt3(self, running),
        );
        self.line(&format!("  因公出国（境）费     {a}"));
        self.line(&format!("  公务接待费           {r}"));
        self.line(&format!("  公务用车购置费       {pu}"));
        self.line(&format!("  公务用车运行维护费   {ru}"));
        let v = fmt3(self, purchase + running);
        self.line(&format!("  公务用车购置及运行费 {v}"));
        let t = fmt3(self, abroad + reception + purchase + running);
        self.line(&format!("  合计                 {t}"));
        self.line("}");
        let admin: Vec<(usize, i64)> = units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.kind != Kind::Institution)
            .map(|(i, _)| {
                (
                    i,
                    blocks[i]
                        .iter()
                        .filter(|r| !r.personnel)
                        .map(|r| r.yuan)
                        .sum(),
                )
            })
            .collect();
        let admin_total: i64 = admin.iter().map(|(_, m)| *m).sum();
        match self.rng.range(0, 2) {
            0 => {}
            1 => {
                let t = fmt3(self, admin_total);
                self.line(&format!("机关运行经费 {t}"));
            }
            _ if multi && !admin.is_empty() => {
                self.line("机关运行经费 {");
                for (i, m) in &admin {
                    let t = fmt3(self, *m);
                    self.line(&format!("  \"{}\" {t}", units[*i].name));
                }
                let t = fmt3(self, admin_total);
                self.line(&format!("  合计 {t}"));
                self.line("}");
            }
            _ => {
                let t = fmt3(self, admin_total);
                self.line(&format!("机关运行经费 {t}"));
            }
        }
        self.line("");

        // projects
        for p in &projects {
            self.project(p, &units, multi, year);
        }

        // performance
        let projects_total: i64 = projects.iter().map(Project::total).sum();
        if shanghai {
            let published = units.len().min(2);
            let m = self.money_unit(projects_total, true);
            self.line(&format!(
                "绩效概况 {{ 单位数 {published}; 项目数 {}; 金额 {m} }}",
                projects.len()
            ));
        } else {
            self.department_performance(&dept, &projects, total);
        }
        self.line("");

        // procurement
        let goods = self.amount(0, 2_000_000);
        let works = if self.rng.chance(40) {
            self.amount(100_000, 8_000_000)
        } else {
            0
        };
        let services = self.amount(0, 3_000_000);
        let ptotal = goods + works + services;
        let sme = ptotal * self.rng.range(0, 60) as i64 / 100 / self.step * self.step;
        let micro = sme * self.rng.range(0, 80) as i64 / 100 / self.step * self.step;
        let (g, w, s, t, sm, mi) = (
            fmt3(self, goods),
            fmt3(self, works),
            fmt3(self, services),
            fmt3(self, ptotal),
            fmt3(self, sme),
            fmt3(self, micro),
        );
        self.line("政府采购 {");
        self.line(&format!("  货物 {g}"));
        self.line(&format!("  工程 {w}"));
        self.line(&format!("  服务 {s}"));
        self.line(&format!("  合计 {t}"));
        self.line(&format!("  中小企业预留 {sm}"));
        self.line(&format!("  小微企业预留 {mi}"));
        self.line("}");
        self.line("");

        // assets
        let kinds = [
            "领导用车",
            "机要通信用车",
            "应急保障用车",
            "执法执勤用车",
            "特种专业技术用车",
            "其他用车",
        ];
        let counts: Vec<u64> = kinds
            .iter()
            .map(|_| {
                if self.rng.chance(40) {
                    self.rng.range(1, 6)
                } else {
                    0
                }
            })
            .collect();
        let vehicles: u64 = counts.iter().sum();
        let month = self.rng.range(1, 12);
        let day = self.rng.range(1, 28);
        self.line("国有资产 {");
        self.line(&format!("  截至 \"{}年{month}月{day}日\"", year - 1));
        let quota = vehicles + self.rng.range(0, 3);
        let list: Vec<String> = kinds
            .iter()
            .zip(&counts)
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        self.line(&format!(
            "  车辆 {{ 编制 {quota}; 实有 {vehicles}; {} }}",
            list.join("; ")
        ));
        let area = self.rng.range(20_000, 900_000);
        self.line(&format!(
            "  办公用房 {}.{:02}平方米",
            area / 100,
            area % 100
        ));
        let e50 = self.rng.range(0, 5);
        let e100 = self.rng.range(0, e50);
        self.line(&format!("  单价50万元以上设备 {e50}"));
        self.line(&format!("  单价100万元以上设备 {e100}"));
        let plan = self.rng.range(0, 2);
        self.line(&format!(
            "  购置计划 {{ 车辆 {{ 其他用车 {plan} }}; 单价100万元以上设备 0 }}"
        ));
        self.line("}");
        self.line("");

        // last year
        let pct = self.rng.range(80, 120) as i64;
        let last = |x: i64| (x * pct / 100 / 100).max(0) * 100;
        let ly_total = last(total);
        let ly_three = last(abroad + reception + purchase + running);
        let lines = [
            ("收入总计", ly_total),
            ("支出总计", ly_total),
            ("财政拨款", last(by_source[0] + by_source[1])),
            ("一般公共预算当年支出", last(by_source[0])),
            ("三公经费", ly_three),
            ("机关运行经费", last(admin_total)),
        ];
        self.line("上年 {");
        for (k, y) in lines {
            let m = fmt3(self, y);
            self.line(&format!("  {k} {m}"));
        }
        let up = pct < 100;
        self.line(&format!(
            "  原因 \"本年预算比上年{}，主要原因是{}。\"",
            if up { "增加" } else { "减少" },
            if up {
                "新增项目支出和人员经费调整"
            } else {
                "项目支出调整和厉行节约压减一般性支出"
            }
        ));
        self.line("}");
        self.line("");

        // glossary and other notes
        self.line("名词解释 {");
        self.line(
            "  基本支出 \"指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。\"",
        );
        self.line("  项目支出 \"指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。\"");
        self.line("  \"“三公”经费\" \"指用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。\"");
        self.line("  机关运行经费 \"指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。\"");
        self.line("}");
        self.line("其他说明 {");
        self.line("  政府购买服务指导性目录 \"无\"");
        self.line("  其他 \"无\"");
        self.line("}");
    }

    /// How many of `total` economic rows each of `k` blocks gets (each at least `min`).
    fn split_count(&mut self, total: usize, k: usize, min: usize, max: usize) -> Vec<usize> {
        let total = total.max(k * min);
        let mut v = vec![min; k];
        let mut left = total - k * min;
        let mut guard = 0;
        while left > 0 && guard < 10_000 {
            let i = self.rng.usize(0, k - 1);
            if v[i] < max {
                v[i] += 1;
                left -= 1;
            }
            guard += 1;
        }
        v
    }

    fn cell_text(&self, c: &Cell) -> String {
        let mut s = String::from(if c.project { "项目" } else { "基本" });
        if c.fund {
            s.push_str(" 政府性基金预算");
        }
        if c.own_source {
            s.push(' ');
            s.push_str(self.own_source);
        }
        if c.carry {
            s.push_str(" 结转");
        }
        let _ = write!(s, " {}", self.money(c.yuan));
        s
    }

    fn function_line(&mut self, r: &Row, shanghai: bool) -> String {
        let total: i64 = r.cells.iter().map(|c| c.yuan).sum();
        let mut s = format!("  {} {}", r.code, r.name);
        if shanghai || self.rng.chance(30) {
            let _ = write!(s, "  合计 {}", self.money(total));
        }
        for c in &r.cells {
            let _ = write!(s, "  {}", self.cell_text(c));
        }
        if let Some(ly) = r.last_year {
            let _ = write!(s, "  上年 {}", self.money_unit(ly, true));
        }
        s
    }

    fn project(&mut self, p: &Project, units: &[Unit], multi: bool, year: i32) {
        self.line(&format!("项目 \"{}\" {{", p.name));
        if multi || self.rng.chance(30) {
            self.line(&format!("  单位 \"{}\"", units[p.unit].name));
        }
        self.line(&format!(
            "  类别 {}",
            if p.operating {
                "其他运转类"
            } else {
                "特定目标类"
            }
        ));
        self.line(&format!("  功能 {}", p.code));
        let g = self.money(p.general);
        self.line(&format!("  一般公共预算 {g}"));
        if p.fund > 0 {
            let f = self.money(p.fund);
            self.line(&format!("  政府性基金预算 {f}"));
        }
        if p.own > 0 {
            let o = self.money(p.own);
            self.line(&format!("  {} {o}", self.own_source));
        }
        if p.carry > 0 {
            let c = self.money(p.carry);
            self.line(&format!("  上年结转 {c}"));
        }
        self.line(&format!(
            "  绩效公开 {}",
            if p.published { "是" } else { "否" }
        ));
        if p.published {
            self.target(p, year);
        }
        self.line("}");
    }

    fn target(&mut self, p: &Project, year: i32) {
        let total = p.total();
        let (attribute, years) = if p.operating {
            ("经常性项目(长期开展)", 99)
        } else if self.rng.chance(50) {
            ("一次性项目(1年结束)", 1)
        } else {
            ("阶段性项目", self.rng.range(2, 3))
        };
        self.line("  绩效目标 {");
        self.line(&format!("    项目属性 \"{attribute}\""));
        self.line(&format!("    项目期   {years}年"));
        // 申报表 funding in 元: 市县 = fiscal money, 自筹 = own funds
        let fiscal = p.general + p.fund + p.carry;
        let (central, provincial, local) = if !p.operating && self.rng.chance(30) {
            let c = fiscal / 2;
            (c, 0, fiscal - c)
        } else if self.rng.chance(20) {
            let pr = fiscal / 3;
            (0, pr, fiscal - pr)
        } else {
            (0, 0, fiscal)
        };
        let factor = if years == 99 { 1 } else { years as i64 };
        let funding = |g: &Gen, f: i64| {
            format!(
                "{{ 中央 {}; 省级 {}; 市县 {}; 自筹 {}; 其他 0; 合计 {} }}",
                g.money_unit(central * f, false),
                g.money_unit(provincial * f, false),
                g.money_unit(local * f, false),
                g.money_unit(p.own * f, false),
                g.money_unit(total * f, false)
            )
        };
        let period = funding(self, factor);
        let yearly = funding(self, 1);
        self.line(&format!("    实施期资金 {period}"));
        self.line(&format!("    年度资金   {yearly}"));
        self.line(&format!(
            "    概况     \"围绕年度重点任务，组织实施{}，保障相关工作有序开展。\"",
            p.name
        ));
        self.line("    立项依据 \"依据本级党委、政府关于年度重点工作的部署和部门职责。\"");
        self.line("    必要性   \"为履行部门职责、完成年度重点任务，有必要安排本项目。\"");
        self.line("    保证措施 \"建立项目管理制度，明确责任分工，加强资金监管和绩效跟踪。\"");
        self.line("    实施计划 \"按季度推进实施，年底前完成全部任务并开展绩效自评。\"");
        let goal = format!("按计划完成{}各项任务，资金使用规范，服务对象满意。", p.name);
        self.line(&format!("    实施期目标 \"{goal}\""));
        if self.rng.chance(70) {
            self.line(&format!("    年度目标   \"{goal}\""));
        }
        let both = self.rng.chance(50);
        if both {
            self.line("    绩效指标 实施期 {");
            self.indicators(Some(total), 6, p.topic);
            self.line("    }");
            self.line("    绩效指标 年度 {");
            self.indicators(Some(total), 6, p.topic);
            self.line("    }");
        } else {
            self.line("    绩效指标 {");
            self.indicators(Some(total), 6, p.topic);
            self.line("    }");
        }
        let (m, d) = (self.rng.range(1, 3), self.rng.range(1, 28));
        let (h, mi, s) = (
            self.rng.range(8, 18),
            self.rng.range(0, 59),
            self.rng.range(0, 59),
        );
        self.line(&format!(
            "    填报日期 {year}{m:02}{d:02}{h:02}{mi:02}{s:02}"
        ));
        self.line("  }");
    }

    /// An indicator grid; `cap`: the project's amount (cost caps cover it).
    fn indicators(&mut self, cap: Option<i64>, indent: usize, topic: &str) {
        let pad = " ".repeat(indent);
        self.line(&format!("{pad}产出指标 {{"));
        self.line(&format!("{pad}  数量指标 {{"));
        let mut measures: Vec<(&str, &str)> = MEASURES.to_vec();
        self.rng.shuffle(&mut measures);
        for (m, u) in measures.iter().take(self.rng.usize(1, 3)) {
            let n = self.rng.range(1, 500);
            let cmp = if self.rng.chance(60) { "≥" } else { "" };
            self.line(&format!("{pad}    {topic}{m} {cmp}{n}{u}"));
        }
        self.line(&format!("{pad}  }}"));
        let q = *self.rng.pick(QUALITY);
        let line = if self.rng.chance(40) {
            format!(
                "{pad}  质量指标 {{ {topic}合格率 ≥{}% }}",
                self.rng.range(85, 100)
            )
        } else {
            format!("{pad}  质量指标 {{ {topic}质量 {q} }}")
        };
        self.line(&line);
        let t = *self.rng.pick(TIMELY);
        self.line(&format!("{pad}  时效指标 {{ 完成时间 {t} }}"));
        let cost = match cap {
            Some(c) => {
                if self.rng.chance(50) {
                    // round the cap up to whole 万元
                    format!("≤{}万元", (c + 9_999) / 10_000)
                } else if c % 100 == 0 {
                    format!("≤{}.{:02}万元", c / 10_000, (c % 10_000) / 100)
                } else {
                    format!("≤{c}元")
                }
            }
            None => format!("≤{}万元", self.rng.range(1, 5_000)),
        };
        self.line(&format!("{pad}  成本指标 {{ {topic}成本 {cost} }}"));
        self.line(&format!("{pad}}}"));
        self.line(&format!("{pad}效益指标 {{"));
        if self.rng.chance(50) {
            let o = *self.rng.pick(OUTCOMES);
            self.line(&format!("{pad}  经济效益指标 {{ 带动相关产业发展 {o} }}"));
        } else {
            self.line(&format!("{pad}  经济效益指标 {{}}"));
        }
        let s = *self.rng.pick(SOCIAL);
        let o = *self.rng.pick(OUTCOMES);
        self.line(&format!("{pad}  社会效益指标 {{ {s} {o} }}"));
        if self.rng.chance(40) {
            let e = *self.rng.pick(ECO);
            let o = *self.rng.pick(OUTCOMES);
            self.line(&format!("{pad}  生态效益指标 {{ {e} {o} }}"));
        } else {
            self.line(&format!("{pad}  生态效益指标 {{}}"));
        }
        let o = *self.rng.pick(OUTCOMES);
        self.line(&format!("{pad}  可持续影响指标 {{ 长效机制建设 {o} }}"));
        self.line(&format!("{pad}}}"));
        let n = self.rng.range(85, 100);
        let cmp = if n == 100 { "" } else { "≥" };
        self.line(&format!(
            "{pad}满意度指标 {{ 服务对象满意度指标 {{ 服务对象满意度 {cmp}{n}% }} }}"
        ));
    }

    fn department_performance(&mut self, dept: &str, projects: &[Project], total: i64) {
        self.line("整体绩效 {");
        let (a, b) = (self.rng.range(2, 12), self.rng.range(0, 6));
        self.line(&format!("  内设职能部门数 {a}; 所属预算单位数 {b}"));
        let staff = self.rng.range(10, 300);
        let on = staff - self.rng.range(0, staff / 5);
        let other = self.rng.range(0, 30);
        self.line(&format!(
            "  核定编制 {staff}; 在职人员 {on}; 在编人员 {on}; 其他人员 {other}"
        ));
        self.line(&format!(
            "  部门职责 \"{dept}依法履行本部门职责，提供公共服务。\""
        ));
        self.line("  战略目标 \"围绕中心工作，提升公共服务水平，推动事业高质量发展。\"");
        self.line("  核心职能 \"政策落实、公共服务、监督管理\"");
        self.line(&format!(
            "  重点任务 \"完成{}等{}个项目。\"",
            projects
                .first()
                .map(|p| p.name.as_str())
                .unwrap_or("年度重点工作"),
            projects.len()
        ));
        self.line("  年度目标 \"全面完成年度各项工作任务，资金使用规范高效。\"");
        self.line("  绩效指标 {");
        let _ = total;
        let topic = *self.rng.pick(TOPICS);
        self.indicators(None, 4, topic);
        self.line("  }");
        self.line("}");
    }
}

fn name_of_gov(code: &str) -> &'static str {
    const GOV_CSV: &str = include_str!("../../catalog/economic-government.csv");
    name_of(GOV_CSV, code)
}
