//! 运行监控 data: per project and period, spending to date and per indicator the progress,
//! completion likelihood, deviation cause and corrective measures (财预〔2019〕136号).
//!
//! Projects and indicators are identified by position: `project` indexes
//! `Document::projects`, `indicator` indexes that project's `indicators`. The xlsx template
//! prints the project name and 三级指标 beside the positions and the import checks they
//! still match, so a template filled for another version of the document is refused.

use jixiao_model::{Decimal, Document, Money};
use serde::{Deserialize, Serialize};

use crate::actual::{ActualValue, TargetKind};
use crate::error::{InputError, Place};

/// 监控期间：某年 first_month–last_month 月（如 1–7月）。Elapsed time is last_month / 12.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub year: Option<i32>,
    pub first_month: u32,
    pub last_month: u32,
}

impl Period {
    pub fn new(year: Option<i32>, first_month: u32, last_month: u32) -> Result<Period, InputError> {
        let bad = |problem: String| Err(InputError::BadPeriod { problem });
        if !(1..=12).contains(&first_month) || !(1..=12).contains(&last_month) {
            return bad(format!("月份须在 1–12 之间（{first_month}–{last_month}月）"));
        }
        if first_month > last_month {
            return bad(format!("起始月份 {first_month} 晚于截止月份 {last_month}"));
        }
        Ok(Period { year, first_month, last_month })
    }

    /// 1–N月: the usual cumulative period.
    pub fn to_month(year: Option<i32>, last_month: u32) -> Result<Period, InputError> {
        Period::new(year, 1, last_month)
    }

    /// `2023年1–7月`, `7月`.
    pub fn label(&self) -> String {
        let year = self.year.map_or_else(String::new, |y| format!("{y}年"));
        if self.first_month == self.last_month {
            format!("{year}{}月", self.last_month)
        } else {
            format!("{year}{}–{}月", self.first_month, self.last_month)
        }
    }
}

/// 完成可能性。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Likelihood {
    /// 确定能
    Certain,
    /// 有可能
    Possible,
    /// 完全不可能
    Impossible,
}

impl Likelihood {
    pub const ALL: [Likelihood; 3] = [Likelihood::Certain, Likelihood::Possible, Likelihood::Impossible];

    pub fn label(self) -> &'static str {
        match self {
            Likelihood::Certain => "确定能",
            Likelihood::Possible => "有可能",
            Likelihood::Impossible => "完全不可能",
        }
    }

    pub fn from_label(s: &str) -> Option<Likelihood> {
        let s = jixiao_model::text::squeeze(s);
        Likelihood::ALL.into_iter().find(|l| l.label() == s || (s == "不可能" && *l == Likelihood::Impossible))
    }
}

/// 偏差原因类别。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviationCause {
    /// 经费保障
    Funding,
    /// 制度保障
    Institutional,
    /// 人员保障
    Staffing,
    /// 硬件保障
    Hardware,
    /// 其他
    Other,
}

impl DeviationCause {
    pub const ALL: [DeviationCause; 5] = [
        DeviationCause::Funding,
        DeviationCause::Institutional,
        DeviationCause::Staffing,
        DeviationCause::Hardware,
        DeviationCause::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            DeviationCause::Funding => "经费保障",
            DeviationCause::Institutional => "制度保障",
            DeviationCause::Staffing => "人员保障",
            DeviationCause::Hardware => "硬件保障",
            DeviationCause::Other => "其他",
        }
    }

    pub fn from_label(s: &str) -> Option<DeviationCause> {
        let s = jixiao_model::text::squeeze(s);
        DeviationCause::ALL.into_iter().find(|c| c.label() == s)
    }
}

/// 一个项目在一个监控期间的填报。
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectMonitoring {
    /// Index in `Document::projects`.
    pub project: usize,
    /// 全年预算数（万元；缺省取文档所印预算数）。
    pub annual_budget: Option<Money>,
    /// 截至期末执行数（万元）。
    pub spent_to_date: Option<Money>,
    /// 全年预计执行数（万元）。
    pub expected_full_year_spend: Option<Money>,
    pub indicators: Vec<IndicatorProgress>,
    /// What the year-end self-evaluation needs besides (empty in the year; absent from older
    /// stored entries).
    #[serde(default, skip_serializing_if = "YearEnd::is_empty")]
    pub year_end: YearEnd,
}

