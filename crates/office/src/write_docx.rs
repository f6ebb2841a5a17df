pub fn write_docx(_d: &jixiao_model::Document) -> Vec<u8> { Vec::new() }
