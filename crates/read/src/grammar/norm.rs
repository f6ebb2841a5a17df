//! The comparison key of a short printed cell: what vocabulary lookups see.
//!
//! Documents print the same word many ways: with white space or line breaks inside
//! (`一级\n指标`), in traditional characters (`產出指標`), with pinyin left behind by a
//! converter (`指標(biāo)`), with annotations (`数量指标(必填硬性指标)`, `★★★`, `(50分)`,
//! `(≥**%)`), enumerated (`(一)数量指标:`) or in full-width forms. The key removes all of
//! that, so one vocabulary entry serves every spelling. The printed text itself is always
//! kept; only comparisons use the key.

use std::borrow::Cow;

/// Traditional characters that occur in the forms' vocabulary (levels, headers, labels,
/// units), folded to their simplified forms.
const TRADITIONAL: &[(char, char)] = &[
    ('產', '产'),
    ('標', '标'),
    ('級', '级'),
    ('數', '数'),
    ('質', '质'),
    ('時', '时'),
    ('滿', '满'),
    ('經', '经'),
    ('濟', '济'),
    ('會', '会'),
    ('態', '态'),
    ('續', '续'),
    ('響', '响'),
    ('務', '务'),
    ('對', '对'),
    ('項', '项'),
    ('稱', '称'),
    ('編', '编'),
    ('碼', '码'),
    ('預', '预'),
    ('資', '资'),
    ('額', '额'),
    ('財', '财'),
    ('撥', '拨'),
    ('績', '绩'),
    ('據', '据'),
    ('確', '确'),
    ('釋', '释'),
    ('內', '内'),
    ('計', '计'),
    ('單', '单'),
    ('號', '号'),
    ('權', '权'),
    ('實', '实'),
    ('際', '际'),
    ('進', '进'),
    ('總', '总'),
    ('體', '体'),
    ('門', '门'),
    ('評', '评'),
    ('準', '准'),
    ('備', '备'),
    ('註', '注'),
    ('說', '说'),
    ('類', '类'),
    ('運', '运'),
    ('範', '范'),
    ('圍', '围'),
    ('長', '长'),
    ('執', '执'),
    ('結', '结'),
    ('轉', '转'),
    ('當', '当'),
    ('決', '决'),
    ('護', '护'),
    ('環', '环'),
    ('獲', '获'),
    ('萬', '万'),
    ('億', '亿'),
    ('個', '个'),
    ('戶', '户'),
    ('臺', '台'),
    ('輛', '辆'),
    ('場', '场'),
    ('處', '处'),
    ('條', '条'),
    ('張', '张'),
    ('間', '间'),
    ('組', '组'),
    ('塊', '块'),
    ('點', '点'),
    ('節', '节'),
    ('頁', '页'),
    ('噸', '吨'),
    ('畝', '亩'),
    ('冊', '册'),
    ('週', '周'),
    ('達', '达'),
    ('於', '于'),
    ('規', '规'),
    ('顯', '显'),
    ('穩', '稳'),
    ('較', '较'),
    ('優', '优'),
    ('職', '职'),
    ('責', '责'),
    ('補', '补'),
    ('助', '助'),
    ('學', '学'),
    ('費', '费'),
    ('況', '况'),
    ('設', '设'),
    ('與', '与'),
    ('識', '识'),
    ('衛', '卫'),
    ('開', '开'),
    ('關', '关'),
    ('傳', '传'),
    ('訓', '训'),
    ('導', '导'),
    ('獎', '奖'),
    ('勵', '励'),
    ('構', '构'),
    ('機', '机'),
    ('報', '报'),
    ('價', '价'),
    ('負', '负'),
    ('擔', '担'),
    ('歸', '归'),
    ('屬', '属'),
    ('業', '业'),
    ('礎', '础'),
    ('災', '灾'),
    ('險', '险'),
    ('應', '应'),
    ('急', '急'),
    ('監', '监'),
    ('測', '测'),
    ('檢', '检'),
    ('查', '查'),
    ('據', '据'),
    ('義', '义'),
    ('務', '务'),
    ('創', '创'),
    ('區', '区'),
    ('縣', '县'),
    ('鄉', '乡'),
    ('鎮', '镇'),
    ('農', '农'),
    ('養', '养'),
    ('醫', '医'),
    ('療', '疗'),
    ('藥', '药'),
    ('發', '发'),
    ('動', '动'),
    ('積', '积'),
    ('極', '极'),
    ('隊', '队'),
    ('員', '员'),
    ('義', '义'),
    ('課', '课'),
    ('論', '论'),
    ('證', '证'),
    ('覆', '覆'),
    ('蓋', '盖'),
    ('圖', '图'),
    ('書', '书'),
    ('館', '馆'),
    ('廳', '厅'),
    ('辦', '办'),
    ('韓', '韩'),
    ('劃', '划'),
    ('調', '调'),
    ('整', '整'),
    ('額', '额'),
    ('餘', '余'),
    ('積', '积'),
    ('參', '参'),
    ('與', '与'),
    ('覽', '览'),
    ('觀', '观'),
    ('眾', '众'),
    ('興', '兴'),
    ('鄰', '邻'),
    ('貧', '贫'),
    ('脫', '脱'),
    ('幫', '帮'),
    ('扶', '扶'),
    ('兒', '儿'),
    ('童', '童'),
    ('婦', '妇'),
    ('聯', '联'),
    ('協', '协'),
    ('團', '团'),
    ('黨', '党'),
    ('廣', '广'),
    ('電', '电'),
    ('視', '视'),
    ('聞', '闻'),
    ('網', '网'),
    ('絡', '络'),
    ('線', '线'),
    ('車', '车'),
    ('輸', '输'),
    ('約', '约'),
    ('優', '优'),
    ('勢', '势'),
    ('節', '节'),
    ('約', '约'),
    ('費', '费'),
    ('額', '额'),
    ('過', '过'),
    ('選', '选'),
    ('填', '填'),
    ('須', '须'),
    ('必', '必'),
    ('獨', '独'),
    ('雙', '双'),
    ('廢', '废'),
    ('棄', '弃'),
    ('淨', '净'),
    ('綠', '绿'),
    ('後', '后'),
    ('來', '来'),
    ('歷', '历'),
    ('史', '史'),
    ('現', '现'),
    ('狀', '状'),
    ('態', '态'),
    ('礙', '碍'),
    ('響', '响'),
    ('見', '见'),
    ('議', '议'),
    ('論', '论'),
    ('題', '题'),
    ('問', '问'),
    ('應', '应'),
    ('專', '专'),
    ('戶', '户'),
    ('齊', '齐'),
    ('劑', '剂'),
    ('鑒', '鉴'),
    ('認', '认'),
    ('涉', '涉'),
    ('稅', '税'),
    ('銷', '销'),
    ('貨', '货'),
    ('幣', '币'),
    ('證', '证'),
    ('採', '采'),
    ('購', '购'),
    ('庫', '库'),
    ('倉', '仓'),
    ('儲', '储'),
    ('糧', '粮'),
    ('邊', '边'),
    ('驗', '验'),
    ('收', '收'),
    ('維', '维'),
    ('修', '修'),
    ('舊', '旧'),
    ('錢', '钱'),
    ('並', '并'),
    ('為', '为'),
    ('無', '无'),
    ('現', '现'),
    ('種', '种'),
    ('樣', '样'),
    ('認', '认'),
    ('營', '营'),
    ('競', '竞'),
    ('爭', '争'),
    ('風', '风'),
    ('險', '险'),
    ('數', '数'),
    ('據', '据'),
    ('萬', '万'),
    ('準', '准'),
    ('時', '时'),
    ('覆', '覆'),
    ('這', '这'),
    ('個', '个'),
    ('們', '们'),
    ('從', '从'),
    ('將', '将'),
    ('於', '于'),
    ('減', '减'),
    ('變', '变'),
    ('顧', '顾'),
    ('趨', '趋'),
    ('優', '优'),
    ('異', '异'),
    ('餐', '餐'),
    ('飲', '饮'),
    ('氣', '气'),
    ('溫', '温'),
    ('濕', '湿'),
    ('場', '场'),
];