/// 年终自评另需填报的内容：资金来源明细（其中本年财政拨款、上年结转资金、其他资金各自的
/// 全年预算数与执行数，万元）、实际完成情况、执行率偏低的原因说明。
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearEnd {
    /// 其中：本年财政拨款（`initial` 不填）。
    #[serde(default)]
    pub fiscal: crate::scoring::FundRow,
    /// 上年结转资金。
    #[serde(default)]
    pub carried_over: crate::scoring::FundRow,
    /// 其他资金。
    #[serde(default)]
    pub other: crate::scoring::FundRow,
    /// 实际完成情况（总体目标的完成情况，文字）。
    #[serde(default)]
    pub goal_actual: Option<String>,
    /// 执行率偏低的原因说明。
    #[serde(default)]
    pub budget_explanation: Option<String>,
}

impl YearEnd {
    pub fn is_empty(&self) -> bool {
        *self == YearEnd::default()
    }

    /// The sources' amounts with the names the template's columns (and the service's
    /// messages) give them: 全年预算数 and 执行数 of 本年财政拨款, 上年结转资金, 其他资金.
    pub fn amounts(&self) -> [(&'static str, Option<Money>); 6] {
        [
            (SOURCE_FIELDS[0], self.fiscal.adjusted),
            (SOURCE_FIELDS[1], self.fiscal.executed),
            (SOURCE_FIELDS[2], self.carried_over.adjusted),
            (SOURCE_FIELDS[3], self.carried_over.executed),
            (SOURCE_FIELDS[4], self.other.adjusted),
            (SOURCE_FIELDS[5], self.other.executed),
        ]
    }

    /// Where the sources do not add up to the project's totals (`budget`, `spent`): each
    /// column some source fills (a column none fills is not split), as (the total's field —
    /// 全年预算数 or 执行数 —, the total, the sources' sum).
    pub fn sums(&self, budget: Option<Money>, spent: Option<Money>) -> Vec<(&'static str, Money, Money)> {
        let rows = [self.fiscal, self.carried_over, self.other];
        let mut out = Vec::new();
        for (field, total, pick) in [
            ("全年预算数", budget, (|r: &crate::scoring::FundRow| r.adjusted) as fn(&crate::scoring::FundRow) -> Option<Money>),
            ("执行数", spent, |r| r.executed),
        ] {
            let parts: Vec<Money> = rows.iter().filter_map(pick).collect();
            let Some(total) = total.filter(|_| !parts.is_empty()) else { continue };
            let sum: Money = parts.into_iter().sum();
            if sum != total {
                out.push((field, total, sum));
            }
        }
        out
    }
}

/// The names of the funds' sources' amounts ([`YearEnd::amounts`]), as the year-end
/// template's columns print them (without 其中： and （万元）).
pub const SOURCE_FIELDS: [&str; 6] = [
    "本年财政拨款全年预算数",
    "本年财政拨款执行数",
    "上年结转资金全年预算数",
    "上年结转资金执行数",
    "其他资金全年预算数",
    "其他资金执行数",
];

/// A year-end report's (a period ending in December) projects whose execution rate —
/// 执行数 / 全年预算数 (the entered one, else the printed) — is below `explain_below` (%,
/// the scoring's `explain_below_rate`) and that give no reason in
/// [`YearEnd::budget_explanation`]: the rules require one (a rate below 90% needs an
/// explanation), so the year-end input is refused rather than scored with a warning.
/// Other periods need none.
pub fn unexplained_low_rates(doc: &Document, report: &MonitoringReport, explain_below: Decimal) -> Vec<InputError> {
    if report.period.last_month != 12 {
        return Vec::new();
    }
    let mut errors = Vec::new();
    for pm in &report.projects {
        if pm.project >= doc.projects.len() || !blank(&pm.year_end.budget_explanation) {
            continue;
        }
        let (Some(budget), Some(spent)) = (pm.budget(doc), pm.spent_to_date) else { continue };
        if budget.0 <= Decimal::ZERO || spent.0.is_sign_negative() {
            continue;
        }
        let Some(rate) = crate::percent_of(spent.0, budget.0) else { continue };
        if rate < explain_below {
            errors.push(InputError::Unexplained {
                place: Place::project(doc, pm.project),
                rate: crate::fmt2(rate),
                threshold: explain_below.normalize().to_string(),
            });
        }
    }
    errors
}

/// 一条指标的监控填报。
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorProgress {
    /// Index in the project's `indicators`.
    pub indicator: usize,
    /// 当前完成值（截至期末）。
    pub current: Option<ActualValue>,
    /// 全年预计完成值。
    pub expected_full_year: Option<ActualValue>,
    /// 完成可能性。
    pub likelihood: Option<Likelihood>,
    /// 偏差原因类别。
    pub cause: Option<DeviationCause>,
    /// 偏差原因分析（文字）。
    pub cause_text: Option<String>,
    /// 改进措施。
    pub measures: Option<String>,
}

impl IndicatorProgress {
    pub fn empty(indicator: usize) -> IndicatorProgress {
        IndicatorProgress {
            indicator,
            current: None,
            expected_full_year: None,
            likelihood: None,
            cause: None,
            cause_text: None,
            measures: None,
        }
    }
}

/// 一个部门一个期间的全部监控填报。
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonitoringReport {
    pub period: Period,
    pub projects: Vec<ProjectMonitoring>,
}

impl ProjectMonitoring {
    /// The budget the execution rate is measured against: the entered 全年预算数, else the
    /// document's printed total.
    pub fn budget(&self, doc: &Document) -> Option<Money> {
        self.annual_budget.or_else(|| doc.projects.get(self.project)?.budget.total.as_ref().map(|m| m.value))
    }
}

fn blank(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(|t| jixiao_model::text::trim(t).is_empty())
}

/// Checks a report against its document and returns every problem found.
///
/// Rules: positions exist and appear once; money is not negative; each indicator has a
/// likelihood; when it is not 确定能, cause, cause text and measures are all required;
/// values fit the target's kind.
pub fn validate(doc: &Document, report: &MonitoringReport) -> Result<(), Vec<InputError>> {
    let mut errors = Vec::new();
    let mut seen_projects = std::collections::BTreeSet::new();
    for pm in &report.projects {
        let Some(project) = doc.projects.get(pm.project) else {
            errors.push(InputError::UnknownProject { project: pm.project, count: doc.projects.len() });
            continue;
        };
        let place = Place::project(doc, pm.project);
        if !seen_projects.insert(pm.project) {
            errors.push(InputError::Duplicate { place: place.clone() });
        }
        for (field, value) in [
            ("全年预算数", pm.annual_budget),
            ("执行数", pm.spent_to_date),
            ("全年预计执行数", pm.expected_full_year_spend),
        ] {
            if value.is_some_and(|m| m.0.is_sign_negative() && !m.0.is_zero()) {
                errors.push(InputError::Negative { place: place.clone(), field });
            }
            if let Some(m) = value.filter(|m| m.0 > crate::MAX_INPUT) {
                errors.push(InputError::Inconsistent { place: place.clone(), problem: format!("{field} {m} 过大") });
            }
        }
        // The year-end funds' sources: amounts like the totals, and adding up to them.
        for (field, value) in pm.year_end.amounts() {
            if value.is_some_and(|m| m.0.is_sign_negative() && !m.0.is_zero()) {
                errors.push(InputError::Negative { place: place.clone(), field });
            }
            if let Some(m) = value.filter(|m| m.0 > crate::MAX_INPUT) {
                errors.push(InputError::Inconsistent { place: place.clone(), problem: format!("{field} {m} 过大") });
            }
        }
        for (field, total, sum) in pm.year_end.sums(pm.budget(doc), pm.spent_to_date) {
            errors.push(InputError::SourcesDiffer { place: place.clone(), field, total, sum });
        }
        let mut seen = std::collections::BTreeSet::new();
        for ip in &pm.indicators {
            let Some(indicator) = project.indicators.get(ip.indicator) else {
                errors.push(InputError::UnknownIndicator {
                    project: pm.project,
                    indicator: ip.indicator,
                    count: project.indicators.len(),
                });
                continue;
            };
            let place = Place::indicator(doc, pm.project, ip.indicator);
            if !seen.insert(ip.indicator) {
                errors.push(InputError::Duplicate { place: place.clone() });
            }
            let kind = TargetKind::of(indicator);
            for (field, value) in [("当前完成值", &ip.current), ("全年预计完成值", &ip.expected_full_year)] {
                if let Some(v) = value {
                    if let Err(problem) = kind.accepts(v) {
                        errors.push(InputError::WrongKind {
                            place: place.clone(),
                            field,
                            value: v.display(&kind),
                            problem,
                        });
                    }
                }
            }
            match ip.likelihood {
                None => errors.push(InputError::Missing { place, field: "完成可能性" }),
                Some(Likelihood::Certain) => {}
                Some(l) => {
                    let lagging = |field| InputError::RequiredWhenLagging {
                        place: place.clone(),
                        likelihood: l.label(),
                        field,
                    };
                    if ip.cause.is_none() {
                        errors.push(lagging("偏差原因类别"));
                    }
                    if blank(&ip.cause_text) {
                        errors.push(lagging("偏差原因分析"));
                    }
                    if blank(&ip.measures) {
                        errors.push(lagging("改进措施"));
                    }
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdoc::{doc_with, ind};

    #[test]
    fn periods() {
        assert_eq!(Period::to_month(Some(2023), 7).unwrap().label(), "2023年1–7月");
        assert_eq!(Period::new(None, 7, 7).unwrap().label(), "7月");
        assert!(Period::new(None, 0, 7).is_err());
        assert!(Period::new(None, 8, 7).unwrap_err().to_string().contains("起始月份 8 晚于截止月份 7"));
    }

    #[test]
    fn lagging_needs_cause_text_and_measures() {
        let doc = doc_with(vec![("监管执法", "10", vec![ind("产出指标", "数量指标", "检查次数", "≥16次")])]);
        let mut ip = IndicatorProgress::empty(0);
        ip.likelihood = Some(Likelihood::Possible);
        ip.cause = Some(DeviationCause::Staffing);
        let report = MonitoringReport {
            period: Period::to_month(Some(2023), 7).unwrap(),
            projects: vec![ProjectMonitoring {
                year_end: Default::default(),
                project: 0,
                annual_budget: None,
                spent_to_date: Some(Money(3.into())),
                expected_full_year_spend: None,
                indicators: vec![ip.clone()],
            }],
        };
        let messages: Vec<String> = validate(&doc, &report).unwrap_err().iter().map(|e| e.to_string()).collect();
        assert_eq!(
            messages,
            [
                "第1个项目「监管执法」第1条指标「检查次数」：完成可能性为“有可能”时必须填写偏差原因分析",
                "第1个项目「监管执法」第1条指标「检查次数」：完成可能性为“有可能”时必须填写改进措施",
            ]
        );
        let mut fixed = report.clone();
        fixed.projects[0].indicators[0].cause_text = Some("执法人员抽调".into());
        fixed.projects[0].indicators[0].measures = Some("下半年增加检查频次".into());
        assert_eq!(validate(&doc, &fixed), Ok(()));
        assert_eq!(fixed.projects[0].budget(&doc), Some(Money(10.into())));
    }

    /// Issue 15, item 5: the year-end figures are checked as the totals are — a negative source
    /// named by its field, sources not adding up to the total named on the total — and a
    /// year-end rate below the threshold needs its reason (the rules: 执行率低于 90% 须说明原因),
    /// while another period, a rate at the threshold or a given reason needs none.
    #[test]
    fn year_end_sources_and_the_low_rate_reason_are_checked() {
        let doc = doc_with(vec![("培训", "10", vec![ind("产出指标", "数量指标", "培训人次", "≥100人次")])]);
        let mut ip = IndicatorProgress::empty(0);
        ip.likelihood = Some(Likelihood::Certain);
        let m = |n: i64| Some(Money(n.into()));
        let mut pm = ProjectMonitoring {
            year_end: Default::default(),
            project: 0,
            annual_budget: None,
            spent_to_date: m(8),
            expected_full_year_spend: None,
            indicators: vec![ip],
        };
        pm.year_end.fiscal = crate::scoring::FundRow { initial: None, adjusted: m(10), executed: m(9) };
        pm.year_end.other = crate::scoring::FundRow { initial: None, adjusted: None, executed: m(-1) };
        let year = |pm: &ProjectMonitoring, month| MonitoringReport { period: Period::to_month(Some(2023), month).unwrap(), projects: vec![pm.clone()] };
        let messages: Vec<String> = validate(&doc, &year(&pm, 12)).unwrap_err().iter().map(|e| e.to_string()).collect();
        assert_eq!(messages, ["第1个项目「培训」：其他资金执行数不能为负数"]);
        pm.year_end.other.executed = m(1);
        let errors = validate(&doc, &year(&pm, 12)).unwrap_err();
        assert_eq!(
            errors.iter().map(|e| e.to_string()).collect::<Vec<_>>(),
            ["第1个项目「培训」：执行数 8万元 与其中本年财政拨款、上年结转资金、其他资金的执行数之和 10万元 不符"]
        );
        assert_eq!((errors[0].field(), errors[0].place().map(|p| p.project)), (Some("执行数"), Some(0)));
        pm.year_end.fiscal.executed = m(7);
        assert_eq!(validate(&doc, &year(&pm, 12)), Ok(()));
        // 80% at year end, no reason: required; the field is named.
        let found = unexplained_low_rates(&doc, &year(&pm, 12), 90.into());
        assert_eq!(found.iter().map(|e| e.to_string()).collect::<Vec<_>>(), ["第1个项目「培训」：预算执行率 80.00% 低于 90%，须填写执行率偏低原因说明"]);
        assert_eq!(found[0].field(), Some(crate::error::EXPLANATION_FIELD));
        assert!(unexplained_low_rates(&doc, &year(&pm, 7), 90.into()).is_empty(), "not at year end");
        assert!(unexplained_low_rates(&doc, &year(&pm, 12), 80.into()).is_empty(), "at the threshold");
        pm.year_end.budget_explanation = Some("  ".into());
        assert_eq!(unexplained_low_rates(&doc, &year(&pm, 12), 90.into()).len(), 1, "blank is none");
        pm.year_end.budget_explanation = Some("设备款次年初支付".into());
        assert!(unexplained_low_rates(&doc, &year(&pm, 12), 90.into()).is_empty());
    }

    #[test]
    fn positions_kinds_and_money_are_checked() {
        let doc = doc_with(vec![("培训", "5", vec![ind("满意度指标", "服务对象满意度指标", "满意度", "≥90%")])]);
        let mut ip = IndicatorProgress::empty(0);
        ip.likelihood = Some(Likelihood::Certain);
        ip.current = Some(ActualValue::band(crate::actual::QualitativeBand::Achieved));
        let report = MonitoringReport {
            period: Period::to_month(None, 7).unwrap(),
            projects: vec![
                ProjectMonitoring {
                    year_end: Default::default(),
                    project: 0,
                    annual_budget: None,
                    spent_to_date: Some(Money((-1).into())),
                    expected_full_year_spend: None,
                    indicators: vec![ip, IndicatorProgress::empty(4)],
                },
                ProjectMonitoring {
                    year_end: Default::default(),
                    project: 3,
                    annual_budget: None,
                    spent_to_date: None,
                    expected_full_year_spend: None,
                    indicators: vec![],
                },
            ],
        };
        let messages: Vec<String> = validate(&doc, &report).unwrap_err().iter().map(|e| e.to_string()).collect();
        assert_eq!(
            messages,
            [
                "第1个项目「培训」：执行数不能为负数",
                "第1个项目「培训」第1条指标「满意度」：当前完成值“达成年度指标”不适用于该指标：填数值（百分数，如 95 表示 95%）",
                "第1个项目中没有第5条指标（共1条）",
                "文档中没有第4个项目（共1个）",
            ]
        );
    }
}
