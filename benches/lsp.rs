//! The language server's hot path: from a change to the diagnostics of a
//! 10,000-line file (apply the edit, check the text, convert the
//! diagnostics to UTF-16 ranges) — what `budget lsp` does once its 150 ms
//! debounce has passed. Target: under 20 ms.
//!
//! The file repeats realistic content: the header, units, income, the
//! function table, and projects with their full 绩效目标申报表, until it
//! has 10,000 lines. `cargo bench --bench lsp`.

use budget::diagnostic::Lang;
use budget::editor::{self, Analysis, Position, Range};
use budget::Options;
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use std::fmt::Write as _;
use std::time::Duration;

const PROJECT: &str = r#"项目 "产业发展促进工作经费{N}" {
  类别 其他运转类
  功能 2011302
  一般公共预算 11.90
  绩效公开 是
  # 项目支出绩效目标申报表
  绩效目标 {
    项目属性 "经常性项目(长期开展)"
    项目期 99年
    实施期资金 { 中央 0; 省级 0; 市县 119,000元; 自筹 0; 其他 0; 合计 119,000元 }
    年度资金 { 中央 0; 省级 0; 市县 119,000元; 自筹 0; 其他 0; 合计 119,000元 }
    概况 "学习先进地区产业链发展的经验,通过外出培训与考察等方式,促进我区产业链发展水平提升。"
    立项依据 "《关于调整设置山西转型综合改革示范区晋中开发区管理委员会所属事业机构的通知》(市编发〔2017〕20号)"
    必要性 "《晋中市人民政府办公室关于印发晋中市重点产业链链长工作机制实施方案的通知》(市政办发〔2023〕88号)"
    保证措施 "《示范区晋中开发区管委会关于示范区晋中开发区推动专业镇高质量发展实施方案的通知》(综示晋开管发〔2023〕25号)"
    实施计划 "根据开发区党工委、管委会安排,《开发区经济工作会任务分解》实施。"
    实施期目标 "促进我区产业发展。"
    绩效指标 实施期 {
      产出指标 {
        数量指标 {
          培训学习 ≥1次
          考察学习 ≥2次
        }
        质量指标 { 产业链、专业镇工作水平显著提升 高质量完成 }
        时效指标 { 完成时间 全年 }
        成本指标 { 产业发展促进工作经费 ≤11.9万元 }
      }
      效益指标 {
        经济效益指标 {}
        社会效益指标 { 促进我区产业链、专业镇建设水平提升 七大重点产业链、省级重点专业镇有序推进 }
        生态效益指标 {}
        可持续影响指标 { 推动我区经济高质量发展 产业基础高级化水平持续提升 }
      }
      满意度指标 {
        服务对象满意度指标 { 链主、链核企业、专业镇内企业满意度 100% }
      }
    }
    填报日期 20240131165932
  }
}

"#;

/// A consistent department of at least `lines` lines.
pub fn document(lines: usize) -> String {
    let per = PROJECT.lines().count();
    let n = lines.saturating_sub(20) / per + 1;
    let total_project = 119_000u64 * n as u64; // 元
    let basic = 128_400u64;
    let all = total_project + basic;
    let wan = |yuan: u64| format!("{}.{:02}", yuan / 10_000, (yuan % 10_000) / 100);
    let mut s = String::new();
    let _ = write!(
        s,
        "年度 2024\n部门 \"测试部门\"\n口径 山西县级\n金额单位 万元\n\n单位 \"测试部门\" {{ 类型 行政 }}\n\n\
收入 {{\n  一般公共预算 {all}\n  收入总计     {all}\n}}\n\n\
支出 {{\n  201     一般公共服务支出 合计 {all}\n  20113   商贸事务         合计 {all}\n  2011301 行政运行         基本 {basic}\n  2011302 一般行政管理事务 项目 {proj}\n  本年支出合计 {all}\n  支出总计     {all}\n}}\n\n\
基本支出 {{\n  302   商品和服务支出 合计 12.84\n  30201 办公费 政府 50502 公用 12.84\n}}\n\n",
        all = wan(all),
        basic = wan(basic),
        proj = wan(total_project),
    );
    for i in 0..n {
        s.push_str(&PROJECT.replace("{N}", &i.to_string()));
    }
    s
}

fn bench(c: &mut Criterion) {
    let opts = Options::default();
    let text = document(10_000);
    let lines = text.lines().count();
    assert!(lines >= 10_000, "{lines} lines");
    let first = Analysis::new(text.clone(), &opts);
    assert!(
        !first.checked.has_errors(),
        "the benchmark file should check: {:?}",
        first
            .checked
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect::<Vec<_>>()
    );
    // The edits, in the middle of the file: a blank typed at the start of a
    // line (the text still parses), and a stray `≥` (a syntax error: the
    // parser's per-statement recovery runs).
    let line = (lines / 2) as u32;
    let edit = Range::new(Position::new(line, 0), Position::new(line, 0));
    let mut g = c.benchmark_group("lsp");
    g.measurement_time(Duration::from_secs(10));
    for (name, typed) in [
        ("change_to_diagnostics_10k_lines", " "),
        ("change_with_syntax_error_10k_lines", "≥ "),
    ] {
        // The server keeps the statements parsed for the previous version.
        let mut cache = budget::syntax::ParseCache::new();
        let _ = Analysis::new_cached(text.clone(), &opts, &mut cache);
        g.bench_function(name, |b| {
            b.iter(|| {
                let t = editor::apply_edit(black_box(&text), Some(edit), typed);
                let a = Analysis::new_cached(t, &opts, &mut cache);
                black_box(editor::diagnostics(&a, Lang::Zh))
            })
        });
    }
    g.bench_function("check_only_10k_lines", |b| {
        b.iter(|| black_box(budget::check_source(black_box(&text), &opts)))
    });
    g.bench_function("hover_10k_lines", |b| {
        let pos = Position::new(line, 4);
        b.iter(|| black_box(editor::hover::hover(&first, pos, Lang::Zh, &opts.catalog)))
    });
    g.bench_function("format_10k_lines", |b| {
        b.iter(|| black_box(budget::format::format(black_box(&text))))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
