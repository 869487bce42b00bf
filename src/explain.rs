//! `budget explain CODE`: what each diagnostic code means, an example that
//! triggers it, and how to fix it. Every code the checker emits is here, and
//! every example is a test case (`tests/diagnostics.rs` walks the sources and
//! checks each `tests/diagnostics/<CODE>.budget`).

use crate::code::Code;
use crate::diagnostic::{Lang, Severity};

pub struct Explanation {
    pub code: Code,
    /// The RULES.md rule it enforces, if any.
    pub rule: &'static str,
    pub severity: Severity,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    pub body_zh: &'static str,
    pub body_en: &'static str,
    /// A complete `.budget` document that triggers it: the case file
    /// `tests/diagnostics/<CODE>.budget`, which `tests/diagnostics.rs` checks
    /// reports exactly this code (for L002, whose case file is not text, a
    /// description).
    pub example: &'static str,
    pub fix_zh: &'static str,
    pub fix_en: &'static str,
}

macro_rules! ex {
    ($code:ident, $rule:literal, $sev:ident, $tz:literal, $te:literal, $bz:literal, $be:literal, $exm:expr, $fz:literal, $fe:literal) => {
        Explanation {
            code: Code::$code,
            rule: $rule,
            severity: Severity::$sev,
            title_zh: $tz,
            title_en: $te,
            body_zh: $bz,
            body_en: $be,
            example: $exm,
            fix_zh: $fz,
            fix_en: $fe,
        }
    };
}

