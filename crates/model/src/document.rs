//! The document model: what one department published for one budget year.

use serde::{Deserialize, Serialize};

use crate::category::{Framework, Level1, Level2};
use crate::evaluation::ProjectEvaluation;
use crate::money::Money;
use crate::origin::{Located, Origin};
use crate::target::Target;
use crate::Decimal;

/// 一份绩效目标文档（部门整体与项目支出绩效目标）。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The file's own name.
    pub source: String,
    /// 部门名称（如文档所印）。
    pub department: Option<Located<String>>,
    /// 部门或预算单位编码（如 `426002`）。
    pub department_code: Option<Located<String>>,
    /// 预算年度。
    pub year: Option<Located<i32>>,
    /// 总体绩效目标（每段一条）。
    pub overall_goals: Vec<Located<String>>,
    /// 分项绩效目标。
    pub sub_goals: Vec<Located<String>>,
    /// 工作保障措施。
    pub safeguards: Vec<Located<String>>,
    /// 预算单位（一个部门可有多个）。
    pub units: Vec<BudgetUnit>,
    /// 部门整体绩效目标表的指标。
    pub department_indicators: Vec<Indicator>,
    /// 部门整体绩效目标表所印的部门预算（部门预算总额、其中财政拨款、其他资金，万元）；表上
    /// 没有时为 `None`。
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub department_budget: Option<Budget>,
    /// 项目支出绩效目标表。
    pub projects: Vec<Project>,
    /// 表中印出的各项目预算合计（合计行），供核对。
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub printed_total: Option<Located<Money>>,
    /// 部门整体支出绩效自评表所印的资金情况、年度总体目标完成情况、总分与等级（其指标行在
    /// `department_indicators`）；不是部门整体自评表时为 `None`。
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub department_evaluation: Option<Box<ProjectEvaluation>>,
    /// The fields the layout has a place for, when the reader knows (a 公开表 prints no
    /// 指标描述, 指标值确定依据, 资金用途 or 资金支出计划): a rule about an empty field only
    /// applies where the form prints it. `None`: judged from what is filled in.
    #[serde(skip)]
    pub printed_fields: Option<PrintedFields>,
    /// Where the text read stops inside a table row (a page's excerpt or a preview cut short):
    /// the row there printed only the first characters of its 三级指标, and its value, basis
    /// and the rest were never in the text, so no rule may call them missing. Set by the
    /// reader; `None` when the text ends after whole rows.
    #[serde(skip)]
    pub cut_short_at: Option<Origin>,
}

/// The fields a layout prints (see [`Document::printed_fields`]): `Some(false)` the layout has
/// no place for it, `Some(true)` it has, `None` the reader does not say.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PrintedFields {
    pub description: Option<bool>,
    pub basis: Option<bool>,
    pub budget: Option<bool>,
    pub plan: Option<bool>,
    pub purpose: Option<bool>,
}

/// 预算单位：编码 + 名称，如 `426002 临西县应急管理局`。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetUnit {
    pub code: Option<String>,
    pub name: String,
    /// The line as printed (`426002临西县应急管理局`).
    pub printed: String,
    pub at: Origin,
}

impl BudgetUnit {
    /// Reads `426002临西县应急管理局` or `426002 石家庄…局`: a code of digits then a name.
    pub fn parse(printed: &str, at: Origin) -> Option<BudgetUnit> {
        let t = crate::text::trim(printed);
        let code_end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let name = crate::text::trim(&t[code_end..]);
        if name.is_empty() || name.chars().any(|c| c == '\t') {
            return None;
        }
        Some(BudgetUnit {
            code: (code_end > 0).then(|| t[..code_end].to_string()),
            name: name.to_string(),
            printed: t.to_string(),
            at,
        })
    }
}

/// 项目支出绩效目标。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// 所属预算单位（表上方或旁边所印）。
    pub unit: Option<BudgetUnit>,
    /// 项目编码。
    pub code: Option<Located<String>>,
    /// 项目名称。
    pub name: Located<String>,
    /// 预算数（万元）。
    pub budget: Budget,
    /// 资金用途。
    pub purpose: Option<Located<String>>,
    /// 项目期 / 实施期限 as printed (`2022年3月-2023年11月`, `2023-2025年`): a project running
    /// over several years, whose deadlines may fall after the budget year.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub period: Option<Located<String>>,
    /// 资金支出计划（累计百分比）。
    pub spending_plan: Option<SpendingPlan>,
    /// 绩效目标（目标1、目标2……）。
    pub goals: Vec<Located<String>>,
    /// 绩效指标。
    pub indicators: Vec<Indicator>,
    /// Where the project's table (or row) starts.
    pub at: Origin,
    /// 自评表所印的项目部分（资金情况、实际完成情况、总分与等级）；目标表为 `None`。
    /// Boxed: target tables, by far the most projects, pay one pointer for it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub evaluation: Option<Box<ProjectEvaluation>>,
}

impl Project {
    /// True for a project read from a self-evaluation table: it prints a project part
    /// (funds, total, grade) or its rows print 实际完成值 / 得分.
    pub fn is_self_evaluation(&self) -> bool {
        self.evaluation.as_ref().is_some_and(|e| !e.is_empty())
            || self.indicators.iter().any(|i| i.evaluation.is_some())
    }
}

