//! 审核配置：按规则启用/停用、调整严重程度、阈值和指标框架，从 TOML 文件读取。
//!
//! ```toml
//! framework = "auto"          # auto | classic | guideline2021
//! year = 2020                 # 预算年度（文档未写明时）
//!
//! [thresholds]
//! satisfaction_floor = 85     # 满意度目标下限（%）
//! goal_match = 0.5            # 绩效目标与指标名称的相似度下限（0–1）
//! max_name_chars = 100        # 三级指标名称字数上限
//!
//! [qualitative]
//! accept = ["达到预期"]        # 另行认可的定性指标值
//!
//! [rules.JX-M003]
//! enabled = false
//! [rules.JX-C002]
//! severity = "info"           # error | warning | info（或 错误 | 警告 | 提示）
//!
//! [grade]                     # 审核等级（优、良、中、差）
//! error = 10                  # 每个问题（同一原因算一个）按严重程度扣分
//! warning = 4
//! info = 1
//! repeat = 0.25               # 同一原因每多一处，多扣的比例……
//! repeat_cap = 2              # ……最多扣到几倍
//! bands = [90, 80, 60]        # 优、良、中的分数下限
//! decisive = ["JX-A001"]      # 出现即至多为“中”的规则（缺省见 jixiao_rules::Grading）
//! unusable_poor = 0.3         # 没有可考核指标值的指标行占比达到此值评为“差”
//! unusable_fair = 0.1         # ……达到此值至多为“中”
//! disclosure = 1              # 部门预算公开问题的扣分倍数
//! self_evaluation = 0         # 自评复核问题的扣分倍数
//! [grade.weights]
//! JX-M010 = 0.5               # 单条规则的扣分
//! ```

use std::path::Path;

use jixiao_model::{Decimal, Framework, Severity};
use jixiao_rules::{Grading, Rule, RuleSetting, Settings};

/// Which indicator framework to review against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FrameworkSetting {
    /// 自动识别（成本指标作为一级指标时为 2021 年框架）
    #[default]
    Auto,
    Fixed(Framework),
}

/// Numbers the rules compare against.
#[derive(Debug, Clone, PartialEq)]
pub struct Thresholds {
    /// 满意度目标下限（%），默认 80。
    pub satisfaction_floor: Decimal,
    /// 绩效目标与指标名称的相似度下限，默认 0.5。
    pub goal_match: f32,
    /// 三级指标名称字数上限，默认 100（常见系统的上限）。
    pub max_name_chars: usize,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            satisfaction_floor: Decimal::from(80),
            goal_match: 0.5,
            max_name_chars: 100,
        }
    }
}

/// 审核配置：the review's framework, year, thresholds and qualitative values, and the
/// settings of every rule in the one catalogue (`[rules.JX-D017]` configures a disclosure rule
/// as `[rules.JX-M003]` does a review rule).
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub framework: FrameworkSetting,
    /// Budget year to use when the document does not state one.
    pub year: Option<i32>,
    pub thresholds: Thresholds,
    /// Qualitative values accepted in addition to the built-in list.
    pub accepted_qualitative: Vec<String>,
    /// How findings weigh in the grade (`[grade]`).
    pub grading: Grading,
    rules: Settings,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            framework: FrameworkSetting::Auto,
            year: None,
            thresholds: Thresholds::default(),
            accepted_qualitative: Vec::new(),
            grading: Grading::default(),
            rules: Settings::default(),
        }
    }
}

/// A configuration file that cannot be used. Messages are in Chinese and name the file and key.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{file}：无法读取配置文件：{}", jixiao_model::io_reason(source))]
    Io {
        file: String,
        source: std::io::Error,
    },
    #[error("{file}：TOML 格式错误：{message}")]
    Syntax { file: String, message: String },
    #[error("{file}：未知的配置项“{key}”")]
    UnknownKey { file: String, key: String },
    #[error("{file}：配置项“{key}”中的规则编号“{rule}”不存在（可用 `jixiao rules` 查看规则目录）")]
    UnknownRule {
        file: String,
        key: String,
        rule: String,
    },
    #[error("{file}：配置项“{key}”的值无效：{problem}")]
    BadValue {
        file: String,
        key: String,
        problem: String,
    },
}

impl Config {
    pub fn rule(&self, rule: Rule) -> RuleSetting {
        self.rules.get(rule)
    }

    pub fn set_rule(&mut self, rule: Rule, setting: RuleSetting) {
        self.rules.set(rule, setting);
    }

    pub fn enabled(&self, rule: Rule) -> bool {
        self.rules.enabled(rule)
    }