fn fold_traditional(c: char) -> char {
    // Traditional forms are all outside ASCII and the common simplified range is
    // interleaved, so a small sorted table is searched lazily.
    static TABLE: std::sync::OnceLock<Vec<(char, char)>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = TRADITIONAL.to_vec();
        t.sort_unstable_by_key(|(a, _)| *a);
        t.dedup_by_key(|(a, _)| *a);
        t
    });
    match table.binary_search_by_key(&c, |(a, _)| *a) {
        Ok(i) => table[i].1,
        Err(_) => c,
    }
}

/// Whether `c` is a character pinyin noise is made of (`(biāo)`, `(jí)`, `(chǎn)`).
pub(super) fn is_pinyin(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ".contains(c)
}

/// Marks that flag required or core indicators and are not part of a name.
fn is_mark(c: char) -> bool {
    // `?`: what an encoding that lost characters printed between a label's (`绩????效????目????标`).
    matches!(
        c,
        '★' | '☆' | '*' | '※' | '＊' | '▲' | '△' | '●' | '◆' | '#' | '＃' | '?'
    )
}

fn fold_width(c: char) -> char {
    match c {
        '（' => '(',
        '）' => ')',
        '：' => ':',
        '【' => '[',
        '】' => ']',
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '％' => '%',
        _ => c,
    }
}

