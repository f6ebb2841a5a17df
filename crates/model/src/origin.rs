//! Where a value was printed: the provenance every read value carries.

use serde::{Deserialize, Serialize};

/// 出处：文件中的行号（从 1 开始），以及表格中的列号（从 1 开始，有单元格时）。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Origin {
    pub line: u32,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cell: Option<u32>,
}

impl Origin {
    pub fn line(line: u32) -> Self {
        Origin { line, cell: None }
    }
    pub fn cell(line: u32, cell: u32) -> Self {
        Origin {
            line,
            cell: Some(cell),
        }
    }
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.cell {
            Some(c) => write!(f, "第{}行第{}列", self.line, c),
            None => write!(f, "第{}行", self.line),
        }
    }
}

/// A value together with the place it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Located<T> {
    pub value: T,
    pub at: Origin,
}

impl<T> Located<T> {
    pub fn new(value: T, at: Origin) -> Self {
        Located { value, at }
    }
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Located<U> {
        Located {
            value: f(self.value),
            at: self.at,
        }
    }
}

impl Located<String> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}
