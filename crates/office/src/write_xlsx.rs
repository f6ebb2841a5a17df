pub fn write_xlsx(_d: &jixiao_model::Document) -> Vec<u8> { Vec::new() }