    /// The settings of every rule, for any rule set's checks.
    pub fn rules(&self) -> &Settings {
        &self.rules
    }

    /// Reads a TOML configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
            file: file.clone(),
            source,
        })?;
        Config::from_toml(&file, &text)
    }

    /// Parses TOML text; `file` names the source in error messages.
    ///
    /// Why the table is walked rather than deserialised with serde derive (issue 14): the
    /// users of this file are finance staff, and every mistake must come back in Chinese
    /// naming the key and saying what is wrong (`[rules.JX-M003] severity：只能是 error、
    /// warning、info`), Chinese aliases are accepted (`旧框架`, `警告`), and rule ids are
    /// checked against the catalogue. serde's derived errors are English and name Rust
    /// types; mapping them back would be as long as this walk and say less.
    pub fn from_toml(file: &str, text: &str) -> Result<Config, ConfigError> {
        let table: toml::Table =
            text.parse()
                .map_err(|e: toml::de::Error| ConfigError::Syntax {
                    file: file.into(),
                    message: e.message().to_string() + &span_hint(text, e.span()),
                })?;
        let mut cfg = Config::default();
        let bad = |key: &str, problem: &str| ConfigError::BadValue {
            file: file.into(),
            key: key.into(),
            problem: problem.into(),
        };
        for (key, value) in &table {
            match key.as_str() {
                "framework" => {
                    cfg.framework = match value.as_str() {
                        Some("auto") | Some("自动") => FrameworkSetting::Auto,
                        Some("classic") | Some("旧框架") => {
                            FrameworkSetting::Fixed(Framework::Classic)
                        }
                        Some("guideline2021") | Some("2021") => {
                            FrameworkSetting::Fixed(Framework::Guideline2021)
                        }
                        _ => {
                            return Err(bad(
                                "framework",
                                "应为 \"auto\"、\"classic\" 或 \"guideline2021\"",
                            ))
                        }
                    }
                }
                "year" => {
                    let y = value.as_integer().filter(|y| (1990..=2100).contains(y));
                    cfg.year = Some(
                        y.ok_or_else(|| bad("year", "应为 1990 至 2100 之间的整数年份"))? as i32,
                    );
                }
                "thresholds" => {
                    let t = value
                        .as_table()
                        .ok_or_else(|| bad("thresholds", "应为表（[thresholds]）"))?;
                    for (k, v) in t {
                        let full = format!("thresholds.{k}");
                        match k.as_str() {
                            "satisfaction_floor" => {
                                let n = number(v)
                                    .filter(|n| (0.0..=100.0).contains(n))
                                    .ok_or_else(|| bad(&full, "应为 0 至 100 之间的数"))?;
                                cfg.thresholds.satisfaction_floor = Decimal::from_f64_retain(n)
                                    .unwrap_or(Decimal::from(80))
                                    .normalize();
                            }
                            "goal_match" => {
                                let n = number(v)
                                    .filter(|n| (0.0..=1.0).contains(n))
                                    .ok_or_else(|| bad(&full, "应为 0 至 1 之间的数"))?;
                                cfg.thresholds.goal_match = n as f32;
                            }
                            "max_name_chars" => {
                                let n = v
                                    .as_integer()
                                    .filter(|n| *n > 0)
                                    .ok_or_else(|| bad(&full, "应为正整数"))?;
                                cfg.thresholds.max_name_chars = n as usize;
                            }
                            _ => {
                                return Err(ConfigError::UnknownKey {
                                    file: file.into(),
                                    key: full,
                                })
                            }
                        }
                    }
                }
                "qualitative" => {
                    let t = value
                        .as_table()
                        .ok_or_else(|| bad("qualitative", "应为表（[qualitative]）"))?;
                    for (k, v) in t {
                        let full = format!("qualitative.{k}");
                        if k != "accept" {
                            return Err(ConfigError::UnknownKey {
                                file: file.into(),
                                key: full,
                            });
                        }
                        let list = v.as_array().ok_or_else(|| bad(&full, "应为字符串数组"))?;
                        for item in list {
                            let s = item.as_str().ok_or_else(|| bad(&full, "应为字符串数组"))?;
                            cfg.accepted_qualitative
                                .push(crate::text::clean(s).into_owned());
                        }
                    }
                }
                "grade" => {
                    let t = value
                        .as_table()
                        .ok_or_else(|| bad("grade", "应为表（[grade]）"))?;
                    grade_table(file, t, &mut cfg.grading)?;
                }
                "rules" => {
                    let t = value
                        .as_table()
                        .ok_or_else(|| bad("rules", "应为表（[rules.JX-C001]）"))?;
                    for (id, setting) in t {
                        let key = format!("rules.{id}");
                        let rule = Rule::from_id(id).ok_or_else(|| ConfigError::UnknownRule {
                            file: file.into(),
                            key: key.clone(),
                            rule: id.clone(),
                        })?;
                        let st = setting
                            .as_table()
                            .ok_or_else(|| bad(&key, "应为表，如 enabled = false"))?;
                        let mut current = cfg.rule(rule);
                        for (k, v) in st {
                            let full = format!("{key}.{k}");
                            match k.as_str() {
                                "enabled" => {
                                    current.enabled = v
                                        .as_bool()
                                        .ok_or_else(|| bad(&full, "应为 true 或 false"))?
                                }
                                "severity" => {
                                    current.severity = match v.as_str() {
                                        Some("error") | Some("错误") => Severity::Error,
                                        Some("warning") | Some("警告") => Severity::Warning,
                                        Some("info") | Some("提示") => Severity::Info,
                                        _ => {
                                            return Err(bad(
                                                &full,
                                                "应为 \"error\"、\"warning\" 或 \"info\"",
                                            ))
                                        }
                                    }
                                }
                                _ => {
                                    return Err(ConfigError::UnknownKey {
                                        file: file.into(),
                                        key: full,
                                    })
                                }
                            }
                        }
                        cfg.set_rule(rule, current);
                    }
                }
                _ => {
                    return Err(ConfigError::UnknownKey {
                        file: file.into(),
                        key: key.clone(),
                    })
                }
            }
        }
        Ok(cfg)
    }
}