/// Whether a non-ASCII character changes under the key: a bit per character of the Basic
/// Multilingual Plane, built at compile time (every cell's characters are tested).
fn special(c: char) -> bool {
    let i = c as usize;
    i >= 65536 || SPECIAL[i / 64] & (1 << (i % 64)) != 0
}

static SPECIAL: [u64; 1024] = special_bits();

const fn special_bits() -> [u64; 1024] {
    const OTHERS: [char; 29] = [
        '\u{3000}', '\u{a0}', '★', '☆', '※', '＊', '▲', '△', '●', '◆', '＃', '（', '）', '：',
        '【', '】', '％', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '、', '０',
    ];
    let mut bits = [0u64; 1024];
    let mut k = 0;
    while k < TRADITIONAL.len() + OTHERS.len() + 10 {
        let c = if k < TRADITIONAL.len() {
            TRADITIONAL[k].0 as usize
        } else if k < TRADITIONAL.len() + OTHERS.len() {
            OTHERS[k - TRADITIONAL.len()] as usize
        } else {
            // `０`..=`９`
            '０' as usize + (k - TRADITIONAL.len() - OTHERS.len())
        };
        if c < 65536 {
            bits[c / 64] |= 1 << (c % 64);
        }
        k += 1;
    }
    bits
}

/// Drops a trailing `30分)` / `(50` / `50分` left of an annotation: a prefix of `s`.
fn strip_score_tail(s: &str) -> &str {
    let t = s.trim_end_matches([')', ']']);
    let t2 = t.trim_end_matches('分');
    let digits = t2.len()
        - t2.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
            .len();
    if digits == 0 {
        return s;
    }
    let head = &t2[..t2.len() - digits];
    let head = head.trim_end_matches('(');
    // Only after a name (`效益指标`), and only when something marked it an annotation.
    let marked = t.len() != s.len() || t2.len() != t.len() || head.len() != t2.len() - digits;
    if marked && head.chars().count() >= 2 {
        head
    } else {
        s
    }
}

/// `s` with traditional characters folded where the simplified one is as wide in UTF-8
/// (so byte offsets into `s` hold in the result).
pub fn fold_same_width(s: &str) -> String {
    s.chars().map(fold_char_same_width).collect()
}

/// [`fold_same_width`] of one character.
pub fn fold_char_same_width(c: char) -> char {
    let f = fold_traditional(c);
    if f.len_utf8() == c.len_utf8() {
        f
    } else {
        c
    }
}

