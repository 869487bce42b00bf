//! The diagnostic codes: one enum, so that a code is a name the compiler
//! knows. Every code has exactly one explanation in [`crate::explain::ALL`],
//! in this order — a compile-time assertion there proves it — and its case
//! file `tests/diagnostics/<CODE>.budget`.

use serde::{Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;

macro_rules! codes {
    ($($c:ident),* $(,)?) => {
        /// A diagnostic code (`budget explain CODE`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code {
            $($c),*
        }

        impl Code {
            /// Every code, in the order of [`crate::explain::ALL`].
            pub const ALL: &'static [Code] = &[$(Code::$c),*];

            /// The code as written: `L005`, `P1h`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$c => stringify!($c)),*
                }
            }
        }
    };
}

codes!(
    L001, L002, L003, L004, L005, L006, L007, L008, L009, L010, L011, L012, L013, L014, L015, L016,
    L017, F001, F002, F003, F004, F005, F006, F007, F008, R1, R2, R5, R6, R8, R9, R10, F012, F011,
    X4, X5, X6, X8, X9, X11, N1, N7, N9, N10, N11, N14, N15, N16, N17, N18, N19, S1a, S1b, S1c,
    S1d, S1e, S2a, S2b, S2c, S2d, S2e, S2f, P1a, P1b, P1c, P1d, P1e, P1f, P1g, P1h, N20, N21, N22,
    N23, N24, T8, T1, T2, T3, T4, T5, T6, T7, T9, I001, I002, I003, I004, I005, I006, I007, I008,
    I009,
);

impl Code {
    /// The code named `s`, in any letter case (`budget explain p1h`).
    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(s))
    }

    /// Its explanation.
    pub fn explanation(self) -> &'static crate::explain::Explanation {
        &crate::explain::ALL[self as usize]
    }
}

/// Codes sort as their names do (reports list them alphabetically).
impl Ord for Code {
    fn cmp(&self, other: &Code) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Code) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl AsRef<str> for Code {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_reads_back_from_its_name_in_any_case() {
        assert_eq!(Code::parse("p1h"), Some(Code::P1h));
        assert_eq!(Code::parse("L005"), Some(Code::L005));
        assert_eq!(Code::parse("L999"), None);
        assert_eq!(Code::X8.explanation().code, Code::X8);
        assert!(Code::R10 < Code::R2, "codes sort by name");
    }
}