/// `[grade]`: the weights and bounds of the grade.
fn grade_table(file: &str, t: &toml::Table, g: &mut Grading) -> Result<(), ConfigError> {
    let bad = |key: &str, problem: &str| ConfigError::BadValue {
        file: file.into(),
        key: format!("grade.{key}"),
        problem: problem.into(),
    };
    let rule = |key: &str, id: &str| {
        Rule::from_id(id).ok_or_else(|| ConfigError::UnknownRule {
            file: file.into(),
            key: format!("grade.{key}"),
            rule: id.into(),
        })
    };
    for (k, v) in t {
        let non_negative = || {
            number(v)
                .filter(|n| *n >= 0.0)
                .ok_or_else(|| bad(k, "应为不小于 0 的数"))
        };
        let share = || {
            number(v)
                .filter(|n| (0.0..=1.0).contains(n))
                .ok_or_else(|| bad(k, "应为 0 至 1 之间的数"))
        };
        match k.as_str() {
            "error" => g.error = non_negative()?,
            "warning" => g.warning = non_negative()?,
            "info" => g.info = non_negative()?,
            "repeat" => g.repeat = non_negative()?,
            "repeat_cap" => g.repeat_cap = non_negative()?.max(1.0),
            "unusable_poor" => g.unusable_poor = share()?,
            "unusable_fair" => g.unusable_fair = share()?,
            "disclosure" => g.set_weight[1] = non_negative()?,
            "self_evaluation" => g.set_weight[2] = non_negative()?,
            "review" => g.set_weight[0] = non_negative()?,
            "bands" => {
                let b: Vec<u32> = v
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|x| x.as_integer())
                            .filter(|x| (0..=100).contains(x))
                            .map(|x| x as u32)
                            .collect()
                    })
                    .unwrap_or_default();
                match b[..] {
                    [a, b, c] if a >= b && b >= c => g.bands = [a, b, c],
                    _ => {
                        return Err(bad(
                            k,
                            "应为三个由高到低的 0 至 100 的整数，如 [90, 80, 60]",
                        ))
                    }
                }
            }
            "decisive" => {
                let list = v.as_array().ok_or_else(|| bad(k, "应为规则编号数组"))?;
                g.decisive.clear();
                for id in list {
                    let id = id.as_str().ok_or_else(|| bad(k, "应为规则编号数组"))?;
                    g.decisive.push(rule(k, id)?);
                }
            }
            "weights" => {
                let w = v
                    .as_table()
                    .ok_or_else(|| bad(k, "应为表（[grade.weights]）"))?;
                for (id, n) in w {
                    let r = rule(&format!("weights.{id}"), id)?;
                    let n = number(n)
                        .filter(|n| *n >= 0.0)
                        .ok_or_else(|| bad(&format!("weights.{id}"), "应为不小于 0 的数"))?;
                    g.weights.retain(|(x, _)| *x != r);
                    g.weights.push((r, n));
                }
            }
            _ => {
                return Err(ConfigError::UnknownKey {
                    file: file.into(),
                    key: format!("grade.{k}"),
                })
            }
        }
    }
    Ok(())
}

