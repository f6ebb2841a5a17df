//! A strict JSON body extractor whose every rejection is a Chinese problem: wrong media type
//! (415), body over the configured limit (413), malformed JSON, wrong types and unknown or
//! missing fields (400/422, naming the field).

use axum::body::Bytes;
use axum::extract::{FromRef, FromRequest, Request};
use axum::http::{header, StatusCode};
use serde::de::DeserializeOwned;

use crate::problem::Problem;

/// Size limits the service enforces on request bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted body (uploads included), bytes.
    pub body_bytes: usize,
}

/// `JsonBody<T>`: like `axum::Json<T>` but with Chinese problem responses.
#[derive(Debug, Clone)]
pub struct JsonBody<T>(pub T);

impl<S, T> FromRequest<S> for JsonBody<T>
where
    S: Send + Sync,
    Limits: FromRef<S>,
    T: DeserializeOwned,
{
    type Rejection = Problem;

    async fn from_request(req: Request, state: &S) -> Result<Self, Problem> {
        let limits = Limits::from_ref(state);
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                v.split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .eq_ignore_ascii_case("application/json")
            })
            .unwrap_or(false);
        if !is_json {
            return Err(Problem::unsupported_media(
                "请求体必须是 JSON，请设置 Content-Type: application/json。",
            ));
        }
        let bytes = read_body(req, state, limits).await?;
        parse_json(&bytes).map(JsonBody)
    }
}

/// Reads the whole body, turning the length-limit rejection into a Chinese 413.
pub async fn read_body<S: Send + Sync>(
    req: Request,
    state: &S,
    limits: Limits,
) -> Result<Bytes, Problem> {
    Bytes::from_request(req, state).await.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Problem::too_large(limits.body_bytes)
        } else {
            Problem::bad_request("无法读取请求体。")
        }
    })
}

/// Parses `bytes` as `T`, explaining failures in Chinese with the field path and position.
/// Every body the API takes is a JSON object; serde would otherwise accept `[..]` as a struct.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Problem> {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first.is_none() {
        return Err(Problem::bad_request("请求体为空，应为一个 JSON 对象。"));
    }
    if first != Some(&b'{') {
        let found = match serde_json::from_slice::<serde_json::Value>(bytes) {
            Err(e) => return Err(explain(String::new(), &e)),
            Ok(serde_json::Value::Array(_)) => "数组",
            Ok(serde_json::Value::String(_)) => "字符串",
            Ok(serde_json::Value::Number(_)) => "数字",
            Ok(serde_json::Value::Bool(_)) => "布尔值",
            Ok(_) => "null",
        };
        return Err(Problem::unprocessable(format!(
            "请求体应为 JSON 对象，实际为{found}。"
        )));
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| explain(e.path().to_string(), e.inner()))?;
    de.end().map_err(|e| explain(String::new(), &e))?;
    Ok(value)
}

fn explain(path: String, e: &serde_json::Error) -> Problem {
    use serde_json::error::Category;
    let place = format!("第{}行第{}列", e.line(), e.column());
    match e.classify() {
        Category::Syntax | Category::Eof => {
            Problem::bad_request(format!("JSON 格式错误（{place}）：{}", syntax_reason(e)))
        }
        Category::Data => {
            let field = if path.is_empty() || path == "." {
                String::new()
            } else {
                format!("字段“{path}”")
            };
            Problem::unprocessable(format!(
                "{}（{place}）",
                data_reason(&field, &e.to_string())
            ))
        }
        Category::Io => Problem::bad_request("无法读取请求体。"),
    }
}

fn syntax_reason(e: &serde_json::Error) -> &'static str {
    let msg = e.to_string();
    if e.classify() == serde_json::error::Category::Eof {
        "内容不完整"
    } else if msg.starts_with("trailing characters") {
        "JSON 之后还有多余字符"
    } else if msg.starts_with("expected value") {
        "此处应为一个值"
    } else {
        "无法解析"
    }
}

