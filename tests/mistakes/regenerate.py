#!/usr/bin/env python3
"""Regenerate tests/mistakes/*.budget from the seed example (run from the repository root).

Each mistake is one replacement in examples/jinzhong-chanyelian-2024.budget; the
expectations (*.expect) name the line of the mistake, which stays valid as long as the
seed does not move lines above it. tests/mistakes.rs fails with "regenerate it" when a
copy no longer differs from the seed in one small place."""
seed = open('examples/jinzhong-chanyelian-2024.budget', encoding='utf-8').read()
def rep(old, new, count=1):
    assert seed.count(old) >= 1, old
    i = seed.index(old)
    return seed[:i] + new + seed[i+len(old):]
M = {
 'unclosed-string': rep('发展水平提升。"\n    立项依据', '发展水平提升。\n    立项依据'),
 'unclosed-nested-block': rep('        时效指标 { 产业链、专业镇建设工作水平有显著提升 高质量完成 }\n      }\n', '        时效指标 { 产业链、专业镇建设工作水平有显著提升 高质量完成 }\n'),
 'unclosed-top-block': rep('  收入总计         1329.84  # 表一 stated\n}\n', '  收入总计         1329.84  # 表一 stated\n'),
 'keyword-typo': rep('  一般公共预算     1329.84', '  一般公共预箅     1329.84'),
 'fullwidth-digits': rep('一般行政管理事务           项目   17.00', '一般行政管理事务           项目   １７.００'),
 'fullwidth-space-in-name': rep('2011302 一般行政管理事务 ', '2011302 一般行政　管理事务'),
 'fullwidth-semicolon': rep('实施期资金 { 中央 0; 省级 0; 市县 10,000,000元', '实施期资金 { 中央 0； 省级 0; 市县 10,000,000元'),
 'unit-typo': rep('  一般公共预算 300.00\n', '  一般公共预算 300.00万\n'),
 'double-dot': rep('  一般公共预算     1329.84', '  一般公共预算     1329..84'),
 'close-code': rep('2011301 行政运行 ', '2011310 行政运行 '),
 'duplicate-project': rep('项目 "企业服务经费" {', '项目 "党建工作及机构文化建设经费" {'),
 'wrong-total': rep('  本年支出合计 1329.84', '  本年支出合计 1328.84'),
 'wrong-name': rep('2011301 行政运行 ', '2011301 行政运营 '),
 'comparator-space': rep('符合条件的企业进行奖励 ≥47户', '符合条件的企业进行奖励 ≥ 47户'),
 'project-code-not-in-spending': rep('  功能 2011302\n  一般公共预算 2.60', '  功能 2011303\n  一般公共预算 2.60'),
 'missing-year': rep('年度 2024\n', ''),
 'fullwidth-comma': rep('市县 25,000元; 自筹 0; 其他 0; 合计 25,000元 }\n    年度资金', '市县 25，000元; 自筹 0; 其他 0; 合计 25,000元 }\n    年度资金'),
}
for k, v in M.items():
    open(f'tests/mistakes/{k}.budget', 'w', encoding='utf-8').write(v)
old='    填报日期 20240126101440\n  }\n}\n'
open('tests/mistakes/extra-brace.budget','w',encoding='utf-8').write(seed.replace(old,'    填报日期 20240126101440\n  }\n}\n}\n',1))
