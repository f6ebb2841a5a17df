//! 行业: the sector of a department, read from its printed name.
//!
//! The library calls an entry 共性 when departments of several sectors use it
//! ([`crate::Options::common_min_sectors`]), so that three county 应急管理局 setting the same
//! indicator do not make it common. The documents print no functional classification
//! (功能分类) per project, but every department's name says what it does: a keyword table
//! ([`SECTORS`]) maps the words of the name to a sector, and a name no keyword matches is
//! [`OTHER`].
//!
//! Chinese organisation names are head-final: the last word naming a function is the unit,
//! what comes before names its parent or place (`石家庄高新技术产业开发区应急管理局` is an
//! 应急 body of a 开发区, `稷山县翟店镇卫生院` a health centre of a town,
//! `遂宁市市场监督管理局经开区分局` a 市场监管 branch). So of the keywords found the one
//! ending last wins, and of those ending at the same place the longest (`环境卫生` is 住建
//! before `卫生` is 卫生健康; `镇人民政府` is a town before `人民政府` is a county).

/// The sector of names no keyword matches.
pub const OTHER: &str = "其他";

/// Sectors and the words of department names that say them. Related departments share a
/// sector on purpose (文化、旅游、体育 and their museums and libraries; 林业 and 草原; 法院、
/// 检察院 and 司法局), so that a program they share stays sector-specific.
pub const SECTORS: &[(&str, &[&str])] = &[
    ("应急", &["应急管理", "应急局", "消防", "地震", "防汛", "安全生产监督", "安监"]),
    ("教育", &["教育", "学校", "中学", "小学", "学院", "大学", "幼儿园", "师范", "职业技术"]),
    ("卫生健康", &["卫生健康", "卫健", "卫生", "医院", "卫生院", "疾病预防控制", "疾控", "急救", "妇幼", "计划生育"]),
    ("医疗保障", &["医疗保障", "医保"]),
    ("农业", &["农业", "农村", "畜牧", "兽医", "水产", "渔业", "农机", "农技", "农业技术", "植保", "种子", "土壤肥料", "乡村", "扶贫"]),
    ("林草", &["林业", "草原", "林草", "森林"]),
    ("水利", &["水利", "水务", "水土保持", "水文", "河道", "河长"]),
    ("民政", &["民政", "残疾人", "残联", "老龄", "殡葬", "救助"]),
    ("财政", &["财政", "国库", "税务"]),
    ("公安", &["公安", "派出所", "交通警察", "交警"]),
    ("司法", &["司法", "法院", "检察", "政法", "公证"]),
    ("文旅体", &["文化", "旅游", "体育", "文物", "博物馆", "图书馆", "文化馆", "美术馆", "剧团", "广播电视", "广电", "电影", "展览"]),
    ("人社", &["人力资源", "社会保障", "社保", "就业", "人才", "劳动"]),
    ("自然资源", &["自然资源", "国土", "不动产", "测绘", "规划"]),
    ("生态环境", &["生态环境", "环境保护", "环保"]),
    ("住建", &["住房", "城乡建设", "住建", "建委", "城市管理", "城管", "环境卫生", "市政", "园林", "房产", "公积金", "人防", "人民防空"]),
    ("交通", &["交通", "公路", "运输", "港航", "航运", "铁路"]),
    ("市场监管", &["市场监督", "市场监管", "质量技术监督", "食品药品", "药品监督", "知识产权", "工商"]),
    ("退役军人", &["退役军人"]),
    ("民族宗教", &["民族宗教", "民宗", "宗教"]),
    ("发改", &["发展改革", "发展和改革", "发改", "价格", "能源", "粮食和物资储备"]),
    ("工信", &["工业和信息化", "经济和信息化", "经信", "工信"]),
    ("商务", &["商务", "供销", "粮食", "招商"]),
    ("科技", &["科学技术", "科技", "科协", "科普"]),
    ("统计", &["统计"]),
    ("审计", &["审计"]),
    ("气象", &["气象"]),
    // 党委、人大、政协、政府办公室与机关：综合部门。
    ("党政", &["人民政府", "政府办", "政府办公室", "机关事务", "档案", "党校", "党史", "地方志", "纪委", "监委", "纪律检查", "组织部", "宣传部", "统战", "融媒体", "文明", "行政审批", "政务服务", "信访", "人大", "政协"]),
    // 乡镇、街道与开发区管委会承担多种职能，各为一类。
    ("乡镇街道", &["镇人民政府", "乡人民政府", "镇政府", "乡政府", "街道办事处", "街道办"]),
    ("开发区", &["开发区管理委员会", "开发区管委会", "高新区管委会", "经开区管委会", "园区管理委员会"]),
];