fn number(v: &toml::Value) -> Option<f64> {
    v.as_float().or_else(|| v.as_integer().map(|i| i as f64))
}

/// `（第3行）` for a byte span of the source.
fn span_hint(text: &str, span: Option<std::ops::Range<usize>>) -> String {
    match span {
        Some(s) if s.start <= text.len() => {
            let line = text[..s.start].matches('\n').count() + 1;
            format!("（第{line}行）")
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_catalogue() {
        let c = Config::default();
        assert!(c.enabled(Rule::M002));
        assert_eq!(c.rule(Rule::M003).severity, Severity::Info);
        assert_eq!(c.framework, FrameworkSetting::Auto);
    }

    #[test]
    fn reads_every_setting() {
        let c = Config::from_toml(
            "rules.toml",
            r#"
framework = "guideline2021"
year = 2020
[thresholds]
satisfaction_floor = 85
goal_match = 0.6
max_name_chars = 50
[qualitative]
accept = ["达到预期"]
[rules.JX-M003]
enabled = false
[rules.c002]
severity = "错误"
"#,
        )
        .unwrap();
        assert_eq!(
            c.framework,
            FrameworkSetting::Fixed(Framework::Guideline2021)
        );
        assert_eq!(c.year, Some(2020));
        assert_eq!(c.thresholds.satisfaction_floor, Decimal::from(85));
        assert_eq!(c.thresholds.max_name_chars, 50);
        assert_eq!(c.accepted_qualitative, vec!["达到预期".to_string()]);
        assert!(!c.enabled(Rule::M003));
        assert_eq!(c.rule(Rule::C002).severity, Severity::Error);
    }

    #[test]
    fn reads_the_grade() {
        let c = Config::from_toml(
            "rules.toml",
            r#"
[grade]
error = 12
bands = [85, 75, 60]
decisive = ["JX-A001", "c003"]
disclosure = 0.5
unusable_poor = 0.5
[grade.weights]
JX-M010 = 0.5
"#,
        )
        .unwrap();
        let g = &c.grading;
        assert_eq!(
            (g.error, g.bands, g.set_weight[1], g.unusable_poor),
            (12.0, [85, 75, 60], 0.5, 0.5)
        );
        assert_eq!(g.decisive, vec![Rule::A001, Rule::C003]);
        assert_eq!(g.weights, vec![(Rule::M010, 0.5)]);
        assert_eq!(g.band(80), "良");
        for (text, want) in [
            (
                "[grade]\nbands = [60, 80, 90]",
                "rules.toml：配置项“grade.bands”的值无效",
            ),
            (
                "[grade]\ndecisive = [\"JX-Z1\"]",
                "rules.toml：配置项“grade.decisive”中的规则编号“JX-Z1”不存在",
            ),
            (
                "[grade]\nspeed = 1",
                "rules.toml：未知的配置项“grade.speed”",
            ),
        ] {
            let e = Config::from_toml("rules.toml", text)
                .unwrap_err()
                .to_string();
            assert!(e.starts_with(want), "{text:?} → {e}");
        }
    }

    #[test]
    fn errors_name_the_file_and_key() {
        let cases = [
            ("colour = 1", "rules.toml：未知的配置项“colour”"),
            (
                "[rules.JX-Z999]\nenabled = false",
                "rules.toml：配置项“rules.JX-Z999”中的规则编号“JX-Z999”不存在",
            ),
            (
                "[rules.JX-M003]\nseverity = \"fatal\"",
                "rules.toml：配置项“rules.JX-M003.severity”的值无效",
            ),
            (
                "[thresholds]\nsatisfaction_floor = 120",
                "rules.toml：配置项“thresholds.satisfaction_floor”的值无效",
            ),
            (
                "[thresholds]\nspeed = 1",
                "rules.toml：未知的配置项“thresholds.speed”",
            ),
            (
                "framework = \"new\"",
                "rules.toml：配置项“framework”的值无效",
            ),
            ("year = [", "rules.toml：TOML 格式错误"),
        ];
        for (text, want) in cases {
            let e = Config::from_toml("rules.toml", text)
                .unwrap_err()
                .to_string();
            assert!(e.starts_with(want), "{text:?} → {e}");
        }
        let e = Config::load(Path::new("/nonexistent/rules.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("/nonexistent/rules.toml：无法读取配置文件"),
            "{e}"
        );
    }
}