/// Translates serde's English data errors; `field` names where (may be empty).
fn data_reason(field: &str, msg: &str) -> String {
    let msg = msg.split(" at line ").next().unwrap_or(msg);
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let name = rest.split('`').next().unwrap_or("");
        let allowed: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        let allowed = if allowed.is_empty() {
            String::new()
        } else {
            format!("，可用字段：{}", allowed.join("、"))
        };
        return format!("未知字段“{name}”{allowed}");
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or("");
        return format!("缺少必填字段“{name}”");
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "{field}类型错误：应为{}，实际为{}",
            kind_name(expected),
            kind_name(found)
        );
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `") {
        let name = rest.split('`').next().unwrap_or("");
        let allowed: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        return format!("{field}取值“{name}”无效，可用取值：{}", allowed.join("、"));
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "{field}取值无效：应为{}，实际为{}",
            kind_name(expected),
            kind_name(found)
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid length ") {
        return format!("{field}长度无效（{rest}）");
    }
    format!("{field}内容无效（{msg}）")
}

/// Names a serde type description (`a string`, `i64`, `integer \`5\``) in Chinese.
fn kind_name(serde_kind: &str) -> String {
    let k = serde_kind.trim();
    let head = k
        .split([' ', '`', '"'])
        .find(|w| !w.is_empty() && *w != "a" && *w != "an")
        .unwrap_or(k);
    let name = match head {
        "string" | "str" | "char" => "字符串",
        "integer" | "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize"
        | "isize" => "整数",
        "floating" | "f32" | "f64" => "数字",
        "boolean" | "bool" => "布尔值",
        "null" | "unit" => "null",
        "sequence" | "tuple" | "array" => "数组",
        "map" | "struct" => "对象",
        "decimal" | "Decimal" => "数值",
        "option" => "可选值",
        "enum" | "variant" => "枚举值",
        _ => return k.to_string(),
    };
    let literal = k
        .split_once(' ')
        .map(|(_, v)| v.trim())
        .filter(|v| v.starts_with('`') || v.starts_with('"'));
    match literal {
        Some(v) if name != "对象" => format!("{name} {v}"),
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Edit {
        name: String,
        version: i64,
        #[serde(default)]
        tags: Vec<String>,
    }

    fn detail(body: &str) -> (u16, String) {
        let p = parse_json::<Edit>(body.as_bytes()).unwrap_err();
        (p.status.as_u16(), p.detail)
    }

    #[test]
    fn good_body_parses() {
        let e: Edit = parse_json(br#"{"name":"x","version":2}"#).unwrap();
        assert_eq!(
            e,
            Edit {
                name: "x".into(),
                version: 2,
                tags: vec![]
            }
        );
    }

    #[test]
    fn every_bad_body_is_explained_in_chinese() {
        let cases = [
            (
                r#"{"name":"x","#,
                400,
                "JSON 格式错误（第1行第12列）：内容不完整",
            ),
            (
                r#"{"name":"x","version":1} x"#,
                400,
                "JSON 格式错误（第1行第26列）：JSON 之后还有多余字符",
            ),
            (
                r#"{"name":,}"#,
                400,
                "JSON 格式错误（第1行第9列）：此处应为一个值",
            ),
            (
                r#"{"name":"x","version":"2"}"#,
                422,
                "字段“version”类型错误：应为整数，实际为字符串 \"2\"（第1行第25列）",
            ),
            (
                r#"{"name":"x","version":1,"colour":1}"#,
                422,
                "未知字段“colour”，可用字段：name、version、tags（第1行第32列）",
            ),
            (
                r#"{"name":"x"}"#,
                422,
                "缺少必填字段“version”（第1行第12列）",
            ),
            (
                r#"{"name":"x","version":1,"tags":[1]}"#,
                422,
                "字段“tags[0]”类型错误：应为字符串，实际为整数 `1`（第1行第33列）",
            ),
            (r#"[1]"#, 422, "请求体应为 JSON 对象，实际为数组。"),
            (" ", 400, "请求体为空，应为一个 JSON 对象。"),
        ];
        for (body, status, expected) in cases {
            assert_eq!(detail(body), (status, expected.to_string()), "body {body}");
        }
    }
}