pub const ALL: &[Explanation] = &[
    ex!(L001, "", Error, "语法错误", "Syntax error",
        "文件中有无法解析的内容：多余或缺少的括号、未闭合的字符串、以数字或符号开头却不是数字的文字等。一条语句出错只跳过这一条，其余内容照常检查。",
        "Something cannot be parsed: an extra or missing brace, an unclosed string, text that starts like a number. A broken statement is skipped; the rest of the file is still checked.",
        include_str!("../tests/diagnostics/L001.budget"),
        "按提示删除多余的符号、补上缺少的“}”或引号；含空格或以数字开头的文字用引号括起来。",
        "Remove the extra character, add the missing `}` or quote; quote text with spaces or that starts with a digit."),
    ex!(L002, "", Error, "不是 UTF-8 编码", "Not UTF-8",
        "预算文件必须是 UTF-8 文本。GBK/GB18030 等编码的文件或二进制文件无法读取；诊断给出第一个无效字节的位置。",
        "A budget file must be UTF-8 text. GBK/GB18030 or binary files cannot be read; the diagnostic gives the first invalid byte.",
        "# 用 GBK 编码保存的文件。例如 部门 \"测试部门\" 存为 GBK 后的字节是\n# B2 BF C3 C5 20 22 B2 E2 CA D4 B2 BF C3 C5 22：第一个字节 B2 就不是有效的 UTF-8。\n# （tests/diagnostics/L002.budget 就是这样的文件）",
        "用编辑器另存为 UTF-8，或 iconv -f GB18030 -t UTF-8 转换。",
        "Save as UTF-8, or convert with iconv -f GB18030 -t UTF-8."),
    ex!(L003, "", Error, "超出限制", "Limit exceeded",
        "文件超过 16 MiB，块嵌套超过 32 层，或一条语句超出解析器的步数上限。这些限制保证任何输入都能很快得到结果。",
        "The file is larger than 16 MiB, blocks nest more than 32 levels deep, or a statement exceeds the parser's step budget. The limits keep every input fast.",
        include_str!("../tests/diagnostics/L003.budget"),
        "检查是否选错了文件、缺少或多写了括号；把多个部门拆成多个文件。",
        "Check the file, and the braces; put each department in its own file."),
    ex!(L004, "", Error, "全角数字", "Full-width digits",
        "金额中使用了全角数字或符号（如 １２.８４），常见于从 Word 或 PDF 粘贴的内容。",
        "An amount uses full-width digits or signs (１２.８４), as pasted from Word or PDF.",
        include_str!("../tests/diagnostics/L004.budget"),
        "改为半角数字：12.84（诊断的帮助中给出了改好的写法）。",
        "Write ASCII digits: 12.84 (the help gives the corrected text)."),
    ex!(L005, "", Error, "无法识别的语句", "Unknown statement",
        "这个关键字在此处没有含义：可能是笔误，或写在了错误的块中。帮助会给出最接近的关键字。",
        "The keyword means nothing here: a typo, or the wrong block. The help names the closest keyword.",
        include_str!("../tests/diagnostics/L005.budget"),
        "改正关键字，或把语句移到正确的块中。",
        "Correct the keyword, or move the statement to the right block."),
    ex!(L006, "", Error, "值不正确", "Wrong value",
        "语句的值类型不对或缺失：应写金额却写了文字、金额带了不认识的单位、类/款行上写了金额、缺少基本/项目等。",
        "A value is missing or of the wrong kind: text where an amount belongs, an unknown unit, an amount on a 类/款 line, a cell without 基本/项目.",
        include_str!("../tests/diagnostics/L006.budget"),
        "按帮助改写，例如 12.84万元（单位只能是元或万元）、2011301 行政运行 基本 12.84（栏目要写基本或项目）。",
        "Rewrite as the help says, e.g. 12.84万元 (the unit is 元 or 万元), 2011301 行政运行 基本 12.84 (a cell needs 基本 or 项目)."),
    ex!(L007, "", Error, "重复", "Duplicate",
        "同一个键、科目或单位写了两次。两处都会被指出。",
        "A key, code or unit is written twice; both places are shown.",
        include_str!("../tests/diagnostics/L007.budget"),
        "保留一处，必要时把金额合并。",
        "Keep one, merging the amounts if needed."),
    ex!(L008, "", Error, "缺少必需内容", "Missing required statement",
        "缺少文件必需的语句（年度、部门、口径、金额单位、单位）或某项内容的必需部分（单位类型、项目类别、项目功能科目、项目金额、多单位时项目所属单位）。",
        "A required statement is missing: 年度, 部门, 口径, 金额单位, a 单位; or a required part: a unit's 类型, a project's 类别, 功能, amount, or (with several units) its 单位.",
        include_str!("../tests/diagnostics/L008.budget"),
        "按帮助补上缺少的语句。",
        "Add the missing statement as the help shows."),
    ex!(L009, "", Error, "金额超出范围", "Amount out of range",
        "金额超过 10¹⁵ 元或小数超过 28 位，通常是多写了数字。",
        "An amount exceeds 10¹⁵ 元 or has more than 28 decimals, usually extra digits.",
        include_str!("../tests/diagnostics/L009.budget"),
        "核对金额。",
        "Check the amount."),
    ex!(L010, "", Error, "未声明的单位", "Undeclared unit",
        "项目、基本支出块或机关运行经费中引用的单位没有用“单位”声明。",
        "A project, a 基本支出 block or a 机关运行经费 line names a unit that is not declared with 单位.",
        include_str!("../tests/diagnostics/L010.budget"),
        "改正单位名称，或声明这个单位。",
        "Correct the name, or declare the unit."),
    ex!(L011, "", Warning, "不可见字符", "Invisible characters",
        "名称或文字中含有零宽字符（U+200B 等）或双向控制字符（U+202E 等）：两个看起来相同的名称实际上不同，显示顺序也可能被颠倒。常见于从网页、Word 或 PDF 粘贴的文字。",
        "A name or text contains zero-width (U+200B …) or bidirectional control characters (U+202E …): two names that look equal differ, and what is shown may be reordered. Common in text pasted from web pages, Word or PDF.",
        include_str!("../tests/diagnostics/L011.budget"),
        "删除这些不可见字符。",
        "Delete the invisible characters."),
    ex!(L012, "", Error, "文字过长", "Text too long",
        "一个字符串或词超过 20000 个字。公开文件中的一段说明通常只有几千字；这样长的文字多半是漏写了结尾的引号，把后面的内容都吞进了字符串。",
        "A string or word is longer than 20 000 characters. A text of a disclosure is a few thousand characters; one this long usually means a missing closing quote that swallowed what follows.",
        "# 职责 \"……（20001 个字）……\"\n# tests/diagnostics/L012.budget 就是这样的文件",
        "补上漏写的引号，或把长文分成几段（名词解释、其他说明中的条目）。",
        "Add the missing quote, or split the text into several entries."),
    ex!(L013, "", Error, "内容过多", "Too much content",
        "文件中的值（关键字、文字、数字）超过 250000 个，整个文件不做检查。一个部门预算只有几千个值；这样的文件多半不是预算文件（例如数据导出），或把很多部门写进了一个文件。",
        "The file has more than 250 000 values (keywords, texts, numbers) and is not checked. A department's budget has a few thousand; such a file is usually not a budget file (a data export), or holds many departments.",
        "# 一个有 250001 个值的文件，例如 2500 行、每行 100 个词\n# （tests/diagnostics/L013.budget 就是这样的文件）",
        "检查是否选错了文件；把多个部门拆成多个文件。",
        "Check the file; put each department in its own file."),
    ex!(L014, "", Error, "控制字符", "Control characters",
        "文字中含有控制字符（NUL、U+0001–U+001F 中除制表符和换行外的字符、U+007F–U+009F）或非字符 U+FFFE、U+FFFF。它们无法显示，也不能写入 HTML、PDF 或表格；出现它们多半说明文件不是文本文件或已经损坏。",
        "A text contains control characters (NUL, U+0001–U+001F other than tab and line ends, U+007F–U+009F) or the non-characters U+FFFE, U+FFFF. They cannot be shown or written to HTML, PDF or spreadsheets; they usually mean the file is not text or is damaged.",
        include_str!("../tests/diagnostics/L014.budget"),
        "删除这些字符（编辑器的“显示不可见字符”可以找到它们）。",
        "Delete them (an editor's \"show invisibles\" finds them)."),
    ex!(L015, "", Warning, "替换字符 �", "Replacement character �",
        "文字中含有 U+FFFD（�）：这是编码转换失败时留下的替换字符，原来的文字已经丢失。常见于把 GBK 文件当作 UTF-8 打开后又保存。",
        "A text contains U+FFFD (�), the character an encoding conversion leaves where it failed: the original text is lost. Common when a GBK file was opened as UTF-8 and saved.",
        include_str!("../tests/diagnostics/L015.budget"),
        "从原始文件重新复制这段文字；GBK 文件用 iconv -f GB18030 -t UTF-8 转换。",
        "Copy the text again from the original; convert GBK files with iconv -f GB18030 -t UTF-8."),
    ex!(L016, "", Error, "名称中有全角空格", "Full-width space inside a name",
        "全角空格（U+3000，中文输入法下的空格）把一个名称分成了两个词，检查器会把后一个词当作多余的值。去掉全角空格后若错误随之消失，就报告这一条，而不是错误的名称和多余的值。",
        "A full-width space (U+3000, the space of a Chinese input method) splits one name into two words, and the second reads as a stray value. When deleting it clears those errors, this is reported instead of a wrong name and a stray value.",
        include_str!("../tests/diagnostics/L016.budget"),
        "删除全角空格（快速修复会这样做）；名称中确需空格时用引号括起来。",
        "Delete the full-width space (the quick fix does); quote a name that really contains a space."),
    ex!(L017, "", Warning, "允许说明无效", "Acknowledgement without effect",
        "注释 # budget: 允许 CODE（本行）或 # budget: 全文允许 CODE（全文）表示作者已经看过这些警告，它们不再显示（budget check --all 仍显示）。错误不能被允许；说明中的代码不存在、是错误、或这里根本没有这个警告时，报告本警告。",
        "A comment # budget: 允许 CODE (this line) or # budget: 全文允许 CODE (the whole file) says the author has seen those warnings; they are no longer shown (budget check --all shows them). An error cannot be acknowledged; an acknowledgement naming an unknown code, an error, or a warning that is not there is reported.",
        include_str!("../tests/diagnostics/L017.budget"),
        "改正注释中的代码，或删除这条说明；错误必须改正。",
        "Correct the code in the comment, or delete it; an error must be fixed."),
    ex!(F001, "", Error, "不读取的路径", "A path that is not read",
        "一个文件可以指定其他文件（上年 文件 \"…\"）。路径相对于写它的文件所在的文件夹，且不能离开项目文件夹（检查开始的那个文件所在的文件夹）；绝对路径不读取。这样别人发来的文件不能让本工具读取任意文件。用 --allow-path 文件夹 可以允许其他文件夹（其中也可用绝对路径）。",
        "A file may name other files (上年 文件 \"…\"). The path is relative to the folder of the file that writes it and may not leave the project folder (the folder of the file the check started from); an absolute path is not read. So a file someone sends cannot make the tool read arbitrary files. --allow-path DIR allows another folder (absolute paths into it too).",
        include_str!("../tests/diagnostics/F001.budget"),
        "把文件移到项目文件夹内并写相对路径，或用 --allow-path 允许它所在的文件夹。",
        "Move the file into the project folder and write a relative path, or allow its folder with --allow-path."),
    ex!(F002, "", Error, "无法读取文件", "A file cannot be read",
        "指定的文件不存在、不可读，或不是 UTF-8 文本。",
        "The file named does not exist, cannot be read, or is not UTF-8 text.",
        include_str!("../tests/diagnostics/F002.budget"),
        "核对路径（相对于本文件所在的文件夹）和文件。",
        "Check the path (relative to this file's folder) and the file."),
    ex!(F003, "", Error, "文件循环", "A cycle of files",
        "指定的文件正在被检查：它（直接或经由其他文件）又指回了这里，例如 2024 年的文件的 上年 文件 指向 2025 年的文件。",
        "The file named is being checked: it names this one back (directly or through others), e.g. the 2024 file's 上年 文件 naming the 2025 file.",
        include_str!("../tests/diagnostics/F003.budget"),
        "上年的文件只指向更早的年份：删除形成循环的 文件。",
        "Last year's file names only earlier years: remove the 文件 that closes the cycle."),
    ex!(F004, "", Error, "文件被指定两次", "A file named twice",
        "同一个文件已由另一条语句指定。每个文件只由一条语句引入（例如同一个单位文件写在两个单位下）。",
        "The same file is already named by another statement. One statement names each file (e.g. one unit's file under two units).",
        "# 两条语句指定同一个文件，例如两个单位都写 文件 \"units/a.budget\"。\n# 现有的语法中只有 上年 文件 指定文件（每个文件一条），本代码由 budget::files::Linker 报告；\n# 测试见 src/files.rs。",
        "删除重复的一条，或指定正确的文件。",
        "Remove the repeated statement, or name the right file."),
    ex!(F005, "", Error, "上年的文件是另一个部门的", "Last year's file is another department's",
        "上年 文件 指定的文件的 部门 与本文件不同，它的数字不能作为本部门的上年数。",
        "The file 上年 文件 names has another 部门: its figures cannot be this department's last year's.",
        include_str!("../tests/diagnostics/F005.budget"),
        "指定本部门上一年度的文件；部门名称须完全一致。",
        "Name this department's file of last year; the 部门 must be written the same."),
    ex!(F006, "", Error, "上年的文件年度不对", "Last year's file is of the wrong year",
        "上年 文件 指定的文件的 年度 应为本文件的 年度 − 1。",
        "The file 上年 文件 names must be of this file's 年度 − 1.",
        include_str!("../tests/diagnostics/F006.budget"),
        "指定上一年度的文件。",
        "Name last year's file."),
    ex!(F007, "", Error, "上年数与上年的文件不一致", "A last-year figure disagrees with last year's file",
        "指定了上年的文件后，上年 块中手写的数字和 项 行的 上年 X 是对上年文件的声明：须与上年文件中的同一数字（上年 块的键：上年文件的本年数；项 行：上年同一科目的预算数）在声明的舍入（舍入 说明）之内一致。没有手写的数字直接取自上年的文件。上年执行 X（执行数）不核对：预算文件中没有执行数。",
        "Once last year's file is named, the figures written in 上年 and a 项 line's 上年 X are claims about it: they must equal the same figure of last year's file (a key of 上年: that file's own figure; a 项 line: last year's 预算 of the same code) within the declared rounding (舍入 说明). Figures not written are taken from last year's file. 上年执行 X (执行数) is not checked: a budget file holds no 执行数.",
        include_str!("../tests/diagnostics/F007.budget"),
        "改正这里或上年文件中的数字；或删除这里的数字，让它取自上年的文件。",
        "Correct the figure here or in last year's file, or delete it here so that it is taken from last year's file."),
    ex!(F008, "", Warning, "上年的文件有错误", "Last year's file has errors",
        "上年的文件有错误（在该文件中报告）：不从中取数，本文件中需要它的比较跳过，手写的上年数照常检查。",
        "Last year's file has errors (reported in it): no figure is taken from it, the comparisons here that need one are skipped, and the figures written here are checked as usual.",
        include_str!("../tests/diagnostics/F008.budget"),
        "改正上年文件中的错误。",
        "Correct the errors of last year's file."),
    ex!(R1, "R1", Error, "收支总计不平衡", "Totals do not balance",
        "收入总计 = 本年收入合计 + 上年结转；支出总计 = 本年支出合计 + 年终结转；两者必须相等。声明的收入总计、支出总计也按明细核对。",
        "收入总计 = income this year + carry-over; 支出总计 = expenditure this year + year-end carry-over; they must be equal. Stated totals are verified against their parts.",
        include_str!("../tests/diagnostics/R1.budget"),
        "把声明的总计改为计算值，或核对各项收入与支出。",
        "Set the stated total to the computed one, or check income and expenditure."),
    ex!(R2, "R2", Error, "本年收入合计不符", "Income total does not add up",
        "本年收入合计必须等于各收入来源之和。",
        "本年收入合计 must equal the sum of the income sources.",
        include_str!("../tests/diagnostics/R2.budget"),
        "把合计改为各来源之和，或补上漏写的来源。",
        "Set the total to the sum, or add the missing source."),
    ex!(R5, "R5", Error, "科目合计不符", "A code total does not add up",
        "类的合计等于其下各款之和，款的合计等于其下各项之和，本年支出合计等于各类之和。声明了转录精度时，舍入范围内的差额是警告（舍入尾差）。",
        "A 类 total is the sum of its 款, a 款 total the sum of its 项, and 本年支出合计 the sum of all. With 转录精度 declared, a difference within rounding is a warning (a rounding residual).",
        include_str!("../tests/diagnostics/R5.budget"),
        "把声明的合计改为明细之和，或核对明细。",
        "Set the stated total to the sum of the parts, or check the parts."),
    ex!(R6, "R6", Error, "基本+项目不等于合计", "Basic + project does not equal the total",
        "每行的合计等于基本支出加项目支出（含上年结转）；基本支出合计、项目支出合计按各行核对；行上写出的基本支出构成（人员 X 公用 Y，如单位预算财务收支预算总表的类行）之和等于这一行的基本支出。",
        "A row's total is its basic plus project expenditure (with carry-over); the stated 基本支出合计 and 项目支出合计 are verified; a row's stated split of its basic expenditure (人员 X 公用 Y, e.g. on the 类 lines a unit's 财务收支预算总表 prints) adds up to the row's basic expenditure.",
        include_str!("../tests/diagnostics/R6.budget"),
        "改正行合计或栏目金额。",
        "Correct the row total or the cells."),
    ex!(R8, "R8", Error, "经济分类合计不符", "Economic table does not add up",
        "基本支出经济分类表中：每行合计 = 人员经费 + 公用经费；类 = 其下各款之和；合计、人员经费合计、公用经费合计 = 各款之和。",
        "In the economic table: row total = personnel + public; a 类 is the sum of its 款; the totals are sums of all 款.",
        include_str!("../tests/diagnostics/R8.budget"),
        "改正合计或明细。",
        "Correct the total or the parts."),
    ex!(R9, "R9", Error, "“三公”经费合计不符", "三公 total does not add up",
        "“三公”经费合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费；公务用车购置及运行费 = 购置费 + 运行维护费。",
        "The 三公 total = travel abroad + reception + vehicles; vehicles = purchase + running costs.",
        include_str!("../tests/diagnostics/R9.budget"),
        "改正合计。",
        "Correct the total."),
    ex!(R10, "R10", Error, "部门与各单位之和不符", "The department is not the sum of its units",
        "部门预算是各单位预算之和。按单位列出机关运行经费时，部门合计等于各单位之和；各单位有自己的单位预算文件（单位 … { 文件 \"…\" }）时，部门表中印出的收入（按来源）、基本支出、项目支出、“三公”经费各项与合计、机关运行经费都等于各单位文件之和（消息列出部门的数、合计和每个单位的数；有舍入声明的数每个单位允许半个舍入单位的差）。",
        "A department's budget is the sum of its units'. When 机关运行经费 is given per unit, the department total is their sum; when its units have files of their own (单位 … { 文件 \"…\" }), the figures the department's tables print — income by source, 基本支出, 项目支出, each 三公 item and their total, 机关运行经费 — equal the sums over the units' files (the message gives the department's figure, the sum and each unit's; a figure of declared rounding may differ by half a step per unit).",
        include_str!("../tests/diagnostics/R10.budget"),
        "改正合计或各单位金额。",
        "Correct the total or the unit figures."),
    ex!(F012, "R10", Warning, "部门与各单位之和未核对", "The department is not checked against its units",
        "有单位写了自己的文件（单位 … { 文件 \"…\" }）时，部门 = Σ 单位 要用到每个单列预算的单位的文件：某个单位没有文件，或它的文件有错误（在该文件中报告），这一核对就不做，并在那个单位处提示。",
        "Once a unit names its own file (单位 … { 文件 \"…\" }), 部门 = Σ 单位 needs the file of every unit with a budget of its own: when a unit has none, or its file has errors (reported in it), the check is not made, and this says so at that unit.",
        include_str!("../tests/diagnostics/F012.budget"),
        "为每个单列预算的单位写上文件，并改正其中的错误。",
        "Name each such unit's file, and correct its errors."),
    ex!(F011, "F011", Error, "单位的文件不是它的单位预算", "A unit's file is not its own document",
        "单位 … { 文件 \"units/x.budget\" } 指向这个单位自己的单位预算：那个文件要写 文件类型 单位预算，部门和年度与部门的文件相同，它的单位（第一个单列预算的单位）名称与声明一致，两处都写了 编码 时编码相同；不单列预算（单列预算 否）的单位没有自己的文件。",
        "单位 … { 文件 \"units/x.budget\" } names the unit's own document: that file says 文件类型 单位预算, has the department's 部门 and 年度, and its unit (its first with a budget of its own) has the declared name, and the same 编码 where both write one; a unit without a budget of its own (单列预算 否) has no file.",
        include_str!("../tests/diagnostics/F011.budget"),
        "指向这个单位自己的文件，或改正那个文件的文件头、单位名称。",
        "Name the unit's own file, or correct that file's header or unit name."),
    ex!(X4, "X4", Error, "收入与支出的资金来源不一致", "Income and expenditure disagree by source",
        "每个资金来源的本年收入等于按该来源安排的当年支出（没有年终结转时）。支出栏目未写来源即为一般公共预算。",
        "Each source's income equals this year's expenditure from it (when nothing is carried forward). A cell without a source is 一般公共预算.",
        include_str!("../tests/diagnostics/X4.budget"),
        "在支出栏目上写明资金来源，例如 基本 单位资金 1.00。",
        "Give the source on the expenditure cell, e.g. 基本 单位资金 1.00."),
    ex!(X5, "X5", Error, "经济分类表与支出表不一致", "Economic table disagrees with expenditure",
        "一般公共预算基本支出经济分类表的合计等于支出表中一般公共预算当年基本支出。",
        "The economic table's total equals the general-budget basic expenditure of the expenditure table.",
        include_str!("../tests/diagnostics/X5.budget"),
        "补全经济分类明细，或改正支出表。",
        "Complete the economic lines, or correct the expenditure."),
    ex!(X6, "X6", Error, "项目与项目支出不一致", "Projects disagree with project expenditure",
        "列在某个功能科目下的项目金额之和，等于支出表中该科目的项目支出；项目的功能科目必须出现在支出表中。",
        "The projects under a function code add up to that line's project expenditure; a project's code must be in the expenditure table.",
        include_str!("../tests/diagnostics/X6.budget"),
        "补上漏列的项目或改正金额、功能科目。",
        "Add the missing project, or correct the amounts or codes."),
    ex!(X8, "X8", Error, "“三公”经费小于对应经济科目", "三公 item below its economic line",
        "“三公”中的公务接待费不小于经济分类 30217 公务接待费；运行维护费不小于 30231；购置费不小于 31013/30913。",
        "三公 reception ≥ economic 30217; running costs ≥ 30231; purchase ≥ 31013/30913.",
        include_str!("../tests/diagnostics/X8.budget"),
        "核对两处金额。",
        "Check both figures."),
    ex!(X9, "X9", Error, "机关运行经费与公用经费不符", "机关运行经费 disagrees with 公用经费",
        "机关运行经费 = 行政单位和参公单位的公用经费（事业单位没有）。基本支出能归到单位时按单位计算核对；否则不得超过全部公用经费。",
        "机关运行经费 = the 公用经费 of 行政 and 参公 units (事业 units have none). Verified per unit when basic expenditure is attributed to units; otherwise it may not exceed all 公用经费.",
        include_str!("../tests/diagnostics/X9.budget"),
        "核对单位类型或金额；不写“机关运行经费”时由文件计算。",
        "Check the unit kinds or the amount; without 机关运行经费 it is computed."),
    ex!(X11, "X11", Error, "项目申报表资金不符", "Project 申报表 funding disagrees",
        "项目绩效目标申报表中，资金总额 = 中央 + 省级 + 市县 + 自筹 + 其他；年度资金总额等于项目金额。申报表以元为单位。",
        "In a 申报表, the total = central + provincial + local + own + other; the year's total equals the project's amount. The 申报表 is in 元.",
        include_str!("../tests/diagnostics/X11.budget"),
        "写明单位“元”（119000元），或改正金额。",
        "Write the unit 元 (119000元), or correct the amount."),
    ex!(N1, "N1", Warning, "收支变动没有说明原因", "A change without a reason",
        "与上年相比总额发生变化时，情况说明要写明原因。",
        "When a total changed from last year the narrative must say why.",
        include_str!("../tests/diagnostics/N1.budget"),
        "在 上年 块中写 原因 \"…\"。",
        "Add 原因 \"…\" to 上年."),
    ex!(N7, "N7", Warning, "“三公”变动没有说明原因", "A 三公 change without a reason",
        "“三公”经费及其各项与上年相比有变化时，要说明原因（上年 块中的 原因 \"…\" 适用于所有变动，原因 { 键 \"…\" } 按项说明）。",
        "A 三公 item that changed from last year needs a reason.",
        include_str!("../tests/diagnostics/N7.budget"),
        "在 上年 块中写 原因 \"…\"。",
        "Add 原因 \"…\" to 上年."),
    ex!(N9, "N9", Error, "政府采购金额不符", "Procurement does not add up",
        "政府采购总额 = 货物 + 工程 + 服务；面向中小企业预留不超过总额，小微企业预留不超过中小企业预留。",
        "Procurement total = goods + works + services; the SME reservation ≤ total; small/micro ≤ SME.",
        include_str!("../tests/diagnostics/N9.budget"),
        "改正合计或明细。",
        "Correct the total or the parts."),
    ex!(N10, "N10", Error, "绩效概况与项目不符", "Performance summary disagrees with projects",
        "列出了项目时，纳入绩效管理的项目数和金额由项目计算，声明的概况要与之一致；未列项目时，金额不得超过项目支出。",
        "With projects listed, the count and amount under targets are computed and a stated summary must agree; otherwise the amount may not exceed project expenditure.",
        include_str!("../tests/diagnostics/N10.budget"),
        "改正或删除概况中的数字。",
        "Correct or remove the summary figures."),
    ex!(N11, "N11", Error, "车辆数不符", "Vehicle counts disagree",
        "车辆实有数等于各类型车辆数之和。",
        "The number of vehicles equals the sum over types.",
        include_str!("../tests/diagnostics/N11.budget"),
        "改正实有数或分类数。",
        "Correct the total or the counts by type."),
    ex!(N14, "N14", Error, "文档需要的事实缺失", "A fact the document prints is missing",
        "文档从文件的事实生成叙述和表格；文件写了某一部分、却缺少这一部分要印出的事实（绩效概况的单位数、国有资产的截至日期、某个项科目的上年数而其他项科目都有；单位预算中每个有基本支出的类的人员经费和公用经费）时报错，而不是印出 0 或空白。",
        "The narrative and tables are generated from the file's facts; when the file writes a part but lacks a fact that part prints (the 单位数 of 绩效概况, the 截至 date of 国有资产, one 项 line's last-year figure when the others have one; in a unit's own document, the 人员经费 and 公用经费 of every class with basic expenditure), this is an error, never a printed 0 or blank.",
        include_str!("../tests/diagnostics/N14.budget"),
        "补上这个事实：单位数 2、截至 \"2023年8月31日\"、上年 X 或 上年执行 X、类行上的 人员 X 公用 Y。",
        "Write the fact: 单位数 2, 截至 \"2023年8月31日\", 上年 X or 上年执行 X, 人员 X 公用 Y on the 类 line."),
    ex!(N15, "N15", Error, "印出的变动与数字不符", "A printed change disagrees with the figures",
        "项科目上写的变动（变动 减少57.14%）是文档印出的说法，按这一行的金额和上年数核对：方向（增加/减少/持平）与差额的符号一致；百分比按其印出的小数位四舍五入后，等于按精确数字或按印出的万元数字计算的结果之一；上年数为 0 时没有百分比。",
        "A change written on a 项 line (变动 减少57.14%) is what the document prints, verified against the line's amount and last year's figure: the direction (增加/减少/持平) agrees with the sign; the percentage, half-up at its printed decimals, equals the one computed from the exact figures or from the printed 万元 figures; a change from 0 has no percentage.",
        include_str!("../tests/diagnostics/N15.budget"),
        "改成计算出的变动（消息中给出两种算法的结果）。",
        "Write the computed change (the message gives both computations)."),
    ex!(N16, "N5", Error, "说明中的金额与表不符", "A narrative amount disagrees with the table",
        "原文（公开文件的说明）中“某（类）某（款）某（项）”后印的金额，应是支出表中该项的金额，按所印的小数位四舍五入（半个末位单位以内都算一致）；与表中的合计或财政拨款数都不符才报告。",
        "The amount the printed narrative (原文) gives after “A（类）B（款）C（项）” is that 项 line's figure in 支出, rounded to the printed decimals (within half a unit of the last digit); reported when it matches neither the line's total nor its 财政拨款 amount.",
        include_str!("../tests/diagnostics/N16.budget"),
        "改成表中的金额（快速修复写入它），或核对表格。",
        "Write the table's amount (the quick fix does), or check the table."),
    ex!(N17, "S1", Warning, "说明中的科目名称与表不符", "A narrative class name disagrees with the tables",
        "原文中“某（类）某（款）某（项）”的名称应是本文件支出表中的类、款、项名称；是旧版科目表的名称（如 210 医疗卫生与计划生育支出，现名卫生健康支出）时说明现名。基本支出的人员经费列举、公用经费列举所写的名称也应是该块中有这类经费的款。",
        "The names in “A（类）B（款）C（项）” of the printed narrative are the 类, 款 and 项 of this file's 支出; an earlier edition's name (210 医疗卫生与计划生育支出, now 卫生健康支出) is named as outdated. The names of a 基本支出 block's 人员经费列举 / 公用经费列举 are its 款 lines with that money.",
        include_str!("../tests/diagnostics/N17.budget"),
        "用表中（现行科目表）的名称；旧名称有快速修复。",
        "Use the tables' (the current edition's) name; an outdated name has a quick fix."),
    ex!(N18, "X12", Error, "说明中的增减与数字不符", "A printed change disagrees with its figures",
        "原文中一项的说明写了上年数（执行数为60.13万元）、本年数（预算安排25.77万元）和增减（比…减少57.14%）：方向（增加/减少/持平）应与两数之差的符号一致；百分比 = |本年 − 上年| ÷ 上年 × 100，按印出的小数位四舍五入后，等于按所印数字或按表中精确数计算的结果之一。上年为 0 时没有百分比（警告）。",
        "An item of the printed narrative gives last year's figure (执行数为60.13万元), this year's (预算安排25.77万元) and the change (比…减少57.14%): the direction (增加/减少/持平) follows the sign of the difference; the percentage = |this − last| ÷ last × 100, half-up at its printed decimals, equals the one from the printed figures or from the table's exact figure. A change from 0 has no percentage (warning).",
        include_str!("../tests/diagnostics/N18.budget"),
        "改成计算出的百分比（快速修复写入按所印数字算出的值）或方向。",
        "Write the computed percentage (the quick fix writes the one from the printed figures) or direction."),
    ex!(N19, "X12", Error, "说明中的数字与事实不符", "A figure of the printed narrative disagrees with the facts",
        "公开的说明（原文）中，句子点名一个事实（收入总计、基本支出、财政拨款、各项收入来源、一般公共预算当年支出及各类、人员/公用经费、“三公”经费及各项、机关运行经费、政府采购各项、纳入绩效管理和公开绩效目标的项目及其类别、车辆数……）后印出的数字都是对这一事实的说法，逐一核对：金额在所印末位的半个单位以内；占比（占……%）按所印小数位四舍五入后，等于按精确数或按所印数字计算的结果之一（分母是句中点名的总数，否则是句首的事实）；增减的方向与差额符号一致、持平只用于相等，百分比同占比的规则，上年数取自文件的“上年”；个数相等。上年为 0 时印“增加100.00%”是惯例（警告），其他百分比是错误。",
        "In the printed narrative (原文), the figures after a sentence names a fact (收入总计, 基本支出, 财政拨款, each income source, 一般公共预算当年支出 and its 类, 人员/公用经费, 三公 and each item, 机关运行经费, each 政府采购 figure, the projects under performance management and those published, by category, the number of vehicles …) are claims about it, each verified: an amount within half a unit of its last printed digit; a share (占…%) equal, half-up at its printed decimals, to the one from the exact or from the printed figures (of the whole the sentence names, else of its first fact); a change in the direction of the difference (持平 only for equal figures), its percentage by the same rule, last year's figure from the file's 上年; a count equal. “增加100.00%” from 0 is a convention (a warning); any other percentage from 0 is an error.",
        include_str!("../tests/diagnostics/N19.budget"),
        "改成计算出的数字（快速修复写入它；消息给出按精确数和按所印数字两种结果），或核对文件的事实。",
        "Write the computed figure (the quick fix does; the message gives it from the exact and from the printed figures), or check the file's facts."),
    ex!(S1a, "S1", Error, "功能科目编码位数不对", "Function code of the wrong length",
        "功能分类：类 3 位、款 5 位、项 7 位。",
        "Function codes: 类 3, 款 5, 项 7 digits.",
        include_str!("../tests/diagnostics/S1a.budget"),
        "改正编码。",
        "Correct the code."),
    ex!(S1b, "S1", Error, "功能科目不属于上级", "Function code not under its parent",
        "一行的编码必须以它上方的类/款编码开头（上级是编码的前缀）。",
        "A code must extend the 类/款 it is written under (the parent is its prefix).",
        include_str!("../tests/diagnostics/S1b.budget"),
        "把这一行移到正确的上级之下，或改正编码。",
        "Move the line under its parent, or correct the code."),
    ex!(S1c, "S1", Error, "功能科目名称与编码不符", "Function name does not match the code",
        "目录中已有此编码，而写的名称不同（全角/半角括号视为相同）。帮助给出正确名称；若写的是以前版本科目表的名称（如 210 医疗卫生与计划生育支出），消息会指出它是旧名称。",
        "The catalog knows the code under another name (full/half-width brackets are equal). The help gives the right name; a name of an earlier edition (e.g. 210 医疗卫生与计划生育支出) is called outdated.",
        include_str!("../tests/diagnostics/S1c.budget"),
        "改为目录中的名称，或改正编码。",
        "Use the catalog's name, or correct the code."),
    ex!(S1d, "S1", Warning, "功能科目不在目录中", "Function code not in the catalog",
        "随附的目录并不完整：未知编码只是警告。若编码无误，可用 --catalog 文件扩充目录。与目录中某个编码只差一位或两位颠倒（2011310 与 2011301）时，给出该编码作为修正；若写的名称正是那个编码的名称，则是把编码写错了，为错误。",
        "The shipped catalog is not complete: an unknown code is a warning. Extend it with a --catalog file. A code one digit or one swap away from a catalog code (2011310, 2011301) gets that code as its fix; when the name written is that code's name, the code is mistyped: an error.",
        include_str!("../tests/diagnostics/S1d.budget"),
        "核对编码，或用 --catalog 加入目录。",
        "Check the code, or add it with --catalog."),
    ex!(S1e, "S1", Error, "上级科目没有名称", "Parent code has no name",
        "表格要打印类和款的名称：既不在目录中、文件中也没写的上级科目无法打印。",
        "Tables print 类 and 款 names: a parent neither in the catalog nor written cannot be printed.",
        include_str!("../tests/diagnostics/S1e.budget"),
        "在其上方写出上级科目及名称。",
        "Write the parent line with its name above it."),
    ex!(S2a, "S2", Error, "经济科目编码位数不对", "Economic code of the wrong length",
        "经济分类：类 3 位、款 5 位。",
        "Economic codes: 类 3, 款 5 digits.",
        include_str!("../tests/diagnostics/S2a.budget"),
        "改正编码。",
        "Correct the code."),
    ex!(S2b, "S2", Error, "经济科目不属于上级", "Economic code not under its class",
        "款的编码必须以它上方的类编码开头。",
        "A 款 must extend the 类 it is written under.",
        include_str!("../tests/diagnostics/S2b.budget"),
        "把这一行移到正确的类之下。",
        "Move the line under its class."),
    ex!(S2c, "S2", Error, "经济科目名称与编码不符", "Economic name does not match the code",
        "目录中已有此部门经济分类编码，而写的名称不同。",
        "The catalog knows this economic code under another name.",
        include_str!("../tests/diagnostics/S2c.budget"),
        "改为目录中的名称，或改正编码。",
        "Use the catalog's name, or correct the code."),
    ex!(S2d, "S2", Warning, "经济科目不在目录中", "Economic code not in the catalog",
        "未知的部门经济分类编码；目录并不完整，可用 --catalog 扩充。",
        "An unknown department economic code; extend the catalog with --catalog.",
        include_str!("../tests/diagnostics/S2d.budget"),
        "核对编码，或用 --catalog 加入目录。",
        "Check the code, or add it with --catalog."),
    ex!(S2e, "S2", Error, "经济科目没有名称", "Economic code has no name",
        "不在目录中的经济科目必须写名称。",
        "An economic code that is not in the catalog needs a name.",
        include_str!("../tests/diagnostics/S2e.budget"),
        "在编码后写上名称。",
        "Write the name after the code."),
    ex!(S2f, "S2", Error, "政府经济分类对应有误", "Wrong government economic mapping",
        "“政府”后的政府经济分类编码不在目录中（警告）、名称与编码不符（错误），或只对应到了类（警告）。",
        "The 政府 code is unknown (warning), its name does not match (error), or it is a 类 rather than a 款 (warning).",
        include_str!("../tests/diagnostics/S2f.budget"),
        "写正确的 5 位政府经济分类编码，名称可省略。",
        "Give the right 5-digit government code; the name may be left out."),
    ex!(P1a, "P1", Error, "不是一级绩效指标", "Not a 一级 indicator",
        "一级指标为 产出指标、效益指标、满意度指标、成本指标（接受常见的名称变体）。",
        "一级 indicators are 产出指标, 效益指标, 满意度指标, 成本指标 (common variants accepted).",
        include_str!("../tests/diagnostics/P1a.budget"),
        "改为正确的一级指标名称。",
        "Use a 一级 indicator name."),
    ex!(P1b, "P1", Warning, "二级指标位置不对", "二级 indicator in the wrong slot",
        "二级指标必须放在它所属的一级指标之下：数量/质量/时效/成本 属于产出指标，经济/社会/生态效益与可持续影响 属于效益指标，服务对象满意度 属于满意度指标。",
        "A 二级 indicator belongs under its 一级: 数量/质量/时效/成本 under 产出, 经济/社会/生态/可持续 under 效益, 服务对象满意度 under 满意度.",
        include_str!("../tests/diagnostics/P1b.budget"),
        "把它移到正确的一级指标之下。",
        "Move it under the right 一级 indicator."),
    ex!(P1c, "P1", Warning, "时效指标不是时间", "A 时效 indicator that is not a time",
        "时效指标的值应是完成时限（全年、≤3个月、12月底前）。",
        "A 时效 value is a deadline (全年, ≤3个月, 12月底前).",
        include_str!("../tests/diagnostics/P1c.budget"),
        "写完成时限；质量方面的内容移到质量指标。",
        "Give a deadline; move quality statements to 质量指标."),
    ex!(P1d, "P1", Warning, "成本指标不是金额", "A cost indicator that is not an amount",
        "成本指标的值应是金额（≤11.9万元、≤119000元）。",
        "A cost value is an amount (≤11.9万元, ≤119000元).",
        include_str!("../tests/diagnostics/P1d.budget"),
        "写金额上限。",
        "Give an amount."),
    ex!(P1e, "P1", Error, "成本上限低于项目金额", "Cost cap below the project's amount",
        "项目的成本指标上限不能低于项目预算。",
        "A project's cost cap cannot be below its budget.",
        include_str!("../tests/diagnostics/P1e.budget"),
        "把上限改为不低于项目金额。",
        "Raise the cap to at least the project's amount."),
    ex!(P1f, "P1", Warning, "满意度不是百分比", "Satisfaction that is not a percentage",
        "服务对象满意度指标的值应是百分比。",
        "A satisfaction value is a percentage.",
        include_str!("../tests/diagnostics/P1f.budget"),
        "写作 ≥90% 或 100%。",
        "Write ≥90% or 100%."),
    ex!(P1g, "P1", Warning, "生态效益指标与生态无关", "An ecological indicator that is not ecological",
        "生态效益指标应描述对生态环境的影响；看不出与生态有关的内容可能放错了位置。",
        "An ecological indicator describes environmental effects; one that does not read as such may be in the wrong slot.",
        include_str!("../tests/diagnostics/P1g.budget"),
        "移到社会或经济效益指标，或留空。",
        "Move it to 社会/经济效益指标, or leave the slot empty."),
    ex!(P1h, "P1", Warning, "成本上限与它覆盖的金额差一个末位", "A cost cap one digit off the amount it covers",
        "整体绩效的成本指标上限通常就是它覆盖的金额（某类、款、项，基本或项目支出，某个项目或某类项目之和）。上限与其中一个金额差不超过所印末位的一个单位、却不相等（29.85万元对 29.84万元）时提醒：多半是笔误。",
        "A cost cap of the 整体绩效 is usually the amount it covers (a 类/款/项 line, 基本 or 项目 支出, a project or a category's projects). A cap within one unit of its last printed digit of such an amount but not equal (29.85万元 against 29.84万元) is pointed out: most likely a slip.",
        include_str!("../tests/diagnostics/P1h.budget"),
        "核对上限，多半应改为它覆盖的金额。",
        "Check the cap: it is most likely the amount it covers."),
    ex!(N20, "", Warning, "空表的说明缺失或说错了表", "An empty table without its note, or with another table's note",
        "没有数据的表（如本部门无政府性基金预算时的表6）应附口径规定的空表说明；说明中的预算种类应是这张表的（表7 是国有资本经营预算，说明却写“无政府性基金预算……”，多是从表6复制的）。审核导入的公开文件时，budget import 把每张空表印出的说明写作 排版 { 表 N { 空表说明 \"…\" } }（没有印说明就写 \"\"）。",
        "A table with no data (表6 when the department has no 政府性基金 budget) carries its profile's note; the note names this table's budget (表7 is the 国有资本经营 table, yet its note says 无政府性基金预算…, usually copied from 表6). For a reviewed document, budget import writes each empty table's printed note as 排版 { 表 N { 空表说明 \"…\" } } (\"\" when none is printed).",
        include_str!("../tests/diagnostics/N20.budget"),
        "补上空表说明，或把说明中的预算种类改为这张表的（快速修复）。",
        "Add the note, or name this table's budget in it (quick fix)."),
    ex!(N21, "", Warning, "单位类型未写明", "A unit's kind not stated",
        "公开文件常只写“行政单位 1 家，参公单位 1 家，事业单位 4 家”，不写每个单位的类型；budget import 导入时把这样的单位写作 类型 未写明，不猜测。需要类型的核对对它不做：机关运行经费不按单位计算（只核对它不超过全部公用经费），单位不按类型计数。文档中的计数要按类型印出，所以 budget build 不生成有未写明类型的文档。",
        "A published document often counts its units by kind (行政单位 1 家, 参公单位 1 家, 事业单位 4 家) without giving each unit's; budget import writes such a unit as 类型 未写明 rather than guess. The checks that need the kind skip it: 机关运行经费 is not computed by unit (only checked against all 公用经费), and units are not counted by kind. The document prints those counts, so budget build refuses a file with an unstated kind.",
        include_str!("../tests/diagnostics/N21.budget"),
        "写明 类型 行政、参公 或 事业。",
        "Write 类型 行政, 参公 or 事业."),
    ex!(N22, "", Warning, "由变动推出的上年数对不上", "Last year's figures the changes imply disagree",
        "文件没有上年数（上年）时，说明中的变动（“财政拨款收入9,101.68万元，比2024年预算减少2,389.52万元”）无从单独核对，但每个变动都推出了上年数：本年数减去变动额（在所印变动的舍入范围内；百分比亦然）。这些上年数满足每一年都满足的关系：同一个上年数只有一个（收入和支出两句说的财政拨款）；收入总计等于支出总计；三公经费等于三项之和，公务用车购置及运行费等于购置费与运行费之和；财政拨款等于三种来源之和（本年如此时）；上年数不为负（增加的不会比本年的数还多）。在舍入范围内无论如何都满足不了时提醒：多半有一个变动额印错了。写上 上年 { … } 后，由 N19 逐一核对。",
        "Without last year's figures (上年) a change in the narrative (财政拨款收入9,101.68万元，比2024年预算减少2,389.52万元) cannot be checked alone, but each implies last year's figure: this year's minus the change, within the rounding of the printed change (a percentage likewise). Those figures obey what every year's do: one figure implied twice (财政拨款 by the 收入 and the 支出 sentence) is one; 收入总计 equals 支出总计; the 三公 total is its three items and 公务用车购置及运行费 its two parts; 财政拨款 is its three sources (when this year's is); none is below zero (an increase is never more than this year's figure). When no figures within the rounding satisfy one of these, one change is most likely misprinted. With 上年 { … } written, N19 checks each change instead.",
        include_str!("../tests/diagnostics/N22.budget"),
        "核对这几个变动额，改正印错的一个；或写上 上年 { … }。",
        "Check these changes and correct the misprinted one; or write 上年 { … }."),
    ex!(N23, "", Warning, "单位家数前后不一致", "The counts of units disagree",
        "公开文件在几处数单位：机构设置“本部门中，行政单位 1 家，参公单位 1 家，事业单位 4 家，具体包括：”及其后列出的单位（1. … 2. …），常还有“包括…本部以及下属 5 家预算单位”；机关运行经费一句“下属1家机关和1家参公事业单位”。它们应一致：列出的单位数等于各类家数之和；下属家数等于各类家数之和减去本部（说“下属N家事业单位”时是事业单位的家数，含或不含参公）；机关的家数是行政单位的家数，参公事业单位是参公单位的家数，事业单位是参公或事业单位的家数。只比较文字（不单列预算的单位在文字中计数，却不是文件的 单位）。",
        "A published document counts its units in several places: the 机构设置 (本部门中，行政单位 1 家，参公单位 1 家，事业单位 4 家，具体包括：) and the units it lists (1. … 2. …), often 包括…本部以及下属 5 家预算单位; the 机关运行经费 sentence (下属1家机关和1家参公事业单位). They agree: the units listed are the counts by kind together; those 下属 the 本部 are that less one (下属N家事业单位: the 事业 ones, with or without the 参公); the 机关 are the 行政单位, the 参公事业单位 the 参公单位, and 事业单位 the 参公 or the 事业 ones. Only the texts are compared (a unit without a budget of its own is counted there but is not a 单位 of the file).",
        include_str!("../tests/diagnostics/N23.budget"),
        "核对这几处家数，改正印错的一处。",
        "Check these counts and correct the misprinted one."),
    ex!(N24, "", Warning, "设备的金额标准不是口径规定的", "An equipment threshold that is not the profile's",
        "国有资产情况按省份规定的金额标准统计设备：上海“单价100万元（含）以上设备（不含车辆）”，山西“占有使用价值50万元（原值）以上的通用设备”“100万元以上”。口径在 [rules] equipment_thresholds 中列出这些标准；说明中印的标准不在其中（“单价101万元”），多是笔误，或是从另一个省份的文件复制来的。",
        "The 国有资产 sentences count equipment above the province's thresholds: Shanghai's 单价100万元（含）以上设备（不含车辆）, Shanxi's 占有使用价值50万元（原值）以上的通用设备 and 100万元以上. A profile lists them in [rules] equipment_thresholds; a printed threshold that is none of them (单价101万元) is most likely a slip, or copied from another province's document.",
        include_str!("../tests/diagnostics/N24.budget"),
        "改为口径规定的金额标准。",
        "Print the profile's threshold."),
    ex!(T8, "", Warning, "单位预算用了部门的说法", "A unit's document that speaks as the department",
        "预算单位自己的文件（文件类型 单位预算）中，公开的说明（原文）应说“本单位”“单位预算安排”“单位预算编制说明”，而不是“本部门”“部门预算安排”等部门文件的说法（多是套用部门文件的模板留下的）。",
        "In a unit's own document (文件类型 单位预算) the printed narrative (原文) says 本单位, 单位预算安排, 单位预算编制说明 — not the department's 本部门, 部门预算安排 (usually left from the department's template).",
        include_str!("../tests/diagnostics/T8.budget"),
        "改为单位的说法（快速修复）。",
        "Use the unit's word (quick fix)."),
    ex!(T1, "", Warning, "段落或条目重复", "A repeated paragraph or item",
        "同一段文字（如主要职能的条目）在同一部分中出现了两次，多是复制粘贴留下的。连续重复的几段算一处。",
        "The same paragraph (e.g. an item of 主要职能) appears twice in one part, usually left by copy and paste. A run of repeated paragraphs is one finding.",
        include_str!("../tests/diagnostics/T1.budget"),
        "删去重复的段落（快速修复会删去）。",
        "Delete the repetition (the quick fix does)."),
    ex!(T2, "", Warning, "编号重复或跳号", "Numbering that repeats or skips",
        "同一种编号（一、 （一） 1. （1））依次递增；重复或跳过的编号说明有条目重复或遗漏。从 1 重新开始算新的列表。",
        "Each numbering style (一、 （一） 1. （1）) counts up by one; a number repeated or skipped means an item is doubled or missing. Starting again at 1 is a new list.",
        include_str!("../tests/diagnostics/T2.budget"),
        "补上遗漏的条目或改正编号。",
        "Add the missing item or correct the numbers."),
    ex!(T3, "", Warning, "年份与预算年度不符", "A year that does not fit the budget year",
        "在 年度 Y 的文件中：“比X年”比较的是上年（X = Y−1）；“X年预算安排”是本年（X = Y）；“X年（当年）预算执行数”是上年；“截至X年…”在 Y−1 或 Y 年；一个起止期间（X年1月1日-Z年12月31日）应包含 Y 年；“与X年…相比”“较X年”也是与上年比较；晚于 Y 的年份只出现在期间或目标中（到X年、X-Z年）；以年份开头、说明本年预算的句子（X年，本部门收入预算…）以 Y 开头。",
        "In a file of 年度 Y: “比X年” compares with last year (X = Y−1); “X年预算安排” is this year (X = Y); “X年（当年）预算执行数” is last year; “截至X年…” is in Y−1 or Y; a period (X年1月1日-Z年12月31日) includes Y; “与X年…相比” and “较X年” compare with last year too; a year after Y appears only in a period or a target (到X年, X-Z年); a sentence that opens with a year and states this budget (X年，本部门收入预算…) opens with Y.",
        include_str!("../tests/diagnostics/T3.budget"),
        "改正年份（比较年份有快速修复）。",
        "Correct the year (the comparison year has a quick fix)."),
    ex!(T4, "", Warning, "模板残留", "A template leftover",
        "模板中的占位内容没有替换：XX、××、增加（减少）、{单位} 之类；或“主要原因是”“主要用于”后面什么也没写。",
        "A template placeholder was left in: XX, ××, 增加（减少）, {单位} and the like; or nothing follows “主要原因是” / “主要用于”.",
        include_str!("../tests/diagnostics/T4.budget"),
        "换成实际内容，或删去。",
        "Replace it with the real text, or delete it."),
    ex!(T5, "", Warning, "标点重复或混用", "Doubled or mixed punctuation",
        "两个标点连在一起（。。 ；。 ，。）。",
        "Two marks in a row (。。 ；。 ，。).",
        include_str!("../tests/diagnostics/T5.budget"),
        "只保留一个（快速修复保留句末的那个）。",
        "Keep one (the quick fix keeps the end mark)."),
    ex!(T6, "", Warning, "引号或括号不配对", "Unbalanced quotes or brackets",
        "“ ” ‘ ’ （ ） 《 》 【 】 要成对出现；全角括号不要用半角括号闭合。",
        "“ ” ‘ ’ （ ） 《 》 【 】 come in pairs; a full-width bracket is not closed by a half-width one.",
        include_str!("../tests/diagnostics/T6.budget"),
        "补上或删去对应的引号、括号。",
        "Add or delete the matching quote or bracket."),
    ex!(T7, "", Warning, "措辞不当", "Wording",
        "“比上年持平”不通：持平是“与上年持平”。",
        "“比…持平” is not idiomatic: unchanged is “与…持平”.",
        include_str!("../tests/diagnostics/T7.budget"),
        "把“比”改为“与”（快速修复）。",
        "Change 比 to 与 (quick fix)."),
    ex!(T9, "", Warning, "名称与部门或单位的名称相近而不同", "A name almost the department's or a unit's",
        "文字中有一个名称，开头和结尾与本文件的部门或某个单位的名称相同，中间差几个字（“上海市普陀区人民政府长寿街道办事处”之于“…万里街道办事处”）：多是从另一个部门的文件复制来的，或打错了字。声明的名称本身、以及结尾不同的其他机构（“上海市普陀区财政局”）不报。",
        "A text names something that begins and ends as this file's department or one of its units does but differs in a few characters in between (…长寿街道办事处 for …万里街道办事处): usually copied from another department's document, or a typo. The declared names themselves, and other organisations that end differently (上海市普陀区财政局), are not reported.",
        include_str!("../tests/diagnostics/T9.budget"),
        "改为声明的名称（快速修复）；若确是另一个机构，核对它的全称。",
        "Use the declared name (quick fix); if it really is another organisation, check its full name."),
    // budget import (src/import/): the example is the imported text, not a .budget file;
    // their cases are in tests/import.rs.
    ex!(I001, "", Error, "不是预算公开文件", "Not a budget disclosure",
        "导入的文本中没有找到任何预算表（“……预算收支总表”“……支出预算表”等标题），这不像一份部门（单位）预算公开文件。",
        "No budget table (titles such as 预算收支总表, 支出预算表) was found in the imported text: it does not look like a budget disclosure.",
        "# budget import 读取的文本（不是 .budget 文件）：
# 会议通知
# 请各部门于周五前报送材料。",
        "确认导入的是预算公开文件本身（PDF、其 pdftotext -layout 文本或 budget build 生成的 xlsx）。",
        "Import the disclosure itself (the PDF, its pdftotext -layout text, or the xlsx budget build writes)."),
    ex!(I002, "", Error, "没有文字", "No text",
        "导入的文件为空、被截断，或是没有文字层的扫描件 PDF（pdftotext 得不到任何文字）。",
        "The imported file is empty or truncated, or a scanned PDF without a text layer (pdftotext gives no text).",
        "# 一个空文件，或只含图片的 PDF",
        "扫描件先做文字识别（OCR）；截断的文件重新下载。",
        "Run OCR on a scanned PDF first; download a truncated file again."),
    ex!(I003, "", Error, "导入超出限制", "Import limit exceeded",
        "导入的文件超过大小（64 MiB 文件、16 MiB 文本）、页数（400 页）或行数限制，或 pdftotext 运行超过 60 秒。限制保证任何输入都能很快结束。",
        "The imported file exceeds the size (64 MiB file, 16 MiB text), page (400) or line limit, or pdftotext ran for more than 60 seconds. The limits keep every import finite.",
        "# 一份 500 页的 PDF",
        "一次导入一份部门（单位）的预算公开文件。",
        "Import one department's (unit's) disclosure at a time."),
    ex!(I004, "", Warning, "未能导入的内容", "Content not imported",
        "文件中这一行（或这一部分）未能对应到语言中的事实：未能识别的表格行、分不清资金来源的科目、尚未导入的叙述部分或表格。原文保留为注释，位置不变，不会被丢弃；也不会凭空写出未印出的数字。",
        "This line (or part) of the document could not be placed as a fact of the language: a table row not recognised, a row whose sources cannot be told apart, a narrative part or table not imported yet. The printed text is kept as a comment at its place, never dropped; no figure that is not printed is written.",
        "# 第12页 表5 第3行：未能识别",
        "核对注释中保留的原文，手工写成事实。",
        "Check the text kept in the comment and write it as facts by hand."),
    ex!(I005, "", Error, "无法读取 PDF", "Cannot read the PDF",
        "pdftotext 未安装、运行失败（文件损坏、加密或不是 PDF），或电子表格无法打开；诊断给出工具的原话。",
        "pdftotext is not installed or failed (a corrupt, encrypted or non-PDF file); the diagnostic quotes the tool's message.",
        "# 一个损坏的 PDF 文件",
        "安装 poppler-utils（apt-get install poppler-utils，或运行 scripts/install-tools）；换用完整、未加密的文件。",
        "Install poppler-utils (apt-get install poppler-utils, or scripts/install-tools); use a whole, unencrypted file."),
    ex!(I006, "", Error, "缺少必需的表", "A required table is missing",
        "文件中没有支出总表（或一般公共预算支出表），或电子表格无法读取：导入的文件中无法写出支出。多出的表或工作表会作为未导入内容报告（I004）。",
        "The document has no 支出总表 (or 一般公共预算支出 table), or the spreadsheet cannot be read: no expenditure can be written. Extra tables or sheets are reported as not imported (I004).",
        "# 只含“收支总表”一个工作表的 xlsx",
        "导入完整的文件；电子表格请保留 budget build 写出的全部工作表。",
        "Import the whole document; keep every sheet budget build writes in a spreadsheet."),
    ex!(I007, "", Error, "金额栏中是文字", "Text in an amount cell",
        "表格的金额栏中填了文字（电子表格中常见：数字被改成了说明）。该行保留为注释。",
        "An amount cell of a table holds text (common in edited spreadsheets). The row is kept as a comment.",
        "# 金额栏写成“待定”的 xlsx 行",
        "把金额栏改为数字（可带千位分隔符）或留空。",
        "Write a number (with or without separators) in the amount cell, or leave it blank."),
    ex!(I008, "", Error, "未能识别口径", "Profile not recognised",
        "文件中的表名与任何口径（templates/ 中各省的 tables.toml）的表名都对不上，无法确定按哪个口径导入。",
        "The document's table titles match no profile's (templates/*/tables.toml), so the profile to import with is unknown.",
        "# 表名为“2024年某某预算总表”之类、不属于任何口径的文件",
        "用 --profile 指定口径（山西县级、上海区级）。",
        "Give the profile with --profile (山西县级, 上海区级)."),
    ex!(I009, "", Warning, "表头、封面或标题的部门与其他表不同", "A table's header, the cover or a heading names another department",
        "公开文件的每张表在表头印出编制部门（“部门名称：……”“预算主管部门：……”）。导入取多数表所印的名称为部门；一张表印的是另一个名称，多是从另一个部门的文件复制来的，或打错了字。封面（“预算主管部门：……”“预算单位：……”）印的名称与之不同，或标题（“……主要职能”）中的部门名称与之相近而不同（差一两个字），同样提醒。",
        "Each table of a disclosure prints its department in its header (部门名称：…, 预算主管部门：…). The import takes the name most tables print; a table printing another name was usually copied from another department's document, or mistyped. So is a cover (预算主管部门：…, 预算单位：…) printing another name, and a heading (…主要职能) naming one almost the department's (a character or two apart).",
        "# 表1 表头“部门名称：测试部门”，表3 表头“部门名称：测式部门”",
        "核对这张表的表头，改正名称。",
        "Check the table's header and correct the name."),
];

