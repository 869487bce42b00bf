//! The `budget` command line: a thin adapter over the library.

mod cli;

use clap::{Parser, Subcommand};
use cli::check::CheckFormat;
use cli::diff::DiffFormat;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "budget",
    version,
    about = "部门预算公开文件的编译器 — a compiler for department budget disclosures"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// What every checking command takes: the language of its messages and extra
/// catalogs.
#[derive(clap::Args)]
struct Setup {
    /// zh (default) or en: the language of messages
    #[arg(long, default_value = "zh")]
    lang: String,
    /// An extra catalog file (CSV: kind,code,name[,level,parent,aliases]); repeatable.
    #[arg(long)]
    catalog: Vec<PathBuf>,
}

/// Where files a file names (`上年 文件 "…"`, a unit's `文件`) may be read from.
#[derive(clap::Args)]
struct FilesFrom {
    /// A folder files named by a file may be read from, besides the folder of the
    /// file given; repeatable.
    #[arg(long = "allow-path")]
    allow_path: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Check .budget files, or folders of them (recursively), in parallel: exit 0 without
    /// errors, 1 with errors, 2 on usage or IO errors.
    Check {
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "human")]
        format: CheckFormat,
        #[command(flatten)]
        setup: Setup,
        #[command(flatten)]
        files_from: FilesFrom,
        /// Show acknowledged warnings too (`# budget: 允许 CODE` comments).
        #[arg(long)]
        all: bool,
        /// Show errors and the summary only.
        #[arg(short = 'q', long = "errors-only")]
        errors_only: bool,
        /// With --format html: write the review page here (else to standard output).
        #[arg(short = 'o', long = "out")]
        out: Option<PathBuf>,
    },
    /// Explain a diagnostic code (or list them all with --list), or look up a
    /// classification code (功能 or 经济): name, level, parent, children, provenance.
    Explain {
        code: Option<String>,
        #[arg(long)]
        list: bool,
        #[command(flatten)]
        setup: Setup,
    },
    /// Rewrite .budget files in the canonical layout; with --check, list the
    /// files that are not formatted (exit 1) and change nothing.
    Fmt {
        files: Vec<PathBuf>,
        #[arg(long)]
        check: bool,
        /// zh (default) or en
        #[arg(long, default_value = "zh")]
        lang: String,
    },
    /// Run the language server on standard input and output (for editors).
    Lsp {
        #[command(flatten)]
        setup: Setup,
        #[command(flatten)]
        files_from: FilesFrom,
        /// Accepted for editors that pass it; stdio is the only transport.
        #[arg(long, hide = true)]
        stdio: bool,
    },
    /// Import a published disclosure (PDF, its pdftotext -layout text or the seed's
    /// tab-separated text, or the xlsx `budget build` writes) as a .budget file.
    ///
    /// Read: the year, department (and its code where a 申报表 prints it) and profile
    /// (from the table titles); every row of the 收支总表, 收入/支出 tables (codes from
    /// code columns or labels such as 204类06款01项; labels wrapped onto two lines or
    /// around their amounts, header words wrapped in their cell, blank cells, page
    /// breaks, repeated headers, column-number rows), the 基本支出 economic table,
    /// 三公经费 and 机关运行经费; the 项目支出 tables as 项目 blocks (功能 where the
    /// 支出 table's 项目 cells allow one placement, 类别 where the narrative's counts
    /// and amounts do, 绩效公开 from the grids printed); the 绩效目标申报表 grids as
    /// 绩效目标 and 整体绩效 blocks (from tab-separated text, xlsx, and a PDF's layout
    /// text: cells wrapped inside their columns and centred in their rows, merged
    /// labels, page breaks); the prose parts 职责, 机构设置 (and the units it lists),
    /// 名词解释, 其他说明; the tables' print conventions (排版, per table where one
    /// differs) and the rounding of a 万元 table (舍入); the narrative as printed
    /// (原文: the prose checks read it, and each figure after a fact it names is a
    /// claim checked against the facts, N18/N19).
    /// Not read: a PDF grid without its indicator header (一级指标 … 三级指标); a
    /// unit's kind or a project's 类别/功能 the document does not fix. These are
    /// kept as comments and reported (I004), never dropped.
    /// Nothing is invented: a figure
    /// not printed is not written. An xlsx holds cell values, so no 排版 is read from it.
    /// Limits: 64 MiB file, 16 MiB text, 400 pages, pdftotext 60 s
    /// (BUDGET_PDFTOTEXT_TIMEOUT); pdftotext is BUDGET_PDFTOTEXT or the one on PATH.
    /// Then run `budget check` on the output. Exit 0, 1 with errors, 2 on usage or IO
    /// errors.
    #[command(verbatim_doc_comment)]
    Import {
        file: PathBuf,
        /// The output file (default: FILE with the extension .budget).
        #[arg(short = 'o', long = "out")]
        out: Option<PathBuf>,
        /// The profile (山西县级, 上海区级); recognised from the table titles when absent.
        #[arg(long)]
        profile: Option<String>,
        /// Overwrite the output file if it exists.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        setup: Setup,
    },
    /// Compare two versions (or two years) of a department's budget: table by table,
    /// row and cell (amounts and their change), and the narrative paragraph by
    /// paragraph. Exit 0: the same; 1: different; 2: error (like diff).
    Diff {
        /// OLD NEW (with --git: the 7 arguments git passes to a diff driver)
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "human")]
        format: DiffFormat,
        /// Write the diff to this file instead of standard output.
        #[arg(short = 'o', long = "out")]
        out: Option<PathBuf>,
        /// Act as git's external diff driver (see README: "Year after year").
        #[arg(long)]
        git: bool,
        #[command(flatten)]
        setup: Setup,
        #[command(flatten)]
        files_from: FilesFrom,
    },
    /// Work with a profile (a province's layout: document.toml, tables.toml, templates).
    Profile {
        #[command(subcommand)]
        action: ProfileAction,
    },
    /// Build outputs from a checked file.
    Build {
        file: PathBuf,
        /// Output formats, comma-separated: html, typst, pdf, xlsx, json.
        #[arg(long, default_value = "html,typst,pdf,xlsx,json")]
        format: String,
        /// Output directory.
        #[arg(short = 'o', long = "out", default_value = "out")]
        out: PathBuf,
        /// Build even when the file has errors.
        #[arg(long)]
        draft: bool,
        /// A profile folder (document.toml, tables.toml, templates) to use
        /// instead of the built-in profile the file's 口径 names.
        #[arg(long)]
        profile: Option<PathBuf>,
        #[command(flatten)]
        setup: Setup,
        #[command(flatten)]
        files_from: FilesFrom,
        /// Build this unit's own document: the file the department's
        /// `单位 "NAME" { 文件 "…" }` names (the same outputs as building
        /// that file itself).
        #[arg(long)]
        unit: Option<String>,
    },
}

