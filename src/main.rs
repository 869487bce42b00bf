//! The `budget` command line: a thin adapter over the library.

mod cli;

use clap::{Parser, Subcommand};
use cli::check::CheckFormat;
use cli::with_setup;
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

#[derive(Subcommand)]
enum Command {
    /// Check .budget files: exit 0 without errors, 1 with errors, 2 on usage or IO errors.
    Check {
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "human")]
        format: CheckFormat,
        /// zh (default) or en
        #[arg(long, default_value = "zh")]
        lang: String,
        /// An extra catalog file (CSV: kind,code,name[,level,parent,aliases]); repeatable.
        #[arg(long)]
        catalog: Vec<PathBuf>,
    },
    /// Explain a diagnostic code (or list them all with --list).
    Explain {
        code: Option<String>,
        #[arg(long)]
        list: bool,
        #[arg(long, default_value = "zh")]
        lang: String,
    },
    /// Build outputs from a checked file.
    Build {
        file: PathBuf,
        /// Output formats, comma-separated. Available now: json.
        #[arg(long, default_value = "json")]
        format: String,
        /// Output directory.
        #[arg(short = 'o', long = "out", default_value = "out")]
        out: PathBuf,
        /// Build even when the file has errors.
        #[arg(long)]
        draft: bool,
        #[arg(long, default_value = "zh")]
        lang: String,
        #[arg(long)]
        catalog: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check {
            files,
            format,
            lang,
            catalog,
        } => with_setup(&lang, &catalog, |lang, opts| {
            cli::check::run(&files, format, lang, opts)
        }),
        Command::Explain { code, list, lang } => cli::explain::run(code, list, &lang),
        Command::Build {
            file,
            format,
            out,
            draft,
            lang,
            catalog,
        } => with_setup(&lang, &catalog, |lang, opts| {
            cli::build::run(&file, &format, &out, draft, lang, opts)
        }),
    };
    ExitCode::from(code)
}