// The compiler proves that every code has exactly one explanation, at its
// own index: `Code::explanation` reads `ALL[code as usize]`.
const _: () = {
    assert!(ALL.len() == Code::ALL.len());
    let mut i = 0;
    while i < ALL.len() {
        assert!(ALL[i].code as usize == i);
        i += 1;
    }
};

pub fn find(code: &str) -> Option<&'static Explanation> {
    Code::parse(code).map(Code::explanation)
}

/// The text `budget explain CODE` prints.
pub fn render(e: &Explanation, lang: Lang) -> String {
    let sev = match (e.severity, lang) {
        (Severity::Error, Lang::Zh) => "错误",
        (Severity::Warning, Lang::Zh) => "警告",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
    };
    let rule = if e.rule.is_empty() {
        String::new()
    } else {
        match lang {
            Lang::Zh => format!("（规则 {}）", e.rule),
            Lang::En => format!(" (rule {})", e.rule),
        }
    };
    // The case file's `# 期望:` lines are for the test harness (their line
    // numbers count themselves): the example is shown without them.
    let example: String = e
        .example
        .lines()
        .filter(|l| !l.trim_start().starts_with("# 期望:"))
        .map(|l| format!("    {l}\n"))
        .collect();
    match lang {
        Lang::Zh => format!(
            "{} {}：{}{}\n\n{}\n\n示例：\n{}\n修正：{}\n",
            e.code, sev, e.title_zh, rule, e.body_zh, example, e.fix_zh
        ),
        Lang::En => format!(
            "{} {}: {}{}\n\n{}\n\nExample:\n{}\nFix: {}\n",
            e.code, sev, e.title_en, rule, e.body_en, example, e.fix_en
        ),
    }
}