/// `s` without its pinyin noise (`績(jī)效`), and for each byte offset of a character of that
/// text (and its end) the offset in `s` it came from; `None` when `s` has no pinyin group with
/// a tone mark. A position in the text maps to the start of its character in `s`, so a group
/// stays with the character it annotates.
pub fn without_pinyin_mapped(s: &str) -> Option<(String, Vec<usize>)> {
    let toned = |inner: &str| inner.chars().any(|c| !c.is_ascii());
    let mut out = String::with_capacity(s.len());
    let mut map = vec![0; s.len() + 1];
    let mut found = false;
    let mut i = 0;
    while i < s.len() {
        let c = s[i..].chars().next().expect("i is at a character");
        if c == '(' {
            if let Some(len) = s[i + 1..].find(')') {
                let inner = &s[i + 1..i + 1 + len];
                if !inner.is_empty() && inner.len() <= 12 && inner.chars().all(is_pinyin) && toned(inner) {
                    found = true;
                    i += 1 + len + 1;
                    continue;
                }
            }
        }
        map[out.len()] = i;
        out.push(c);
        i += c.len_utf8();
    }
    map[out.len()] = s.len();
    map.truncate(out.len() + 1);
    found.then_some((out, map))
}

/// `s` with traditional characters folded and pinyin noise removed, nothing else changed.
pub fn fold(s: &str) -> Cow<'_, str> {
    // Most text has nothing to fold: no traditional or full-width character, no `(`.
    if !s.chars().any(|c| c == '(' || special(c)) {
        return Cow::Borrowed(s);
    }
    // Only special characters fold (the rest would be looked up for nothing).
    let folded: String = s
        .chars()
        .map(|c| {
            if special(c) {
                fold_traditional(fold_width(c))
            } else {
                c
            }
        })
        .collect();
    let mut out = String::with_capacity(folded.len());
    let mut i = 0;
    while i < folded.len() {
        let c = folded[i..].chars().next().expect("i is at a character");
        if c == '(' {
            if let Some(len) = folded[i + 1..].find(')') {
                let inner = &folded[i + 1..i + 1 + len];
                if !inner.is_empty() && inner.chars().all(is_pinyin) {
                    i += 1 + len + 1;
                    continue;
                }
            }
        }
        out.push(c);
        i += c.len_utf8();
    }
    Cow::Owned(out)
}

/// Whether step 1 of [`key`] drops or changes `c`: white space, marks, full-width and
/// traditional forms.
fn changes(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_whitespace() || c == '\u{b}' || is_mark(c);
    }
    // Every non-ASCII character the step changes is in the `special` set, except white space.
    (special(c) || c.is_whitespace()) && {
        c.is_whitespace()
            || c == '\u{3000}'
            || c == '\u{a0}'
            || is_mark(c)
            || fold_traditional(fold_width(c)) != c
    }
}

/// The comparison key of `s` (see the module docs). Long texts are not vocabulary: callers
/// bound the length before asking.
///
/// Computed in place: the result is a slice of `s` where no character had to change (most
/// keys), else of one buffer; a key is taken for nearly every cell of a document.
pub fn key(s: &str) -> Cow<'_, str> {
    // One scan: whether the key may differ from the text at all (anything but plain CJK
    // without spaces, parentheses, marks or enumerators), where step 1 first changes a
    // character, and whether a bracket is printed (in either width).
    let (mut work, mut brackets, mut first_change) = (false, false, None);
    for (i, c) in s.char_indices() {
        let may_change = c.is_ascii() || special(c);
        if !may_change && !c.is_whitespace() {
            continue; // plain CJK, the common case
        }
        work |= may_change;
        brackets |= matches!(c, '(' | '[' | '（' | '【');
        if first_change.is_none() && changes(c) {
            first_change = Some(i);
        }
    }
    if !work {
        return Cow::Borrowed(s);
    }
    // 1. Characters: no white space, no marks, simplified and half-width forms.
    let chars: Cow<'_, str> = match first_change {
        None => Cow::Borrowed(s),
        Some(from) => {
            let mut out = String::with_capacity(s.len());
            out.push_str(&s[..from]);
            for c in s[from..].chars() {
                if !changes(c) {
                    out.push(c);
                } else if !(c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' || is_mark(c)) {
                    out.push(fold_traditional(fold_width(c)));
                }
            }
            Cow::Owned(out)
        }
    };
    // 2. Parenthesised groups: pinyin noise anywhere, annotations anywhere.
    let grouped = if brackets {
        Cow::Owned(without_groups(&chars))
    } else {
        chars
    };
    // A score annotation broken off its parenthesis (`效益指标30分)`, `产出指标(50`).
    let rest = strip_score_tail(&grouped);
    // 3. A leading enumerator and a trailing colon.
    let (rest, _) = jixiao_model::text::strip_enumerator(rest);
    let rest = rest.trim_end_matches([':', ';', '；', '。']);
    // `rest` is a slice of `grouped`: keep it without copying where possible.
    let (from, len) = (
        rest.as_ptr() as usize - grouped.as_ptr() as usize,
        rest.len(),
    );
    match grouped {
        Cow::Borrowed(b) => Cow::Borrowed(&b[from..from + len]),
        Cow::Owned(mut o) => {
            o.truncate(from + len);
            o.replace_range(..from, "");
            Cow::Owned(o)
        }
    }
}

