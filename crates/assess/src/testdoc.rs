//! Hand-built documents for unit tests (the seed documents are used in tests/).

use std::str::FromStr;

use jixiao_model::{
    Budget, Decimal, Document, Indicator, IndicatorLevel, Level1, Level2, Located, Money, Origin, Project, Target,
};

/// An indicator row: 一级, 二级, 三级, 指标值 as printed.
pub fn ind(level1: &str, level2: &str, level3: &str, target: &str) -> Indicator {
    let at = Origin::line(1);
    Indicator {
        level1: IndicatorLevel { category: Level1::from_printed(level1), printed: Located::new(level1.into(), at), inherited: false },
        level2: IndicatorLevel { category: Level2::from_printed(level2), printed: Located::new(level2.into(), at), inherited: false },
        level3: Some(Located::new(level3.into(), at)),
        description: None,
        target: Some(Located::new(Target::parse(target), at)),
        basis: None,
        weight: None,
        at,
        evaluation: None,
    }
}

/// A document of projects given as (name, budget in 万元, indicators).
pub fn doc_with(projects: Vec<(&str, &str, Vec<Indicator>)>) -> Document {
    Document {
        source: "测试.txt".into(),
        department: Some(Located::new("临西县应急管理局".into(), Origin::line(1))),
        year: Some(Located::new(2023, Origin::line(1))),
        projects: projects
            .into_iter()
            .map(|(name, budget, indicators)| Project {
                name: Located::new(name.into(), Origin::line(1)),
                budget: Budget {
                    total: Some(Located::new(Money(Decimal::from_str(budget).unwrap()), Origin::line(1))),
                    ..Budget::default()
                },
                goals: vec![Located::new(format!("完成{name}工作任务"), Origin::line(1))],
                indicators,
                ..Project::default()
            })
            .collect(),
        ..Document::default()
    }
}