#[derive(Subcommand)]
enum ProfileAction {
    /// Validate a profile folder: every file parses, every key is one the renderer
    /// reads, every template compiles, every table kind exists. Problems are listed
    /// as FILE:LINE:COLUMN: message. Exit 0 without problems, 1 with, 2 when the
    /// folder cannot be read.
    Check {
        dir: PathBuf,
        /// Also lay out and render this .budget file with the profile.
        #[arg(long)]
        with: Option<PathBuf>,
        #[command(flatten)]
        setup: Setup,
    },
}

impl Setup {
    /// The messages' language alone (a command that reads no catalog).
    fn lang(lang: String) -> Setup {
        Setup {
            lang,
            catalog: Vec::new(),
        }
    }
}

/// [`cli::with_setup`] with a command's [`Setup`].
fn with_setup(
    setup: &Setup,
    allow: &[PathBuf],
    f: impl FnOnce(budget::diagnostic::Lang, &budget::Options) -> u8,
) -> u8 {
    cli::with_setup(&setup.lang, &setup.catalog, allow, f)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check {
            files,
            format,
            all,
            errors_only,
            out,
            setup,
            files_from,
        } => with_setup(&setup, &files_from.allow_path, |lang, opts| {
            let show = cli::check::Show { all, errors_only };
            cli::check::run(&files, format, out.as_deref(), lang, opts, show)
        }),
        Command::Explain { code, list, setup } => with_setup(&setup, &[], |_, opts| {
            cli::explain::run(code, list, &setup.lang, opts)
        }),
        Command::Fmt { files, check, lang } => with_setup(&Setup::lang(lang), &[], |lang, _| {
            cli::fmt::run(&files, check, lang)
        }),
        Command::Lsp {
            setup,
            files_from,
            stdio: _,
        } => with_setup(&setup, &files_from.allow_path, cli::lsp::run),
        Command::Diff {
            files,
            format,
            out,
            git,
            setup,
            files_from,
        } => with_setup(&setup, &files_from.allow_path, |lang, opts| {
            let args = cli::diff::Args {
                files: &files,
                format,
                out: out.as_deref(),
                git,
            };
            cli::diff::run(args, lang, opts)
        }),
        Command::Build {
            file,
            format,
            out,
            draft,
            profile,
            setup,
            files_from,
            unit,
        } => with_setup(&setup, &files_from.allow_path, |lang, opts| {
            let target = cli::build::Target {
                file: &file,
                unit: unit.as_deref(),
            };
            cli::build::run(target, &format, &out, draft, profile.as_deref(), lang, opts)
        }),
        Command::Profile {
            action: ProfileAction::Check { dir, with, setup },
        } => with_setup(&setup, &[], |lang, opts| {
            cli::profile::check(&dir, with.as_deref(), lang, opts)
        }),
        Command::Import {
            file,
            out,
            profile,
            force,
            setup,
        } => with_setup(&setup, &[], |lang, opts| {
            cli::import::run(&file, out.as_deref(), profile, force, lang, &opts.catalog)
        }),
    };
    ExitCode::from(code)
}