/// Step 2 of [`key`]: `s` without pinyin groups anywhere and without parenthesised
/// annotations, except an enumerator `(一)` at the start.
fn without_groups(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let c = s[i..].chars().next().expect("i is at a character");
        if c == '(' || c == '[' {
            let close = if c == '(' { ')' } else { ']' };
            if let Some(len) = s[i + 1..].find(close) {
                let inner = &s[i + 1..i + 1 + len];
                let pinyin = !inner.is_empty() && inner.chars().all(is_pinyin);
                // `(一)` at the start is an enumerator, handled below; other groups are
                // annotations (`(必填)`, `(50分)`, `(≥**%)`, `(万元)`, `(A)`).
                let enumerator = out.is_empty()
                    && c == '('
                    && !inner.is_empty()
                    && inner.chars().all(jixiao_model::text::is_numeral);
                // `评(扣分标准)`: a group after one lone character is the rest of its word,
                // printed in brackets, not an annotation of it.
                let word_rest = !pinyin
                    && out.chars().count() == 1
                    && s[i + 1 + len + 1..].is_empty()
                    && !inner.is_empty()
                    && inner.chars().all(|c| !c.is_ascii());
                if word_rest {
                    out.push_str(inner);
                    i += 1 + len + 1;
                    continue;
                }
                if pinyin || (!enumerator && c == '(') {
                    i += 1 + len + 1;
                    // `成本指标(0-20)分`: the score's unit after its group.
                    if !pinyin && &s[i..] == "分" {
                        i += '分'.len_utf8();
                    }
                    continue;
                }
            }
        }
        out.push(c);
        i += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn keys() {
        let cases = [
            ("产出指标", "产出指标"),
            ("一级\n\n指标", "一级指标"),
            ("數量指標(biāo)", "数量指标"),
            ("產(chǎn)出指標(biāo)", "产出指标"),
            ("数量指标 (必填硬性指标)", "数量指标"),
            ("★★★受助对象满意度", "受助对象满意度"),
            ("产出指标(50分)", "产出指标"),
            ("(一) 数量指标:", "数量指标"),
            ("二、效益指标", "效益指标"),
            ("苗木成活率(≥**%)", "苗木成活率"),
            ("金额（万元）", "金额"),
            ("全年预算数(A)", "全年预算数"),
            ("*指标值", "指标值"),
            ("经济效益 指标 (选填)", "经济效益指标"),
            ("效益指标\n30分)", "效益指标"),
            ("产出指标(50", "产出指标"),
            ("满意度指标10分", "满意度指标"),
            ("成本指标(0-20)分", "成本指标"),
            ("绩?????? 效?????? 目????标", "绩效目标"),
            ("评(扣分标准)", "评扣分标准"),
        ];
        for (printed, want) in cases {
            assert_eq!(key(printed), want, "{printed:?}");
        }
    }
}
