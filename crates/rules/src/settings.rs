//! Per-rule settings (enabled, severity) for every rule set, and the one way a check records a
//! finding ([`Settings::emit`]).

use jixiao_model::Severity;

use crate::catalogue::{Rule, Status, CATALOGUE};
use crate::finding::{Finding, Location, Quote};

/// A rule's effective setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleSetting {
    pub enabled: bool,
    pub severity: Severity,
}

/// The setting of every rule in the catalogue. By default a rule is checked at its catalogue
/// severity unless it is [`Status::Deprecated`] or [`Status::OptIn`] (checked only when enabled).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings(Vec<RuleSetting>);

impl Default for Settings {
    fn default() -> Self {
        Settings(
            CATALOGUE
                .iter()
                .map(|r| RuleSetting {
                    enabled: !matches!(r.status, Status::Deprecated | Status::OptIn),
                    severity: r.severity,
                })
                .collect(),
        )
    }
}

impl Settings {
    /// Every rule but the deprecated ones, the opt-in rules (可选) too: what unit tests of a
    /// rule's logic and a configuration that wants every note use.
    pub fn with_opt_in() -> Self {
        Settings(
            CATALOGUE
                .iter()
                .map(|r| RuleSetting {
                    enabled: r.status != Status::Deprecated,
                    severity: r.severity,
                })
                .collect(),
        )
    }

    #[inline]
    pub fn get(&self, rule: Rule) -> RuleSetting {
        self.0[rule as usize]
    }

    pub fn set(&mut self, rule: Rule, setting: RuleSetting) {
        self.0[rule as usize] = setting;
    }

    #[inline]
    pub fn enabled(&self, rule: Rule) -> bool {
        self.0[rule as usize].enabled
    }

    /// Records a finding of `rule` in `out`, at its configured severity, with its message and
    /// fix filled from `args`; nothing when the rule is disabled.
    #[inline]
    pub fn emit(
        &self,
        out: &mut Vec<Finding>,
        rule: Rule,
        location: Location,
        args: &[(&str, &str)],
        quotes: Vec<Quote>,
    ) {
        let setting = self.get(rule);
        if setting.enabled {
            out.push(Finding::new(rule, setting.severity, location, args, quotes));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emit_follows_the_settings() {
        let mut settings = Settings::default();
        let mut out = Vec::new();
        let args = [("target", "工作任务完成情况"), ("copied", "三级指标")];
        settings.emit(&mut out, Rule::M002, Location::default(), &args, Vec::new());
        assert_eq!(out[0].severity, Severity::Error);
        assert_eq!(
            out[0].message,
            "指标值“工作任务完成情况”与三级指标完全相同，没有给出目标值。"
        );
        settings.set(
            Rule::M002,
            RuleSetting {
                enabled: true,
                severity: Severity::Info,
            },
        );
        settings.emit(&mut out, Rule::M002, Location::default(), &args, Vec::new());
        assert_eq!(out[1].severity, Severity::Info);
        settings.set(
            Rule::D017,
            RuleSetting {
                enabled: false,
                severity: Severity::Warning,
            },
        );
        settings.emit(&mut out, Rule::D017, Location::default(), &[], Vec::new());
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn opt_in_rules_are_checked_only_when_enabled() {
        // JX-M010 (“≥100%”) is a style note: 可选, off by default, on when configured.
        assert_eq!(Rule::M010.info().status, Status::OptIn);
        let args = [("target", "≥100%")];
        let mut out = Vec::new();
        Settings::default().emit(&mut out, Rule::M010, Location::default(), &args, Vec::new());
        assert!(out.is_empty());
        Settings::with_opt_in().emit(&mut out, Rule::M010, Location::default(), &args, Vec::new());
        assert_eq!(out.len(), 1);
        // Deprecated rules stay off either way; every other rule is on by default.
        for r in CATALOGUE {
            let on = Settings::default().enabled(r.rule);
            assert_eq!(on, !matches!(r.status, Status::Deprecated | Status::OptIn), "{}", r.id);
            assert_eq!(Settings::with_opt_in().enabled(r.rule), r.status != Status::Deprecated, "{}", r.id);
        }
    }
}
