//! No input crashes the reader, the checks or the layout for publication: text assembled from the words,
//! numbers and layouts a disclosure prints, in any order and with absurd figures.

use proptest::prelude::*;

const PIECES: &[&str] = &[
    "二、部门预算安排总体情况",
    "三、机关运行经费",
    "四、“三公”经费",
    "六、政府采购",
    "七、国有资产信息",
    "八、名词解释",
    "一、部门职责",
    "（一）收入预算",
    "（三）支出预算",
    "（四）财政拨款收入支出",
    "收入",
    "支出",
    "合计",
    "小计",
    "基本支出",
    "项目支出",
    "较上年",
    "增加",
    "减少",
    "无变化",
    "占",
    "%",
    "万元",
    "元",
    "亿元",
    "万",
    "，",
    "。",
    "：",
    "、",
    "\t",
    "\n",
    "\n\n",
    " ",
    "0",
    "1",
    "0.5",
    "99999999999",
    "1e9",
    "-3",
    "0.000001",
    ".",
    ",",
    "项目名称",
    "采购物品名称",
    "预算资金",
    "数量",
    "单价",
    "一般公共预算拨款",
    "资产总额",
    "车辆（台、辆）",
    "项目\t数量\t价值",
    "截止2019年12月31日",
    "拟购置",
    "台",
    "（",
    "）",
    "$\\geq 98\\%$",
    "\u{3000}",
];

fn text() -> impl Strategy<Value = String> {
    // Led by a section heading, so that every case is read as a disclosure.
    prop::collection::vec(prop::sample::select(PIECES), 0..120)
        .prop_map(|v| format!("二、部门预算安排总体情况\n{}", v.concat()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn reading_checking_and_rendering_never_panic(t in text()) {
        let blocks = jixiao_read::carrier::text::blocks(&t);
        let (disclosure, _) = jixiao_disclosure::read_disclosure(&blocks);
        let d = disclosure.expect("a heading makes a disclosure");
        let _ = jixiao_disclosure::check(&d, &jixiao_model::Document::default(), &Default::default());
        let p = jixiao_disclosure::publication(&d);
        prop_assert!(p.sections.iter().all(|s| !s.pieces.is_empty()));
    }
}
