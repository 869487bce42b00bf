//! Faults around `budget build`, with the real binary: on a full disk, an
//! unwritable target, typst failing, crashing or missing, or the process
//! killed mid-way, the outputs written before stay byte-identical, the exit
//! code is 2 and the message says what happened, and no temporary file is
//! left in the output folder (one left by a killed process is removed by the
//! next build). The input is never written over, `-o .` included.
//!
//! Tests that need what this machine may not allow (mounting a tmpfs) say
//! why they skip and pass.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_budget");
const SEED: &str = include_str!("../examples/jinzhong-chanyelian-2024.budget");

/// A fresh folder under `$TMPDIR/budget-faults/<pid>/`; the folders of runs
/// whose process is gone are removed first (once per run).
fn scratch(name: &str) -> PathBuf {
    static SWEEP: std::sync::Once = std::sync::Once::new();
    let base = std::env::temp_dir().join("budget-faults");
    SWEEP.call_once(|| {
        for e in fs::read_dir(&base).into_iter().flatten().flatten() {
            let pid = e.file_name().to_string_lossy().into_owned();
            if !Path::new("/proc").join(&pid).exists() {
                let _ = fs::remove_dir_all(e.path());
            }
        }
    });
    let d = base.join(std::process::id().to_string()).join(name);
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).expect("scratch dir");
    d
}

/// A folder with fake typst programs, and one with files named like the Noto
/// CJK fonts (the font check looks at names only; the fake typst never reads them).
struct Fakes {
    bin: PathBuf,
    fonts: PathBuf,
    empty: PathBuf,
}

/// What the fake `typst` does.
const FAKE_OK: &str =
    "#!/bin/sh\nfor a; do out=\"$a\"; done\ncase \"$out\" in *.pdf) printf '%%PDF-1.7 fake %s\\n' \"$$\" > \"$out\";; esac\n";
const FAKE_FAIL: &str = "#!/bin/sh\necho 'error: the fake typst failed on purpose' >&2\nexit 1\n";
const FAKE_PARTIAL: &str =
    "#!/bin/sh\nfor a; do out=\"$a\"; done\ncase \"$out\" in *.pdf) printf '%%PDF-1.7 half' > \"$out\";; esac\nexit 3\n";
const FAKE_KILLED: &str = "#!/bin/sh\nkill -9 $$\n";

fn fakes(name: &str, script: &str) -> Fakes {
    let root = scratch(&format!("fake-{name}"));
    let bin = root.join("bin");
    let fonts = root.join("fonts");
    let empty = root.join("empty");
    for d in [&bin, &fonts, &empty] {
        fs::create_dir_all(d).expect("fake dirs");
    }
    let typst = bin.join("typst");
    fs::write(&typst, script).expect("fake typst");
    fs::set_permissions(&typst, fs::Permissions::from_mode(0o755)).expect("chmod");
    for f in ["NotoSerifCJK-Regular.ttc", "NotoSansCJK-Regular.ttc"] {
        fs::write(fonts.join(f), b"not a font").expect("fake font");
    }
    Fakes { bin, fonts, empty }
}

/// `budget` with PATH = the fake bin folder and /usr/bin:/bin (for sh), no
/// BUDGET_TYPST, cargo's folders pointing nowhere.
fn command(f: &Fakes, args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.args(args)
        .env_remove("BUDGET_TYPST")
        .env("PATH", format!("{}:/usr/bin:/bin", f.bin.display()))
        .env("HOME", &f.empty)
        .env("CARGO_HOME", &f.empty)
        .env("BUDGET_FONT_PATH", &f.fonts)
        .stdin(Stdio::null());
    c
}

fn run(f: &Fakes, args: &[&str]) -> Output {
    command(f, args).output().expect("run budget")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file of a folder with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut m = BTreeMap::new();
    for e in fs::read_dir(dir).expect("read dir").flatten() {
        if e.path().is_file() {
            m.insert(
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).expect("read"),
            );
        }
    }
    m
}

