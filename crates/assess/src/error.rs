//! Typed input errors with a Chinese message naming the project and indicator.

use std::fmt;

use jixiao_model::Document;

/// 出错位置：项目与（可选的）指标。Indicators are named by position and 三级指标 text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Index of the project in `Document::projects`.
    pub project: usize,
    pub project_name: String,
    /// Index of the indicator in `Project::indicators`, with its 三级指标 text.
    pub indicator: Option<(usize, String)>,
}

impl Place {
    pub fn project(doc: &Document, project: usize) -> Place {
        let project_name = doc.projects.get(project).map_or_else(String::new, |p| p.name.value.clone());
        Place { project, project_name, indicator: None }
    }

    pub fn indicator(doc: &Document, project: usize, indicator: usize) -> Place {
        let text = doc
            .projects
            .get(project)
            .and_then(|p| p.indicators.get(indicator))
            .map_or_else(String::new, |i| i.level3_text().to_string());
        Place { indicator: Some((indicator, text)), ..Place::project(doc, project) }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "第{}个项目「{}」", self.project + 1, self.project_name)?;
        if let Some((i, text)) = &self.indicator {
            write!(f, "第{}条指标「{}」", i + 1, text)?;
        }
        Ok(())
    }
}

/// The field a low execution rate's reason is written in (the year-end template's column).
pub const EXPLANATION_FIELD: &str = "执行率偏低原因说明";

/// 监控或自评数据中的错误。Every message is Chinese and names where the problem is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("文档中没有第{}个项目（共{count}个）", .project + 1)]
    UnknownProject { project: usize, count: usize },
    #[error("第{}个项目中没有第{}条指标（共{count}条）", .project + 1, .indicator + 1)]
    UnknownIndicator { project: usize, indicator: usize, count: usize },
    #[error("{place}：重复填报")]
    Duplicate { place: Place },
    #[error("{place}：未填写{field}")]
    Missing { place: Place, field: &'static str },
    #[error("{place}：完成可能性为“{likelihood}”时必须填写{field}")]
    RequiredWhenLagging { place: Place, likelihood: &'static str, field: &'static str },
    #[error("{place}：{field}不能为负数")]
    Negative { place: Place, field: &'static str },
    #[error("{place}：{field}“{value}”不适用于该指标：{problem}")]
    WrongKind { place: Place, field: &'static str, value: String, problem: String },
    #[error("{place}：{problem}")]
    Inconsistent { place: Place, problem: String },
    /// The funds' sources (其中 本年财政拨款, 上年结转资金, 其他资金) of a column do not add up
    /// to its total (`field`: 全年预算数 or 执行数).
    #[error("{place}：{field} {total} 与其中本年财政拨款、上年结转资金、其他资金的{field}之和 {sum} 不符")]
    SourcesDiffer { place: Place, field: &'static str, total: jixiao_model::Money, sum: jixiao_model::Money },
    /// A year-end entry whose execution rate is below the threshold gives no reason
    /// (`rate` and `threshold` in %, as printed).
    #[error("{place}：预算执行率 {rate}% 低于 {threshold}%，须填写执行率偏低原因说明")]
    Unexplained { place: Place, rate: String, threshold: String },
    #[error("{place}：无法评分：{problem}")]
    Unscorable { place: Place, problem: String },
    #[error("监控期间无效：{problem}")]
    BadPeriod { problem: String },
    #[error("评分设置无效：{problem}")]
    BadConfig { problem: String },
}

impl InputError {
    /// The project/indicator the error is about, when it names one.
    pub fn place(&self) -> Option<&Place> {
        match self {
            InputError::Duplicate { place }
            | InputError::Missing { place, .. }
            | InputError::RequiredWhenLagging { place, .. }
            | InputError::Negative { place, .. }
            | InputError::WrongKind { place, .. }
            | InputError::Inconsistent { place, .. }
            | InputError::SourcesDiffer { place, .. }
            | InputError::Unexplained { place, .. }
            | InputError::Unscorable { place, .. } => Some(place),
            _ => None,
        }
    }

    /// The entry field the error is about (`当前完成值`), when it names one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            InputError::Missing { field, .. }
            | InputError::RequiredWhenLagging { field, .. }
            | InputError::Negative { field, .. }
            | InputError::WrongKind { field, .. }
            | InputError::SourcesDiffer { field, .. } => Some(field),
            InputError::Unexplained { .. } => Some(EXPLANATION_FIELD),
            _ => None,
        }
    }

    /// The message without the leading place, for reports that locate it otherwise (a cell).
    pub fn problem(&self) -> String {
        let full = self.to_string();
        match self.place() {
            Some(place) => full.strip_prefix(&format!("{place}：")).map_or(full.clone(), str::to_string),
            None => full,
        }
    }
}
