//! `budget explain`.

use super::usage;
use budget::diagnostic::Lang;

pub fn run(code: Option<String>, list: bool, lang: &str, opts: &budget::Options) -> u8 {
    let Some(lang) = Lang::parse(lang) else {
        return usage(&format!("unknown --lang `{lang}` (zh or en)"));
    };
    if list || code.is_none() {
        for e in budget::explain::ALL {
            let title = match lang {
                Lang::Zh => e.title_zh,
                Lang::En => e.title_en,
            };
            println!("{:<5} {title}", e.code);
        }
        return 0;
    }
    let code = code.unwrap_or_default();
    match budget::explain::find(&code) {
        Some(e) => {
            print!("{}", budget::explain::render(e, lang));
            0
        }
        None => match budget::explain::classification(&opts.catalog, &code, lang) {
            Some(text) => {
                print!("{text}");
                0
            }
            None => match budget::explain::keyword(&code, lang) {
                Some(text) => {
                    print!("{text}");
                    0
                }
                None => usage(&format!(
                    "unknown code `{code}`: neither a diagnostic code (`budget explain --list` lists them), a classification code in the catalog, nor a keyword of the language"
                )),
            },
        },
    }
}