/// Hidden files (our temporaries start with `.`).
fn temps(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

/// An input, built once into `out` with every format (fake PDF): the
/// "previous outputs". Returns the input path and the snapshot.
fn built(name: &str, f: &Fakes, out: &Path) -> (PathBuf, BTreeMap<String, Vec<u8>>) {
    let src_dir = scratch(&format!("{name}-src"));
    let input = src_dir.join("seed.budget");
    fs::write(&input, SEED).expect("write input");
    let o = run(
        f,
        &[
            "build",
            &input.to_string_lossy(),
            "-o",
            &out.to_string_lossy(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let snap = snapshot(out);
    for ext in ["json", "html", "typ", "pdf", "xlsx"] {
        assert!(
            snap.contains_key(&format!("seed.{ext}")),
            "seed.{ext}: {snap:?}"
        );
    }
    // the next build would change every output
    fs::write(
        &input,
        SEED.replace("产业发展促进工作经费", "产业发展促进工作经费二"),
    )
    .expect("edit input");
    (input, snap)
}

#[test]
fn typst_failing_keeps_the_previous_pdf_and_says_so() {
    for (name, script, what) in [
        ("fail", FAKE_FAIL, "the fake typst failed on purpose"),
        ("partial", FAKE_PARTIAL, "typst failed"),
        ("killed", FAKE_KILLED, "signal"),
    ] {
        let ok = fakes(&format!("{name}-ok"), FAKE_OK);
        let out = scratch(&format!("{name}-out"));
        let (input, before) = built(name, &ok, &out);
        let bad = fakes(name, script);
        let o = run(
            &bad,
            &[
                "build",
                &input.to_string_lossy(),
                "--format",
                "pdf",
                "-o",
                &out.to_string_lossy(),
            ],
        );
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains("pdf") && err.contains(what), "{name}: {err}");
        assert_eq!(snapshot(&out), before, "{name}: the outputs changed");
        assert_eq!(
            temps(&out),
            Vec::<String>::new(),
            "{name}: temporaries left"
        );
    }
}

#[test]
fn typst_missing_says_how_to_install_and_writes_no_pdf() {
    let f = fakes("missing", FAKE_OK);
    fs::remove_file(f.bin.join("typst")).expect("remove the fake");
    let out = scratch("missing-out");
    let input = out.join("seed.budget");
    fs::write(&input, SEED).expect("input");
    let o = run(
        &f,
        &[
            "build",
            &input.to_string_lossy(),
            "--format",
            "pdf",
            "-o",
            &out.to_string_lossy(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("`typst` program was not found") && err.contains("cargo install typst-cli"),
        "{err}"
    );
    assert!(!out.join("seed.pdf").exists());
    assert_eq!(temps(&out), Vec::<String>::new());
    assert_eq!(fs::read_to_string(&input).expect("input"), SEED);
}

#[test]
fn a_target_that_cannot_be_written_keeps_the_rest_and_leaves_no_temporary() {
    let f = fakes("dirtarget", FAKE_OK);
    let out = scratch("dirtarget-out");
    let (input, before) = built("dirtarget", &f, &out);
    // the HTML's place is taken by a folder: the rename fails
    fs::remove_file(out.join("seed.html")).expect("remove");
    fs::create_dir(out.join("seed.html")).expect("a folder in the way");
    fs::write(out.join("seed.html").join("keep"), b"x").expect("non-empty");
    let o = run(
        &f,
        &[
            "build",
            &input.to_string_lossy(),
            "--format",
            "json,html",
            "-o",
            &out.to_string_lossy(),
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("cannot write") && err.contains("seed.html"),
        "{err}"
    );
    assert_eq!(temps(&out), Vec::<String>::new(), "temporaries left");
    let after = snapshot(&out);
    assert_ne!(after["seed.json"], before["seed.json"], "json was rebuilt");
    for k in ["seed.typ", "seed.pdf", "seed.xlsx"] {
        assert_eq!(after[k], before[k], "{k} changed");
    }

    // an output folder whose parent is a file: nothing can be created
    let file = out.join("plain-file");
    fs::write(&file, b"x").expect("file");
    let target = file.join("out");
    let o = run(
        &f,
        &[
            "build",
            &input.to_string_lossy(),
            "--format",
            "json",
            "-o",
            &target.to_string_lossy(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot create"), "{}", stderr(&o));
}

/// Mount a small tmpfs (root only, and only where mounting is allowed).
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str, ro: bool) -> Result<Tmpfs, String> {
        let opts = format!("size={size}{}", if ro { ",ro" } else { "" });
        let o = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &opts, "tmpfs"])
            .arg(dir)
            .output()
            .map_err(|e| format!("mount: {e}"))?;
        if o.status.success() {
            Ok(Tmpfs(dir.to_path_buf()))
        } else {
            Err(String::from_utf8_lossy(&o.stderr).trim().to_string())
        }
    }
    fn remount_ro(&self) -> bool {
        Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_keeps_the_previous_outputs() {
    let f = fakes("full", FAKE_OK);
    let out = scratch("full-out");
    let fs_ = match Tmpfs::mount(&out, "4m", false) {
        Ok(m) => m,
        Err(e) => {
            eprintln!(
                "skipped: cannot mount a tmpfs here ({e}); the disk-full case needs root and mount"
            );
            return;
        }
    };
    let (input, before) = built("full", &f, &out);
    // fill the disk to the last byte
    let mut filler = fs::File::create(out.join("filler")).expect("filler");
    let chunk = vec![0u8; 64 * 1024];
    loop {
        use std::io::Write;
        if filler
            .write_all(&chunk)
            .and_then(|_| filler.flush())
            .is_err()
        {
            break;
        }
    }
    let _ = filler.sync_all();
    for chunk in [4096usize, 512, 1] {
        use std::io::Write;
        while filler.write_all(&vec![0u8; chunk]).is_ok() {}
    }
    drop(filler);
    let mut before = before;
    before.insert(
        "filler".into(),
        fs::read(out.join("filler")).expect("filler"),
    );
    let o = run(
        &f,
        &[
            "build",
            &input.to_string_lossy(),
            "-o",
            &out.to_string_lossy(),
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("No space left") || err.contains("space"),
        "{err}"
    );
    assert_eq!(snapshot(&out), before, "outputs changed on a full disk");
    assert_eq!(temps(&out), Vec::<String>::new(), "temporaries left");

    // read-only: the same, and the message says so
    fs::remove_file(out.join("filler")).expect("unfill");
    before.remove("filler");
    if fs_.remount_ro() {
        let o = run(
            &f,
            &[
                "build",
                &input.to_string_lossy(),
                "-o",
                &out.to_string_lossy(),
            ],
        );
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("Read-only"), "{}", stderr(&o));
        assert_eq!(snapshot(&out), before);
    } else {
        eprintln!("skipped the read-only half: cannot remount read-only");
    }
}

#[test]
fn a_killed_build_leaves_the_outputs_and_the_next_build_cleans_up() {
    let ok = fakes("kill-ok", FAKE_OK);
    let out = scratch("kill-out");
    let (input, before) = built("kill", &ok, &out);
    // typst that hangs, telling us its pid
    let pidfile = out.parent().expect("parent").join("typst.pid");
    let _ = fs::remove_file(&pidfile);
    let hang = fakes(
        "kill-hang",
        &format!(
            "#!/bin/sh\necho $$ > {}\nexec sleep 20\n",
            pidfile.display()
        ),
    );
    let mut child = command(
        &hang,
        &[
            "build",
            &input.to_string_lossy(),
            "-o",
            &out.to_string_lossy(),
        ],
    )
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .expect("spawn");
    let end = Instant::now() + Duration::from_secs(20);
    while !pidfile.exists()
        || fs::read_to_string(&pidfile)
            .map(|s| s.trim().is_empty())
            .unwrap_or(true)
    {
        assert!(Instant::now() < end, "the fake typst never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().expect("kill budget");
    let _ = child.wait();
    let typst_pid = fs::read_to_string(&pidfile)
        .expect("pid")
        .trim()
        .to_string();
    let _ = Command::new("kill").args(["-9", &typst_pid]).status();
    let _ = fs::remove_file(&pidfile);
    // the outputs are those of before (json and html, written before typst ran,
    // are complete new files: each output is old or new, never partial)
    let now = snapshot(&out);
    for (k, v) in &before {
        let current = now.get(k).expect("an output disappeared");
        if k == "seed.pdf" || k == "seed.xlsx" {
            assert_eq!(current, v, "{k} changed");
        } else {
            assert!(current == v || !current.is_empty(), "{k} partial");
        }
    }
    let left = temps(&out);
    assert!(
        !left.is_empty(),
        "the kill left no temporary (typst's source should be there)"
    );
    // the next build removes what the killed one left
    let o = run(
        &ok,
        &[
            "build",
            &input.to_string_lossy(),
            "-o",
            &out.to_string_lossy(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        temps(&out),
        Vec::<String>::new(),
        "stale temporaries {left:?} not removed"
    );
}

#[test]
fn the_input_is_never_written_over() {
    let f = fakes("input", FAKE_OK);
    let dir = scratch("input");
    // `-o .` next to the source: the outputs go beside it, the input stays
    let input = dir.join("seed.budget");
    fs::write(&input, SEED).expect("input");
    let o = command(&f, &["build", "seed.budget", "-o", "."])
        .current_dir(&dir)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&input).expect("input"), SEED);
    assert!(dir.join("seed.html").is_file());
    // the input given as the output folder: refused, intact
    let o = command(&f, &["build", "seed.budget", "-o", "seed.budget"])
        .current_dir(&dir)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&input).expect("input"), SEED);
    // an input whose name is an output's: refused, byte-identical
    for (name, format) in [
        ("seed.html", "html"),
        ("seed.json", "json"),
        ("seed.typ", "typst"),
    ] {
        let d = scratch(&format!("input-{format}"));
        let input = d.join(name);
        fs::write(&input, SEED).expect("input");
        for out in [".", "./", "sub/.."] {
            if out == "sub/.." {
                fs::create_dir_all(d.join("sub")).expect("sub");
            }
            let o = command(
                &f,
                &[
                    "build",
                    name,
                    "--format",
                    &format!("json,{format}"),
                    "-o",
                    out,
                ],
            )
            .current_dir(&d)
            .output()
            .expect("run");
            assert_eq!(o.status.code(), Some(2), "{name} -o {out}: {}", stderr(&o));
            assert!(
                stderr(&o).contains("refusing to overwrite the input"),
                "{}",
                stderr(&o)
            );
            assert_eq!(
                fs::read_to_string(&input).expect("input"),
                SEED,
                "{name} -o {out}"
            );
        }
        // through a symbolic link to the folder
        let link = d.join("link");
        let _ = std::os::unix::fs::symlink(&d, &link);
        let o = command(&f, &["build", name, "--format", format, "-o", "link"])
            .current_dir(&d)
            .output()
            .expect("run");
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert_eq!(fs::read_to_string(&input).expect("input"), SEED);
        assert_eq!(temps(&d), Vec::<String>::new());
    }
}

#[test]
fn an_unreadable_input_is_an_io_error() {
    let f = fakes("unreadable", FAKE_OK);
    let dir = scratch("unreadable");
    let o = run(
        &f,
        &[
            "build",
            &dir.join("nope.budget").to_string_lossy(),
            "-o",
            &dir.to_string_lossy(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read"), "{}", stderr(&o));
    // a folder given as the input
    let o = run(&f, &["check", &dir.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

/// The typst call is confined: `--root` is the output folder,
/// `--ignore-system-fonts` with the explicit font path, and no TYPST_*
/// variable of the caller reaches it (a fake typst records what it got).
#[test]
fn typst_is_called_with_root_and_fonts_confined() {
    let root = scratch("args");
    let record = root.join("record.txt");
    let script = format!(
        "#!/bin/sh\nfor a; do echo \"arg:$a\"; out=\"$a\"; done > {r}\nenv | grep '^TYPST_' >> {r}\nprintf '%%PDF-1.7 fake' > \"$out\"\n",
        r = record.display()
    );
    let f = fakes("args", &script);
    let out = root.join("out");
    let input = root.join("seed.budget");
    fs::write(&input, SEED).expect("input");
    let o = command(
        &f,
        &[
            "build",
            &input.to_string_lossy(),
            "--format",
            "pdf",
            "-o",
            &out.to_string_lossy(),
        ],
    )
    .env("TYPST_ROOT", "/")
    .env("TYPST_FONT_PATHS", "/usr/share/fonts")
    .env("TYPST_PACKAGE_PATH", "/tmp")
    .output()
    .expect("run");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let got = fs::read_to_string(&record).expect("the fake typst ran");
    let args: Vec<&str> = got.lines().filter_map(|l| l.strip_prefix("arg:")).collect();
    let after = |flag: &str| {
        args.iter()
            .position(|a| *a == flag)
            .and_then(|i| args.get(i + 1))
            .copied()
    };
    let out_canon = out.canonicalize().expect("out");
    let root_arg = after("--root").expect("--root is given");
    assert_eq!(
        Path::new(root_arg).canonicalize().expect("root"),
        out_canon,
        "{args:?}"
    );
    assert!(args.contains(&"--ignore-system-fonts"), "{args:?}");
    assert_eq!(
        after("--font-path"),
        Some(f.fonts.to_str().expect("utf-8")),
        "{args:?}"
    );
    // the source typst compiles is inside the root
    let src = args
        .iter()
        .find(|a| a.ends_with(".typ"))
        .expect("a .typ source");
    assert!(Path::new(src).starts_with(&out), "{src}");
    assert!(
        !got.lines().any(|l| l.starts_with("TYPST_")),
        "TYPST_ variables reached typst: {got}"
    );
    assert_eq!(temps(&out), Vec::<String>::new());
}