/// 预算数、其中财政资金、其他资金（万元）。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Budget {
    pub total: Option<Located<Money>>,
    pub fiscal: Option<Located<Money>>,
    pub other: Option<Located<Money>>,
}

/// 资金支出计划：3月底、6月底、10月底、12月底的累计支出百分比。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SpendingPlan {
    pub cumulative_percent: [Option<Located<Decimal>>; 4],
}

impl SpendingPlan {
    /// The month each entry ends: 3, 6, 10, 12.
    pub const MONTHS: [u32; 4] = [3, 6, 10, 12];
}

/// 指标层级（一级或二级）：规范类别与所印原文。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorLevel<C> {
    /// The category, when the printed text names a known one.
    pub category: Option<C>,
    /// The text as printed (or inherited from the merged cell above).
    pub printed: Located<String>,
    /// True when the cell was empty (merged) and the value was taken from the row above.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub inherited: bool,
}

/// 一行绩效指标。
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// 一级指标。
    pub level1: IndicatorLevel<Level1>,
    /// 二级指标。
    pub level2: IndicatorLevel<Level2>,
    /// 三级指标。
    pub level3: Option<Located<String>>,
    /// 绩效指标描述 / 指标解释。
    pub description: Option<Located<String>>,
    /// 指标值。
    pub target: Option<Located<Target>>,
    /// 指标值确定依据。
    pub basis: Option<Located<String>>,
    /// 分值/权重（表上印有时）。
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub weight: Option<Decimal>,
    /// 自评表上的实际完成值、得分、偏差原因（目标表上没有）。
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub evaluation: Option<RowEvaluation>,
    /// Where the row starts.
    pub at: Origin,
}

/// 自评表一行的自评部分：实际完成值、得分、偏差原因分析及改进措施。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RowEvaluation {
    /// 实际完成值（如所印，解析同指标值）。
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub actual: Option<Located<Target>>,
    /// 得分（如所印）。
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub score: Option<Decimal>,
    /// 偏差原因分析及改进措施。
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub deviation: Option<Located<String>>,
}

impl Indicator {
    /// The canonical level 1: the printed one, or the parent of level 2 when level 1 is
    /// unknown.
    pub fn level1_category(&self, framework: Framework) -> Option<Level1> {
        self.level1
            .category
            .or_else(|| self.level2.category.map(|c| c.parent(framework)))
    }

    pub fn level3_text(&self) -> &str {
        self.level3.as_ref().map_or("", |l| l.value.as_str())
    }
}

impl Document {
    /// Whether `row` is the row the text's end cut short ([`Document::cut_short_at`]).
    pub fn is_cut_short(&self, row: &Indicator) -> bool {
        self.cut_short_at.is_some_and(|cut| row.at.line == cut.line)
    }

    /// 目标表 of a 自评表: the same projects and targets without what the year-end printed
    /// (实际完成值, 得分, the funds' execution) nor the weights it gave.
    pub fn targets_only(&self) -> Document {
        let mut doc = self.clone();
        for p in &mut doc.projects {
            p.evaluation = None;
            for i in &mut p.indicators {
                i.evaluation = None;
                i.weight = None;
            }
        }
        doc
    }

    /// The indicator framework the document uses: 2021 when 成本指标 is printed as a level 1.
    pub fn framework(&self) -> Framework {
        let cost_level1 = self
            .projects
            .iter()
            .flat_map(|p| &p.indicators)
            .chain(&self.department_indicators)
            .any(|i| i.level1.category == Some(Level1::Cost));
        if cost_level1 {
            Framework::Guideline2021
        } else {
            Framework::Classic
        }
    }
}

/// 诊断的严重程度。
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// What a reader noticed: skipped text, odd cells. Messages are in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub at: Origin,
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_lines() {
        let u = BudgetUnit::parse("426002临西县应急管理局", Origin::line(3)).unwrap();
        assert_eq!(u.code.as_deref(), Some("426002"));
        assert_eq!(u.name, "临西县应急管理局");
        let u = BudgetUnit::parse(
            "426003 石家庄高新技术产业开发区安全生产监察大队",
            Origin::line(3),
        )
        .unwrap();
        assert_eq!(u.name, "石家庄高新技术产业开发区安全生产监察大队");
        assert!(BudgetUnit::parse("426", Origin::line(1)).is_none());
    }

    #[test]
    fn target_tables_serialise_as_before_and_old_json_still_reads() {
        let p = Project {
            name: Located::new("临时救助".into(), Origin::line(3)),
            at: Origin::line(3),
            ..Project::default()
        };
        let json = serde_json::to_string(&p).unwrap();
        assert!(!json.contains("evaluation"), "{json}");
        assert!(!p.is_self_evaluation());
        // JSON written before self-evaluations existed reads unchanged.
        let old = r#"{"unit":null,"code":null,"name":{"value":"临时救助","at":{"line":3}},
            "budget":{"total":null,"fiscal":null,"other":null},"purpose":null,"spending_plan":null,
            "goals":[],"indicators":[],"at":{"line":3}}"#;
        assert_eq!(serde_json::from_str::<Project>(old).unwrap(), p);
        let mut e = p.clone();
        e.evaluation = Some(Box::new(ProjectEvaluation {
            total_score: Some(Located::new(Decimal::from(95), Origin::cell(40, 8))),
            ..ProjectEvaluation::default()
        }));
        assert!(e.is_self_evaluation());
        let back: Project = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
        assert_eq!(back, e);
    }
}