/// The sector of a department (its printed name); [`OTHER`] when no keyword matches.
pub fn sector_of(department: &str) -> &'static str {
    // (where the keyword ends, its length in bytes, the sector): the greatest wins.
    let mut best: Option<(usize, usize, &'static str)> = None;
    for &(sector, words) in SECTORS {
        for word in words {
            if let Some(start) = department.rfind(word) {
                let found = (start + word.len(), word.len(), sector);
                if best.is_none_or(|b| (found.0, found.1) > (b.0, b.1)) {
                    best = Some(found);
                }
            }
        }
    }
    best.map_or(OTHER, |b| b.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sectors_of_real_department_names() {
        // Publishers of the test corpus and the seeds, as printed.
        let cases = [
            ("临西县应急管理局", "应急"),
            ("河北唐山南堡经济开发区应急管理局", "应急"),
            ("石家庄高新技术产业开发区应急管理局", "应急"),
            ("宣城市地震局", "应急"),
            ("武汉市青山区教育局", "教育"),
            ("临邑县师范附属小学", "教育"),
            ("湘西州民族特殊教育学校", "教育"),
            ("昌吉职业技术学院", "教育"),
            ("湖北科技学院", "教育"),
            ("银川市第六中学", "教育"),
            ("广元市昭化区卫生健康局", "卫生健康"),
            ("祁东县疾病预防控制中心", "卫生健康"),
            ("襄阳市中心医院", "卫生健康"),
            ("随州市急救中心", "卫生健康"),
            ("稷山县翟店镇卫生院", "卫生健康"),
            ("稷山县医疗保障局", "医疗保障"),
            ("岳阳县农业农村局", "农业"),
            ("永兴县畜牧兽医水产局", "农业"),
            ("原州区农技中心", "农业"),
            ("南岳区乡村振兴局", "农业"),
            ("重庆市梁平区林业局", "林草"),
            ("临沧市临翔区林业和草原局", "林草"),
            ("安溪县水利局", "水利"),
            ("海口市秀英区水务局", "水利"),
            ("大英县民政局", "民政"),
            ("六安市金安区残疾人联合会", "民政"),
            ("南岳区财政局", "财政"),
            ("黄山市公安局", "公安"),
            ("青川县司法局", "司法"),
            ("天津市河北区人民法院", "司法"),
            ("扎赉特旗人民检察院", "司法"),
            ("淮北市文化旅游体育局", "文旅体"),
            ("宁国市文化和旅游局(广播电视局)", "文旅体"),
            ("嘉峪关城市博物馆", "文旅体"),
            ("鄂州市图书馆", "文旅体"),
            ("新洲区楚剧团", "文旅体"),
            ("滁州市人力资源和社会保障局", "人社"),
            ("南宁市不动产登记中心", "自然资源"),
            ("固原市原州区自然资源局", "自然资源"),
            ("咸宁市生态环境局", "生态环境"),
            ("湘潭市环境卫生管理处", "住建"),
            ("罗湖区住房和建设局", "住建"),
            ("东莞市交通运输局", "交通"),
            ("遂宁市市场监督管理局经开区分局", "市场监管"),
            ("甘孜藏族自治州市场监督管理局", "市场监管"),
            ("保山市退役军人事务局", "退役军人"),
            ("南岳区民族宗教事务局", "民族宗教"),
            ("舒城县发展改革委", "发改"),
            ("青神县发展和改革局", "发改"),
            ("岳阳楼区价格认证鉴定中心", "发改"),
            ("保山市能源局", "发改"),
            ("衡山县商务和粮食局", "商务"),
            ("乌海市供销合作社联合社", "商务"),
            ("鄂州市科学技术馆", "科技"),
            ("武汉市青山区统计局", "统计"),
            ("亳州市气象局", "气象"),
            ("广水市人民政府办公室", "党政"),
            ("宝坻区人民政府", "党政"),
            ("广水市纪委监委", "党政"),
            ("中共黄石市委党校", "党政"),
            ("鄂州市行政审批局", "党政"),
            ("黄冈市档案馆", "党政"),
            ("西部(重庆)科学城融媒体中心", "党政"),
            ("宁乡市坝塘镇人民政府", "乡镇街道"),
            ("奉节县云雾土家族乡人民政府", "乡镇街道"),
            ("北京市海淀区人民政府学院路街道办事处", "乡镇街道"),
            ("安徽金寨经济开发区管理委员会", "开发区"),
            ("澧县食用菌研究所", OTHER),
            ("湖北工程学院", "教育"),
            ("", OTHER),
        ];
        let wrong: Vec<String> = cases
            .iter()
            .filter(|(name, sector)| sector_of(name) != *sector)
            .map(|(name, sector)| format!("{name}：应为{sector}，实为{}", sector_of(name)))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn every_sector_is_named_once() {
        let mut names: Vec<&str> = SECTORS.iter().map(|s| s.0).collect();
        names.push(OTHER);
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count);
    }
}