/// The text `budget explain CODE` prints for a classification code (功能 or
/// 经济): per kind that has it, its name, level, parent chain, children and
/// where the entry comes from. `None` when no kind has it.
pub fn classification(catalog: &crate::catalog::Catalog, code: &str, lang: Lang) -> Option<String> {
    use crate::catalog::{CodeKind, Provenance};
    use std::fmt::Write as _;
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    for kind in [
        CodeKind::Function,
        CodeKind::EconomicDepartment,
        CodeKind::EconomicGovernment,
    ] {
        let Some(e) = catalog.get(kind, code) else {
            continue;
        };
        let kind_name = if zh { kind.name_zh() } else { kind.id() };
        let level = if zh { e.level.name_zh() } else { e.level.id() };
        let _ = writeln!(out, "{} {}  ({kind_name}, {level})", e.code, e.name);
        let mut chain = Vec::new();
        let mut up = e.parent.clone();
        while let Some(p) = up {
            match catalog.get(kind, &p) {
                Some(pe) => {
                    chain.push(format!("{} {}", pe.code, pe.name));
                    up = pe.parent.clone();
                }
                None => {
                    chain.push(p);
                    up = None;
                }
            }
        }
        let none = if zh { "（无）" } else { "(none)" };
        let parents = if chain.is_empty() {
            none.to_string()
        } else {
            chain.join(" → ")
        };
        let _ = writeln!(out, "  {} {parents}", if zh { "上级：" } else { "parent:" });
        let children: Vec<String> = catalog
            .children(kind, &e.code)
            .map(|c| format!("{} {}", c.code, c.name))
            .collect();
        let _ = writeln!(out, "  {}", if zh { "下级：" } else { "children:" });
        if children.is_empty() {
            let _ = writeln!(out, "    {none}");
        }
        for c in &children {
            let _ = writeln!(out, "    {c}");
        }
        if !e.aliases.is_empty() {
            let sep = if zh { "、" } else { ", " };
            let _ = writeln!(
                out,
                "  {} {}",
                if zh { "别名：" } else { "aliases:" },
                e.aliases.join(sep)
            );
        }
        let source = match (&e.provenance, zh) {
            (Provenance::Observed, true) => "在已公开的真实文件中见到",
            (Provenance::Observed, false) => "seen in a real published document",
            (Provenance::Standard, true) => "取自公布的全国科目目录，尚未在此处的文件中见到",
            (Provenance::Standard, false) => {
                "from the published national catalog, not yet seen in a document here"
            }
            (Provenance::User, true) => "来自用户的 --catalog 文件",
            (Provenance::User, false) => "from the user's --catalog file",
        };
        let detail = if e.source.is_empty() {
            e.provenance.as_str().to_string()
        } else {
            format!("{}: {}", e.provenance.as_str(), e.source)
        };
        let _ = writeln!(
            out,
            "  {} {source} ({detail})",
            if zh { "来源：" } else { "provenance:" },
        );
        for o in &e.old_names {
            let _ = writeln!(
                out,
                "  {} {}（{}）",
                if zh { "旧名称：" } else { "old name:" },
                o.name,
                o.until
            );
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The text `budget explain KEYWORD` prints for a keyword of the language
/// (src/schema.rs): at every place where it (or one of its variants) is a
/// key, what it means, what it takes, whether it may be repeated, and an
/// example. `None` when no place has it.
pub fn keyword(word: &str, lang: Lang) -> Option<String> {
    use crate::schema::{self, ValueKind};
    use std::fmt::Write as _;
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    for k in schema::KEYS.iter().filter(|k| k.matches(word)) {
        let place = schema::info(k.place);
        let _ = writeln!(
            out,
            "{}  ({} {})",
            k.word,
            if zh { "写在" } else { "in" },
            if zh { place.zh } else { place.en }
        );
        let _ = writeln!(out, "  {}", if zh { k.zh } else { k.en });
        let value = match (k.value, zh) {
            (ValueKind::Year, true) => "四位年份".to_string(),
            (ValueKind::Year, false) => "a four-digit year".to_string(),
            (ValueKind::Text, true) => "文字".to_string(),
            (ValueKind::Text, false) => "a text".to_string(),
            (ValueKind::Choice(c), true) => format!("其一：{}", c.join("、")),
            (ValueKind::Choice(c), false) => format!("one of: {}", c.join(", ")),
            (ValueKind::Amount, true) => "金额".to_string(),
            (ValueKind::Amount, false) => "an amount".to_string(),
            (ValueKind::Count, true) => "整数".to_string(),
            (ValueKind::Count, false) => "a whole number".to_string(),
            (ValueKind::Area, true) => "面积（平方米）".to_string(),
            (ValueKind::Area, false) => "an area (平方米)".to_string(),
            (ValueKind::Block(p), true) => format!("一个块：{} 的语句", schema::info(p).zh),
            (ValueKind::Block(p), false) => format!("a block of {} statements", schema::info(p).en),
            (ValueKind::Pairs, true) => "一个块：键 \"文字\"".to_string(),
            (ValueKind::Pairs, false) => "a block of KEY \"text\" pairs".to_string(),
            (ValueKind::Claims, true) => "一个块：每行 事实 印出的数字…".to_string(),
            (ValueKind::Claims, false) => {
                "a block: a fact and its printed figures, one a line".to_string()
            }
            (ValueKind::Named, true) => "一个块或值：名称与数值".to_string(),
            (ValueKind::Named, false) => "a block or a value: names with figures".to_string(),
        };
        let _ = writeln!(out, "  {} {value}", if zh { "取值：" } else { "takes:" });
        let times = match (k.many, zh) {
            (true, true) => "可写多次",
            (true, false) => "may be written more than once",
            (false, true) => "只写一次（重复为 L007）",
            (false, false) => "written once (twice is L007)",
        };
        let _ = writeln!(out, "  {times}");
        if !k.variants.is_empty() {
            let sep = if zh { "、" } else { ", " };
            let _ = writeln!(
                out,
                "  {} {}",
                if zh {
                    "也可写作："
                } else {
                    "also written:"
                },
                k.variants.join(sep)
            );
        }
        let _ = writeln!(out, "  {}", if zh { "示例：" } else { "example:" });
        for l in k.example.lines() {
            let _ = writeln!(out, "    {l}");
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_keyword_is_explained_at_each_of_its_places() {
        let s = keyword("合计", Lang::Zh).unwrap_or_default();
        // 合计 is a key of several blocks, and a variant of 收入总计 and 支出总计
        for place in [
            "(写在 收入)",
            "(写在 支出)",
            "(写在 三公经费)",
            "(写在 政府采购)",
        ] {
            assert!(s.contains(place), "{place}: {s}");
        }
        let s = keyword("运行费", Lang::En).unwrap_or_default();
        assert!(s.starts_with("公务用车运行维护费  (in 三公经费)"), "{s}");
        assert!(s.contains("written once (twice is L007)"), "{s}");
        assert!(keyword("胡说八道", Lang::Zh).is_none());
    }

    #[test]
    fn a_function_code_is_explained_with_its_family() {
        let c = crate::catalog::Catalog::builtin();
        let s = classification(&c, "2011301", Lang::Zh).unwrap_or_default();
        assert!(s.starts_with("2011301 行政运行"), "{s}");
        assert!(s.contains("20113 商贸事务 → 201 一般公共服务支出"), "{s}");
        let s = classification(&c, "20113", Lang::En).unwrap_or_default();
        assert!(s.contains("2011301 行政运行"), "{s}");
        assert!(classification(&c, "9999999", Lang::Zh).is_none());
    }
}
